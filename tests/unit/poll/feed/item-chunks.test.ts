import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemFingerprint, keepItems, splitItems } from '@/lib/poll/feed/item-chunks';
import { generateFeed } from '../../../fixtures/feed/generate';
import { feedXml } from '../../../support/feed-xml';

describe('splitItems', () => {
  it('cuts a realistic feed into its items, with the channel around them', () => {
    const xml = generateFeed({ items: 50, seed: 3 });
    const chunks = splitItems(xml)!;
    expect(chunks.items).toHaveLength(50);
    expect(chunks.head).toMatch(/<rss[\s\S]*<channel>[\s\S]*$/);
    expect(chunks.head).not.toContain('<item');
    expect(chunks.tail).toMatch(/<\/channel>\s*<\/rss>\s*$/);
    for (const item of chunks.items) expect(item).toMatch(/^<item>[\s\S]*<\/item>$/);
    // Nothing but whitespace between items is dropped.
    expect((chunks.head + chunks.items.join('') + chunks.tail).replace(/\s+/g, '')).toBe(xml.replace(/\s+/g, ''));
  });

  it('gives up (null) on text that does not split cleanly', () => {
    expect(splitItems('<rss><channel></channel></rss>')).toBeNull();
    expect(splitItems('<rss><channel><item><title>x</title></rss>')).toBeNull();
    expect(splitItems('<rss><channel><item><item></item></item></channel></rss>')).toBeNull();
    expect(splitItems('<rss><channel><item></item>stray<item></item></channel></rss>')).toBeNull();
  });

  it('finds an item opened inside another by any whitespace or `>` after its name, and only inside it', () => {
    for (const open of ['<item>', '<item x="1">', '<item\n>', '<item\t>', '<item\u00a0>', '<item\u2028>'])
      expect(splitItems(`<rss><channel><item><itemize/>${open}</item></channel></rss>`), open).toBeNull();
    // `<items>` inside an item, and an `<item` cut by the item's close, open nothing.
    const chunks = splitItems('<rss><channel><item><items>1</items><t>x<item</t></item><item></item></channel></rss>');
    expect(chunks?.items).toEqual(['<item><items>1</items><t>x<item</t></item>', '<item></item>']);
  });

  it('does not take <itemize> or <items> for an item', () => {
    const chunks = splitItems('<rss><channel><items>1</items><item><t>a</t></item></channel></rss>')!;
    expect(chunks.items).toEqual(['<item><t>a</t></item>']);
  });
});

/** `splitItems` the plain way, by pattern and slices: what the literal searches must give. */
function splitByPattern(xml: string): ReturnType<typeof splitItems> {
  const open = /<item[\s>]/g;
  const items: string[] = [];
  let head = '';
  let end = -1;
  for (let match = open.exec(xml); match; match = open.exec(xml)) {
    const start = match.index;
    if (end === -1) head = xml.slice(0, start);
    else if (xml.slice(end, start).trim() !== '') return null;
    const close = xml.indexOf('</item>', start);
    if (close === -1) return null;
    if (/<item[\s>]/.test(xml.slice(start + 1, close))) return null;
    end = close + '</item>'.length;
    items.push(xml.slice(start, end));
    open.lastIndex = end;
  }
  return end === -1 ? null : { head, items, tail: xml.slice(end) };
}

describe('splitItems against the pattern', () => {
  it('cuts any text as the pattern and slices do', () => {
    const piece = fc.constantFrom(
      '<rss><channel>',
      '</channel></rss>',
      '<item>',
      '<item x="1">',
      '<item',
      '<item/>',
      '</item>',
      '<itemize/>',
      '<items>',
      '<title>x</title>',
      '>',
      ' ',
      '\n',
      '\t',
      '\v',
      '\r',
      '\u0085',
      '\u00a0',
      '\u1680',
      '\u2000',
      '\u200b',
      '\u2028',
      '\u3000',
      '\ufeff',
      '\u001c',
      'x',
    );
    // And items one after another, with what may or may not count as blank between them.
    const gap = fc.constantFrom('', ' ', '\n  ', '>', 'x', '\u00a0', '\u0085', '\ufeff', '\u200b', '<!-- -->');
    const item = fc.constantFrom('<item>a</item>', '<item x="1"><t/></item>', '<item\u3000></item>', '<items/>');
    const feed = fc
      .array(fc.tuple(gap, item), { maxLength: 6 })
      .map((pairs) => `<rss><channel>${pairs.flat().join('')}</channel></rss>`);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join('')),
          feed,
        ),
        (xml) => {
          expect(splitItems(xml)).toEqual(splitByPattern(xml));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('itemFingerprint', () => {
  it('changes with any character and is stable otherwise', () => {
    const item = feedXml([{ id: 'a' }]);
    expect(itemFingerprint(item)).toBe(itemFingerprint(`${item}`));
    expect(itemFingerprint(item)).not.toBe(itemFingerprint(item.replace('Talk a', 'Talk b')));
    expect(itemFingerprint(item)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('keepItems', () => {
  it('keeps the channel and the unknown items only', () => {
    const chunks = splitItems(feedXml([{ id: 'new' }, { id: 'old' }]))!;
    const prints = chunks.items.map(itemFingerprint);
    const known = new Set([prints[1]!]);
    const { xml, kept } = keepItems(chunks, (i) => !known.has(prints[i]!));
    expect(kept).toBe(1);
    expect(xml).toContain('<dc:identifier>new</dc:identifier>');
    expect(xml).not.toContain('<dc:identifier>old</dc:identifier>');
    expect(xml).toContain('<channel>');
  });
});
