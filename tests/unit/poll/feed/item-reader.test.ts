/**
 * The fast item reader (lib/poll/feed/item-reader.ts) against fast-xml-parser, the reader it stands in
 * for: on every item of the fixture feeds, the bad-feed corpus, a generated real-shaped feed and
 * generated odd items, it either refuses the item or returns exactly what fast-xml-parser
 * returns, and it only ever accepts items fast-xml-parser's validator accepts. And `readFeed`
 * (lib/poll/feed/read-feed.ts) answers every document as the whole-document path does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { keepItems, splitItems } from '@/lib/poll/feed/item-chunks';
import { readSimpleItem } from '@/lib/poll/feed/item-reader';
import { checkFeedXml, createParser, isReadableItem, parseCheckedFeedXml, type RawItem } from '@/lib/poll/feed/parse';
import { readFeed } from '@/lib/poll/feed/read-feed';
import { generateFeed } from '@/tests/fixtures/feed/generate';

const FIXTURES = 'tests/fixtures/feed';
const CORPUS = 'tests/fixtures/bad-feeds';

/** What fast-xml-parser makes of one item, alone in a minimal feed; undefined when it is no item. */
function slowItem(chunk: string): RawItem | undefined {
  const doc = createParser().parse(`<rss><channel>${chunk}</channel></rss>`) as {
    rss?: { channel?: { item?: RawItem[] } };
  };
  return doc.rss?.channel?.item?.[0];
}

const isWellFormed = (chunk: string) => XMLValidator.validate(`<rss><channel>${chunk}</channel></rss>`) === true;

function expectAgreement(chunk: string): 'fast' | 'refused' {
  const fast = readSimpleItem(chunk);
  if (fast === null) return 'refused';
  expect(isWellFormed(chunk), `accepted an item the validator refuses: ${chunk.slice(0, 200)}`).toBe(true);
  expect(fast).toEqual(slowItem(chunk));
  return 'fast';
}

const xmlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.xml'))
    .map((name) => [name, readFileSync(join(dir, name), 'utf8')] as const);

