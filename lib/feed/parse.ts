import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedError } from './errors';

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

/** fast-xml-parser's validator reports an unclosed document as "Invalid '[...tags]' found". */
function describeXmlError({ msg, line }: { msg: string; line: number }): string {
  if (/^Invalid '\[.*\]' found/.test(msg)) return 'The feed is not valid XML: it ends before its elements are closed (a cut-off download?).';
  return `The feed is not valid XML (line ${line}: ${msg.slice(0, 160)}).`;
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
  });
}

/**
 * Parses RSS 2.0 text into raw items. Throws `FeedError` with a user-facing message for
 * anything that is not an RSS 2.0 feed; never returns a partial result of a broken document.
 */
export function parseFeedXml(xml: string): ParsedFeed {
  checkFeedXml(xml);
  return parseCheckedFeedXml(xml);
}

/** Everything that refuses a document before parsing it: empty, a web page, custom entities, not well-formed. */
export function checkFeedXml(xml: string): void {
  const head = xml.slice(0, 2048).trimStart().toLowerCase();
  if (head.length === 0) throw new FeedError('not-a-feed', 'The feed was empty.');
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) {
    throw new FeedError('not-a-feed', 'The feed address returned a web page instead of a feed.');
  }
  if (/<!entity/i.test(xml.slice(0, 65_536))) {
    throw new FeedError('malformed', 'The feed declares its own XML entities, which Aftertalk refuses.');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new FeedError('malformed', describeXmlError(valid.err));
}

/** Parses text that `checkFeedXml` accepted (or a document cut from such text, lib/feed/item-chunks.ts). */
export function parseCheckedFeedXml(xml: string): ParsedFeed {
  let doc: Record<string, unknown>;
  try {
    doc = createParser().parse(xml) as Record<string, unknown>;
  } catch (error) {
    throw new FeedError('malformed', `The feed could not be read: ${(error as Error).message}`);
  }
  const rss = doc.rss as Record<string, unknown> | undefined;
  const channel = rss?.channel as Record<string, unknown> | undefined;
  if (!rss || !channel || typeof channel !== 'object') {
    const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing';
    throw new FeedError('not-a-feed', `This is not an RSS 2.0 feed (its root element is <${root}>).`);
  }
  const items = Array.isArray(channel.item) ? (channel.item as unknown[]) : [];
  return {
    title: typeof channel.title === 'string' ? channel.title : '',
    items: items.filter((i): i is RawItem => typeof i === 'object' && i !== null),
  };
}
