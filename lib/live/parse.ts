/**
 * Reading the streaming site's two JSON sources field by field (docs/live.md). Whatever has the
 * wrong type, is too long or too many, or names a URL we would not follow is dropped on its own:
 * one broken room costs that room, never the conference, and nothing of it reaches a view as
 * anything but plain text. A top-level value of the wrong shape is a `LiveShapeError`.
 */
import { cleanInline } from '../text';
import {
  RELIVE_STATUSES,
  SLUG,
  STREAMING_HOST,
  type LiveConference,
  type LiveRoom,
  type LiveTalk,
  type ReliveItem,
  type ReliveStatus,
} from './types';
import { MEDIA_HOSTS, safeHttpUrl } from '../http-url';

/** Far above a real congress (about 10 conferences, 15 rooms, 400 talks), yet bounded. */
export const LIMITS = { conferences: 50, groups: 20, rooms: 60, reliveItems: 3000, title: 300, name: 120 } as const;

/** The answer is not what the source sends (an HTML page's JSON, an object for a list). */
export class LiveShapeError extends Error {
  constructor(what: string) {
    super(`not the expected ${what}`);
    this.name = 'LiveShapeError';
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? cleanInline(value, max) : '';
}

/** A slug for a path segment, or '' (never a `/`, `..` or `?`). */
function slug(value: unknown): string {
  return typeof value === 'string' && SLUG.test(value) ? value : '';
}

/** A GUID or code as the schedule gives it: letters, digits and dashes only. */
function key(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(value) ? value.toLowerCase() : '';
}

/** Epoch seconds (a number or digits) to ms; 0 for anything else or out of 2000…2100. */
function epochMs(value: unknown): number {
  const seconds = typeof value === 'string' && /^\d{1,11}$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return 0;
  return seconds > 946_684_800 && seconds < 4_102_444_800 ? Math.round(seconds * 1000) : 0;
}

/** An ISO 8601 date (PHP's `DATE_ISO8601`, `2025-12-27T10:00:00+0100`) to ms, 0 when none. */
function isoMs(value: unknown): number {
  if (typeof value !== 'string' || value.length > 40) return 0;
  const fixed = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(fixed);
  return Number.isFinite(ms) && /^\d{4}-\d{2}-\d{2}T/.test(value) ? ms : 0;
}

function readTalk(value: unknown): LiveTalk | null {
  if (!isObject(value)) return null;
  const start = epochMs(value.start) || isoMs(value.fstart);
  const end = epochMs(value.end) || isoMs(value.fend);
  if (!start || !end || end <= start) return null;
  const special = typeof value.special === 'string' && /^[a-z]{1,20}$/.test(value.special) ? value.special : '';
  const title = text(value.title, LIMITS.title);
  if (!title && !special) return null;
  return {
    title,
    speaker: text(value.speaker, LIMITS.title),
    guid: key(value.guid),
    code: key(value.code),
    start,
    end,
    special,
  };
}

function readRoom(value: unknown, conference: string): LiveRoom | null {
  if (!isObject(value)) return null;
  const roomSlug = slug(value.slug);
  if (!roomSlug) return null;
  const talks = isObject(value.talks) ? value.talks : {};
  return {
    slug: roomSlug,
    name: text(value.display, LIMITS.name) || roomSlug,
    scheduleName: text(value.schedulename, LIMITS.name),
    // Built from the two slugs rather than taken from `link`, so the link cannot point elsewhere.
    streamUrl: `https://${STREAMING_HOST}/${conference}/${roomSlug}`,
    current: readTalk(talks.current),
    next: readTalk(talks.next),
  };
}

function readConference(value: unknown): LiveConference | null {
  if (!isObject(value)) return null;
  // `mandator` is the site's folder (the first path segment); older answers had only `slug`.
  const folder = slug(value.mandator) || slug(value.slug);
  const acronym = slug(value.slug) || folder;
  if (!folder) return null;
  const rooms: LiveRoom[] = [];
  const groups = Array.isArray(value.groups) ? value.groups.slice(0, LIMITS.groups) : [];
  for (const group of groups) {
    if (!isObject(group) || !Array.isArray(group.rooms)) continue;
    for (const raw of group.rooms) {
      const room = readRoom(raw, folder);
      if (room && rooms.length < LIMITS.rooms && !rooms.some((r) => r.slug === room.slug)) rooms.push(room);
    }
  }
  return {
    slug: folder,
    acronym: acronym.toLowerCase(),
    title: text(value.conference, LIMITS.title) || acronym,
    startsAt: isoMs(value.startsAt),
    endsAt: isoMs(value.endsAt),
    streaming: value.isCurrentlyStreaming === true,
    rooms,
  };
}

/** `streams/v2.json`: the conferences the site streams (or is about to). */
export function parseStreams(json: unknown): LiveConference[] {
  if (!Array.isArray(json)) throw new LiveShapeError('list of conferences');
  const conferences: LiveConference[] = [];
  for (const raw of json.slice(0, LIMITS.conferences)) {
    const conference = readConference(raw);
    if (conference && !conferences.some((c) => c.slug === conference.slug)) conferences.push(conference);
  }
  return conferences;
}

/** The release on media.ccc.de, and only there. */
function releaseUrl(value: unknown): string {
  const href = safeHttpUrl(value);
  return href && MEDIA_HOSTS.includes(new URL(href).hostname) ? href : '';
}

function readReliveItem(value: unknown, conference: string): ReliveItem | null {
  if (!isObject(value)) return null;
  const status = (RELIVE_STATUSES as readonly unknown[]).includes(value.status) ? (value.status as ReliveStatus) : null;
  const id = typeof value.id === 'number' && Number.isSafeInteger(value.id) && value.id >= 0 ? value.id : -1;
  const guid = key(value.guid);
  const code = key(value.code);
  if (!status || (id < 0 && !guid)) return null;
  // The site's route for one ReLive talk takes its GUID, else its code, else its id.
  const ref = guid || code || String(id);
  const duration =
    typeof value.duration === 'number' && value.duration >= 0 && value.duration < 86_400 ? value.duration : 0;
  return {
    id: Math.max(id, 0),
    guid,
    code,
    title: text(value.title, LIMITS.title),
    room: text(value.room, LIMITS.name),
    start: epochMs(value.start),
    duration: Math.round(duration),
    status,
    pageUrl: `https://${STREAMING_HOST}/${conference}/relive/${ref}`,
    releaseUrl: releaseUrl(value.release_url),
  };
}

/** `relive/<acronym>/index.json`: one conference's ReLive recordings; links under its `conference` folder. */
export function parseReliveIndex(json: unknown, conference: string): ReliveItem[] {
  if (!Array.isArray(json)) throw new LiveShapeError('list of ReLive recordings');
  if (!SLUG.test(conference)) return [];
  const items: ReliveItem[] = [];
  for (const raw of json.slice(0, LIMITS.reliveItems)) {
    const item = readReliveItem(raw, conference);
    if (item) items.push(item);
  }
  return items;
}