/** Whole-document reading as before the fast reader: the reference for `readFeed`. */
function readWhole(xml: string): { title: string; items: RawItem[] } | { error: string } {
  try {
    checkFeedXml(xml);
    return parseCheckedFeedXml(xml);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function readFast(xml: string): { title: string; items: RawItem[] } | { error: string } {
  try {
    const { title, items } = readFeed(xml, splitItems(xml));
    return { title, items };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * Each item read after the others in one order and then in the other reads as fast-xml-parser
 * reads it, or (an unsafe name) is refused.
 */
function expectReadInBothOrders(items: string[]): void {
  for (const chunk of [...items, ...[...items].reverse()]) {
    const read = readSimpleItem(chunk);
    if (read === null) expect(chunk).toContain('constructor');
    else expect(read).toEqual(slowItem(chunk));
  }
}

describe('readSimpleItem', () => {
  it('leaves elements named like Object.prototype members to fast-xml-parser, which renames them', () => {
    const chunk = '<item><title>t</title><toString>a</toString><isPrototypeOf>d</isPrototypeOf></item>';
    expect(readSimpleItem(chunk)).toBeNull();
    expect(readSimpleItem('<item><isPrototypeOf>d</isPrototypeOf><title>x</title></item>')).toEqual({
      isPrototypeOf: 'd',
      title: 'x',
    });
    const xml = `<rss><channel>${chunk}</channel></rss>`;
    expect(readFast(xml)).toEqual(readWhole(xml));
    expect(readFast(xml)).toMatchObject({ items: [{ __toString: 'a', isPrototypeOf: 'd' }] });
  });

  it('reads every item of the real-shaped feeds the fast way, exactly as fast-xml-parser does', () => {
    for (const name of ['base.xml', 'base-plus-two.xml']) {
      const chunks = splitItems(readFileSync(join(FIXTURES, name), 'utf8'))!;
      expect(chunks.items.length).toBeGreaterThan(5);
      for (const chunk of chunks.items) expect(expectAgreement(chunk), chunk.slice(0, 120)).toBe('fast');
    }
  });

  it('reads all 2,000 items of a generated real-shaped feed the fast way', () => {
    const chunks = splitItems(generateFeed({ items: 2000, seed: 7, duplicateSummary: true }))!;
    expect(chunks.items).toHaveLength(2000);
    let fast = 0;
    for (const chunk of chunks.items) if (expectAgreement(chunk) === 'fast') fast++;
    expect(fast).toBe(2000);
  });

  it('agrees with fast-xml-parser or refuses on every item of the quirks feed and the bad-feed corpus', () => {
    let seen = 0;
    for (const [, xml] of [...xmlFiles(FIXTURES), ...xmlFiles(CORPUS)]) {
      for (const chunk of splitItems(xml)?.items ?? []) {
        expectAgreement(chunk);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(100);
  });

  it.each([
    ['CDATA', '<item><title><![CDATA[x]]></title></item>'],
    ['a comment', '<item><!-- x --><title>x</title></item>'],
    ['nested markup', '<item><title>a<b>c</b></title></item>'],
    ['an HTML entity', '<item><title>a&nbsp;b</title></item>'],
    ['a bare ampersand', '<item><title>a & b</title></item>'],
    ['an unterminated reference', '<item><title>a &amp b</title></item>'],
    ['a reference to NUL', '<item><title>a&#0;</title></item>'],
    ['a reference to a lone surrogate', '<item><title>&#xD800;</title></item>'],
    ['an empty item', '<item>\n  \n</item>'],
    ['text directly in the item', '<item>hello<title>x</title></item>'],
    ['a mismatched close tag', '<item><title>x</titel></item>'],
    ['a close tag that only starts with the name', '<item><title>x</titlex></item>'],
    ['an unquoted attribute', '<item><enclosure url=x/></item>'],
    ['a duplicate attribute', '<item><enclosure url="a" url="b"/></item>'],
    ['attributes without space between', '<item><enclosure url="a"type="b"/></item>'],
    ['a < in an attribute', '<item><enclosure url="a<b"/></item>'],
    ['a processing instruction', '<item><?x y?><title>x</title></item>'],
    ['a prototype name', '<item><__proto__>x</__proto__></item>'],
    ['a self-closing item', '<item/></item>'],
    ['a name starting with a digit', '<item><1x>y</1x></item>'],
    [']]> in text', '<item><title>a]]>b</title></item>'],
  ])('refuses %s', (_, chunk) => {
    expect(readSimpleItem(chunk)).toBeNull();
  });

  it('reads line ends as XML does: CR LF and a lone CR are line feeds', () => {
    const chunk = '<item>\r\n<t>a\rb\r\n\r\nc\r</t>\r\n<u\r\nv="a\r\nb"/></item>';
    expect(readSimpleItem(chunk)).toEqual({ t: 'a\nb\n\nc', u: { '@_v': 'a\nb' } });
    expect(expectAgreement(chunk)).toBe('fast');
  });

  it('keeps repeated elements, attributes with text, empty and self-closing elements as fast-xml-parser does', () => {
    const chunk =
      '<item a="1"><title>  a &amp; b &#32;</title><e url=" x&amp;y " length="12" /><f a="1">  t </f><g></g><h/><title>second</title></item>';
    expect(readSimpleItem(chunk)).toEqual({
      '@_a': '1',
      title: ['a & b  ', 'second'],
      e: { '@_url': 'x&y', '@_length': '12' },
      f: { '#text': 't', '@_a': '1' },
      g: '',
      h: '',
    });
    expect(expectAgreement(chunk)).toBe('fast');
  });

  it('reads each item by its own names, whatever the items before it were named', () => {
    // The reader tries the names of the last item's elements first: longer, shorter, other and
    // unsafe names in the same places must read as fast-xml-parser reads them.
    const items = [
      '<item><title>a</title><link>l</link><e x="1"/></item>',
      '<item><titles>b</titles><lin>m</lin><e x="2" y="3"/></item>',
      '<item><title>c</title><link.x>n</link.x><e/></item>',
      '<item><title>d</title><link>o</link><e >p</e><extra>q</extra></item>',
      '<item><title>e</title><constructor>r</constructor></item>',
      '<item><title>f</title><link>s</link><e x="4"/></item>',
    ];
    expectReadInBothOrders(items);
  });

  it('reads each attribute by its own name, whatever the attributes before it were named', () => {
    // Attribute names read before give their keys again: longer, shorter and unsafe names, in
    // both orders, must read as fast-xml-parser reads them.
    const items = [
      '<item><e type="a" url="u"/></item>',
      '<item><e typed="b" ur="v" type="c"/></item>',
      '<item><e typ="d" urls="w"/></item>',
      '<item><e constructor="x" type="e"/></item>',
      '<item a="1"><e a="2" ab="3"/></item>',
    ];
    expectReadInBothOrders(items);
  });

  it('agrees with fast-xml-parser on generated items, or refuses them', () => {
    const names = ['title', 'link', 'description', 'dc:identifier', 'itunes:image', 'enclosure', 'x-y.z', '_u'];
    const usual = [
      'a',
      'B9',
      ' ',
      '\n',
      '\t',
      '&amp;',
      '&lt;',
      '&gt;',
      '&quot;',
      '&apos;',
      '&#39;',
      '&#x2014;',
      '&#128512;',
      '>',
      '"',
      "'",
      'ü',
      '€',
      '😀',
      '\u00a0',
      '\r',
      '\r\n',
    ];
    const odd = ['&', '&nbsp;', '<', ']]>', '&#0;', '&#xD800;', '&#x110000;', '&amp', '<!--', '<![CDATA[x]]>'];
    const token = fc.oneof(
      { arbitrary: fc.constantFrom(...usual), weight: 30 },
      { arbitrary: fc.constantFrom(...odd), weight: 1 },
    );
    const text = fc.array(token, { maxLength: 12 }).map((parts) => parts.join(''));
    const attribute = fc
      .tuple(
        fc.constantFrom('url', 'href', 'type', 'length', 'xml:lang', 'typed', 'u'),
        text,
        fc.constantFrom('"', "'"),
      )
      .map(([name, value, q]) => ` ${name}=${q}${value.split(q).join('')}${q}`);
    const element = fc
      .tuple(
        fc.constantFrom(...names),
        fc.array(attribute, { maxLength: 2 }),
        fc.option(text, { nil: undefined }),
        fc.constantFrom('', ' ', '\n  '),
      )
      .map(([name, attrs, body, space]) =>
        body === undefined
          ? `<${name}${attrs.join('')}${space}/>`
          : `<${name}${attrs.join('')}${space}>${body}</${name}${space}>`,
      );
    const item = fc
      .tuple(fc.array(element, { maxLength: 6 }), fc.array(attribute, { maxLength: 1 }))
      .map(([children, attrs]) => `<item${attrs.join('')}>\n  ${children.join('\n  ')}\n</item>`);
    let fast = 0;
    fc.assert(
      fc.property(item, (chunk) => {
        if (expectAgreement(chunk) === 'fast') fast++;
      }),
      { numRuns: Number(process.env.READER_RUNS ?? 600) },
    );
    // The generator is not so hostile that nothing is ever read the fast way.
    expect(fast).toBeGreaterThan(100);
  });
});

describe('readFeed', () => {
  it('answers every fixture feed and every bad-feed corpus file as whole-document reading does', () => {
    for (const [name, xml] of [...xmlFiles(FIXTURES), ...xmlFiles(CORPUS)]) {
      const whole = readWhole(xml);
      const chunks = splitItems(xml);
      if ('error' in whole && chunks && chunks.items.some((item) => !isReadableItem(item))) {
        // Items that do not read on their own are skipped; the rest reads as the whole document without them.
        const readable = (index: number) => isReadableItem(chunks.items[index]!);
        const allBroken = chunks.items.every((_, index) => !readable(index));
        const expected = allBroken ? whole : readWhole(keepItems(chunks, readable).xml);
        expect(readFast(xml), name).toEqual(expected);
        continue;
      }
      expect(readFast(xml), name).toEqual(whole);
    }
  });

  it('reads the real-shaped feed with fast-xml-parser only for the channel', () => {
    const xml = readFileSync(join(FIXTURES, 'base.xml'), 'utf8');
    const read = readFeed(xml, splitItems(xml));
    expect(read.slowItems).toBe(0);
    expect(read.fastItems).toBe(read.items.length);
  });

  it('reads odd items with fast-xml-parser, in feed order among the fast ones', () => {
    const item = (id: string, title: string) =>
      `<item><title>${title}</title><dc:identifier>${id}</dc:identifier></item>`;
    const xml = `<?xml version="1.0"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>${item('a', 'A')}${item('b', 'B <![CDATA[&]]>')}${item('c', 'C')}</channel></rss>`;
    const read = readFeed(xml, splitItems(xml));
    expect(read.items.map((i) => i['dc:identifier'])).toEqual(['a', 'b', 'c']);
    expect(read.items).toEqual((readWhole(xml) as { items: RawItem[] }).items);
    expect([read.fastItems, read.slowItems]).toEqual([2, 1]);
  });

  it('applies the channel’s namespace prefixes to fast items', () => {
    const xml =
      '<rss xmlns:d="http://purl.org/dc/elements/1.1/"><channel><item><d:identifier>x</d:identifier></item></channel></rss>';
    expect(readFeed(xml, splitItems(xml)).items).toEqual([{ 'dc:identifier': 'x' }]);
  });

  it('reads only the wanted items', () => {
    const xml = readFileSync(join(FIXTURES, 'base.xml'), 'utf8');
    const all = readFeed(xml, splitItems(xml)).items;
    const some = readFeed(xml, splitItems(xml), { wanted: (i) => i % 2 === 1 }).items;
    expect(some).toEqual(all.filter((_, i) => i % 2 === 1));
  });

  it('does not import an item the document comments out', () => {
    const xml =
      '<rss><channel><title>T</title><!-- <item><title>hidden</title></item> --><item><title>shown</title></item></channel></rss>';
    expect(readFast(xml)).toEqual(readWhole(xml));
    expect((readFast(xml) as { items: RawItem[] }).items).toEqual([{ title: 'shown' }]);
  });

  it('skips a broken item among readable ones and counts it', () => {
    const xml =
      '<rss><channel><item><title>a</title></item><item><title>b</titl></item><item><constructor>c</constructor></item><item><title>d</title></item></channel></rss>';
    expect(readWhole(xml)).toHaveProperty('error');
    const read = readFeed(xml, splitItems(xml));
    expect(read.items).toEqual([{ title: 'a' }, { title: 'd' }]);
    expect(read.skippedItems).toBe(2);
  });

  it('skips only new broken items on a poll, and refuses a document whose every item is broken', () => {
    const xml = '<rss><channel><item><title>a</title></item><item><title>b</titl></item></channel></rss>';
    // On a poll that knows item 0, the new broken item alone is wanted: it is skipped, not the poll.
    const poll = readFeed(xml, splitItems(xml), { wanted: (index) => index === 1 });
    expect([poll.items, poll.skippedItems]).toEqual([[], 1]);
    const broken = '<rss><channel><item><title>b</titl></item><item><constructor/></item></channel></rss>';
    const answer = readFast(broken);
    expect(answer).toEqual(readWhole(broken));
    expect(answer).toHaveProperty('error');
  });

  it('refuses a document broken outside its items as whole-document reading does', () => {
    const xml =
      '<rss><channel><title>x</titel><item><title>a</title></item><item><title>b</titl></item></channel></rss>';
    const answer = readFast(xml);
    expect(answer).toEqual(readWhole(xml));
    expect(answer).toHaveProperty('error');
  });
});
