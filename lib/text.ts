/**
 * Text helpers for feed content. Feed descriptions decode to a mix of Markdown, HTML fragments
 * and plain text; Aftertalk shows them as text only, so markup is reduced to its words here and
 * nothing downstream ever treats a feed string as HTML.
 */
import { decodeEntities, decodeReferenceAt, referenceEnd } from './entities';

export { decodeEntities };

// Bidi marks, overrides and isolates, zero-width and other invisible characters (soft hyphen,
// Hangul fillers, interlinear annotations, Unicode tag characters) let a title pretend to be
// something else, or hide text.
const INVISIBLE_CONTROLS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

/**
 * Any character outside a set of plainly visible ones (ASCII, Latin-1 but the soft hyphen, the
 * alphabets up to Hebrew, general punctuation but its invisible marks, currency signs): a text
 * without one has nothing for `INVISIBLE_CONTROLS`, whose alternation makes it a slow scan.
 */
const NOT_PLAINLY_VISIBLE = /[^\t\n\r\x20-\x7e\u00a0-\u00ac\u00ae-\u05ff\u2010-\u2027\u2030-\u205e\u20a0-\u20cf]/;

export function stripInvisible(text: string): string {
  return NOT_PLAINLY_VISIBLE.test(text) ? text.replace(INVISIBLE_CONTROLS, '') : text;
}

/**
 * One line of text a web page gave (already text, not markup: a schedule page's title, speaker,
 * event): invisible and bidi characters dropped as in feed text, runs of space made one. Entities
 * and `<` stay as they are, since the page's text says them literally.
 */
export function cleanPageLine(text: string): string {
  return stripInvisible(text).replace(/\s+/g, ' ').trim();
}

/**
 * How much of a raw field is looked at, for an output of `maxLength`: generous for markup and
 * entities, yet a 1 MB title costs no more than a normal one.
 */
function rawLimit(maxLength: number): number {
  return maxLength * 16 + 4096;
}

/** The first `limit` characters, without a tag or entity the cut went through. */
function cutRaw(html: string, limit: number): string {
  const head = html.slice(0, limit);
  const lt = head.lastIndexOf('<');
  const cut = lt > head.lastIndexOf('>') ? head.slice(0, lt) : head;
  return cut.replace(/&#?[a-z0-9]*$/i, '');
}

const SCRIPT_OR_STYLE = /<(script|style)\b/gi;
const CLOSING = { script: /<\/script\s*>/gi, style: /<\/style\s*>/gi };

/**
 * Removes `<script>`/`<style>` elements with their content in one pass (an unclosed one runs to
 * the end, as in a browser). Linear: every search starts where the previous one ended.
 */
function dropScriptsAndStyles(html: string): string {
  // Nearly no description has either: two searches for a literal are cheaper than the pattern's.
  if (html.indexOf('<s') === -1 && html.indexOf('<S') === -1) return html;
  let out = '';
  let from = 0;
  SCRIPT_OR_STYLE.lastIndex = 0;
  for (let match = SCRIPT_OR_STYLE.exec(html); match; match = SCRIPT_OR_STYLE.exec(html)) {
    out += `${html.slice(from, match.index)} `;
    const close = CLOSING[match[1]!.toLowerCase() as keyof typeof CLOSING];
    close.lastIndex = SCRIPT_OR_STYLE.lastIndex;
    if (!close.exec(html)) return out;
    from = close.lastIndex;
    SCRIPT_OR_STYLE.lastIndex = from;
  }
  return out + html.slice(from);
}

/**
 * What reads as markup: comments (an unclosed one runs to the end), tags (`<` then a letter,
 * `/`, `!` or `?`, up to `>`), and what is left of a tag that never closes (`<img src=x` loses
 * `<img`, so no tag can start there). `a < b` and `I <3 it` are text. All three are linear:
 * none can backtrack over a long run of `<`.
 */
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TAG = /<[a-zA-Z/!?][^<>]*>/g;
const TAG_OPENER = /<[a-zA-Z/!?][^\s<>]*/g;

function stripTags(html: string): string {
  // Most feed text has no markup left at some stage: the regexes would each scan it for nothing.
  if (html.indexOf('<') === -1) return html;
  return html.replace(COMMENT, ' ').replace(TAG, ' ').replace(TAG_OPENER, ' ');
}

/** Line breaks for `<br>` and the ends of block elements, then no markup. */
function blocksToLines(html: string): string {
  if (html.indexOf('<') === -1) return html;
  return stripTags(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|h[1-6]|tr|blockquote)\s*>/gi, '\n'));
}

