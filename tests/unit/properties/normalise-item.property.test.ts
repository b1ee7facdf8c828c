/**
 * Properties of `normaliseItem` (lib/poll/feed/normalise.ts) on hostile raw feed items: whatever a
 * feed (or fast-xml-parser's shapes of it) contains, the talk record is plain, bounded text and
 * http(s) links, or null.
 *
 * Media.ccc.de links whose slug percent-decodes to controls or invisible characters, or does
 * not decode at all, are part of the generated input: both once broke the normaliser (fixed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseItem } from '@/lib/poll/feed/normalise';
import type { RawItem } from '@/lib/poll/feed/parse';
import { parseHttpUrl } from '@/lib/http-url';
import type { TalkFeedData } from '@/lib/archive/talk';

const RUNS = { numRuns: 150 };

/** Bidi overrides/isolates, zero-width characters and the BOM: nothing a title may hide behind. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
// The controls cleanInline and htmlToPlainText remove (tab and newline stay in descriptions).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<style>*{}</style>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<b>x</b>',
  '\u202e',
  '\u200b',
  '\u2066',
  '\u2069',
  '\ufeff',
  '\u200f',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '&#x202E;',
  '&#8203;',
  '&#x200B;',
  '&#0;',
  '&#xD800;',
  '&#1114112;',
  '&lt;b&gt;',
  '&amp;lt;',
  '&shy;',
  '&nbsp;',
  '\n',
  '\r\n',
  '\t',
  ' ',
  ',',
  ':',
  '(39c3)',
  '(a b)',
  '()',
  'about this event: ',
  'licensed to the public under CC',
  'https://',
  'http://media.ccc.de/v/',
  'media.ccc.de',
  '1e309',
  '-1',
  'NaN',
  'Infinity',
  '99999999999999999999',
  '0x10',
  '00:00:-1',
  '💥',
  '\ud800',
  'ä',
  'Ä',
  'ｆｕｌｌ',
];

const hostileString = fc
  .array(
    fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

const hugeNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2, 1e21, -0, NaN, Infinity, -Infinity),
  fc.integer(),
);

/** What fast-xml-parser gives for an element: text, a number, `{ '#text' }`, repeats, or junk. */
const element = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hugeNumber,
    fc.constantFrom(null, undefined, true, false),
    fc.record({ '#text': tie('value') }, { requiredKeys: [] }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('@_url', '@_href', '@_length', '@_type', '#text', 'x'), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const slug = fc
  .array(
    fc.oneof(
      fc.constantFrom('39c3-', '12345-', 'talk', '..', '.', 'a_b', '\u202e', '%41', '%', '<b>', '"', "'", ' ', 'ä'),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));

const link = fc.oneof(
  slug.map((s) => `https://media.ccc.de/v/${s}`),
  fc
    .tuple(
      fc.constantFrom('HTTP://MEDIA.CCC.DE/v/', ' http://media.ccc.de/v/', 'https://media.ccc.de/v/'),
      slug,
      fc.constantFrom('', '/', '?q=1', '#f', '/x'),
    )
    .map((p) => p.join('')),
  fc.constantFrom(
    'javascript:alert(1)',
    'data:text/html,hi',
    'http:/media.ccc.de/v/x',
    '//media.ccc.de/v/x',
    'media.ccc.de/v/x',
    'https://',
  ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  hostileString,
);

const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' data:video/mp4;base64,AAAA',
    'vbscript:x',
    'file:///etc/passwd',
    'http:/x',
    'https://c3voc.de',
    'https://c3voc.de/',
    'http://www.c3voc.de',
  ),
  fc
    .tuple(fc.constantFrom('https://', 'http://', ' https://'), fc.domain(), hostileString)
    .map(([s, d, p]) => `${s}${d}/${p}`),
  hostileString,
);

const numberish = fc.oneof(
  hugeNumber.map(String),
  hostileString,
  fc.constantFrom('01:02:03', '45:10', '300', '999999:99:99', '1:1:1:1', '', ' 12 ', '1e3'),
);

const enclosure = fc.oneof(
  fc.record({ '@_url': url, '@_length': numberish, '@_type': hostileString }, { requiredKeys: [] }),
  fc.array(fc.record({ '@_url': url, '@_length': numberish }), { maxLength: 2 }),
  element,
);

const description = fc
  .tuple(
    hostileString,
    fc.constantFrom('', '\nabout this event: ', 'About this event:\t', '<p>about this event: '),
    fc.oneof(url, hostileString),
    hostileString,
  )
  .map((parts) => parts.join(''));

const rawItem: fc.Arbitrary<RawItem> = fc.record(
  {
    title: fc.oneof(
      hostileString,
      element,
      hostileString.map((t) => `${t} (39c3)`),
    ),
    link: fc.oneof(link, element),
    'dc:identifier': fc.oneof(hostileString, element),
    enclosure,
    description: fc.oneof(description, element),
    'itunes:summary': fc.oneof(description, element),
    'itunes:subtitle': fc.oneof(hostileString, element),
    'itunes:author': fc.oneof(hostileString, element),
    'itunes:keywords': fc.oneof(
      hostileString,
      element,
      fc
        .array(fc.oneof(hostileString, fc.constantFrom('39c3-eng', 'deu', 'QK3PXA', '12345')), { maxLength: 6 })
        .map((t) => t.join(',')),
    ),
    pubDate: fc.oneof(
      hostileString,
      element,
      fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toUTCString())),
    ),
    'dc:date': fc.oneof(hostileString, element),
    'itunes:duration': fc.oneof(numberish, element),
    'itunes:image': fc.oneof(fc.record({ '@_href': url }), element),
  },
  { requiredKeys: [] },
);

