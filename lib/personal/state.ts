/**
 * Everything the user made, apart from the talk archive: settings, followed and muted
 * conferences, Watch later, Watched and the recordings they wait for.
 *
 * Every entry carries the time it was last changed, and a removal is kept as a tombstone
 * (`v: null`), so two copies of the state (two browsers through `storage.sync`, or an imported
 * file) merge entry by entry: the later change wins, and nothing is lost because a copy was
 * older or incomplete. This is a last-writer-wins element map, the simplest CRDT that fits.
 */
import type { SessionQuery } from '../enrich/lookup-types';
import { SESSION_LIMITS, SITE_NAMES } from '../enrich/page/sites/types';

/** One entry: its value, or `null` once removed, and when that was decided (epoch ms). */
export interface Stamped<T> {
  v: T | null;
  t: number;
}

export type StampedMap<T> = Record<string, Stamped<T>>;

export type ConferenceMark = 'follow' | 'mute';

/** What the schedule page said about a talk without a recording, to recognise it later. */
export type WaitingQuery = Pick<
  SessionQuery,
  'site' | 'title' | 'speakers' | 'scheduleUrl' | 'code' | 'event' | 'guid' | 'scheduleId'
>;

export interface WaitingEntry {
  query: WaitingQuery;
}

export interface PersonalState {
  /** Settings fields by name (lib/personal/settings.ts validates the values). */
  settings: StampedMap<unknown>;
  /** By conference acronym as the feed spells it (e.g. `39c3`). */
  conferences: StampedMap<ConferenceMark>;
  /** By talk id; the value is always 1, the stamp says since when. */
  watchLater: StampedMap<1>;
  /** By talk id; the value is always 1, the stamp says since when. */
  watched: StampedMap<1>;
  /** By the talk page's normalised schedule URL. */
  waiting: StampedMap<WaitingEntry>;
}

export type PersonalKind = keyof PersonalState;
export const PERSONAL_KINDS: readonly PersonalKind[] = ['settings', 'conferences', 'watchLater', 'watched', 'waiting'];

export function emptyPersonalState(): PersonalState {
  return { settings: {}, conferences: {}, watchLater: {}, watched: {}, waiting: {} };
}

/** Tombstones older than this are forgotten; a browser offline for longer may bring an entry back. */
export const TOMBSTONE_DAYS = 90;

/**
 * Which of two stamps wins: the later one; on a tie a removal wins (the user acted to remove),
 * then the larger JSON, so every browser picks the same one whatever the order of merging.
 */
export function laterStamp<T>(a: Stamped<T>, b: Stamped<T>): Stamped<T> {
  if (a.t !== b.t) return a.t > b.t ? a : b;
  if ((a.v === null) !== (b.v === null)) return a.v === null ? a : b;
  return JSON.stringify(a.v) >= JSON.stringify(b.v) ? a : b;
}

export interface MergeOptions {
  /** Ignore removals from `incoming` (an imported file adds and updates, it never deletes). */
  ignoreRemovals?: boolean;
}

/** Merges `incoming` into `base` entry by entry; returns a new map and whether anything changed. */
export function mergeStampedMap<T>(
  base: StampedMap<T>,
  incoming: StampedMap<T>,
  options: MergeOptions = {},
): { map: StampedMap<T>; changed: boolean } {
  const map: StampedMap<T> = { ...base };
  let changed = false;
  for (const [key, stamp] of Object.entries(incoming)) {
    if (options.ignoreRemovals && stamp.v === null) continue;
    const current = map[key];
    const winner = current ? laterStamp(current, stamp) : stamp;
    if (winner !== current) {
      map[key] = winner;
      changed = true;
    }
  }
  return { map, changed };
}

export function mergePersonalState(
  base: PersonalState,
  incoming: Partial<PersonalState>,
  options: MergeOptions = {},
): { state: PersonalState; changed: boolean } {
  const state = { ...base };
  let changed = false;
  for (const kind of PERSONAL_KINDS) {
    const other = incoming[kind];
    if (!other) continue;
    const merged = mergeStampedMap(base[kind] as StampedMap<unknown>, other as StampedMap<unknown>, options);
    (state as Record<PersonalKind, StampedMap<unknown>>)[kind] = merged.map;
    changed ||= merged.changed;
  }
  return { state, changed };
}