/**
 * Markup is removed before and again after entities are decoded (multi-line text also loses
 * what is inside `<script>`/`<style>`; one-line text keeps those words): the feed's text arrives
 * escaped once more than its markup (`&amp;lt;script&amp;gt;`), and nothing that reads like a
 * tag may survive into a stored string.
 */
function toText(html: string, maxLength: number, lines: boolean): string {
  const raw = html.length > rawLimit(maxLength) ? cutRaw(html, rawLimit(maxLength)) : html;
  const decoded = stripInvisible(decodeEntities(lines ? blocksToLines(dropScriptsAndStyles(raw)) : stripTags(raw)));
  return lines ? blocksToLines(decoded) : stripTags(decoded);
}

/**
 * A run of whitespace other than one plain space: what becomes one space. `\s+` would also
 * replace every single space by itself, which cost more than the rest of a title's cleaning.
 */
const SPACES = / \s+|[^\S ]\s*/g;

/** One line of text: no markup, no control characters, single spaces. */
export function cleanInline(text: string, maxLength = 1000): string {
  return scanText(text, maxLength, false) ?? cleanInlineByPatterns(text, maxLength);
}

/** `cleanInline` the general way, pass by pass: what `scanText` must give, and what it leaves to. */
export function cleanInlineByPatterns(text: string, maxLength = 1000): string {
  return truncate(toText(text, maxLength, false).replace(SPACES, ' ').trim(), maxLength);
}

/** A run of spaces, tabs, form feeds and no-break spaces other than one plain space. */
const SPACE_RUN = / [ \t\f\v\u00a0]+|[\t\f\v\u00a0][ \t\f\v\u00a0]*/g;
/** A line break with a space before or after it (at most one each: runs are one space by then). */
const SPACE_AT_LINE_END = / \n ?|\n /g;

/** Whitespace other than a line feed and a plain space. */
const OTHER_SPACE = /[^\S\n ]/;

/** Multi-line plain text from an HTML/Markdown fragment; keeps paragraph breaks. */
export function htmlToPlainText(html: string, maxLength = 8000): string {
  return scanText(html, maxLength, true) ?? htmlToPlainTextByPatterns(html, maxLength);
}

/** `htmlToPlainText` the general way, pass by pass: what `scanText` must give, and what it leaves to. */
export function htmlToPlainTextByPatterns(html: string, maxLength = 8000): string {
  // Each line's runs of spaces become one, and each line is trimmed: on the whole text at once,
  // which is several times faster than line by line for descriptions of hundreds of lines.
  // The patterns match only what changes (not a lone ' ', not a '\n' without a space beside it):
  // replacing every space and line break by itself was most of a description's cleaning time.
  const spaced = toText(html, maxLength, true).replace(SPACE_RUN, ' ');
  // After that, space at a line end is one ' ' unless a rarer kind (U+2003, U+3000, …) is left.
  const text = OTHER_SPACE.test(spaced)
    ? spaced.replace(/[^\S\n]*\n[^\S\n]*/g, '\n')
    : spaced.replace(SPACE_AT_LINE_END, '\n');
  return truncate(text.replace(/\n{3,}/g, '\n\n').trim(), maxLength);
}

/** At most `maxLength` UTF-16 units, ending in `…` when cut; never half of a surrogate pair. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = maxLength - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** Lower-case, accent-free words for search: "Müller's Ruby-Talk" -> ["muller", "s", "ruby", "talk"]. */
export function searchWords(text: string): string[] {
  // ASCII has nothing to decompose and no letters beyond a-z: the same words, several times faster
  // (every talk of a 30,000-talk import passes here).
  const words = ONLY_ASCII.test(text)
    ? text.toLowerCase().split(/[^a-z0-9]+/)
    : text
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u);
  return words.filter((word) => word.length > 0 && word.length <= 40);
}