function expectHttpOrEmpty(value: string): void {
  if (value === '') return;
  expect(value).toMatch(/^https?:\/\//);
  expect(parseHttpUrl(value)?.href).toBe(value);
  expect(value.length).toBeLessThanOrEqual(2048);
}

function expectPlainText(value: string, max: number): void {
  expect(typeof value).toBe('string');
  expect(value.length).toBeLessThanOrEqual(max);
  expect(value).not.toMatch(INVISIBLE);
  expect(value).not.toMatch(CONTROL);
}

function checkTalk(talk: TalkFeedData): void {
  expect(talk.id).not.toBe('');
  expect(['guid', 'slug', 'enclosure']).toContain(talk.idSource);
  expect(talk.id.length).toBeLessThanOrEqual(2048 + 'enclosure:'.length);
  if (talk.idSource === 'slug') {
    expect(talk.id).toBe(`slug:${talk.slug}`);
    expect(talk.url).toMatch(/^https?:\/\/media\.ccc\.de\/v\//i);
  }
  if (talk.idSource === 'enclosure') expect(talk.id).toBe(`enclosure:${talk.enclosure?.url.split('?')[0]}`);
  for (const field of [talk.url, talk.scheduleUrl, talk.thumbnail, talk.enclosure?.url ?? '']) expectHttpOrEmpty(field);
  expect(talk.scheduleUrl).not.toMatch(/^https?:\/\/(www\.)?c3voc\.de\/?$/i);
  if (talk.enclosure) {
    expect(talk.enclosure.url).not.toBe('');
    expect(Number.isFinite(talk.enclosure.length) && talk.enclosure.length >= 0).toBe(true);
    expectPlainText(talk.enclosure.type, 100);
  }
  expectPlainText(talk.title, 500);
  expect(talk.title).not.toBe('');
  expectPlainText(talk.conference, 40);
  expect(talk.conference).not.toMatch(/[\s()]/);
  expectPlainText(talk.subtitle, 500);
  expectPlainText(talk.slug, 300);
  expectPlainText(talk.language, 200);
  expect(talk.description.length).toBeLessThanOrEqual(8000);
  expect(talk.description).not.toMatch(INVISIBLE);
  expect(talk.speakers.length).toBeLessThanOrEqual(30);
  for (const s of talk.speakers) expectPlainText(s, 200);
  expect(talk.tags.length).toBeLessThanOrEqual(50);
  for (const t of talk.tags) expectPlainText(t, 200);
  expect(new Set(talk.tags).size).toBe(talk.tags.length);
  expect(
    Number.isFinite(talk.durationSeconds) && talk.durationSeconds >= 0 && talk.durationSeconds <= 7 * 24 * 3600,
  ).toBe(true);
  expect(Number.isInteger(talk.durationSeconds)).toBe(true);
  expect(talk.date === 0 || (talk.date > Date.UTC(1980, 0) && talk.date < Date.UTC(2100, 0))).toBe(true);
}

describe('normaliseItem properties', { timeout: 30_000 }, () => {
  it('never throws; gives null or plain, bounded text and http(s) links', () => {
    fc.assert(
      fc.property(rawItem, (item) => {
        const talk = normaliseItem(item);
        if (talk !== null) checkTalk(talk);
      }),
      RUNS,
    );
  });

  it('gives null without any identity; a GUID alone is enough and decides the id', () => {
    fc.assert(
      fc.property(rawItem, (item) => {
        const talk = normaliseItem(item);
        const withoutIdentity = normaliseItem({
          ...item,
          'dc:identifier': '',
          link: 'javascript:x',
          enclosure: undefined,
        });
        expect(withoutIdentity).toBeNull();
        if (talk?.idSource === 'guid')
          expect(normaliseItem({ ...item, link: undefined, enclosure: undefined })?.id).toBe(talk.id);
      }),
      RUNS,
    );
  });

  it('keeps a hostile GUID item as a talk with clean fields', () => {
    fc.assert(
      fc.property(rawItem, fc.stringMatching(/^[0-9a-f-]{8,36}$/), (item, guid) => {
        const talk = normaliseItem({ ...item, 'dc:identifier': guid });
        expect(talk).not.toBeNull();
        expect(talk?.id).toBe(guid);
        checkTalk(talk!);
      }),
      RUNS,
    );
  });

  it('never throws on items of any shape', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'title',
            'link',
            'dc:identifier',
            'enclosure',
            'description',
            'itunes:image',
            'itunes:duration',
            'pubDate',
            'itunes:keywords',
          ),
          fc.anything({ maxDepth: 2 }),
        ),
        (item) => {
          const talk = normaliseItem(item as RawItem);
          if (talk !== null) checkTalk(talk);
        },
      ),
      RUNS,
    );
  });
});
