/**
 * The readers of media.ccc.de's JSON API answers (lib/history/api-shapes.ts):
 *
 * - good answers, written in the shape of voctoweb's jbuilder views (tests/fixtures/api/), read into
 *   the expected records, and `eventToTalk` giving the `TalkFeedData` that the feed item voctoweb
 *   writes for the same talk gives through `normaliseItem`;
 * - the bad-answer corpus (tests/fixtures/bad-api/, README.md there): every row's outcome, read from
 *   the README table, and the checks every read answer must pass;
 * - properties: on any JSON at all the readers give clean records or throw a `HistoryError`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TalkFeedData } from '@/lib/archive/talk';
import { HistoryError, readJsonBody, type HistoryErrorKind } from '@/lib/history/api-json';
import {
  type ApiConference,
  type ApiEvent,
  eventToTalk,
  parseConferenceList,
  parseConferenceWithEvents,
  parseEvent,
  parseEventList,
  releaseDateOf,
} from '@/lib/history/api-shapes';
import { parseHttpUrl } from '@/lib/http-url';
import { normaliseItem } from '@/lib/poll/feed/normalise';
import { parseFeedXml } from '@/lib/poll/feed/parse';
import { feedXml } from '../../support/feed-xml';

/** The corpus README's clock: 1 June 2026. */
const NOW = Date.UTC(2026, 5, 1);
const MB = 1024 * 1024;
const GOOD = new URL('../../fixtures/api/', import.meta.url);
const BAD = new URL('../../fixtures/bad-api/', import.meta.url);

type Raw = Record<string, unknown>;
const good = (name: string): Raw => JSON.parse(readFileSync(new URL(name, GOOD), 'utf8')) as Raw;
const rawEvents = (answer: Raw): Raw[] => answer.events as Raw[];

// ---------------------------------------------------------------------------------------------
// What holds for everything a reader gives

const MARKUP = /<[a-z/!?]/i;
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_LINE_BREAK = /[\u0000-\u001f\u007f]/;
const MEDIA_CCC = /^https:\/\/(?:[a-z0-9-]+\.)*media\.ccc\.de\//;

function stringsIn(value: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => stringsIn(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) stringsIn(v, `${path}.${k}`, out);
  return out;
}

/**
 * The checks collect what is wrong instead of asserting field by field: a read of 50,000 events
 * has millions of fields, and one `expect` each would take minutes.
 */
type Problems = string[];

function checkUrl(problems: Problems, value: string, path: string, rule?: RegExp): void {
  if (value === '') return;
  if (!/^https?:\/\//.test(value) || parseHttpUrl(value)?.href !== value || value.length > 2048)
    problems.push(`${path}: not a clean http(s) URL: ${value}`);
  else if (rule && !rule.test(value)) problems.push(`${path}: not allowed here: ${value}`);
}

function checkDate(problems: Problems, value: number, path: string): void {
  if (!(value === 0 || (value > Date.UTC(1980, 0) && value <= NOW + 2 * 366 * 86_400_000)))
    problems.push(`${path}: absurd date ${value}`);
}

function checkCount(problems: Problems, value: number, path: string, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) problems.push(`${path}: bad number ${value}`);
}

function checkStrings(problems: Problems, record: object, name: string): void {
  for (const [path, text] of stringsIn(record, name)) {
    const multiLine = path.endsWith('.description');
    if (MARKUP.test(text)) problems.push(`${path}: markup in ${JSON.stringify(text.slice(0, 80))}`);
    if (INVISIBLE.test(text)) problems.push(`${path}: invisible character in ${JSON.stringify(text.slice(0, 80))}`);
    if ((multiLine ? CONTROL : CONTROL_OR_LINE_BREAK).test(text))
      problems.push(`${path}: control character in ${JSON.stringify(text.slice(0, 80))}`);
    if (text.length > (multiLine ? 8000 : 2048)) problems.push(`${path}: ${text.length} characters`);
  }
}

