/**
 * A fast reader for the one shape feed items really have: `<item>` holding flat elements with
 * escaped text (`<title>…</title>`, `<enclosure url="…"/>`, `<dc:identifier>…</dc:identifier>`).
 *
 * fast-xml-parser builds a tree for any XML and its validator walks the text a second time;
 * together they were most of a full import (20,000 items: about 4 s of a 6 s read in Node).
 * This reader scans an item with `indexOf` and accepts only a narrow, strictly well-formed
 * subset of XML, returning exactly what fast-xml-parser (with lib/poll/feed/parse.ts's options)
 * returns for it. Anything outside that subset (nested markup, CDATA, comments, processing
 * instructions, named entities beyond XML's five, a stray `&`, `]]>`, odd names) returns null, and the caller hands that item to fast-xml-parser as before: a
 * surprising item costs time, never correctness. tests/unit/poll/feed/item-reader.test.ts compares
 * both readers on fixtures, the bad-feed corpus and generated items.
 */
import type { RawItem } from './parse';

/** XML whitespace: space, tab, line feed (carriage returns became line feeds before). */
function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a;
}

function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

/** ASCII letters, digits, `_ . : -`: every name the feed uses; anything else goes the slow way. */
function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x3a || code === 0x2d;
}

/**
 * Names that would reach an object's prototype machinery if used as keys, and those
 * fast-xml-parser renames (`toString` becomes `__toString`): items with them go the slow way,
 * so both readers agree.
 */
const UNSAFE_NAMES = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** End of the name starting at `from` (exclusive), or -1 when no name starts there. */
function nameEnd(text: string, from: number, limit: number): number {
  if (from >= limit || !isNameStart(text.charCodeAt(from))) return -1;
  let end = from + 1;
  while (end < limit && isNameChar(text.charCodeAt(end))) end++;
  return end;
}

/** A character XML allows, so fast-xml-parser decodes its reference the same way. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** `&lt;` and friends: the only named references the fast reader resolves. */
function xmlEntity(text: string, from: number, to: number): string | null {
  // By character, not by a slice of the name: a description has dozens of them.
  const a = text.charCodeAt(from);
  const b = text.charCodeAt(from + 1);
  switch (to - from) {
    case 2:
      if (b !== 0x74 /* t */) return null;
      return a === 0x6c /* l */ ? '<' : a === 0x67 /* g */ ? '>' : null;
    case 3:
      return a === 0x61 && b === 0x6d && text.charCodeAt(from + 2) === 0x70 /* amp */ ? '&' : null;
    case 4: {
      const c = text.charCodeAt(from + 2);
      const d = text.charCodeAt(from + 3);
      if (a === 0x71 && b === 0x75 && c === 0x6f && d === 0x74 /* quot */) return '"';
      return a === 0x61 && b === 0x70 && c === 0x6f && d === 0x73 /* apos */ ? "'" : null;
    }
    default:
      return null;
  }
}

/** `&#…;` / `&#x…;` between `from` (after `#`) and `to` (the `;`), or null. */
function numericReference(text: string, from: number, to: number): string | null {
  const hex = text.charCodeAt(from) === 0x78; /* x, lower-case only */
  const start = hex ? from + 1 : from;
  const digits = to - start;
  if (digits < 1 || digits > (hex ? 6 : 7)) return null;
  let code = 0;
  for (let i = start; i < to; i++) {
    const c = text.charCodeAt(i);
    let digit: number;
    if (c >= 0x30 && c <= 0x39) digit = c - 0x30;
    else if (hex && c >= 0x61 && c <= 0x66) digit = c - 0x57;
    else if (hex && c >= 0x41 && c <= 0x46) digit = c - 0x37;
    else return null;
    code = code * (hex ? 16 : 10) + digit;
  }
  return isXmlChar(code) ? String.fromCodePoint(code) : null;
}

/**
 * Trims, then resolves references, as fast-xml-parser does (in that order: `&#32;x` keeps its
 * space), in one pass so `&amp;lt;` stays `&lt;`. Null for anything but XML's five entities and
 * numeric references to allowed characters, and for a `&` that starts no reference.
 */