/** Text of ASCII characters only. */
export const ONLY_ASCII = /^[\x00-\x7f]*$/;

// ---------------------------------------------------------------------------------------------
// The same in one pass, for text of the usual shape

/** What `scanText` does with a UTF-16 code unit (`KIND`). */
const PLAIN = 0;
/** ' ', tab, no-break space: part of a run that becomes one space (or goes, beside a line break). */
const SPACE = 1;
const NEWLINE = 2;
/** An invisible character `INVISIBLE_CONTROLS` drops (\v and \f among them). */
const DROP = 3;
const AMP = 4;
const LT = 5;
/** Other whitespace (\r, U+2028, U+3000, …): a space in one line; in many, left to the patterns. */
const RARE_SPACE = 6;
/** U+DB40, the first half of a Unicode tag character: left to the patterns. */
const TAG_LEAD = 7;

const KIND = (() => {
  const kind = new Uint8Array(0x10000);
  const set = (value: number, from: number, to = from) => kind.fill(value, from, to + 1);
  for (const [from, to] of [
    [0x00, 0x1f],
    [0x7f, 0x7f],
    [0xad, 0xad],
    [0x61c, 0x61c],
    [0x115f, 0x1160],
    [0x180e, 0x180e],
    [0x200b, 0x200f],
    [0x202a, 0x202e],
    [0x2060, 0x2064],
    [0x2066, 0x206f],
    [0x3164, 0x3164],
    [0xfeff, 0xfeff],
    [0xffa0, 0xffa0],
    [0xfff9, 0xfffb],
  ] as const)
    set(DROP, from, to);
  for (const [from, to] of [
    [0x0d, 0x0d],
    [0x1680, 0x1680],
    [0x2000, 0x200a],
    [0x2028, 0x2029],
    [0x202f, 0x202f],
    [0x205f, 0x205f],
    [0x3000, 0x3000],
  ] as const)
    set(RARE_SPACE, from, to);
  set(SPACE, 0x09);
  set(SPACE, 0x20);
  set(SPACE, 0xa0);
  set(NEWLINE, 0x0a);
  set(AMP, 0x26);
  set(LT, 0x3c);
  set(TAG_LEAD, 0xdb40);
  return kind;
})();

/** `<br>` or the end of a block element at `lastIndex` (sticky), as `blocksToLines` finds them. */
const LINE_BREAK_TAG = /<(?:br\s*\/?|\/(?:p|div|li|h[1-6]|tr|blockquote)\s*)>/iy;
const SCRIPT_OR_STYLE_AT = /<(?:script|style)/iy;
/** What a run of whitespace becomes: nothing, one space, one line break, a paragraph break. */
const GAPS = ['', ' ', '\n', '\n\n'];

/** A `<` that is text in every pass: what follows it can never start a tag, not even once decoded. */
function isTextAfterLt(code: number): boolean {
  return code === -1 || code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code < 0x7f);
}

/**
 * `cleanInline` (`lines` false) and `htmlToPlainText` (`lines` true) in one pass over the text,
 * instead of a dozen: every description of a sync passes here. It handles the text feeds really
 * have (tags that close before the next `<`, character references, the usual whitespace) and
 * returns null for anything whose reading depends on the order of the passes, which then read it:
 * a comment or `<!…>`/`<?…>`, a tag that does not close before the next `<`, a `<` before `&` or
 * before a character outside ASCII, a reference that decodes to `<` or U+DB40, `<script`/`<style`
 * or rare whitespace in multi-line text, U+DB40, or a text longer than the passes would look at.
 * tests/unit/text.test.ts holds it to the passes on text made of what each of them treats apart.
 */
