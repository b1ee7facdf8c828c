import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedError } from './errors';
import { t } from '../../i18n';

/** One `<item>` as fast-xml-parser returns it; values are strings, objects or arrays. */
export type RawItem = Record<string, unknown>;

export interface ParsedFeed {
  title: string;
  items: RawItem[];
}

/**
 * The real feed has tens of thousands of `&lt;`/`&amp;` references in descriptions, far past
 * fast-xml-parser's defaults; these limits admit a 20,000-item feed while still bounding a
 * hostile one. Custom entities (`<!ENTITY`) are refused outright before parsing.
 */
const ENTITY_LIMITS = {
  enabled: true,
  maxEntityCount: 0,
  maxEntitySize: 0,
  maxTotalExpansions: 20_000_000,
  maxExpandedLength: 200_000_000,
};

/** Depth the parser descends to: the real feed needs 4 (rss, channel, item, element). */
const MAX_NESTED_TAGS = 100;

/** fast-xml-parser's validator reports an unclosed document as "Invalid '[...tags]' found". */
function describeXmlError({ msg, line }: { msg: string; line: number }): string {
  if (/^Invalid '\[.*\]' found/.test(msg)) return t('error_xml_cut_off');
  return t('error_xml_invalid', line, msg.slice(0, 160));
}

export function createParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Ids, titles and durations must stay strings ("0042" is not 42).
    parseTagValue: false,
    parseAttributeValue: false,
    htmlEntities: true,
    processEntities: ENTITY_LIMITS,
    isArray: (name, jpath) => jpath === 'rss.channel.item',
    // Keep CDATA sections as plain text.
    cdataPropName: false,
    trimValues: true,
    maxNestedTags: MAX_NESTED_TAGS,
  });
}

/**
 * Whether one `<item>…</item>` chunk (lib/poll/feed/item-chunks.ts) is well-formed XML and parses
 * on its own: an element named `constructor` or `__proto__` makes fast-xml-parser throw
 * ("[SECURITY] Invalid name"), and a broken tag fails the validator. Used only once a document
 * did not read, to find the items to skip (lib/poll/feed/read-feed.ts).
 */
