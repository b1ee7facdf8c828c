/**
 * Text helpers for feed content. Feed descriptions decode to a mix of Markdown, HTML fragments
 * and plain text; Aftertalk shows them as text only, so markup is reduced to its words here and
 * nothing downstream ever treats a feed string as HTML.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  shy: '',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  copy: '©',
  reg: '®',
  euro: '€',
  middot: '·',
  bull: '•',
};

/** One character reference at `lastIndex` (sticky): `&#x…;`, `&#…;` or a name, as browsers spell them. */
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,15});/iy;

function decodeReference(whole: string, ref: string): string {
  if (ref[0] === '#') {
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
  }
  // Own keys only: `&constructor;` would otherwise decode to the text of a function.
  return Object.hasOwn(NAMED_ENTITIES, ref) ? NAMED_ENTITIES[ref]! : whole;
}

/**
 * Decodes one level of HTML character references; unknown names are left as they are. A sticky
 * match at each `&` instead of `replace` with a callback: the same matches left to right, about
 * twice as fast on feed descriptions (every description of a full sync passes here).
 */
export function decodeEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    ENTITY.lastIndex = amp;
    const match = ENTITY.exec(text);
    if (match) {
      out += text.slice(from, amp) + decodeReference(match[0], match[1]!);
      from = ENTITY.lastIndex;
      amp = text.indexOf('&', from);
    } else amp = text.indexOf('&', amp + 1);
  }
  return out + text.slice(from);
}

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
