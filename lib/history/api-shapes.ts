/**
 * The answers of media.ccc.de's JSON API (voctoweb's jbuilder views, docs/media-ccc-api.md) read
 * into checked, bounded records, and an event turned into the same `TalkFeedData` a feed item for
 * that talk gives (lib/poll/feed/normalise.ts), so imported talks merge with feed talks by id.
 *
 * The API is read as hostile as the feed: every text goes through lib/text.ts, every URL through
 * `safeHttpUrl`. A wrong answer as a whole (not an object, no list where one belongs) throws
 * `HistoryError('wrong-shape')`; one bad conference or event is skipped and counted, never the
 * whole answer. Images and files are kept only from media.ccc.de itself over https: a compromised
 * or spoofed answer must not make the extension load anything from a host of its choosing.
 */
import type { HistoryTalk } from '../archive/merge';
import type { Enclosure, TalkFeedData } from '../archive/talk';
import { parseHttpUrl, safeHttpUrl } from '../http-url';
import { languageFromTags, parseDate, splitDescription } from '../poll/feed/normalise';
import { truncate } from '../text';
import { HistoryError } from './api-json';
import { countOf, isObject, mediaCccUrl, recordingsOf, textOf, type ApiRecording, type Json } from './api-recordings';

export type { ApiRecording };

export interface ApiConference {
  /** As voctoweb spells it (`38c3`, `asg2023`): the feed titles' `(acronym)`. */
  acronym: string;
  title: string;
  /** The schedule export its events were imported from, '' when none. */
  scheduleUrl: string;
  /** The conference's own website, '' when none. */
  link: string;
  /** `event_last_released_at`, epoch ms, 0 unknown. */
  lastReleasedAt: number;
  /** Epoch ms, 0 unknown. */
  updatedAt: number;
}

export interface ApiEvent {
  guid: string;
  title: string;
  subtitle: string;
  /** '' when not a slug the feed would accept (letters, digits, `._~+()-`). */
  slug: string;
  /** The schedule page (a join key, never loaded), any http(s) URL; may be the c3voc.de placeholder. */
  link: string;
  /** Plain text, licence lines removed, as the feed's description becomes. */
  description: string;
  originalLanguage: string;
  persons: string[];
  tags: string[];
  /** When the talk was given, epoch ms, 0 unknown. */
  date: number;
  releaseDate: number;
  durationSeconds: number;
  /** https on media.ccc.de or a subdomain, else ''. */
  thumbUrl: string;
  /** Exactly `https://media.ccc.de/v/<slug>`, else ''. */
  frontendLink: string;
  /** The last path segment of `conference_url`, '' when absent. */
  conferenceAcronym: string;
  /** Only in answers that list them (one event, search); absent means "not asked", not "none". */
  recordings?: ApiRecording[];
}

export interface ParseOptions {
  /** Clock for "absurd date" checks; Date.now() by default. */
  now?: number;
}

/** At most this many conferences or events are read from one answer; the rest count as skipped. */
export const MAX_ANSWER_ELEMENTS = 50_000;
export const MAX_PERSONS = 30;
export const MAX_TAGS = 50;
/** Of a list with a cap, at most this many times the cap is looked at: 10,000 empty names cost nothing. */
const LOOK_FACTOR = 4;

const ACRONYM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A GUID, or at least the letters, digits and dashes one is made of. */
const GUID = /^[A-Za-z0-9-]{1,100}$/;
/** The feed's slug rule (`slugOf` in lib/poll/feed/normalise.ts), on the unencoded slug. */
const SLUG = /^[\p{L}\p{M}\p{N}._~+()-]+$/u;
const LANGUAGE_CODES = /^[a-z]{3}(?:-[a-z]{3})*$/;
const PLAYABLE = /^(?:video|audio)\//;
const MAX_DURATION_SECONDS = 7 * 24 * 3600;
/** A release or talk date further ahead than this is a broken value, not a plan. */
const MAX_FUTURE_MS = 2 * 366 * 24 * 3600_000;

/** ISO 8601 (and RFC 822) with the feed's rules, 0 before 1980 or more than two years after `now`. */
function dateOf(value: unknown, now: number): number {
  if (typeof value !== 'string') return 0;
  const ms = parseDate(value);
  return ms > 0 && ms <= now + MAX_FUTURE_MS ? ms : 0;
}

function slugOf(value: unknown): string {
  if (typeof value !== 'string') return '';
  // Dots alone would be a dot segment: `/v/..` is no talk page.
  return value.length <= 300 && SLUG.test(value) && !/^\.+$/.test(value) ? value : '';
}

