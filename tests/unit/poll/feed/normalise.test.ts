import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  languageFromTags,
  normaliseItem,
  parseDuration,
  splitDescription,
  splitTitle,
} from '@/lib/poll/feed/normalise';
import { parseFeedXml } from '@/lib/poll/feed/parse';
import { safeHttpUrl } from '@/lib/http-url';
import { htmlToPlainText } from '@/lib/text';
import { feedXml, type ItemSpec } from '../../../support/feed-xml';

function normaliseOne(spec: ItemSpec, ownHost?: string) {
  const [item] = parseFeedXml(feedXml([spec])).items;
  return normaliseItem(item!, ownHost);
}

describe('normaliseItem: links and pictures stay on media.ccc.de', () => {
  const offSite = {
    id: 'off-site',
    title: 'Phish (39c3)',
    slug: '',
    extra: '<link>https://evil.example/v/phish</link>',
    enclosure: 'https://files.example/x.mp4',
    image: 'https://tracker.example/p.gif?u=1',
  } satisfies ItemSpec;

  it('drops a link, file and thumbnail on another host from a built-in feed', () => {
    expect(normaliseOne(offSite)).toMatchObject({ id: 'off-site', url: '', thumbnail: '', enclosure: null });
  });

  it('keeps them on the custom feed’s own host, and still nothing on a third host', () => {
    expect(normaliseOne(offSite, 'evil.example')).toMatchObject({
      url: 'https://evil.example/v/phish',
      thumbnail: '',
      enclosure: null,
    });
  });

  it('keeps media.ccc.de, static.media.ccc.de and cdn.media.ccc.de', () => {
    expect(
      normaliseOne({ id: 'ok', slug: '39c3-1-ok', image: 'https://static.media.ccc.de/media/1.jpg' }),
    ).toMatchObject({
      url: 'https://media.ccc.de/v/39c3-1-ok',
      thumbnail: 'https://static.media.ccc.de/media/1.jpg',
      enclosure: { url: 'https://cdn.media.ccc.de/congress/2025/h264-hd/39c3-1-ok.mp4' },
    });
  });
});

describe('splitTitle', () => {
  it('takes the acronym from the last parentheses and keeps parentheses inside the title', () => {
    expect(splitTitle('Rust (and C) in the kernel (39c3)')).toEqual({
      title: 'Rust (and C) in the kernel',
      conference: '39c3',
    });
  });
  it('leaves a title without an acronym whole', () => {
    expect(splitTitle('Opening Ceremony')).toEqual({ title: 'Opening Ceremony', conference: '' });
    expect(splitTitle('Why we fail (part 2)')).toEqual({ title: 'Why we fail (part 2)', conference: '' });
  });
});