function checkConference(problems: Problems, conference: ApiConference): void {
  const name = `conference ${conference.acronym}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(conference.acronym)) problems.push(`${name}: bad acronym`);
  checkStrings(problems, conference, name);
  checkUrl(problems, conference.scheduleUrl, `${name}.scheduleUrl`);
  checkUrl(problems, conference.link, `${name}.link`);
  checkDate(problems, conference.lastReleasedAt, `${name}.lastReleasedAt`);
  checkDate(problems, conference.updatedAt, `${name}.updatedAt`);
}

function checkEvent(problems: Problems, event: ApiEvent): void {
  const name = `event ${event.guid}`;
  if (!/^[A-Za-z0-9-]{1,100}$/.test(event.guid)) problems.push(`${name}: bad guid`);
  if (event.title === '' || event.title.length > 500) problems.push(`${name}: title of ${event.title.length}`);
  checkStrings(problems, event, name);
  checkUrl(problems, event.link, `${name}.link`);
  checkUrl(problems, event.thumbUrl, `${name}.thumbUrl`, MEDIA_CCC);
  checkUrl(problems, event.frontendLink, `${name}.frontendLink`, /^https:\/\/media\.ccc\.de\/v\/[^/?#]+$/);
  for (const [list, max] of [
    [event.persons, 30],
    [event.tags, 50],
  ] as const) {
    if (list.length > max || new Set(list).size !== list.length || list.some((item) => !item || item.length > 200))
      problems.push(`${name}: list of ${list.length} with repeats, empty or long items`);
  }
  checkDate(problems, event.date, `${name}.date`);
  checkDate(problems, event.releaseDate, `${name}.releaseDate`);
  checkCount(problems, event.durationSeconds, `${name}.durationSeconds`, 7 * 86_400);
  if ((event.recordings?.length ?? 0) > 50) problems.push(`${name}: ${event.recordings?.length} recordings`);
  for (const [i, recording] of (event.recordings ?? []).entries()) {
    const path = `${name}.recordings[${i}]`;
    if (!recording.url) problems.push(`${path}: no URL`);
    checkUrl(problems, recording.url, `${path}.url`, MEDIA_CCC);
    for (const key of ['width', 'height', 'sizeBytes'] as const) checkCount(problems, recording[key], `${path}.${key}`);
  }
}

function checkTalk(problems: Problems, talk: TalkFeedData): void {
  const name = `talk ${talk.id}`;
  checkStrings(problems, talk, name);
  if (talk.idSource !== 'guid') problems.push(`${name}: id source ${talk.idSource}`);
  for (const field of ['url', 'scheduleUrl'] as const) checkUrl(problems, talk[field], `${name}.${field}`);
  checkUrl(problems, talk.thumbnail, `${name}.thumbnail`, MEDIA_CCC);
  if (/^https?:\/\/(www\.)?c3voc\.de\/?$/i.test(talk.scheduleUrl)) problems.push(`${name}: placeholder kept`);
  if (talk.enclosure) {
    if (!talk.enclosure.url) problems.push(`${name}: enclosure without URL`);
    checkUrl(problems, talk.enclosure.url, `${name}.enclosure.url`, MEDIA_CCC);
    checkCount(problems, talk.enclosure.length, `${name}.enclosure.length`);
  }
  if (talk.conference.length > 40 || talk.speakers.length > 30 || talk.tags.length > 50)
    problems.push(`${name}: over a cap`);
  if (!/^(?:|[a-z]{3}(?:-[a-z]{3})*)$/.test(talk.language)) problems.push(`${name}: language ${talk.language}`);
}

function expectCleanTalk(talk: TalkFeedData): void {
  const problems: Problems = [];
  checkTalk(problems, talk);
  expect(problems).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Running a reader

type Reader = 'conferences' | 'conference' | 'event' | 'events';
interface Read {
  conferences: ApiConference[];
  events: ApiEvent[];
  skipped: number;
  /** Each event's talk, made with the answer's conference where the answer is one conference. */
  talks: TalkFeedData[];
}

function runReader(reader: Reader, json: unknown): Read {
  const options = { now: NOW };
  let read: Omit<Read, 'talks'>;
  let conference: ApiConference | undefined;
  if (reader === 'conferences') read = { ...parseConferenceList(json, options), events: [] };
  else if (reader === 'conference') {
    const answer = parseConferenceWithEvents(json, options);
    conference = answer.conference;
    read = { conferences: [answer.conference], events: answer.events, skipped: answer.skipped };
  } else if (reader === 'event') read = { conferences: [], events: [parseEvent(json, options)], skipped: 0 };
  else read = { ...parseEventList(json, options), conferences: [] };
  return { ...read, talks: read.events.map((event) => eventToTalk(event, conference)) };
}

function expectCleanRead(read: Read): void {
  const problems: Problems = [];
  for (const conference of read.conferences) checkConference(problems, conference);
  for (const event of read.events) checkEvent(problems, event);
  for (const talk of read.talks) checkTalk(problems, talk);
  expect(problems.slice(0, 20)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Good answers

/** `HH:MM:SS`, as voctoweb writes `itunes:duration`. */
const hms = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 19);
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The feed item voctoweb's podcast generator (lib/feeds/podcast_generator.rb) writes for this
 * event and recording, read the way the poller reads it. The enclosure length is the recording's
 * size as the API states it (MB × 1024²): the feed's own is exact bytes, the one known difference.
 */
function feedTalkFor(raw: Raw, acronym: string, recording?: Raw): TalkFeedData | null {
  const persons = raw.persons as string[];
  const subtitle = str(raw.subtitle);
  const enclosure = recording
    ? `<enclosure url="${str(recording.recording_url)}" length="${Number(recording.size) * MB}" type="${str(recording.mime_type)}"/>`
    : '';
  const xml = feedXml([
    {
      id: str(raw.guid),
      title: `${str(raw.title)} (${acronym})`,
      slug: str(raw.slug),
      // get_item_description: the description, then the about line when there is a link.
      description: [str(raw.description), raw.link ? `about this event: ${str(raw.link)}\n` : ''].join('\n'),
      author: persons.join(', '),
      keywords: (raw.tags as string[]).join(','),
      duration: hms(Number(recording?.length ?? raw.duration)),
      pubDate: new Date(Date.parse(str(raw.date))).toUTCString(),
      enclosure: null,
      image: str(raw.thumb_url),
      extra: `${subtitle ? `<itunes:subtitle>${escapeXml(subtitle)}</itunes:subtitle>` : ''}${enclosure}`,
    },
  ]);
  const [item] = parseFeedXml(xml).items;
  return normaliseItem(item!);
}

describe('good answers, shaped like voctoweb', () => {
  it('reads the conference list', () => {
    const { conferences, skipped } = parseConferenceList(good('conferences.json'), { now: NOW });
    expect(skipped).toBe(0);
    expect(conferences.map((c) => c.acronym)).toEqual(['38c3', 'asg2023', 'sotm2025', '36c3', 'chaosradio']);
    expect(conferences[1]).toEqual({
      acronym: 'asg2023',
      title: 'All Systems Go! 2023',
      scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2023/schedule/export/schedule.xml',
      link: 'https://all-systems-go.io/',
      lastReleasedAt: Date.parse('2023-09-20T11:05:37.000+02:00'),
      updatedAt: Date.parse('2023-10-02T18:12:03.512+02:00'),
    });
    expect(conferences[3]).toMatchObject({ acronym: '36c3', link: '' });
    expect(conferences[4]).toMatchObject({ scheduleUrl: '', link: '', lastReleasedAt: 0 });
  });

  it('reads a pretalx conference with its events, and each event is the talk its feed item gives', () => {
    const answer = good('conference-asg2023.json');
    const { conference, events, skipped } = parseConferenceWithEvents(answer, { now: NOW });
    expect(skipped).toBe(0);
    expect(conference.acronym).toBe('asg2023');
    expect(events).toHaveLength(4);
    expect(events[0]).toEqual({
      guid: '0d3f5a52-6b1e-5c7a-9f43-2a8e1c4b7d90',
      title: 'Unified Kernel Images in practice',
      subtitle: 'What a year of signed boot images taught us',
      slug: 'asg2023-215-unified-kernel-images-in-practice',
      link: 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/QWXZ8P/',
      description:
        'Unified Kernel Images bundle kernel, initrd and command line into one signed PE binary.\n\nThis talk walks through **building**, signing and booting them on a fleet of laptops, and what broke along the way.',
      originalLanguage: 'eng',
      persons: ['Jane Example'],
      tags: ['215', '2023', 'asg2023', 'Boot', 'Loft', 'asg2023-eng', 'Day 1'],
      date: Date.parse('2023-09-13T10:30:00.000+02:00'),
      releaseDate: Date.parse('2023-09-14T00:00:00.000+02:00'),
      durationSeconds: 2520,
      thumbUrl:
        'https://static.media.ccc.de/media/events/all_systems_go/2023/215-0d3f5a52-6b1e-5c7a-9f43-2a8e1c4b7d90.jpg',
      frontendLink: 'https://media.ccc.de/v/asg2023-215-unified-kernel-images-in-practice',
      conferenceAcronym: 'asg2023',
    });
    // The conference answer lists no recordings: not "none", just not asked.
    expect(events.every((event) => !('recordings' in event))).toBe(true);

    expect(eventToTalk(events[1]!, conference)).toEqual({
      id: '8e61c0b2-4f3d-5a19-b7e2-91d4c6a3f058',
      idSource: 'guid',
      title: 'Measured boot & remote attestation without tears',
      conference: 'asg2023',
      url: 'https://media.ccc.de/v/asg2023-221-measured-boot-remote-attestation-without-tears',
      slug: 'asg2023-221-measured-boot-remote-attestation-without-tears',
      scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/7HNLKD/',
      description:
        'TPMs are everywhere, yet few systems use them for more than disk encryption.\n\nWe show how PCR policies & event logs fit together, with a demo on real hardware .',
      subtitle: '',
      speakers: ['Rosa Beispiel', 'Tomás Ejemplo'],
      // A track with a comma arrives as two keywords in the feed, so here too.
      tags: ['221', '2023', 'asg2023', 'Security', 'Boot & Trust', 'Main Hall', 'asg2023-eng', 'Day 1'],
      language: 'eng',
      date: Date.parse('2023-09-13T14:00:00.000+02:00'),
      durationSeconds: 2871,
      thumbnail:
        'https://static.media.ccc.de/media/events/all_systems_go/2023/221-8e61c0b2-4f3d-5a19-b7e2-91d4c6a3f058.jpg',
      enclosure: null,
    });

    rawEvents(answer).forEach((raw, i) => {
      expect(eventToTalk(events[i]!, conference), str(raw.guid)).toEqual(feedTalkFor(raw, 'asg2023'));
      expect(eventToTalk(events[i]!), 'the acronym of conference_url is the same').toEqual(
        eventToTalk(events[i]!, conference),
      );
    });
    expect(eventToTalk(events[3]!, conference).language).toBe('deu');
    expect(releaseDateOf(events[2]!)).toBe(Date.parse('2023-09-20T11:05:37.000+02:00'));
  });

  it('reads one event with its recordings and picks the mp4 in high quality in the talk’s own language', () => {
    const raw = good('event-with-recordings.json');
    const event = parseEvent(raw, { now: NOW });
    expect(event.recordings).toHaveLength(7);
    expect(event.recordings![3]).toEqual({
      url: 'https://cdn.media.ccc.de/congress/2024/h264-hd/38c3-567-wie-man-einen-bahnhof-vermisst-deu-Wie_man_einen_Bahnhof_vermisst_hd.mp4',
      mimeType: 'video/mp4',
      language: 'deu',
      highQuality: true,
      width: 1920,
      height: 1080,
      sizeBytes: 352 * MB,
      folder: 'h264-hd',
      filename: '38c3-567-wie-man-einen-bahnhof-vermisst-deu-Wie_man_einen_Bahnhof_vermisst_hd.mp4',
      state: 'downloaded',
      lengthSeconds: 2412,
    });
    expect(event.recordings![6]).toMatchObject({ mimeType: 'text/vtt', width: 0, height: 0, sizeBytes: 0 });
    const talk = eventToTalk(event);
    expect(talk.enclosure).toEqual({ url: event.recordings![3]!.url, type: 'video/mp4', length: 352 * MB });
    expect(talk).toMatchObject({
      conference: '38c3',
      language: 'deu',
      speakers: ['Erika Mustermann', 'Kim Beispiel'],
      scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HXJ4QN/',
    });
    expect(talk.description).toBe(
      'Ein Bahnhof ist nie fertig. Wir haben einen vermessen, vom Bahnsteig bis zum Kabelkanal.\n\n- Wie man 3 TB Punktwolke verarbeitet\n- Warum GPS im Tunnel nicht hilft\n- Was das Stellwerk dazu sagt',
    );
    expect(talk).toEqual(feedTalkFor(raw, '38c3', (raw.recordings as Raw[])[3]));
    expect(releaseDateOf(event)).toBe(Date.parse('2024-12-28T21:37:14.000+01:00'));
  });

  it('reads a search answer: events of several conferences, each with recordings', () => {
    const answer = good('search-mapping.json');
    const { events, skipped } = parseEventList(answer, { now: NOW });
    expect(skipped).toBe(0);
    expect(events.map((e) => e.conferenceAcronym)).toEqual(['sotm2025', '36c3', '38c3']);
    const talks = events.map((event) => eventToTalk(event));
    expect(talks.map((t) => t.enclosure?.type)).toEqual(['video/mp4', 'video/mp4', 'video/mp4']);
    expect(talks[1]!.scheduleUrl).toBe('https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496.html');
    // The c3voc.de placeholder is no schedule link; a relive thumbnail on cdn.c3voc.de is not loaded.
    expect(talks[2]).toMatchObject({ scheduleUrl: '', thumbnail: '', language: 'deu-eng', description: '' });
    rawEvents(answer).forEach((raw, i) => {
      const recording = (raw.recordings as Raw[]).find((r) => r.recording_url === talks[i]!.enclosure?.url);
      const fromFeed = feedTalkFor(raw, events[i]!.conferenceAcronym, recording);
      // The feed would name the relive thumbnail; the API reader keeps images to media.ccc.de.
      expect(talks[i], str(raw.guid)).toEqual(i === 2 ? { ...fromFeed, thumbnail: '' } : fromFeed);
    });
  });

  it('passes the checks of every read answer', () => {
    expectCleanRead(runReader('conferences', good('conferences.json')));
    expectCleanRead(runReader('conference', good('conference-asg2023.json')));
    expectCleanRead(runReader('event', good('event-with-recordings.json')));
    expectCleanRead(runReader('events', good('search-mapping.json')));
  });
});

// ---------------------------------------------------------------------------------------------
// Single rules

function minimalEvent(extra: Raw = {}): Raw {
  return { guid: 'rule-1', title: 'A talk', slug: '38c3-1-a-talk', original_language: 'deu', ...extra };
}
const recordingOf = (extra: Raw): Raw => ({
  recording_url: `https://cdn.media.ccc.de/x/${Object.values(extra).join('-')}.file`,
  mime_type: 'video/mp4',
  language: 'deu',
  high_quality: true,
  size: 10,
  ...extra,
});
const enclosureFor = (recordings: Raw[]) => eventToTalk(parseEvent(minimalEvent({ recordings }))).enclosure?.url;