/** `https://media.ccc.de/v/<slug>` for exactly this event's slug, no query or fragment; else ''. */
function frontendLinkOf(value: unknown, slug: string): string {
  const href = mediaCccUrl(value);
  const url = href && slug ? parseHttpUrl(href) : null;
  if (!url || url.hostname !== 'media.ccc.de' || url.search || url.hash || !url.pathname.startsWith('/v/')) return '';
  try {
    return decodeURIComponent(url.pathname.slice(3)) === slug ? href : '';
  } catch {
    return '';
  }
}

/** `…/public/conferences/<acronym>` (voctoweb writes no `.json`, but the route takes one). */
function acronymFromUrl(value: unknown): string {
  const url = parseHttpUrl(safeHttpUrl(value));
  const segments = url?.pathname.split('/').filter(Boolean) ?? [];
  if (segments.length < 2 || segments[segments.length - 2] !== 'conferences') return '';
  try {
    const acronym = decodeURIComponent(segments[segments.length - 1]!).replace(/\.json$/i, '');
    return ACRONYM.test(acronym) ? acronym : '';
  } catch {
    return '';
  }
}

/** Cleaned, distinct, non-empty strings of a JSON array, at most `max` of them. */
function stringsOf(value: unknown, max: number): string[] {
  if (!Array.isArray(value)) return [];
  const kept = new Set<string>();
  const end = Math.min(value.length, max * LOOK_FACTOR);
  for (let i = 0; i < end && kept.size < max; i++) {
    const text = textOf(value[i], 200);
    if (text) kept.add(text);
  }
  return [...kept];
}

function durationOf(value: unknown): number {
  return countOf(value, MAX_DURATION_SECONDS);
}

function conferenceOf(value: unknown, now: number): ApiConference | null {
  if (!isObject(value) || typeof value.acronym !== 'string' || !ACRONYM.test(value.acronym)) return null;
  return {
    acronym: value.acronym,
    title: textOf(value.title, 500),
    scheduleUrl: safeHttpUrl(value.schedule_url),
    link: safeHttpUrl(value.link),
    lastReleasedAt: dateOf(value.event_last_released_at, now),
    updatedAt: dateOf(value.updated_at, now),
  };
}

function eventOf(value: unknown, now: number): ApiEvent | null {
  if (!isObject(value)) return null;
  const guid = typeof value.guid === 'string' ? value.guid.trim() : '';
  const title = textOf(value.title, 500);
  if (!GUID.test(guid) || !title) return null;
  const slug = slugOf(value.slug);
  const event: ApiEvent = {
    guid,
    title,
    subtitle: textOf(value.subtitle, 500),
    slug,
    link: safeHttpUrl(value.link),
    description: typeof value.description === 'string' ? splitDescription(value.description).description : '',
    originalLanguage: textOf(value.original_language, 40),
    persons: stringsOf(value.persons, MAX_PERSONS),
    tags: stringsOf(value.tags, MAX_TAGS),
    date: dateOf(value.date, now),
    releaseDate: dateOf(value.release_date, now),
    durationSeconds: durationOf(value.duration),
    thumbUrl: mediaCccUrl(value.thumb_url),
    frontendLink: frontendLinkOf(value.frontend_link, slug),
    conferenceAcronym: acronymFromUrl(value.conference_url),
  };
  if (Array.isArray(value.recordings)) event.recordings = recordingsOf(value.recordings);
  return event;
}

/** Reads each element of a list, the first MAX_ANSWER_ELEMENTS of them; the rest are skipped. */
function readList<T>(list: unknown[], read: (value: unknown) => T | null): { read: T[]; skipped: number } {
  const kept: T[] = [];
  const end = Math.min(list.length, MAX_ANSWER_ELEMENTS);
  for (let i = 0; i < end; i++) {
    const item = read(list[i]);
    if (item) kept.push(item);
  }
  return { read: kept, skipped: list.length - kept.length };
}

/**
 * The answer as an object that has `key`. voctoweb's 404 is `{ message: 'not found', error }`,
 * sent with that status; a caller that only has the body still learns it was a 404.
 */
function answerWith(json: unknown, key: string): Json {
  if (!isObject(json)) throw new HistoryError('wrong-shape');
  if (!(key in json) && typeof json.message === 'string' && /^\s*not found\s*$/i.test(json.message))
    throw new HistoryError('not-found');
  return json;
}

function listIn(json: unknown, key: string): unknown[] {
  const list = answerWith(json, key)[key];
  if (!Array.isArray(list)) throw new HistoryError('wrong-shape');
  return list;
}

/** `/public/conferences`: `{ conferences: [conference…] }`. */
export function parseConferenceList(
  json: unknown,
  options: ParseOptions = {},
): { conferences: ApiConference[]; skipped: number } {
  const now = options.now ?? Date.now();
  const { read, skipped } = readList(listIn(json, 'conferences'), (value) => conferenceOf(value, now));
  return { conferences: read, skipped };
}