export function isReadableItem(chunk: string): boolean {
  if (XMLValidator.validate(chunk) !== true) return false;
  try {
    createParser().parse(chunk);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses RSS 2.0 text into raw items. Throws `FeedError` with a user-facing message for
 * anything that is not an RSS 2.0 feed; never returns a partial result of a broken document.
 */
export function parseFeedXml(xml: string): ParsedFeed {
  checkFeedXml(xml);
  return parseCheckedFeedXml(xml);
}

/**
 * Whitespace before the XML declaration is not well-formed, but a server or proxy that emits a
 * stray newline first should not stop every poll: it is dropped (with the BOM) before reading.
 */
function withoutLeadingSpace(xml: string): string {
  return /^[\s\ufeff]/.test(xml) ? xml.replace(/^[\s\ufeff]+(?=<\?xml[\s?])/, '') : xml;
}

/**
 * An HTML document, possibly after an XML declaration and comments: an error or sign-in page.
 * `head` is lower-case. A loop, not one regex: `(?:<!--[\s\S]*?-->\s*)*` backtracks
 * exponentially over a run of empty comments.
 */
function isWebPage(head: string): boolean {
  let rest = head.startsWith('<?xml') ? head.slice(head.indexOf('>') + 1).trimStart() : head;
  while (rest.startsWith('<!--')) {
    const end = rest.indexOf('-->', 4);
    if (end === -1) return false;
    rest = rest.slice(end + 3).trimStart();
  }
  return /^(?:<!doctype\s+html|<html[\s>])/.test(rest);
}

/**
 * An internal DTD subset (`<!DOCTYPE rss [ ... ]>`) is where entities are declared (billion
 * laughs, external entities), and fast-xml-parser reads a DOCTYPE anywhere in the document, so
 * the whole text is searched. `[^<>[]` keeps the search linear.
 */
const OWN_DTD = /<!(?:ENTITY|DOCTYPE[^<>[]*\[)/i;

function webPageError(): FeedError {
  return new FeedError('not-a-feed', t('error_web_page'));
}

/**
 * Everything that refuses a document before parsing it: empty, not XML, a web page, its own
 * DTD or entities, not well-formed.
 */
export function checkFeedXml(xml: string): void {
  const text = withoutLeadingSpace(xml);
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (head.length === 0) throw new FeedError('not-a-feed', t('error_empty'));
  if (!head.startsWith('<')) throw new FeedError('not-a-feed', t('error_not_xml'));
  if (isWebPage(head)) throw webPageError();
  if (OWN_DTD.test(text)) {
    throw new FeedError('malformed', t('error_own_entities'));
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new FeedError('malformed', describeXmlError(valid.err));
}

/** Namespaces whose elements normalise.ts reads, by the prefix it reads them with. */
const KNOWN_NAMESPACES: Record<string, string> = {
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
};

/**
 * Other prefixes the document binds to a known namespace (`xmlns:d="http://purl.org/dc/elements/1.1/"`),
 * mapped to the usual one. fast-xml-parser does not resolve namespaces, so without this a feed
 * that spells `dc:identifier` as `d:identifier` would lose every talk id.
 */
function prefixAliases(...elements: unknown[]): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const element of elements) {
    if (!element || typeof element !== 'object') continue;
    for (const [key, value] of Object.entries(element)) {
      if (!key.startsWith('@_xmlns:') || typeof value !== 'string') continue;
      const prefix = key.slice('@_xmlns:'.length);
      const uri = value.trim().replace(/^https:/i, 'http:');
      // Own keys only: `xmlns:x="constructor"` names no namespace.
      const known = Object.hasOwn(KNOWN_NAMESPACES, uri) ? KNOWN_NAMESPACES[uri] : undefined;
      if (known && prefix !== known) aliases.set(prefix, known);
    }
  }
  return aliases;
}

function withKnownPrefixes(item: RawItem, aliases: Map<string, string>): RawItem {
  if (aliases.size === 0) return item;
  const renamed: RawItem = {};
  for (const [key, value] of Object.entries(item)) {
    const colon = key.indexOf(':');
    const known = colon > 0 ? aliases.get(key.slice(0, colon)) : undefined;
    const name = known ? `${known}${key.slice(colon)}` : key;
    if (!Object.hasOwn(renamed, name) || name === key) renamed[name] = value;
  }
  return renamed;
}

/**
 * Attribute of the placeholder `<item …/>` that stands in the document for a run of items already
 * read by lib/poll/feed/item-reader.ts (see lib/poll/feed/read-feed.ts), so the parse still sees where they were.
 */
export const SLOT_ATTRIBUTE = 'data-aftertalk-read-item';

/** The slots did not come back in order: the caller reads the document the slow way instead. */
export class SlotMismatchError extends Error {}

/**
 * Parses text that `checkFeedXml` accepted (or a document cut from such text, lib/poll/feed/item-chunks.ts).
 * `slots`: runs of items read elsewhere, whose placeholders (`SLOT_ATTRIBUTE`, numbered in
 * document order) are replaced by them, with the namespace prefixes of the channel they are in.
 */
export function parseCheckedFeedXml(xml: string, slots: readonly (readonly RawItem[])[] = []): ParsedFeed {
  let doc: Record<string, unknown>;
  try {
    doc = createParser().parse(withoutLeadingSpace(xml)) as Record<string, unknown>;
  } catch (error) {
    const message = (error as Error).message;
    if (/nested tags/i.test(message)) throw new FeedError('malformed', t('error_nested_too_deep', MAX_NESTED_TAGS));
    throw new FeedError('malformed', t('error_unreadable', message.slice(0, 200)));
  }
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?'));
  if (roots.length > 1 || Array.isArray(doc[roots[0] ?? ''])) {
    throw new FeedError('malformed', t('error_two_roots'));
  }
  if (!('rss' in doc)) {
    if (roots[0] === 'html') throw webPageError();
    throw new FeedError('not-a-feed', t('error_not_rss', roots[0] ?? 'nothing'));
  }
  const rss = doc.rss && typeof doc.rss === 'object' ? (doc.rss as Record<string, unknown>) : {};
  if (rss.channel === undefined) throw new FeedError('not-a-feed', t('error_no_channel'));
  // `<channel></channel>` parses to '', several channels to an array: each is a channel.
  const channels: unknown[] = Array.isArray(rss.channel) ? rss.channel : [rss.channel];
  const items: RawItem[] = [];
  let title = '';
  let nextSlot = 0;
  const slotKey = `@_${SLOT_ATTRIBUTE}`;
  for (const channel of channels) {
    if (!channel || typeof channel !== 'object') continue;
    const record = channel as Record<string, unknown>;
    const aliases = prefixAliases(rss, record);
    if (!title && typeof record.title === 'string') title = record.title;
    for (const item of Array.isArray(record.item) ? (record.item as unknown[]) : []) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
      const slot = slots.length > 0 ? (item as RawItem)[slotKey] : undefined;
      if (slot === undefined) {
        items.push(withKnownPrefixes(item as RawItem, aliases));
        continue;
      }
      if (slot !== String(nextSlot) || Object.keys(item).length !== 1)
        throw new SlotMismatchError(`placeholder ${String(slot)} where ${nextSlot} was expected`);
      for (const read of slots[nextSlot++]!) items.push(withKnownPrefixes(read, aliases));
    }
  }
  if (nextSlot !== slots.length) throw new SlotMismatchError(`${slots.length - nextSlot} placeholders missing`);
  return { title, items };
}