describe('single rules', () => {
  it('prefers an mp4, then high quality, then the original language; the first of equals wins', () => {
    const webmHq = recordingOf({ mime_type: 'video/webm' });
    const mp4Sd = recordingOf({ high_quality: false });
    const mp4HqEng = recordingOf({ language: 'eng' });
    const mp4HqDeu = recordingOf({ language: 'deu', folder: 'a' });
    const mp4HqDeu2 = recordingOf({ language: 'deu', folder: 'b' });
    expect(enclosureFor([webmHq, mp4Sd])).toBe(mp4Sd.recording_url);
    expect(enclosureFor([mp4Sd, mp4HqEng])).toBe(mp4HqEng.recording_url);
    expect(enclosureFor([mp4HqEng, mp4HqDeu, mp4HqDeu2])).toBe(mp4HqDeu.recording_url);
    expect(enclosureFor([recordingOf({ mime_type: 'text/vtt' }), recordingOf({ mime_type: 'audio/mpeg' })])).toMatch(
      /audio/,
    );
    expect(enclosureFor([recordingOf({ mime_type: 'text/vtt' })])).toBeUndefined();
    expect(enclosureFor([])).toBeUndefined();
  });

  it('keeps a frontend link only when it is https://media.ccc.de/v/<this slug>', () => {
    const link = (frontend_link: string, slug = '38c3-1-a-talk') =>
      parseEvent(minimalEvent({ frontend_link, slug })).frontendLink;
    expect(link('https://media.ccc.de/v/38c3-1-a-talk')).toBe('https://media.ccc.de/v/38c3-1-a-talk');
    expect(link('https://media.ccc.de/v/caf%C3%A9', 'café')).toBe('https://media.ccc.de/v/caf%C3%A9');
    for (const other of [
      'http://media.ccc.de/v/38c3-1-a-talk',
      'https://media.ccc.de/v/38c3-2-another-talk',
      'https://media.ccc.de/v/38c3-1-a-talk?autoplay=1',
      'https://media.ccc.de/v/38c3-1-a-talk#t=10',
      'https://media.ccc.de/v/38c3-1-a-talk/extra',
      'https://static.media.ccc.de/v/38c3-1-a-talk',
      'https://media.ccc.de/c/38c3',
    ])
      expect(link(other), other).toBe('');
    expect(link('https://media.ccc.de/v/..', '..')).toBe('');
    expect(parseEvent(minimalEvent({ slug: '..' })).slug).toBe('');
    expect(parseEvent(minimalEvent({ slug: '38c3 1 <b>' })).slug).toBe('');
  });

  it('builds the talk page from the slug when the frontend link is missing, and falls back to the file', () => {
    expect(eventToTalk(parseEvent(minimalEvent())).url).toBe('https://media.ccc.de/v/38c3-1-a-talk');
    const withoutSlug = parseEvent(minimalEvent({ slug: null, recordings: [recordingOf({})] }));
    expect(eventToTalk(withoutSlug).url).toBe(withoutSlug.recordings![0]!.url);
  });

  it('takes the language from the <acronym>-<lang> tag as the feed does, else from original_language', () => {
    const talk = (extra: Raw) => eventToTalk(parseEvent(minimalEvent(extra)));
    expect(
      talk({ tags: ['38c3-deu-eng'], conference_url: 'https://media.ccc.de/public/conferences/38c3' }).language,
    ).toBe('deu-eng');
    expect(talk({ tags: [] }).language).toBe('deu');
    expect(talk({ original_language: 'de' }).language).toBe('');
    expect(talk({ original_language: 'DEU' }).language).toBe('');
  });

  it('reads the acronym of conference_url, with or without .json; anything else gives none', () => {
    const acronym = (conference_url: unknown) => parseEvent(minimalEvent({ conference_url })).conferenceAcronym;
    expect(acronym('https://api.media.ccc.de/public/conferences/38c3')).toBe('38c3');
    expect(acronym('https://media.ccc.de/public/conferences/jev22.json')).toBe('jev22');
    expect(acronym('https://media.ccc.de/public/conferences/')).toBe('');
    expect(acronym('https://media.ccc.de/public/events/38c3')).toBe('');
    expect(acronym('https://media.ccc.de/public/conferences/%3Cb%3E')).toBe('');
    expect(acronym('https://media.ccc.de/public/conferences/%E0%A4%A')).toBe('');
    expect(acronym(null)).toBe('');
  });

  it('splits persons with a comma as the feed does', () => {
    expect(eventToTalk(parseEvent(minimalEvent({ persons: ['Doe, Jane', 'Jane', 'Bob'] }))).speakers).toEqual([
      'Doe',
      'Jane',
      'Bob',
    ]);
  });

  it('names the conference the caller passes, else the one of conference_url', () => {
    const event = parseEvent(minimalEvent({ conference_url: 'https://media.ccc.de/public/conferences/38c3' }));
    const other = parseConferenceList({ conferences: [{ acronym: 'DS2019' }] }).conferences[0]!;
    expect(eventToTalk(event).conference).toBe('38c3');
    // As voctoweb writes it: the feed title has the acronym as stored, case and all.
    expect(eventToTalk(event, other).conference).toBe('DS2019');
    const long = parseConferenceList({ conferences: [{ acronym: 'a'.repeat(41) }] }).conferences[0]!;
    expect(eventToTalk(event, long).conference).toBe('');
  });

  it('dates: before 1980 or more than two years ahead of now are 0', () => {
    const date = (value: string, now = NOW) => parseEvent(minimalEvent({ date: value }), { now }).date;
    expect(date('2027-06-01T00:00:00Z')).toBe(Date.UTC(2027, 5, 1));
    expect(date('2029-06-01T00:00:00Z')).toBe(0);
    expect(date('2029-06-01T00:00:00Z', Date.UTC(2028, 0, 1))).toBe(Date.UTC(2029, 5, 1));
    expect(date('1979-12-31T23:59:59Z')).toBe(0);
    expect(date('Dec 28 2024')).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The bad-answer corpus

type Outcome = { refused: HistoryErrorKind } | { skipped: number; cleaned: boolean };
interface Row {
  reader: Reader;
  outcome: Outcome;
}

const README = readFileSync(new URL('README.md', BAD), 'utf8');
const ROW = /^\| `([^`]+)` \| (conferences|conference|events|event) \| [^|]+ \| ([^|]+?) \|$/gm;
const ROWS = new Map<string, Row>(
  [...README.matchAll(ROW)].map((m) => {
    const text = m[3]!;
    const refused = /^refused: ([a-z-]+)$/.exec(text);
    const read = /^read, (\d+) skipped(, fields cleaned)?$/.exec(text);
    if (!refused && !read) throw new Error(`README row ${m[1]}: unknown outcome "${text}"`);
    const outcome: Outcome = refused
      ? { refused: refused[1] as HistoryErrorKind }
      : { skipped: Number(read![1]), cleaned: Boolean(read![2]) };
    return [m[1]!, { reader: m[2] as Reader, outcome }];
  }),
);
const FILES = readdirSync(BAD).filter((f) => f !== 'README.md');

const TYPES: Record<string, string> = { json: 'application/json', html: 'text/html; charset=utf-8', txt: 'text/plain' };
const typeOf = (name: string) => TYPES[name.split('.').pop()!] ?? 'application/json';
const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

const bigEvent = (extra: Raw): Raw => ({
  guid: 'gen-1',
  title: 'Generated talk',
  slug: '38c3-1-generated',
  original_language: 'eng',
  ...extra,
});
const cdnRecording = (i: number): Raw => ({
  recording_url: `https://cdn.media.ccc.de/x/${i}.mp4`,
  mime_type: 'video/mp4',
});
const cutAnswer = readFileSync(new URL('event-with-recordings.json', GOOD));

