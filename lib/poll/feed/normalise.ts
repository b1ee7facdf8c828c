import type { Enclosure, TalkFeedData } from '../../archive/talk';
import { mediaUrl, safeHttpUrl } from '../../http-url';
import { cleanInline, htmlToPlainText, truncate } from '../../text';
import type { RawItem } from './parse';

/** The schedule link media.ccc.de writes for talks that have none: not a join key. */
const SCHEDULE_PLACEHOLDER = /^https?:\/\/(www\.)?c3voc\.de\/?$/i;
const ABOUT_LINE = /(?:^|\n)[ \t]*about this event:[ \t]*(\S+)[ \t]*(?=\n|$)/i;
const LICENCE_LINE = /(?:^|\n)[ \t]*licen[sc]ed to the public under[^\n]*/gi;
/** "Title (39c3)": the acronym is inside the last parentheses and has no spaces. */
const TITLE_WITH_ACRONYM = /^([\s\S]*?\S)\s*\(([^()\s]{1,40})\)\s*$/;
/** `<acronym>-<lang>` tags carry ISO 639-2 codes, several joined by '-' for bilingual talks. */
const LANGUAGE_CODES = /^[a-z]{3}(?:-[a-z]{3})*$/;
const KNOWN_LANGUAGES = new Set([
  'eng',
  'deu',
  'fra',
  'spa',
  'ita',
  'nld',
  'por',
  'rus',
  'pol',
  'ces',
  'swe',
  'dan',
  'fin',
  'nor',
  'jpn',
  'zho',
  'ara',
  'tur',
  'ukr',
  'gsw',
  'mul',
  'und',
  'orig',
]);

/** Text content of a parsed element: a string, `{ '#text': ... }`, or the first of repeats. */
export function textOf(value: unknown): string {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value)
    return textOf((value as Record<string, unknown>)['#text']);
  return '';
}

function attributeOf(value: unknown, name: string): string {
  const node = Array.isArray(value) ? value[0] : value;
  if (node && typeof node === 'object') {
    const attr = (node as Record<string, unknown>)[`@_${name}`];
    if (typeof attr === 'string') return attr;
  }
  return '';
}

export function splitTitle(rawTitle: string): { title: string; conference: string } {
  const title = cleanInline(rawTitle, 500);
  const match = TITLE_WITH_ACRONYM.exec(title);
  return match ? { title: match[1]!, conference: match[2]! } : { title, conference: '' };
}

/**
 * "01:02:03" -> 3723, "45:10" -> 2710, "300" -> 300; implausible values (> 7 days, minutes or
 * seconds past 59 below a larger unit, signs, fractions) -> 0.
 */
export function parseDuration(text: string): number {
  const parts = DURATION.exec(text.trim());
  if (!parts) return 0;
  let seconds = Number(parts[1]);
  for (const part of [parts[2], parts[3]]) {
    if (part === undefined) break;
    if (Number(part) > 59) return 0;
    seconds = seconds * 60 + Number(part);
  }
  return seconds <= 7 * 24 * 3600 ? seconds : 0;
}

/** One to three `:`-separated runs of at most 6 digits. */
const DURATION = /^(\d{1,6})(?::(\d{1,6}))?(?::(\d{1,6}))?$/;

/**
 * The two date forms feeds use: RFC 822 (`pubDate`, "Sat, 27 Dec 2025 12:00:00 +0100") and ISO
 * 8601 (`dc:date`). `Date.parse` alone takes nearly anything ("foo 1" is 1 January 2001).
 */
const RFC822_DATE =
  /^(?:[a-z]{3,9},?\s+)?\d{1,2}\s+[a-z]{3,9}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{2}:?\d{2}|[a-z]{1,5})?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:z|[+-]\d{2}:?\d{2})?)?$/i;

/** Epoch ms, or 0 when not an RFC 822 / ISO 8601 date, unparsable, or outside 1980..2100. */
export function parseDate(text: string): number {
  const value = text.trim();
  if (value.length > 64 || !(RFC822_DATE.test(value) || ISO_DATE.test(value))) return 0;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms > Date.UTC(1980, 0) && ms < Date.UTC(2100, 0) ? ms : 0;
}

/**
 * A `", "`-joined list (speakers, tags): markup is removed from the whole text first, so a comma
 * inside a tag (`<a href="x,y">`) cannot leave half a tag behind in one of the parts.
 */
function splitList(text: string, max: number): string[] {
  const values: string[] = [];
  const clean = cleanInline(text, max * 201);
  // By index rather than `split` and a Set: at most `max` (50) values, each list read once.
  for (let from = 0; from <= clean.length && values.length < max;) {
    const comma = clean.indexOf(',', from);
    const end = comma === -1 ? clean.length : comma;
    const value = truncate(clean.slice(from, end).trim(), 200);
    if (value && !values.includes(value)) values.push(value);
    from = end + 1;
  }
  return values;
}

export function languageFromTags(tags: string[], conference: string): string {
  const prefix = `${conference.toLowerCase()}-`;
  let fallback = '';
  for (const raw of tags) {
    // A tag without '-' matches neither rule (lower-casing never makes one): most tags are such.
    if (raw.indexOf('-') === -1) continue;
    const tag = raw.toLowerCase();
    if (conference && tag.startsWith(prefix) && LANGUAGE_CODES.test(tag.slice(prefix.length)))
      return tag.slice(prefix.length);
    // Without a matching acronym, accept only a trailing run of known codes ("jev22-deu").
    if (fallback || tag.indexOf('-') === -1) continue;
    const codes = /(?:-(?:[a-z]{3}))+$/.exec(tag)?.[0].slice(1) ?? '';
    if (codes && codes.split('-').every((c) => KNOWN_LANGUAGES.has(c))) fallback = codes;
  }
  return fallback;
}