describe('splitDescription', () => {
  it('pulls the schedule URL off the about-this-event line and drops the licence line', () => {
    const raw =
      'An <b>intro</b> to &amp; things.\n\nLicensed to the public under https://creativecommons.org/licenses/by/4.0\nabout this event: https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/';
    const { description, scheduleUrl } = splitDescription(raw);
    expect(scheduleUrl).toBe('https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/');
    expect(description).toBe('An intro to & things.');
  });
  it('treats the c3voc.de placeholder as no schedule link', () => {
    expect(splitDescription('Text\nabout this event: https://c3voc.de').scheduleUrl).toBe('');
  });
  it('refuses a javascript: schedule link', () => {
    expect(splitDescription('Text\nabout this event: javascript:alert(1)').scheduleUrl).toBe('');
  });

  /** The plain form: the first about line found by its pattern, then every licence line. */
  function splitByPatterns(raw: string): { description: string; scheduleUrl: string } {
    const about = /(?:^|\n)[ \t]*about this event:[ \t]*(\S+)[ \t]*(?=\n|$)/i.exec(raw);
    const candidate = about ? safeHttpUrl(about[1]) : '';
    const scheduleUrl = candidate && !/^https?:\/\/(www\.)?c3voc\.de\/?$/i.test(candidate) ? candidate : '';
    const body = (about ? raw.slice(0, about.index) + raw.slice(about.index + about[0].length) : raw).replace(
      /(?:^|\n)[ \t]*licen[sc]ed to the public under[^\n]*/gi,
      '',
    );
    return { description: htmlToPlainText(body), scheduleUrl };
  }

  it('finds the lines the patterns find, in any text', () => {
    const piece = fc.constantFrom(
      '\n',
      '\n\n',
      ' ',
      '\t',
      '\r',
      '\u2028',
      '\u00a0',
      'a',
      'A',
      'l',
      'L',
      'text',
      'about',
      'about this event:',
      'ABOUT This Event:',
      'about this event: ',
      'about this event:\t',
      'licensed to the public under',
      'LICENCED to the public under ',
      'licenced to the public',
      'https://events.ccc.de/x',
      'https://c3voc.de',
      'https://example.org/a b',
      '<p>',
      '</p>',
      '&amp;',
    );
    // And whole lines, so that several about and licence lines meet in one text.
    const line = fc
      .tuple(
        fc.constantFrom('', ' ', '\t', ' \t '),
        fc.constantFrom(
          '',
          'a',
          'L',
          'text',
          'about this event:',
          'About this event: ',
          'Licensed to the public under',
        ),
        fc.constantFrom('', ' ', '\t', 'https://events.ccc.de/y', ' https://c3voc.de/ ', ' x y', '\r', ' <b>'),
      )
      .map((parts) => parts.join(''));
    const text = fc.oneof(
      fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join('')),
      fc.array(line, { maxLength: 8 }).map((lines) => lines.join('\n')),
    );
    fc.assert(
      fc.property(text, (raw) => {
        expect(splitDescription(raw)).toEqual(splitByPatterns(raw));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('normaliseItem', () => {
  it('maps a full item onto the talk record', () => {
    const talk = normaliseOne({
      id: '6f1b7e3c-2f2a-4c57-9a0e-4a1b2c3d4e5f',
      title: 'Rust (and C) in the kernel (39c3)',
      slug: '39c3-1234-rust-and-c-in-the-kernel',
      description:
        'Memory safety &amp; <a href="https://example.org">links</a>.\nabout this event: https://events.ccc.de/congress/2025/hub/en/event/detail/rust',
      author: 'Alice Example, Bob Beispiel',
      keywords: 'ABC123, 2025, 39c3, Hardware, Saal 1, 39c3-eng, Day 2',
      duration: '01:02:03',
      image: 'https://static.media.ccc.de/media/congress/2025/1234-hd.jpg',
    });
    expect(talk).toMatchObject({
      id: '6f1b7e3c-2f2a-4c57-9a0e-4a1b2c3d4e5f',
      idSource: 'guid',
      title: 'Rust (and C) in the kernel',
      conference: '39c3',
      url: 'https://media.ccc.de/v/39c3-1234-rust-and-c-in-the-kernel',
      slug: '39c3-1234-rust-and-c-in-the-kernel',
      scheduleUrl: 'https://events.ccc.de/congress/2025/hub/en/event/detail/rust',
      description: 'Memory safety & links .',
      speakers: ['Alice Example', 'Bob Beispiel'],
      tags: ['ABC123', '2025', '39c3', 'Hardware', 'Saal 1', '39c3-eng', 'Day 2'],
      language: 'eng',
      durationSeconds: 3723,
      date: Date.UTC(2025, 11, 27, 11),
      thumbnail: 'https://static.media.ccc.de/media/congress/2025/1234-hd.jpg',
      enclosure: {
        url: 'https://cdn.media.ccc.de/congress/2025/h264-hd/39c3-1234-rust-and-c-in-the-kernel.mp4',
        type: 'video/mp4',
        length: 123456,
      },
    });
  });
  it('falls back to the media.ccc.de slug when dc:identifier is missing', () => {
    expect(normaliseOne({ slug: 'jev22-5555-talk' })).toMatchObject({ id: 'slug:jev22-5555-talk', idSource: 'slug' });
  });
  it('falls back to the enclosure file without its query when there is neither GUID nor link', () => {
    const talk = normaliseOne({ slug: '', enclosure: 'https://cdn.media.ccc.de/a/b.mp4?1700000000' });
    expect(talk).toMatchObject({ id: 'enclosure:https://cdn.media.ccc.de/a/b.mp4', idSource: 'enclosure' });
  });
  it('skips an item with no identity at all', () => {
    expect(normaliseOne({ slug: '', enclosure: null })).toBeNull();
  });
  it('keeps items without enclosure, author or description', () => {
    expect(normaliseOne({ id: 'g1', enclosure: null })).toMatchObject({
      enclosure: null,
      speakers: [],
      description: '',
    });
  });
  it('never keeps a non-http thumbnail, link or enclosure', () => {
    const talk = normaliseOne({ id: 'g2', slug: '', image: 'javascript:alert(1)', enclosure: 'data:text/html,x' });
    expect(talk).toMatchObject({ thumbnail: '', enclosure: null, url: '' });
    expect(normaliseOne({ slug: '', enclosure: 'javascript:alert(1)' })).toBeNull();
  });
  it('renders markup in titles as plain text and strips bidi overrides', () => {
    const talk = normaliseOne({ id: 'g4', title: '<script>alert(1)</script>Evil\u202Etxt.exe (39c3)' });
    expect(talk?.title).toBe('alert(1) Eviltxt.exe');
  });
});

describe('small parsers', () => {
  it('reads HH:MM:SS, MM:SS and plain seconds, and rejects nonsense', () => {
    expect(parseDuration('00:45:10')).toBe(2710);
    expect(parseDuration('45:10')).toBe(2710);
    expect(parseDuration('300')).toBe(300);
    expect(parseDuration('9999:00:00')).toBe(0);
    expect(parseDuration('soon')).toBe(0);
  });
  it('finds the language from the <acronym>-<lang> tag', () => {
    expect(languageFromTags(['2025', 'datenspuren2025-deu'], 'datenspuren2025')).toBe('deu');
    expect(languageFromTags(['39c3-deu-eng'], '39c3')).toBe('deu-eng');
    expect(languageFromTags(['x-ray', 'foo-bar'], '39c3')).toBe('');
  });
});