/** The bodies of the generated cases (the README's second table). */
const GENERATED: Record<string, () => Uint8Array[]> = {
  'gen:title-of-1mb': () => [bytesOf({ events: [bigEvent({ title: 'A'.repeat(MB) })] })],
  'gen:description-of-1mb-of-script-tags': () => [
    bytesOf({ events: [bigEvent({ description: `Before. ${'<script>'.repeat(MB / 8)}` })] }),
  ],
  'gen:10000-persons': () => [
    bytesOf({ events: [bigEvent({ persons: Array.from({ length: 10_000 }, (_, i) => `Person ${i}`) })] }),
  ],
  'gen:10000-tags': () => [
    bytesOf({ events: [bigEvent({ tags: Array.from({ length: 10_000 }, (_, i) => `tag${i}`) })] }),
  ],
  'gen:200-recordings': () => [
    bytesOf(bigEvent({ recordings: Array.from({ length: 200 }, (_, i) => cdnRecording(i)) })),
  ],
  'gen:60000-events': () => [
    bytesOf({ events: Array.from({ length: 60_000 }, (_, i) => ({ guid: `g${i}`, title: `Talk ${i}` })) }),
  ],
  'gen:60000-conferences': () => [
    bytesOf({ conferences: Array.from({ length: 60_000 }, (_, i) => ({ acronym: `c${i}` })) }),
  ],
  // JSON.stringify would overflow the stack on this; JSON.parse does not.
  'gen:nested-100000-deep-inside-an-event': () => [
    new TextEncoder().encode(
      JSON.stringify(bigEvent({ related: '@' })).replace('"@"', '['.repeat(100_000) + ']'.repeat(100_000)),
    ),
  ],
  'gen:body-over-50mb': () => [new Uint8Array(50 * MB + 1)],
  'gen:good-event-cut-at-every-offset': () => Array.from({ length: 7000 }, (_, i) => cutAnswer.subarray(0, i + 1)),
};

