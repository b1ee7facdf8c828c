import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseItem } from '@/lib/poll/feed/normalise';
import { parseFeedXml } from '@/lib/poll/feed/parse';
import { generateFeed } from '../../../fixtures/feed/generate';

const fixture = (name: string) => readFileSync(`tests/fixtures/feed/${name}`, 'utf8');
const talksOf = (xml: string) => parseFeedXml(xml).items.map((item) => normaliseItem(item));

describe('realistic fixture feeds', () => {
  it('reads every item of base.xml with a GUID, a clean title and plain-text description', () => {
    const talks = talksOf(fixture('base.xml'));
    expect(talks).toHaveLength(8);
    for (const talk of talks) {
      expect(talk?.idSource).toBe('guid');
      expect(talk?.title).not.toMatch(/\([^()\s]+\)$/);
      expect(talk?.description).not.toMatch(/<a\s|about this event:|Licensed to the public/i);
      expect(talk?.scheduleUrl).not.toMatch(/c3voc\.de/);
    }
    expect(talks.some((t) => t?.title.includes('(') && t.conference)).toBe(true);
  });
  it('keeps the quirky items of quirks.xml it can identify and skips none silently', () => {
    const parsed = parseFeedXml(fixture('quirks.xml'));
    const talks = parsed.items.map((item) => normaliseItem(item));
    const kept = talks.filter(Boolean);
    expect(kept.length).toBeGreaterThanOrEqual(parsed.items.length - 1);
    expect(kept.some((t) => t!.idSource === 'slug')).toBe(true);
    expect(kept.some((t) => t!.idSource === 'enclosure')).toBe(true);
    expect(kept.some((t) => t!.durationSeconds === 2710)).toBe(true);
  });
  it('rejects the HTML error page and the garbage file', () => {
    expect(() => parseFeedXml(fixture('not-a-feed.html'))).toThrow(/web page|not an RSS/);
    expect(() => parseFeedXml(fixture('garbage.xml'))).toThrow(/not valid XML/);
  });
  it('normalises a generated 2,000-item feed into 2,000 distinct talks', () => {
    const talks = talksOf(generateFeed({ items: 2000, seed: 7 }));
    expect(new Set(talks.map((t) => t?.id)).size).toBe(2000);
  });
});
