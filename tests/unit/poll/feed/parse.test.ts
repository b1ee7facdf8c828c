import { describe, expect, it } from 'vitest';
import { FeedError } from '@/lib/poll/feed/errors';
import { parseFeedXml } from '@/lib/poll/feed/parse';
import { feedXml } from '../../../support/feed-xml';

function errorOf(xml: string): FeedError {
  try {
    parseFeedXml(xml);
  } catch (error) {
    return error as FeedError;
  }
  throw new Error('expected parseFeedXml to throw');
}

describe('parseFeedXml', () => {
  it('returns every item even when channel elements follow the items', () => {
    const feed = parseFeedXml(feedXml([{ id: 'a' }, { id: 'b' }, { id: 'c' }]));
    expect(feed.items).toHaveLength(3);
    expect(feed.title).toBe('Chaos Computer Club - recent events feed (high quality)');
  });
  it('returns a one-item feed as a list', () => {
    expect(parseFeedXml(feedXml([{ id: 'a' }])).items).toHaveLength(1);
  });
  it('accepts an empty channel', () => {
    expect(parseFeedXml(feedXml([])).items).toEqual([]);
  });
  it('decodes thousands of entities without hitting the expansion limit', () => {
    const description = Array.from(
      { length: 3000 },
      (_, i) => `<a href="https://example.org/${i}">link &amp; more</a>`,
    ).join(' ');
    const feed = parseFeedXml(feedXml([{ id: 'a', description }]));
    expect(String(feed.items[0]!.description)).toContain('<a href="https://example.org/2999">link &amp; more</a>');
  });
  it('rejects an HTML error page served as the feed', () => {
    expect(errorOf('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>').kind).toBe('not-a-feed');
  });
  it('rejects malformed XML with the line of the error', () => {
    const error = errorOf('<?xml version="1.0"?>\n<rss><channel><item><title>x</item></channel>');
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/line \d+/);
  });
  it('says in plain words when the feed was cut off', () => {
    const error = errorOf('<?xml version="1.0"?>\n<rss><channel><item><title>cut off');
    expect(error.message).toBe(
      'The feed is not valid XML: it ends before its elements are closed (a cut-off download?).',
    );
  });
  it('rejects a feed whose root is not rss', () => {
    expect(
      errorOf('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>').message,
    ).toContain('<feed>');
  });
  it('refuses custom entity declarations (billion laughs)', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>';
    expect(errorOf(bomb).kind).toBe('malformed');
  });
  it('rejects an empty body', () => {
    expect(errorOf('   ').kind).toBe('not-a-feed');
  });
});