function decodeValue(raw: string): string | null {
  const value = raw.trim();
  let amp = value.indexOf('&');
  if (amp === -1) return value;
  // Pieces joined once: `+=` left a rope of hundreds of slices for a description, which the
  // first search in the normaliser then had to flatten, at several times the cost of a join.
  const out: string[] = [];
  let from = 0;
  while (amp !== -1) {
    const semi = value.indexOf(';', amp + 1);
    // The longest reference taken is `&#1114111;` (10 characters).
    if (semi === -1 || semi - amp > 9) return null;
    const decoded =
      value.charCodeAt(amp + 1) === 0x23 /* # */
        ? numericReference(value, amp + 2, semi)
        : xmlEntity(value, amp + 1, semi);
    if (decoded === null) return null;
    out.push(value.slice(from, amp), decoded);
    from = semi + 1;
    amp = value.indexOf('&', from);
  }
  out.push(value.slice(from));
  return out.join('');
}

/** Attribute names read before (`url`, `length`, `type`, `href`, …) and their `@_name` keys. */
const KNOWN_ATTRIBUTES: string[] = [];
const KNOWN_KEYS: string[] = [];
const MAX_KNOWN_ATTRIBUTES = 16;

/**
 * The key `@_name` for the attribute name `text[from, to)`, or null for a name that must go the
 * slow way. A name read before gives the same key string again: neither a slice nor a new key
 * to look up in the item, for the five attributes of every item.
 */
function attributeKey(text: string, from: number, to: number): string | null {
  for (let i = 0; i < KNOWN_ATTRIBUTES.length; i++) {
    const known = KNOWN_ATTRIBUTES[i]!;
    if (known.length === to - from && isAt(text, from, known)) return KNOWN_KEYS[i]!;
  }
  const name = text.slice(from, to);
  if (UNSAFE_NAMES.has(name)) return null;
  const key = `@_${name}`;
  if (KNOWN_ATTRIBUTES.length < MAX_KNOWN_ATTRIBUTES) {
    KNOWN_ATTRIBUTES.push(name);
    KNOWN_KEYS.push(key);
  }
  return key;
}

/**
 * Reads `name="value"` pairs in `text[from, to)` into `into` as `@_name` keys. False when the
 * section is not a plain list of uniquely named, quoted attributes.
 */
function readAttributes(text: string, from: number, to: number, into: Record<string, unknown>): boolean {
  let pos = from;
  for (;;) {
    const before = pos;
    while (pos < to && isXmlSpace(text.charCodeAt(pos))) pos++;
    if (pos >= to) return true;
    // Attributes are separated from the name and from each other by whitespace.
    if (pos === before) return false;
    const end = nameEnd(text, pos, to);
    if (end === -1) return false;
    const key = attributeKey(text, pos, end);
    if (key === null) return false;
    pos = end;
    while (pos < to && isXmlSpace(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) !== 0x3d /* = */) return false;
    pos++;
    while (pos < to && isXmlSpace(text.charCodeAt(pos))) pos++;
    const quote = text.charCodeAt(pos);
    if (quote !== 0x22 && quote !== 0x27) return false;
    const close = text.indexOf(quote === 0x22 ? '"' : "'", pos + 1);
    if (close === -1 || close >= to) return false;
    const raw = text.slice(pos + 1, close);
    if (raw.indexOf('<') !== -1) return false;
    const value = decodeValue(raw);
    if (value === null || key in into) return false;
    into[key] = value;
    pos = close + 1;
  }
}

/**
 * `text.startsWith(name, at)` for the short names of elements and attributes, by character: the
 * call to the built-in cost more than the comparison, three times for every element.
 */
function isAt(text: string, at: number, name: string): boolean {
  if (at + name.length > text.length) return false;
  for (let i = 0; i < name.length; i++) if (text.charCodeAt(at + i) !== name.charCodeAt(i)) return false;
  return true;
}

/** True when `text[from, to)` is XML whitespace only. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isXmlSpace(text.charCodeAt(i))) return false;
  return true;
}

function addChild(item: RawItem, name: string, value: unknown): void {
  // Own keys: an element named `toString` or `valueOf` is a new field, not the prototype's.
  if (!Object.hasOwn(item, name)) item[name] = value;
  else if (Array.isArray(item[name])) (item[name] as unknown[]).push(value);
  else item[name] = [item[name], value];
}

const ITEM_CLOSE = '</item>';
/** Element names by position in the last items read (names only: checked, and never a value). */
const KNOWN_NAMES: string[] = [];
const MAX_KNOWN_NAMES = 64;
/** Element text longer than this is compared with the item's last long text before it is decoded. */
const REPEAT_MIN = 64;

