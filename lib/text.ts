/**
 * Text helpers for feed content. Feed descriptions decode to a mix of Markdown, HTML fragments
 * and plain text; Aftertalk shows them as text only, so markup is reduced to its words here and
 * nothing downstream ever treats a feed string as HTML.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  hellip: '…', laquo: '«', raquo: '»', bdquo: '„', ldquo: '“', rdquo: '”', lsquo: '‘',
  rsquo: '’', shy: '', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü',
  szlig: 'ß', eacute: 'é', egrave: 'è', copy: '©', reg: '®', euro: '€', middot: '·', bull: '•',
};

/** Decodes one level of HTML character references; unknown names are left as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,15});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

// Bidi overrides/isolates and zero-width characters let a title pretend to be something else.
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, '');
}

/** One line of text: no markup, no control characters, single spaces. */
export function cleanInline(text: string, maxLength = 1000): string {
  return truncate(stripInvisible(decodeEntities(text.replace(/<[^>]*>/g, ' '))).replace(/\s+/g, ' ').trim(), maxLength);
}

/** Multi-line plain text from an HTML/Markdown fragment; keeps paragraph breaks. */
export function htmlToPlainText(html: string, maxLength = 8000): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr|blockquote)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  const lines = stripInvisible(decodeEntities(text))
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim());
  return truncate(lines.join('\n').replace(/\n{3,}/g, '\n\n').trim(), maxLength);
}

export function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).trimEnd()}…`;
}

/** Lower-case, accent-free words for search: "Müller's Ruby-Talk" -> ["muller", "s", "ruby", "talk"]. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && word.length <= 40);
}