const eventsById = (read: Read) => new Map(read.events.map((e) => [e.guid, e]));
const talkOf = (read: Read, guid: string) => read.talks[read.events.findIndex((e) => e.guid === guid)]!;

/** What each "fields cleaned" row must read as. */
const CHECKS: Record<string, (read: Read) => void> = {
  'conferences-wrong-types.json': ({ conferences }) =>
    expect(conferences).toEqual([
      { acronym: '38c3', title: '', scheduleUrl: '', link: '', lastReleasedAt: 0, updatedAt: 0 },
      {
        acronym: 'asg2023',
        title: 'All Systems Go! 2023',
        scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2023/schedule/export/schedule.xml',
        link: 'https://all-systems-go.io/',
        lastReleasedAt: Date.parse('2025-01-28T16:40:02.000+01:00'),
        updatedAt: Date.parse('2025-02-03T09:12:44.201+01:00'),
      },
    ]),
  'events-wrong-types.json': (read) => {
    expect(read.events[0]).toEqual({
      guid: 'wrongtypes-1',
      title: 'Fields of the wrong type',
      subtitle: '',
      slug: '',
      link: '',
      description: '',
      originalLanguage: '',
      persons: [],
      tags: [],
      date: 0,
      releaseDate: 0,
      durationSeconds: 0,
      thumbUrl: '',
      frontendLink: '',
      conferenceAcronym: '',
    });
    expect(read.talks[0]).toMatchObject({ url: '', enclosure: null, conference: '', speakers: [], tags: [] });
    expect(read.events[1]).toMatchObject({ persons: ['Jane', 'Bob'], tags: ['38c3', '38c3-eng'] });
    expect(read.events[1]!.recordings).toEqual([
      {
        url: 'https://cdn.media.ccc.de/congress/2024/h264-hd/wrongtypes-2.mp4',
        mimeType: 'video/mp4',
        language: 'eng',
        highQuality: true,
        width: 0,
        height: 1080,
        sizeBytes: 0,
        folder: 'h264-hd',
        filename: 'wrongtypes-2.mp4',
        state: 'downloaded',
        lengthSeconds: 1800,
      },
    ]);
  },
  'guid-with-markup.json': ({ events }) =>
    expect(events.map((e) => e.guid)).toEqual([
      '3F2504E0-4F89-11D3-9A0C-0305E82C3301',
      '12345',
      '0d3f5a52-6b1e-5c7a-9f43-2a8e1c4b7d90',
    ]),
  'xss-fields.json': (read) => {
    expect(read.events.map((e) => e.title)).toEqual([
      'alert(1) Evil talk',
      'alert(2) Double escaped',
      'Image talk',
      'Dangling src=x onerror=alert(1)',
      'Fine title',
    ]);
    expect(eventsById(read).get('xss-5')).toMatchObject({
      subtitle: 'Sub title',
      persons: ['Mallory', 'Bob x', 'Eve'],
      tags: ['ABC123', '38c3', '38c3-eng'],
      originalLanguage: 'eng',
      description: 'Para one link\nPara two & more',
    });
    expect(talkOf(read, 'xss-5')).toMatchObject({ speakers: ['Mallory', 'Bob x', 'Eve'], language: 'eng' });
  },
  'bidi-zero-width.json': (read) => {
    const byId = eventsById(read);
    expect(byId.get('bidi-1')).toMatchObject({
      title: 'Evil talk',
      subtitle: 'softhyphen',
      persons: ['Mallory', 'Bob'],
      tags: ['ABC', '38c3-eng'],
    });
    expect(byId.get('bidi-3')).toMatchObject({ title: 'Bell and [31mred[0m', description: 'Line onestill one.' });
  },
  'script-urls-event.json': (read) => {
    expect(read.events[0]).toMatchObject({
      link: '',
      thumbUrl: '',
      frontendLink: '',
      conferenceAcronym: '',
      recordings: [],
    });
    expect(read.talks[0]).toMatchObject({
      url: 'https://media.ccc.de/v/38c3-9001-links-everywhere',
      scheduleUrl: '',
      thumbnail: '',
      enclosure: null,
      conference: '',
    });
  },
  'script-urls-conferences.json': ({ conferences }) => {
    expect(conferences[0]).toMatchObject({ acronym: 'urls-a', scheduleUrl: '', link: '' });
    expect(conferences[1]).toMatchObject({ scheduleUrl: 'http://fahrplan.example.org/schedule.xml', link: '' });
  },
  'other-hosts.json': (read) => {
    const [event] = read.events;
    expect(event).toMatchObject({ thumbUrl: '', frontendLink: '' });
    const mp4 = 'https://cdn.media.ccc.de/congress/2024/h264-sd/38c3-9002-other-hosts.mp4';
    expect(event!.recordings!.map((r) => r.url)).toEqual([
      'https://cdn.media.ccc.de/congress/2024/webm-sd/38c3-9002-other-hosts.webm',
      mp4,
    ]);
    expect(read.talks[0]).toMatchObject({
      url: 'https://media.ccc.de/v/38c3-9002-other-hosts',
      thumbnail: '',
      enclosure: { url: mp4, type: 'video/mp4', length: 120 * MB },
    });
  },
  'absurd-values.json': (read) => {
    const talkDate = Date.parse('2024-12-28T16:00:00.000+01:00');
    const release = Date.parse('2024-12-28T21:00:00.000+01:00');
    expect(read.events.map((e) => [e.guid, e.date, e.releaseDate, e.durationSeconds])).toEqual([
      ['abs-1', 0, 0, 0],
      ['abs-2', 0, 0, 0],
      ['abs-3', 0, 0, 0],
      ['abs-4', talkDate, 0, 0],
      ['abs-5', talkDate, release, 0],
      ['abs-6', talkDate, release, 604_800],
    ]);
    expect(releaseDateOf(read.events[3]!)).toBe(talkDate);
    expect(releaseDateOf(read.events[0]!)).toBe(0);
    const recordings = read.events[4]!.recordings!;
    expect(recordings.map((r) => r.sizeBytes)).toEqual([0, 0, 0, 12.5 * MB, 0]);
    expect(recordings.map((r) => [r.width, r.height])).toEqual([
      [0, 0],
      [1920, 1080],
      [1920, 1080],
      [1920, 1080],
      [0, 1080],
    ]);
  },
  'non-utf8.json': (read) =>
    expect(read.events[0]).toMatchObject({
      guid: 'utf8-1',
      title: 'Caf\ufffd talk \ufffd\ufffd',
      // An overlong `<` (C0 BC) is two replacement characters, never a `<`.
      description: 'Lone continuation \ufffd byte; overlong \ufffd\ufffdscript\ufffd\ufffd.',
    }),
  'nulls-everywhere.json': (read) => {
    expect(read.events[0]).toEqual({
      guid: 'nulls-1',
      title: 'Every other field is null',
      subtitle: '',
      slug: '',
      link: '',
      description: '',
      originalLanguage: '',
      persons: [],
      tags: [],
      date: 0,
      releaseDate: 0,
      durationSeconds: 0,
      thumbUrl: '',
      frontendLink: '',
      conferenceAcronym: '',
    });
    expect(read.talks[0]).toMatchObject({ url: '', enclosure: null, scheduleUrl: '', thumbnail: '' });
  },
  'gen:title-of-1mb': ({ events }) => expect(events[0]!.title).toBe(`${'A'.repeat(499)}…`),
  'gen:description-of-1mb-of-script-tags': ({ events }) => expect(events[0]!.description).toBe('Before.'),
  'gen:10000-persons': (read) => {
    expect(read.events[0]!.persons).toEqual(Array.from({ length: 30 }, (_, i) => `Person ${i}`));
    expect(read.talks[0]!.speakers).toHaveLength(30);
  },
  'gen:10000-tags': (read) => {
    expect(read.events[0]!.tags).toHaveLength(50);
    expect(read.talks[0]!.tags[49]).toBe('tag49');
  },
  'gen:200-recordings': ({ events }) => {
    expect(events[0]!.recordings).toHaveLength(50);
    expect(events[0]!.recordings![49]!.url).toBe('https://cdn.media.ccc.de/x/49.mp4');
  },
};

