/**
 * Incremental parsing. Between two polls the feed usually gains a handful of items and keeps
 * thousands byte-identical, yet parsing them again is most of a poll's cost. So the raw text is
 * cut into its `<item>` elements, each is fingerprinted, and only the items whose fingerprint was
 * not in the last merged feed are read (lib/poll/feed/read-feed.ts). The known items were checked when
 * they were merged and only whitespace lies between items, so checking what is read still
 * refuses a broken feed as before.
 */

export interface ItemChunks {
  /** Everything before the first `<item>` (XML declaration, `<rss …>`, channel header). */
  head: string;
  /** Each `<item>…</item>` exactly as in the feed. */
  items: string[];
  /** Everything after the last `</item>` (channel elements after the items, closing tags). */
  tail: string;
}

const CLOSE = '</item>';

/**
 * Cuts the feed text into items; null when the text does not split cleanly (an `<item` inside
 * another, a missing close), in which case the caller parses the whole document as before.
 * voctoweb escapes all text, so `<item` only ever appears as the element itself.
 */
export function splitItems(xml: string): ItemChunks | null {
  const items: string[] = [];
  let head = '';
  let end = -1;
  for (let start = openingAt(xml, 0); start !== -1;) {
    if (end === -1) head = xml.slice(0, start);
    else if (!isBlank(xml, end, start)) return null;
    const close = xml.indexOf(CLOSE, start);
    if (close === -1) return null;
    // An item opened inside this one (all of `<item` and the character after it before the
    // close) means the text does not split cleanly.
    let at = xml.indexOf('<item', start + 1);
    for (; at !== -1 && at + 5 < close; at = xml.indexOf('<item', at + 1))
      if (isOpeningEnd(xml.charCodeAt(at + 5))) return null;
    end = close + CLOSE.length;
    items.push(xml.slice(start, end));
    // That search went on to the first `<item` after the close, most often the next item's: the
    // next search starts there instead of reading the text between the two again.
    start = at === -1 ? -1 : openingAt(xml, Math.max(at, end));
  }
  if (end === -1) return null;
  return { head, items, tail: xml.slice(end) };
}

/**
 * Where `/<item[\s>]/` first matches in `xml` from `from`, or -1: by a search for the literal and
 * a look at the character after it, without a match array per item.
 */
function openingAt(xml: string, from: number): number {
  let at = xml.indexOf('<item', from);
  while (at !== -1 && !isOpeningEnd(xml.charCodeAt(at + 5))) at = xml.indexOf('<item', at + 1);
  return at;
}

/** `>` or what `\s` matches (the whitespace `trim` removes too). */
function isOpeningEnd(code: number): boolean {
  if (code === 0x3e /* > */ || code === 0x20 || (code >= 0x09 && code <= 0x0d)) return true;
  return code >= 0xa0 && WHITESPACE.test(String.fromCharCode(code));
}

const WHITESPACE = /^\s$/;

/** Whether `xml[from, to)` is whitespace only, as `xml.slice(from, to).trim() === ''` says, without the slice. */
function isBlank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = xml.charCodeAt(i);
    if (code === 0x3e || !isOpeningEnd(code)) return false;
  }
  return true;
}

/**
 * A 64-bit fingerprint (two independent 32-bit FNV-1a style hashes) as 16 hex digits: collisions
 * between a changed item and one of ~20,000 previous ones are vanishingly unlikely, and it is
 * several times faster than digesting every item with SubtleCrypto.
 */
export function itemFingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The document with only the items `keep` picks (by index): channel and all. */
export function keepItems(chunks: ItemChunks, keep: (index: number) => boolean): { xml: string; kept: number } {
  const kept = chunks.items.filter((_, i) => keep(i));
  return { xml: chunks.head + kept.join('\n') + chunks.tail, kept: kept.length };
}
