/**
 * HTML character references in feed text (lib/text.ts): the names feeds use, and numeric ones.
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
export const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,15});/iy;

export function decodeReference(whole: string, ref: string): string {
  if (ref[0] === '#')
    return characterOf(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
  return namedCharacter(ref) ?? whole;
}

/** A numeric reference's character; nothing for a surrogate, 0 or beyond Unicode. */
function characterOf(code: number): string {
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
}

/** A named reference's character; undefined for a name not known (the reference stays as written). */
function namedCharacter(name: string): string | undefined {
  // Own keys only: `&constructor;` would otherwise decode to the text of a function.
  return Object.hasOwn(NAMED_ENTITIES, name) ? NAMED_ENTITIES[name] : undefined;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

/** The value of a hex digit, -1 for anything else. */
function hexValue(code: number): number {
  if (isDigit(code)) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/**
 * Where the reference `ENTITY` would match at `amp` ends (after its `;`), or -1 when it would not
 * match: the same test by hand, without a match array for every `&` of a description.
 */
export function referenceEnd(text: string, amp: number): number {
  let at = amp + 1;
  if (text.charCodeAt(at) === 0x23 /* # */) {
    const hex = (text.charCodeAt(at + 1) | 0x20) === 0x78; /* x or X */
    const start = hex ? at + 2 : at + 1;
    at = start;
    if (hex) while (hexValue(text.charCodeAt(at)) >= 0) at++;
    else while (isDigit(text.charCodeAt(at))) at++;
    if (at === start || at - start > (hex ? 6 : 7)) return -1;
  } else {
    if (!isLetter(text.charCodeAt(at))) return -1;
    at++;
    while (isLetter(text.charCodeAt(at)) || isDigit(text.charCodeAt(at))) at++;
    if (at - amp - 1 < 2 || at - amp - 1 > 16) return -1;
  }
  return text.charCodeAt(at) === 0x3b /* ; */ ? at + 1 : -1;
}

/** `decodeReference` for the reference from `amp` to `end` (`referenceEnd`), without slicing numbers. */
export function decodeReferenceAt(text: string, amp: number, end: number): string {
  if (text.charCodeAt(amp + 1) !== 0x23) return namedCharacter(text.slice(amp + 1, end - 1)) ?? text.slice(amp, end);
  const hex = (text.charCodeAt(amp + 2) | 0x20) === 0x78;
  let code = 0;
  for (let at = hex ? amp + 3 : amp + 2; at < end - 1; at++) {
    const c = text.charCodeAt(at);
    code = hex ? code * 16 + hexValue(c) : code * 10 + (c - 0x30);
  }
  return characterOf(code);
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