function corpusBodies(name: string): { type: string; bodies: Uint8Array[] } {
  if (name.startsWith('gen:')) return { type: 'application/json', bodies: GENERATED[name]!() };
  return { type: typeOf(name), bodies: [new Uint8Array(readFileSync(new URL(name, BAD)))] };
}

function refusalOf(run: () => unknown): HistoryError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryError);
    return error as HistoryError;
  }
  throw new Error('expected a refusal, the answer was read');
}

describe('the bad-answer corpus', () => {
  for (const [name, { reader, outcome }] of ROWS) {
    const label = 'refused' in outcome ? `refused: ${outcome.refused}` : `read, ${outcome.skipped} skipped`;
    it(`${name} (${reader}): ${label}`, { timeout: 60_000 }, () => {
      const { type, bodies } = corpusBodies(name);
      for (const bytes of bodies) {
        const run = () => runReader(reader, readJsonBody(bytes, type));
        if ('refused' in outcome) {
          const error = refusalOf(run);
          expect(error.kind, `${name} cut at ${bytes.byteLength}`).toBe(outcome.refused);
          // A sentence for people: no stack, no exception name, no "[object …]".
          expect(error.message).toMatch(/^[A-Z].{15,}[.)]$/);
          expect(error.message).not.toMatch(/\n|\[object |SyntaxError|TypeError/);
        } else {
          const read = run();
          expect(read.skipped).toBe(outcome.skipped);
          expect(read.conferences.length + read.events.length).toBeGreaterThan(0);
          expectCleanRead(read);
          if (outcome.cleaned) CHECKS[name]!(read);
        }
      }
    });
  }

  it('has at least 25 files, each in the README once, and a body for every generated row', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(25);
    const rows = [...README.matchAll(ROW)].map((m) => m[1]!);
    expect(rows.length).toBe(ROWS.size);
    expect(rows.filter((r) => !r.startsWith('gen:')).sort()).toEqual([...FILES].sort());
    expect(rows.filter((r) => r.startsWith('gen:')).sort()).toEqual(Object.keys(GENERATED).sort());
  });

  it('has a check for exactly the rows whose fields are cleaned', () => {
    const cleaned = [...ROWS].filter(([, row]) => 'cleaned' in row.outcome && row.outcome.cleaned).map(([n]) => n);
    expect(cleaned.sort()).toEqual(Object.keys(CHECKS).sort());
  });

  it('covers every kind the readers refuse with, and every reader', () => {
    const kinds = new Set([...ROWS.values()].map((r) => ('refused' in r.outcome ? r.outcome.refused : 'read')));
    expect([...kinds].sort()).toEqual(['malformed', 'not-found', 'not-json', 'read', 'too-large', 'wrong-shape']);
    expect(new Set([...ROWS.values()].map((r) => r.reader)).size).toBe(4);
  });

  it('keeps fixture files under 64 KB (large bodies are generated)', () => {
    for (const f of FILES) expect(readFileSync(new URL(f, BAD)).byteLength, f).toBeLessThan(64 * 1024);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;b&gt;',
  'javascript:alert(1)',
  'data:text/html,x',
  '\u202e',
  '\u200b',
  '\u2066',
  '\ufeff',
  '\u0000',
  '\u001b[31m',
  '&#x202E;',
  '\n',
  ',',
  ' ',
  '..',
  '1e309',
  '-1',
  '💥',
  '\ud800',
  'https://c3voc.de',
  'https://media.ccc.de/v/',
  'https://cdn.media.ccc.de/x.mp4',
  'https://evil.example/x.jpg',
  'https://media.ccc.de/public/conferences/38c3',
  '2024-12-28T16:00:00.000+01:00',
  '9999-12-31T00:00:00Z',
  'video/mp4',
  'deu-eng',
  '38c3-eng',
  'not found',
];
const hostileString = fc
  .array(
    fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 3 })),
    {
      maxLength: 6,
    },
  )
  .map((parts) => parts.join(''));