/** The same lines, sticky: tried only where a line starts with `a` or `l` (`findLines`). */
const ABOUT_AT = new RegExp(ABOUT_LINE.source, 'iy');
const LICENCE_AT = new RegExp(LICENCE_LINE.source, 'iy');

/**
 * Splits the description into its text and the schedule URL of its `about this event:` line.
 * Both kinds of line are found as `ABOUT_LINE.exec` and `LICENCE_LINE` would find them, but their
 * patterns are tried only at line starts whose first letter fits: searched for case-insensitively
 * over the whole text, the two were nearly as costly as cleaning the text itself.
 * tests/unit/poll/feed/normalise.test.ts holds this to the two patterns.
 */
export function splitDescription(raw: string): { description: string; scheduleUrl: string } {
  let about: RegExpExecArray | null = null;
  /** What goes, as [from, to) pairs in order: the about line and every licence line. */
  const cuts: number[] = [];
  // A match starts at 0 (`^`) or at a line feed, and its first letter follows spaces and tabs.
  let at = -1;
  do {
    let first = at + 1;
    let code = raw.charCodeAt(first);
    while (code === 0x20 || code === 0x09) code = raw.charCodeAt(++first);
    const lower = code | 0x20;
    const start = at === -1 ? 0 : at;
    if (lower === 0x61 /* a */ && about === null) {
      ABOUT_AT.lastIndex = start;
      about = ABOUT_AT.exec(raw);
      if (about) cuts.push(start, ABOUT_AT.lastIndex);
    } else if (lower === 0x6c /* l */) {
      LICENCE_AT.lastIndex = start;
      if (LICENCE_AT.test(raw)) cuts.push(start, LICENCE_AT.lastIndex);
    }
    at = raw.indexOf('\n', at + 1);
  } while (at !== -1);
  const candidate = about ? safeHttpUrl(about[1]) : '';
  const scheduleUrl = candidate && !SCHEDULE_PLACEHOLDER.test(candidate) ? candidate : '';
  let body = raw;
  if (cuts.length > 0) {
    // Joined, not `+`: a concatenation is a rope, which the cleaner would read through at
    // every character.
    const kept = [raw.slice(0, cuts[0])];
    for (let i = 1; i < cuts.length; i += 2) kept.push(raw.slice(cuts[i], cuts[i + 1] ?? raw.length));
    body = kept.join('');
  }
  return { description: htmlToPlainText(body), scheduleUrl };
}

/**
 * A slug is one path segment of letters, digits and `._~+-()`; anything else (markup, bidi
 * controls, `:`, a malformed `%` escape) means the link is no talk link Aftertalk can name.
 */
const SLUG = /^[\p{L}\p{M}\p{N}._~+()-]+$/u;
const TALK_LINK = /^https?:\/\/media\.ccc\.de\/v\/([^/?#]+)/i;

function slugOf(link: string): string {
  const match = TALK_LINK.exec(link);
  if (!match) return '';
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]!);
  } catch {
    return '';
  }
  return SLUG.test(slug) ? slug.slice(0, 300) : '';
}

function enclosureOf(item: RawItem, ownHost: string): Enclosure | null {
  const url = mediaUrl(attributeOf(item.enclosure, 'url'), ownHost);
  if (!url) return null;
  const length = Number(attributeOf(item.enclosure, 'length'));
  return {
    url,
    type: cleanInline(attributeOf(item.enclosure, 'type'), 100),
    length: Number.isSafeInteger(length) && length > 0 ? length : 0,
  };
}

/**
 * Turns one raw feed item into the feed part of a talk record, or null when the item has no
 * usable identity (no GUID, no media.ccc.de link and no enclosure). Id fallbacks, in order:
 * `dc:identifier`; `slug:<media.ccc.de slug>`; `enclosure:<file URL without query>`.
 *
 * Link, enclosure and thumbnail are kept only on media.ccc.de's hosts (lib/http-url.ts
 * `MEDIA_HOSTS`) or on `ownHost`, the host of the feed the item came from (a custom feed may
 * link to its own site): anything else is dropped, so the talk has no link or picture there.
 */
export function normaliseItem(item: RawItem, ownHost = ''): TalkFeedData | null {
  const link = mediaUrl(textOf(item.link), ownHost);
  const slug = slugOf(link);
  const enclosure = enclosureOf(item, ownHost);
  const guid = cleanInline(textOf(item['dc:identifier']), 200);
  let id: string;
  let idSource: TalkFeedData['idSource'];
  if (guid) [id, idSource] = [guid, 'guid'];
  else if (slug) [id, idSource] = [`slug:${slug}`, 'slug'];
  else if (enclosure) [id, idSource] = [`enclosure:${enclosure.url.split('?')[0]}`, 'enclosure'];
  else return null;

  const { title, conference } = splitTitle(textOf(item.title));
  const tags = splitList(textOf(item['itunes:keywords']), 50);
  const { description, scheduleUrl } = splitDescription(textOf(item.description) || textOf(item['itunes:summary']));
  return {
    id,
    idSource,
    title: title || slug || 'Untitled talk',
    conference,
    url: link || enclosure?.url || '',
    slug,
    scheduleUrl,
    description,
    subtitle: cleanInline(textOf(item['itunes:subtitle']), 500),
    speakers: splitList(textOf(item['itunes:author']), 30),
    tags,
    language: languageFromTags(tags, conference),
    date: parseDate(textOf(item.pubDate)) || parseDate(textOf(item['dc:date'])),
    durationSeconds: parseDuration(textOf(item['itunes:duration'])),
    thumbnail: mediaUrl(attributeOf(item['itunes:image'], 'href'), ownHost),
    enclosure,
  };
}