/** `/public/conferences/<acronym>`: the conference's fields and `events: [event…]` (no recordings). */
export function parseConferenceWithEvents(
  json: unknown,
  options: ParseOptions = {},
): { conference: ApiConference; events: ApiEvent[]; skipped: number } {
  const now = options.now ?? Date.now();
  const events = listIn(json, 'events');
  const conference = conferenceOf(json, now);
  if (!conference) throw new HistoryError('wrong-shape');
  const { read, skipped } = readList(events, (value) => eventOf(value, now));
  return { conference, events: read, skipped };
}

/** `/public/events/<guid or slug>`: one event with `recordings`. */
export function parseEvent(json: unknown, options: ParseOptions = {}): ApiEvent {
  const event = eventOf(answerWith(json, 'guid'), options.now ?? Date.now());
  if (!event) throw new HistoryError('wrong-shape');
  return event;
}

/** `/public/events?page=`, `/public/events/recent` and `/public/events/search`: `{ events: [event…] }`. */
export function parseEventList(json: unknown, options: ParseOptions = {}): { events: ApiEvent[]; skipped: number } {
  const now = options.now ?? Date.now();
  const { read, skipped } = readList(listIn(json, 'events'), (value) => eventOf(value, now));
  return { events: read, skipped };
}

/**
 * When the talk was released (epoch ms), else when it was given, else 0: `TalkFeedData` has no
 * release date, and the importer needs one to place imported talks among the archive's releases.
 */
/** An event as the history merge takes it: the talk record and when media.ccc.de released it. */
export function historyTalkOf(event: ApiEvent, conference?: ApiConference): HistoryTalk {
  return { talk: eventToTalk(event, conference), releasedAt: releaseDateOf(event) };
}

export function releaseDateOf(event: ApiEvent): number {
  return event.releaseDate || event.date;
}

/**
 * The feed joins persons and tags with commas and splits them again (`splitList` in
 * normalise.ts), so a name or a track with a comma in it arrives as two. The same here: a talk
 * must read the same from both sources, or every feed poll would rewrite what an import stored.
 */
function asTheFeedSplitsIt(values: readonly string[], max: number): string[] {
  const kept = new Set<string>();
  for (const value of values)
    for (const part of value.split(',')) {
      const text = truncate(part.trim(), 200);
      if (text) kept.add(text);
      if (kept.size >= max) return [...kept];
    }
  return [...kept];
}

/** voctoweb writes `link` into the feed as this line; the feed's rule then decides (placeholder, scheme). */
function scheduleUrlOf(link: string): string {
  return link ? splitDescription(`about this event: ${link}`).scheduleUrl : '';
}

/** An mp4 first, then high quality, then the talk's own language; the first of equals wins. */
function enclosureOf(event: ApiEvent): Enclosure | null {
  let best: ApiRecording | undefined;
  let bestScore = -1;
  for (const recording of event.recordings ?? []) {
    // Subtitles and the like are recordings too, but nothing a podcast player plays.
    if (!PLAYABLE.test(recording.mimeType)) continue;
    const score =
      (recording.mimeType === 'video/mp4' ? 4 : 0) +
      (recording.highQuality ? 2 : 0) +
      (recording.language !== '' && recording.language === event.originalLanguage ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [recording, score];
  }
  return best ? { url: best.url, type: best.mimeType, length: best.sizeBytes } : null;
}

/**
 * The talk record the feed item of this event gives. `conference` is the one whose answer
 * listed the event; without it, the acronym of the event's `conference_url`. The language comes
 * from the `<acronym>-<lang>` tag as in the feed, and from `original_language` when no tag names one.
 */
export function eventToTalk(event: ApiEvent, conference?: ApiConference): TalkFeedData {
  const acronym = conference?.acronym || event.conferenceAcronym;
  // The feed's acronym (last parentheses of the title) is at most 40 characters.
  const conferenceName = acronym.length <= 40 ? acronym : '';
  const tags = asTheFeedSplitsIt(event.tags, MAX_TAGS);
  const enclosure = enclosureOf(event);
  const page = event.frontendLink || (event.slug ? safeHttpUrl(`https://media.ccc.de/v/${event.slug}`) : '');
  const original = LANGUAGE_CODES.test(event.originalLanguage) ? event.originalLanguage : '';
  return {
    id: event.guid,
    idSource: 'guid',
    title: event.title,
    conference: conferenceName,
    url: page || enclosure?.url || '',
    slug: event.slug,
    scheduleUrl: scheduleUrlOf(event.link),
    description: event.description,
    subtitle: event.subtitle,
    speakers: asTheFeedSplitsIt(event.persons, MAX_PERSONS),
    tags,
    language: languageFromTags(tags, conferenceName) || original,
    date: event.date,
    durationSeconds: event.durationSeconds,
    thumbnail: event.thumbUrl,
    enclosure,
  };
}