const junk = fc.oneof(
  { depthSize: 'small' },
  hostileString,
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, true, -1, 0, 1.5, 1e21, Number.MAX_SAFE_INTEGER + 2),
);
const field = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, junk);

const recording = fc.record(
  {
    recording_url: field(
      fc.oneof(
        fc.constantFrom(
          'https://cdn.media.ccc.de/a.mp4',
          'https://static.media.ccc.de/a.vtt',
          'http://cdn.media.ccc.de/a',
        ),
        fc.webUrl(),
      ),
    ),
    mime_type: field(fc.constantFrom('video/mp4', 'video/webm', 'audio/mpeg', 'text/vtt')),
    language: field(fc.constantFrom('deu', 'eng', 'deu-eng')),
    high_quality: field(fc.boolean()),
    width: field(fc.integer()),
    height: field(fc.integer()),
    size: field(fc.double()),
    folder: junk,
  },
  { requiredKeys: [] },
);

const event = fc.record(
  {
    guid: field(fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9-]{1,100}$/))),
    title: field(hostileString),
    subtitle: junk,
    slug: field(fc.stringMatching(/^[a-z0-9.-]{1,30}$/)),
    link: field(fc.webUrl()),
    description: junk,
    original_language: field(fc.constantFrom('deu', 'eng', 'deu-eng')),
    persons: field(fc.array(junk, { maxLength: 5 })),
    tags: field(fc.array(junk, { maxLength: 5 })),
    date: field(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    release_date: junk,
    duration: field(fc.integer()),
    thumb_url: field(fc.webUrl()),
    frontend_link: field(fc.stringMatching(/^[a-z0-9-]{1,20}$/).map((s) => `https://media.ccc.de/v/${s}`)),
    conference_url: field(
      fc.stringMatching(/^[a-z0-9]{1,10}$/).map((s) => `https://media.ccc.de/public/conferences/${s}`),
    ),
    recordings: field(fc.array(field(recording), { maxLength: 4 })),
  },
  { requiredKeys: [] },
);