/** Sets or removes (`null`) one entry, stamped `now`. Returns whether the value changed. */
export function setStamped<T>(map: StampedMap<T>, key: string, value: T | null, now: number): boolean {
  const current = map[key];
  if (current && JSON.stringify(current.v) === JSON.stringify(value)) return false;
  if (!current && value === null) return false;
  // Never stamp earlier than what is there: a clock that went back must still win locally.
  map[key] = { v: value, t: Math.max(now, (current?.t ?? 0) + 1) };
  return true;
}

export function valueOf<T>(map: StampedMap<T>, key: string): T | null {
  return map[key]?.v ?? null;
}

/** Live (not removed) entries, most recently changed first. */
export function liveEntries<T>(map: StampedMap<T>): [string, T, number][] {
  return Object.entries(map)
    .filter((entry): entry is [string, Stamped<T> & { v: T }] => entry[1].v !== null)
    .sort((a, b) => b[1].t - a[1].t)
    .map(([key, stamp]) => [key, stamp.v, stamp.t]);
}

export function liveKeys<T>(map: StampedMap<T>): Set<string> {
  return new Set(Object.keys(map).filter((key) => map[key]!.v !== null));
}

/** Drops tombstones older than `TOMBSTONE_DAYS`. Returns whether any was dropped. */
export function forgetOldTombstones(state: PersonalState, now: number): boolean {
  const horizon = now - TOMBSTONE_DAYS * 24 * 3600 * 1000;
  let dropped = false;
  for (const kind of PERSONAL_KINDS) {
    const map = state[kind] as StampedMap<unknown>;
    for (const key of Object.keys(map)) {
      if (map[key]!.v === null && map[key]!.t < horizon) {
        delete map[key];
        dropped = true;
      }
    }
  }
  return dropped;
}

const MAX_KEY = 2048;

function isStamp(value: unknown): value is Stamped<unknown> {
  const s = value as Stamped<unknown>;
  return (
    !!s && typeof s === 'object' && 't' in s && 'v' in s && typeof s.t === 'number' && Number.isFinite(s.t) && s.t >= 0
  );
}

const isSpeakerList = (v: unknown) =>
  Array.isArray(v) &&
  v.length <= SESSION_LIMITS.speakers &&
  v.every((s) => typeof s === 'string' && s.length <= SESSION_LIMITS.speaker);
const optionalString = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);

/** A waiting-list entry as the schedule box wrote it: the same site names and bounds as its message. */
export function isWaitingEntry(value: unknown): value is WaitingEntry {
  const q = (value as WaitingEntry | null)?.query as Record<string, unknown> | undefined;
  if (!q || typeof q !== 'object') return false;
  return (
    SITE_NAMES.some((site) => site === q.site) &&
    typeof q.title === 'string' &&
    q.title.length > 0 &&
    q.title.length <= SESSION_LIMITS.title &&
    typeof q.scheduleUrl === 'string' &&
    /^https?:\/\//.test(q.scheduleUrl) &&
    q.scheduleUrl.length <= MAX_KEY &&
    isSpeakerList(q.speakers) &&
    optionalString(q.code, SESSION_LIMITS.code) &&
    optionalString(q.event, SESSION_LIMITS.event) &&
    optionalString(q.guid, SESSION_LIMITS.guid) &&
    optionalString(q.scheduleId, SESSION_LIMITS.scheduleId)
  );
}

const VALUE_CHECKS: Record<PersonalKind, (v: unknown) => boolean> = {
  // Settings values are checked field by field by `migrateSettings`; here only "is JSON data".
  settings: (v) => v === null || ['string', 'number', 'boolean'].includes(typeof v) || Array.isArray(v),
  conferences: (v) => v === 'follow' || v === 'mute',
  watchLater: (v) => v === 1,
  watched: (v) => v === 1,
  waiting: isWaitingEntry,
};

/**
 * Keeps only well-formed entries of something read from storage, another browser or a file:
 * a bad entry is dropped on its own, never the whole state.
 */
export function sanitisePersonalState(raw: unknown): PersonalState {
  const state = emptyPersonalState();
  if (!raw || typeof raw !== 'object') return state;
  for (const kind of PERSONAL_KINDS) {
    const map = (raw as Record<string, unknown>)[kind];
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
    for (const [key, stamp] of Object.entries(map)) {
      if (key.length === 0 || key.length > MAX_KEY || key === '__proto__' || !isStamp(stamp)) continue;
      if (stamp.v !== null && !VALUE_CHECKS[kind](stamp.v)) continue;
      (state[kind] as StampedMap<unknown>)[key] = { v: stamp.v, t: stamp.t };
    }
  }
  return state;
}
