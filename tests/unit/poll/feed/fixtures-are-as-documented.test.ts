import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { generateFeed } from '../../../fixtures/feed/generate';

/** Checks that the feed fixtures are what tests/fixtures/feed/README.md says they are. */

const DIR = new URL('../../../fixtures/feed/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, DIR), 'utf8');

type Node = Record<string, unknown>;
interface Item extends Node {
  title?: string;
  link?: string;
  description?: string;
  guid?: { '#text': string; '@_isPermaLink': string };
  enclosure?: { '@_url': string; '@_length': string; '@_type': string };
  pubDate?: string;
  'dc:identifier'?: string;
  'itunes:author'?: string;
  'itunes:keywords'?: string;
  'itunes:subtitle'?: string;
  'itunes:summary'?: string;
  'itunes:duration'?: string;
  'itunes:image'?: { '@_href': string };
}

function parser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    htmlEntities: true,
    // fast-xml-parser 5.12: the entity limits live in processEntities (ProcessEntitiesOptions)
    processEntities: { maxTotalExpansions: 1e7, maxExpandedLength: 1e8 },
    isArray: (name) => name === 'item',
  });
}

function parseFeed(xml: string): { channel: Node; items: Item[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser().parse(xml) as { rss?: { channel?: Node } };
  const channel = doc.rss?.channel;
  expect(channel).toBeDefined();
  return { channel: channel as Node, items: ((channel as Node).item ?? []) as Item[] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HMS = /^\d{2}:\d{2}:\d{2}$/;
const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

/** Rows of the README table that follows `heading`. */
function readmeTable(heading: string): string[][] {
  const lines = read('README.md').split('\n');
  const start = lines.findIndex((l) => l.startsWith('## ') && l.includes(heading));
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (let i = start + 1; i < lines.length && !lines[i]?.startsWith('## '); i++) {
    const l = lines[i] ?? '';
    if (!/^\| \d+ \|/.test(l)) continue;
    rows.push(
      l
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim()),
    );
  }
  return rows;
}

function channelItunesAfterItems(xml: string): void {
  const lastItem = xml.lastIndexOf('</item>');
  for (const tag of [
    '<itunes:category',
    '<itunes:image href="https://media.ccc.de/assets',
    '<itunes:owner>',
    '<generator>',
  ]) {
    expect(xml.indexOf(tag)).toBeGreaterThan(lastItem);
  }
}

const aboutUrl = (d: string | undefined): string | undefined => /\nabout this event: (\S+)\s*$/.exec(d ?? '')?.[1];

describe('README.md', () => {
  it('names every fixture file in the folder', () => {
    const readme = read('README.md');
    for (const f of readdirSync(DIR)) {
      if (f !== 'README.md') expect(readme).toContain(`\`${f}\``);
    }
  });
});

describe('base.xml', () => {
  const xml = read('base.xml');
  const { channel, items } = parseFeed(xml);
  const rows = readmeTable('base.xml items');

  it('has the 8 items listed in README.md, in order', () => {
    expect(channel.title).toBe('Chaos Computer Club - recent events feed (high quality)');
    expect(rows).toHaveLength(8);
    expect(items).toHaveLength(8);
    items.forEach((item, i) => {
      const [n, id, title, acronym, scheduleUrl] = rows[i] as string[];
      expect(n).toBe(String(i + 1));
      expect(item['dc:identifier']).toBe(id);
      expect(item.title).toBe(`${title} (${acronym})`);
      expect(item.link).toMatch(new RegExp(`^https://media\\.ccc\\.de/v/${acronym}-\\d+-[a-z0-9-]+$`));
      expect(aboutUrl(item.description)).toBe(scheduleUrl);
    });
  });

  it('has the element shapes of the real feed', () => {
    for (const item of items) {
      expect(item['dc:identifier']).toMatch(UUID);
      expect(item['itunes:duration']).toMatch(HMS);
      expect(item.pubDate).toMatch(RFC822);
      expect(item.enclosure?.['@_type']).toBe('video/mp4');
      expect(item.enclosure?.['@_url']).toMatch(/^https:\/\/cdn\.media\.ccc\.de\/.+\.mp4$/);
      expect(item.guid?.['#text']).toMatch(
        new RegExp(`^${item.enclosure?.['@_url'].replace(/[.?]/g, '\\$&')}\\?\\d{10}$`),
      );
      expect(item.guid?.['@_isPermaLink']).toBe('true');
      expect(item['itunes:image']?.['@_href']).toMatch(/^https:\/\/static\.media\.ccc\.de\/media\/.+\.jpg$/);
      expect(item['itunes:summary']).toBe(item.description);
      // licence line, then the about line
      expect(item.description).toMatch(
        /\nLicensed to the public under https?:\/\/creativecommons\.org\/licenses\/\S+\nabout this event: \S+$/,
      );
      // tags: code or id, year, acronym, track, room, <acronym>-<lang>
      const acronym = /\(([^()]+)\)$/.exec(item.title ?? '')?.[1];
      const tags = (item['itunes:keywords'] ?? '').split(', ');
      expect(tags[0]).toMatch(/^([A-Z0-9]{6}|\d+)$/);
      expect(tags[1]).toMatch(/^\d{4}$/);
      expect(tags[2]).toBe(acronym);
      expect(tags.some((t) => t === `${acronym}-eng` || t === `${acronym}-deu`)).toBe(true);
    }
    channelItunesAfterItems(xml);
    expect(items.filter((i) => i['itunes:subtitle'] !== undefined).map((i) => i['dc:identifier'])).toEqual([
      '9d4e1f27-5c3a-4b8d-a2e6-7f0b1c2d3e4f',
    ]);
  });

  it('covers the quirks README.md lists', () => {
    const [rust, epa, , , jev, , , bahn] = items as [Item, Item, Item, Item, Item, Item, Item, Item];
    expect(rust.title).toBe('Rust (and C) in the kernel (39c3)');
    expect(rust['itunes:author']).toBe('Lena Hartmann, Jonas Weber');
    // entity-heavy: double-escaped anchors and entities survive one decoding pass as text
    expect(epa.description?.match(/<a href="/g)?.length).toBeGreaterThanOrEqual(7);
    for (const s of ['&amp;', '&#x2014;', '&nbsp;', '&quot;', '**', '## ']) expect(epa.description).toContain(s);
    expect(xml).toContain('&amp;amp;');
    expect(epa['itunes:keywords']).toContain('Ethics, Society & Politics');
    expect(epa.enclosure?.['@_url']).toContain('-deu-eng-');
    expect(aboutUrl(jev.description)).toBe('https://c3voc.de');
    expect(jev.enclosure?.['@_length']).toBe('0');
    expect(jev['itunes:keywords']).toBe('10021, 2022, jev22, Workshop, Hackcenter, jev22-deu');
    expect(bahn['itunes:keywords']?.split(', ')[0]).toBe('614');
    expect(rust['itunes:keywords']).toBe('HX7KQ3, 2025, 39c3, Hardware, Saal One, 39c3-eng, Day 2');
    // pubDate is the day the talk was given: not in feed order, years apart
    const dates = items.map((i) => Date.parse(i.pubDate ?? ''));
    expect(dates.every((d) => !Number.isNaN(d))).toBe(true);
    expect([...dates].sort((a, b) => b - a)).not.toEqual(dates);
    expect(Math.max(...dates) - Math.min(...dates)).toBeGreaterThan(300 * 86400000);
  });
});

describe('base-plus-two.xml', () => {
  const base = parseFeed(read('base.xml')).items;
  const xml = read('base-plus-two.xml');
  const { items } = parseFeed(xml);
  const added = readmeTable('base-plus-two.xml additions');

  it('is base.xml with two newer items on top', () => {
    expect(items).toHaveLength(10);
    expect(added).toHaveLength(2);
    added.forEach(([, id, title, acronym, scheduleUrl], i) => {
      const item = items[i] as Item;
      expect(item['dc:identifier']).toBe(id);
      expect(item.title).toBe(`${title} (${acronym})`);
      expect(aboutUrl(item.description)).toBe(scheduleUrl);
      expect(base.some((b) => b['dc:identifier'] === id)).toBe(false);
    });
    expect(items.slice(2).map((i) => i['dc:identifier'])).toEqual(base.map((i) => i['dc:identifier']));
    channelItunesAfterItems(xml);
  });

  it('updates the froscon2025 item in place and leaves the others unchanged', () => {
    items.slice(2).forEach((item, i) => {
      const before = base[i] as Item;
      if (item['dc:identifier'] !== 'f6e5d4c3-b2a1-4098-8765-43210fedcba9') {
        expect(item).toEqual(before);
        return;
      }
      expect(before.title).toBe("PostgreSQL 18: what's new for appplication developers (froscon2025)");
      expect(item.title).toBe("PostgreSQL 18: what's new for application developers (froscon2025)");
      expect(item.link).toBe(before.link);
      expect(item.enclosure?.['@_url']).not.toBe(before.enclosure?.['@_url']);
      expect(item.guid?.['#text']).toBe(`${item.enclosure?.['@_url']}?1767320877`);
      expect(item.guid?.['#text']).not.toBe(before.guid?.['#text']);
    });
  });
});

describe('quirks.xml', () => {
  const xml = read('quirks.xml');
  const { items } = parseFeed(xml);
  const rows = readmeTable('quirks.xml items');
  const at = (n: number): Item => items[n - 1] as Item;

  it('has the 11 items listed in README.md', () => {
    expect(items).toHaveLength(11);
    expect(rows).toHaveLength(11);
    rows.forEach(([, id], i) => {
      expect(items[i]?.['dc:identifier']).toBe(id === '(none)' ? undefined : id);
    });
    channelItunesAfterItems(xml);
  });

  it('has one quirk per item', () => {
    expect(at(1)['dc:identifier']).toBeUndefined();
    expect(at(1).link).toBe('https://media.ccc.de/v/gpn23-341-wie-wir-freifunk-router-gehackt-haben');
    expect(at(2).enclosure).toBeUndefined();
    expect(at(2).guid).toBeUndefined();
    expect(at(3)['itunes:author']).toBeUndefined();
    expect(at(3).title).toBe('OpenStreetMap Foundation: annual report & Q&A (sotm2025)');
    expect(at(4).description).toBeUndefined();
    expect(at(4)['itunes:summary']).toBeUndefined();
    expect(at(5).link).toBeUndefined();
    expect(at(5)['dc:identifier']).toBeUndefined();
    expect(at(5).enclosure?.['@_url']).toContain('vcfb2025-17-deu-Die_Geschichte_des_Z1_hd.mp4');
    expect(at(5).guid?.['#text']).toMatch(/\.mp4\?\d+$/);
    expect(xml).toContain('<title>Mehr Sicherheit&nbsp;&#x2014; weniger Überwachung? (pw25)</title>');
    expect(at(6).title).toBe('Mehr Sicherheit\u00a0\u2014 weniger Überwachung? (pw25)');
    expect(at(7)['itunes:duration']).toBe('45:10');
    expect(at(7).enclosure?.['@_length']).toBe('0');
    expect(xml).toContain('<description><![CDATA[<p>We analysed');
    expect(at(8).description).toMatch(/^<p>We analysed <b>three years<\/b> of BGP data &amp; found/);
    expect(aboutUrl(at(8).description)).toBe('https://pretalx.denog.de/denog17/talk/QWE7RT/');
    expect(at(9)['dc:identifier']).toBe(at(11)['dc:identifier']);
    expect(at(9).guid?.['#text']).not.toBe(at(11).guid?.['#text']);
    expect(at(10).title).toBe('Closing Ceremony');
  });
});

describe('not-a-feed.html and garbage.xml', () => {
  it('not-a-feed.html is an HTML error page, not RSS', () => {
    const html = read('not-a-feed.html');
    expect(html).toContain('502 Bad Gateway');
    expect(XMLValidator.validate(html)).not.toBe(true);
    const doc = parser().parse(html) as Node;
    expect(doc.rss).toBeUndefined();
    expect(doc.html).toBeDefined();
  });

  it('garbage.xml fails validation (the lenient parser alone would not throw)', () => {
    const xml = read('garbage.xml');
    expect(XMLValidator.validate(xml)).not.toBe(true);
    expect(xml.trimEnd().endsWith('</rss>')).toBe(false);
    expect(() => parser().parse(xml)).not.toThrow();
  });
});

describe('generateFeed', () => {
  const first = generateFeed({ items: 2000, seed: 1 });
  const feed = parseFeed(first);
  const ids = feed.items.map((i) => i['dc:identifier']);

  it('is deterministic and seed-dependent', () => {
    expect(generateFeed({ items: 2000, seed: 1 })).toBe(first);
    expect(generateFeed({ items: 50, seed: 2 })).not.toBe(generateFeed({ items: 50, seed: 1 }));
  });

  it('has 2000 parseable items with unique uuid-shaped ids', () => {
    expect(feed.items).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
    for (const id of ids) expect(id).toMatch(UUID);
    channelItunesAfterItems(first);
  });

  it('has the structure and quirks of the real feed', () => {
    let placeholders = 0;
    let withSpeakers = 0;
    let multiSpeakers = 0;
    const acronyms = new Set<string>();
    for (const item of feed.items) {
      const acronym = /\(([^()]+)\)$/.exec(item.title ?? '')?.[1] ?? '';
      acronyms.add(acronym);
      expect(item.link).toMatch(new RegExp(`^https://media\\.ccc\\.de/v/${acronym}-\\d+-[a-z0-9-]+$`));
      expect(item.guid?.['#text'].startsWith(`${item.enclosure?.['@_url']}?`)).toBe(true);
      expect(item['itunes:duration']).toMatch(HMS);
      expect(item.pubDate).toMatch(RFC822);
      expect(item['itunes:summary']).toBe(item.description);
      const d = item.description ?? '';
      expect(d.length).toBeGreaterThan(400);
      expect(d.length).toBeLessThan(3500);
      expect(d).toMatch(/\nLicensed to the public under \S+\nabout this event: https?:\/\/\S+$/);
      if (aboutUrl(d) === 'https://c3voc.de') placeholders++;
      const tags = (item['itunes:keywords'] ?? '').split(', ');
      expect(tags[2]).toBe(acronym);
      expect(tags.some((t) => t.startsWith(`${acronym}-`))).toBe(true);
      const author = item['itunes:author'];
      if (author !== undefined) {
        withSpeakers++;
        if (author.includes(', ')) multiSpeakers++;
      }
    }
    expect(acronyms.size).toBeGreaterThanOrEqual(20);
    expect(placeholders).toBeGreaterThan(0);
    expect(withSpeakers).toBeGreaterThan(1800);
    expect(withSpeakers).toBeLessThan(2000);
    expect(multiSpeakers).toBeGreaterThan(500);
    expect(first).toContain('&amp;amp;');
    expect(first).toContain('&amp;#x2014;');
    expect(first).toContain('&lt;a href=&quot;');
  });

  it('startIndex -2 gives the same feed with two new talks on top', () => {
    const after = parseFeed(generateFeed({ items: 2002, seed: 1, startIndex: -2 })).items;
    expect(after).toHaveLength(2002);
    const newIds = after.slice(0, 2).map((i) => i['dc:identifier']);
    for (const id of newIds) expect(ids).not.toContain(id);
    expect(after.slice(2).map((i) => i['dc:identifier'])).toEqual(ids);
    expect(after.slice(2)).toEqual(feed.items);
  });

  it('prefixes ids with idPrefix', () => {
    const small = parseFeed(generateFeed({ items: 5, seed: 1, idPrefix: 'gen-' })).items;
    expect(small.map((i) => i['dc:identifier'])).toEqual(ids.slice(0, 5).map((id) => `gen-${id}`));
  });

  it('can leave out the repeated itunes:summary for big feeds, with the same talks', () => {
    const full = parseFeed(generateFeed({ items: 20, seed: 3 })).items;
    const lean = generateFeed({ items: 20, seed: 3, duplicateSummary: false });
    // The channel's own summary stays; no item repeats its description.
    expect(lean.match(/<itunes:summary>/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(parseFeed(lean).items.map((i) => i['dc:identifier'])).toEqual(full.map((i) => i['dc:identifier']));
  });
});