const conference = fc.record(
  {
    acronym: field(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/)),
    title: junk,
    schedule_url: field(fc.webUrl()),
    link: field(fc.webUrl()),
    event_last_released_at: junk,
    updated_at: junk,
  },
  { requiredKeys: [] },
);

const answer = fc.oneof(
  fc.record({ conferences: fc.array(field(conference), { maxLength: 5 }) }),
  fc.record({ events: fc.array(field(event), { maxLength: 5 }) }),
  fc.tuple(conference, fc.array(field(event), { maxLength: 5 })).map(([c, events]) => ({ ...c, events })),
  event,
  junk,
);

const READERS: Reader[] = ['conferences', 'conference', 'event', 'events'];

/** Runs a reader; a `HistoryError` is an answer too, anything else thrown fails the property. */
function readOrRefuse(reader: Reader, json: unknown): void {
  let read: Read;
  try {
    read = runReader(reader, json);
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    expect(['wrong-shape', 'not-found']).toContain(error.kind);
    return;
  }
  expectCleanRead(read);
}

describe('properties', { timeout: 60_000 }, () => {
  it('the readers give clean records or a HistoryError on any JSON value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...READERS), fc.jsonValue({ maxDepth: 4 }), (reader, json) =>
        readOrRefuse(reader, json),
      ),
      { numRuns: 300 },
    );
  });

  it('… and on answers of the right shape with hostile values in every field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...READERS), answer, (reader, json) => readOrRefuse(reader, json)),
      { numRuns: 400 },
    );
  });

  it('… and on any bytes, through readJsonBody', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      answer.map((json) => new TextEncoder().encode(JSON.stringify(json) ?? '')),
      answer.chain((json) => {
        const text = new TextEncoder().encode(JSON.stringify(json) ?? '');
        return fc.nat({ max: text.byteLength }).map((n) => text.subarray(0, n));
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...READERS),
        bytes,
        fc.constantFrom('application/json', 'text/html', ''),
        (reader, body, type) => {
          let json: unknown;
          try {
            json = readJsonBody(body, type);
          } catch (error) {
            if (!(error instanceof HistoryError)) throw error;
            expect(['not-json', 'malformed']).toContain(error.kind);
            return;
          }
          readOrRefuse(reader, json);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an event that is read gives a talk with its guid as id, whatever else it holds', () => {
    fc.assert(
      fc.property(event, fc.uuid(), fc.string({ minLength: 1, maxLength: 20 }), (raw, guid, title) => {
        const parsed = parseEvent({ ...raw, guid, title: `T ${title}` }, { now: NOW });
        const talk = eventToTalk(parsed);
        expect(talk.id).toBe(guid);
        expectCleanTalk(talk);
      }),
      { numRuns: 200 },
    );
  });
});

describe('media.ccc.de hosts only', () => {
  it('keeps thumbnails and files on static. and cdn.media.ccc.de, never another subdomain or host', () => {
    const talk = (extra: Raw) => eventToTalk(parseEvent(minimalEvent(extra)));
    expect(talk({ thumb_url: 'https://static.media.ccc.de/media/1.jpg' }).thumbnail).toBe(
      'https://static.media.ccc.de/media/1.jpg',
    );
    expect(talk({ thumb_url: 'https://tracker.media.ccc.de/p.gif' }).thumbnail).toBe('');
    expect(talk({ thumb_url: 'https://tracker.example/p.gif' }).thumbnail).toBe('');
    expect(enclosureFor([recordingOf({ recording_url: 'https://mirror.media.ccc.de/x.mp4' })])).toBeUndefined();
    expect(enclosureFor([recordingOf({})])).toMatch(/^https:\/\/cdn\.media\.ccc\.de\//);
  });
});