/**
 * One `<item>…</item>` chunk (lib/poll/feed/item-chunks.ts) as fast-xml-parser would return it, or
 * null when the item is outside the subset this reader accepts.
 */
export function readSimpleItem(source: string): RawItem | null {
  if (!source.startsWith('<item') || !source.endsWith(ITEM_CLOSE) || source.indexOf(']]>') !== -1) return null;
  // Line ends as XML (and fast-xml-parser) read them: CR LF and a lone CR are a line feed.
  const chunk = source.indexOf('\r') === -1 ? source : source.replace(/\r\n?/g, '\n');
  const closeAt = chunk.length - ITEM_CLOSE.length;
  const openEnd = chunk.indexOf('>');
  if (openEnd === -1 || openEnd > closeAt || chunk.charCodeAt(openEnd - 1) === 0x2f /* / */) return null;
  const item: RawItem = {};
  if (!readAttributes(chunk, 5, openEnd, item)) return null;
  let lastRaw = '';
  let lastDecoded = '';
  let pos = openEnd + 1;
  let child = 0;
  for (;;) {
    const lt = chunk.indexOf('<', pos);
    if (lt === -1 || lt > closeAt || !isBlank(chunk, pos, lt)) return null;
    // An empty item is no object to fast-xml-parser (and no talk): let it say so.
    // (Every element read is a key: the keys are counted only for an item without elements.)
    if (lt === closeAt) return child > 0 || Object.keys(item).length > 0 ? item : null;
    const tagEnd = chunk.indexOf('>', lt);
    if (tagEnd === -1 || tagEnd > closeAt) return null;
    // The names of the last item's elements, in order, are tried first: items repeat them, and a
    // name read before is neither sliced nor looked up again.
    const known = KNOWN_NAMES[child];
    let name: string;
    let end: number;
    if (known !== undefined && isAt(chunk, lt + 1, known) && !isNameChar(chunk.charCodeAt(lt + 1 + known.length))) {
      name = known;
      end = lt + 1 + known.length;
    } else {
      end = nameEnd(chunk, lt + 1, tagEnd);
      if (end === -1) return null;
      name = chunk.slice(lt + 1, end);
      if (UNSAFE_NAMES.has(name)) return null;
      if (child < MAX_KNOWN_NAMES) KNOWN_NAMES[child] = name;
    }
    child++;
    const selfClosing = chunk.charCodeAt(tagEnd - 1) === 0x2f;
    const attributesEnd = selfClosing ? tagEnd - 1 : tagEnd;
    // Most elements have no attributes: no object for them.
    let attributes: Record<string, unknown> | null = null;
    if (end < attributesEnd) {
      attributes = {};
      if (!readAttributes(chunk, end, attributesEnd, attributes)) return null;
    }
    let text = '';
    if (selfClosing) {
      pos = tagEnd + 1;
    } else {
      const close = chunk.indexOf('<', tagEnd + 1);
      if (close === -1 || chunk.charCodeAt(close + 1) !== 0x2f || !isAt(chunk, close + 2, name)) return null;
      let after = close + 2 + name.length;
      while (after < closeAt && isXmlSpace(chunk.charCodeAt(after))) after++;
      if (chunk.charCodeAt(after) !== 0x3e /* > */) return null;
      const raw = chunk.slice(tagEnd + 1, close);
      // media.ccc.de's itunes:summary repeats the description: the same text is decoded once and
      // shared (a comparison is a fraction of a decode, and one string less to keep).
      const decoded = raw.length > REPEAT_MIN && raw === lastRaw ? lastDecoded : decodeValue(raw);
      if (decoded === null) return null;
      if (raw.length > REPEAT_MIN) {
        lastRaw = raw;
        lastDecoded = decoded;
      }
      text = decoded;
      pos = after + 1;
    }
    let hasAttributes = false;
    for (const _ in attributes) {
      hasAttributes = true;
      break;
    }
    addChild(item, name, attributes && hasAttributes ? (text ? { '#text': text, ...attributes } : attributes) : text);
  }
}