export function scanText(text: string, maxLength: number, lines: boolean): string | null {
  const n = text.length;
  if (n > rawLimit(maxLength)) return null;
  const parts: string[] = [];
  // Locals, not the module's constants, in the loop: those are read (and checked for being
  // initialised) at every use, a third of the loop's time.
  const kinds = KIND;
  const plain = PLAIN;
  /** Whitespace waiting for the next visible character: an index into `GAPS`, or -1 before any. */
  let gap = -1;
  let i = 0;
  while (i < n) {
    let code = text.charCodeAt(i);
    const kind = kinds[code]!;
    let piece: string;
    if (kind === plain) {
      // Plain characters with single spaces between them stay as they are: one slice.
      const start = i++;
      while (i < n) {
        code = text.charCodeAt(i);
        if (kinds[code] === plain) i++;
        else if (code === 0x20 && i + 1 < n && kinds[text.charCodeAt(i + 1)] === plain) i += 2;
        else if (code === 0x0a && lines) {
          // So do a line break and a paragraph break between them, in many lines.
          const after = text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
          if (after < n && kinds[text.charCodeAt(after)] === plain) i = after + 1;
          else break;
        } else break;
      }
      piece = text.slice(start, i);
    } else if (kind === SPACE || (kind === RARE_SPACE && !lines) || (kind === NEWLINE && !lines)) {
      if (gap === 0) gap = 1;
      i++;
      continue;
    } else if (kind === NEWLINE) {
      if (gap >= 0) gap = gap >= 2 ? 3 : 2;
      i++;
      continue;
    } else if (kind === DROP) {
      i++;
      continue;
    } else if (kind === AMP) {
      const end = referenceEnd(text, i);
      if (end === -1) {
        piece = '&';
        i++;
      } else {
        piece = decodeReferenceAt(text, i, end);
        i = end;
        // Decoded once: what a reference gives is text (`&amp;lt;` is `&lt;`), but whitespace and
        // invisible characters count as if they had been there.
        for (let j = 0; j < piece.length; j++) {
          const k = KIND[piece.charCodeAt(j)];
          if (k !== PLAIN && k !== AMP) {
            const rest = decodedPieces(piece, lines, parts, gap);
            if (rest === null) return null;
            gap = rest;
            piece = '';
            break;
          }
        }
        if (!piece) continue;
      }
    } else if (kind === LT) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
      if (next === 0x2f || ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a)) {
        // A tag: up to the first `>`, with no `<` before it.
        const close = text.indexOf('>', i + 2);
        if (close === -1 || text.lastIndexOf('<', close) !== i) return null;
        let breaks = false;
        if (lines) {
          // Each pattern only where it can match: most tags are neither.
          const lower = next | 0x20;
          SCRIPT_OR_STYLE_AT.lastIndex = i;
          if (lower === 0x73 /* s */ && SCRIPT_OR_STYLE_AT.test(text)) return null;
          LINE_BREAK_TAG.lastIndex = i;
          breaks = (lower === 0x62 /* b */ || next === 0x2f) && LINE_BREAK_TAG.test(text);
        }
        if (breaks) {
          if (gap >= 0) gap = gap >= 2 ? 3 : 2;
        } else if (gap === 0) gap = 1;
        i = close + 1;
        continue;
      }
      if (!isTextAfterLt(next) || next === 0x21 || next === 0x3f || next === 0x26) return null;
      piece = '<';
      i++;
    } else return null;
    if (gap > 0) parts.push(GAPS[gap]!);
    gap = 0;
    parts.push(piece);
  }
  return truncate(parts.length === 1 ? parts[0]! : parts.join(''), maxLength);
}

/** `scanText` for a decoded reference with whitespace or invisible characters in it: the new gap, or null. */
function decodedPieces(decoded: string, lines: boolean, parts: string[], gap: number): number | null {
  for (let j = 0; j < decoded.length; j++) {
    const k = KIND[decoded.charCodeAt(j)];
    if (k === PLAIN || k === AMP) {
      if (gap > 0) parts.push(GAPS[gap]!);
      gap = 0;
      parts.push(decoded[j]!);
    } else if (k === SPACE || (k === RARE_SPACE && !lines) || (k === NEWLINE && !lines)) {
      if (gap === 0) gap = 1;
    } else if (k === NEWLINE) {
      if (gap >= 0) gap = gap >= 2 ? 3 : 2;
    } else if (k !== DROP) return null;
  }
  return gap;
}
