import { describe, expect, it } from 'vitest';
import { decodeFeed } from '@/lib/poll/feed/decode';

const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('feed encodings', () => {
  it('reads a feed in the encoding its XML declaration names', () => {
    expect(
      decodeFeed(
        latin1('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>J\u00fcrgen M\u00fcller</title></rss>'),
      ),
    ).toContain('Jürgen Müller');
  });
  it('reads UTF-8 without a declaration, and with a label the browser does not know', () => {
    const utf8 = new TextEncoder().encode('<rss><title>Jürgen</title></rss>');
    expect(decodeFeed(utf8)).toContain('Jürgen');
    expect(
      decodeFeed(new TextEncoder().encode('<?xml version="1.0" encoding="x-klingon"?><rss>Jürgen</rss>')),
    ).toContain('Jürgen');
  });
});
