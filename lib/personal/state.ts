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
import { cleanPageLine } from '../text';
import { isKnownSetting, isValidSetting } from './settings-schema';

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
 * The most live entries one list may hold (settings are bounded by their schema). Far above real
 * use, yet it bounds what a damaged file or another browser can make every write and every
 * waiting-list check carry.
 */
export const LIST_CAP = 5000;

/**
 * No stamp above 2^52 is accepted: up to 2^53 a stamp + 1 is still a larger number, so a local
 * change can always win over what is stored (`setStamped`).
 */
export const MAX_STAMP = 2 ** 52;

const DAY_MS = 24 * 3600 * 1000;
/** How far ahead of this browser's clock another browser's stamp may be (clocks differ). */
export const SYNC_CLOCK_SKEW_MS = DAY_MS;

/** A user action would add to a list that is full: refused, nothing changed. */
export class ListFullError extends Error {
  constructor(readonly kind: PersonalKind) {
    super(`The ${kind} list is full (${LIST_CAP} entries)`);
  }
}

/** The entry under `key` (own keys only: `constructor` is on every object's prototype). */
function entryOf<T>(map: StampedMap<T>, key: string): Stamped<T> | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function liveCount(map: StampedMap<unknown>): number {
  let count = 0;
  for (const key in map) if (Object.hasOwn(map, key) && map[key]!.v !== null) count++;
  return count;
}

/** Whether setting `key` live would add an entry to a list already holding `LIST_CAP`. */
export function wouldOverfill(map: StampedMap<unknown>, key: string): boolean {
  const current = entryOf(map, key);
  return (!current || current.v === null) && liveCount(map) >= LIST_CAP;
}

/**
 * `setStamped` for a user's own action: adding a new entry to a full list throws
 * `ListFullError` (the action is refused, nothing is lost); changes and removals always work.
 */
export function setStampedByUser<T>(
  map: StampedMap<T>,
  kind: PersonalKind,
  key: string,
  value: T | null,
  now: number,
): boolean {
  if (value !== null && wouldOverfill(map as StampedMap<unknown>, key)) throw new ListFullError(kind);
  return setStamped(map, key, value, now);
}

/**
 * Stamps later than `limit` become `to`: a stamp from the future would beat every later change
 * on every browser. Returns how many were changed.
 */
export function clampFutureStamps(state: PersonalState, limit: number, to: number): number {
  let clamped = 0;
  for (const kind of PERSONAL_KINDS) {
    for (const stamp of Object.values(state[kind] as StampedMap<unknown>)) {
      if (stamp.t > limit) {
        stamp.t = to;
        clamped++;
      }
    }
  }
  return clamped;
}

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
  /** At most this many live entries (`LIST_CAP` by default): further new entries are left out. */
  cap?: number;
}

/**
 * Merges `incoming` into `base` entry by entry; returns a new map, whether anything changed, and
 * how many new live entries were left out because the list was full (they stay where they came
 * from: a file, or the other browsers' sync data).
 */
export function mergeStampedMap<T>(
  base: StampedMap<T>,
  incoming: StampedMap<T>,
  options: MergeOptions = {},
): { map: StampedMap<T>; changed: boolean; full: number } {
  const map: StampedMap<T> = { ...base };
  const cap = options.cap ?? LIST_CAP;
  let live = liveCount(map as StampedMap<unknown>);
  let changed = false;
  let full = 0;
  for (const [key, stamp] of Object.entries(incoming)) {
    if (options.ignoreRemovals && stamp.v === null) continue;
    const current = entryOf(map, key);
    const winner = current ? laterStamp(current, stamp) : stamp;
    if (winner === current) continue;
    const wasLive = !!current && current.v !== null;
    const isLive = winner.v !== null;
    if (isLive && !wasLive && live >= cap) {
      full++;
      continue;
    }
    live += Number(isLive) - Number(wasLive);
    map[key] = winner;
    changed = true;
  }
  return { map, changed, full };
}

export function mergePersonalState(
  base: PersonalState,
  incoming: Partial<PersonalState>,
  options: MergeOptions = {},
): { state: PersonalState; changed: boolean; full: Record<PersonalKind, number> } {
  const state = { ...base };
  let changed = false;
  const full = { settings: 0, conferences: 0, watchLater: 0, watched: 0, waiting: 0 };
  for (const kind of PERSONAL_KINDS) {
    const other = incoming[kind];
    if (!other) continue;
    const merged = mergeStampedMap(base[kind] as StampedMap<unknown>, other as StampedMap<unknown>, options);
    (state as Record<PersonalKind, StampedMap<unknown>>)[kind] = merged.map;
    changed ||= merged.changed;
    full[kind] = merged.full;
  }
  return { state, changed, full };
}

/** Sets or removes (`null`) one entry, stamped `now`. Returns whether the value changed. */
export function setStamped<T>(map: StampedMap<T>, key: string, value: T | null, now: number): boolean {
  const current = entryOf(map, key);
  if (current && JSON.stringify(current.v) === JSON.stringify(value)) return false;
  if (!current && value === null) return false;
  // Never stamp earlier than what is there: a clock that went back must still win locally.
  map[key] = { v: value, t: Math.max(now, (current?.t ?? 0) + 1) };
  return true;
}

export function valueOf<T>(map: StampedMap<T>, key: string): T | null {
  return entryOf(map, key)?.v ?? null;
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
    !!s &&
    typeof s === 'object' &&
    't' in s &&
    'v' in s &&
    typeof s.t === 'number' &&
    Number.isFinite(s.t) &&
    s.t >= 0 &&
    s.t <= MAX_STAMP
  );
}

const isSpeakerList = (v: unknown) =>
  Array.isArray(v) &&
  v.length <= SESSION_LIMITS.speakers &&
  v.every((s) => typeof s === 'string' && s.length <= SESSION_LIMITS.speaker);
const optionalString = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);

/**
 * A waiting entry as `isWaitingEntry` accepted it, with its page text cleaned as the schedule
 * messages clean it (lib/messages.ts): entries from an older version, a file or another browser
 * may carry bidi and invisible characters that would make the waiting list lie. Null when the
 * title is nothing but such characters.
 */
function cleanWaitingEntry(entry: WaitingEntry): WaitingEntry | null {
  const { query } = entry;
  const title = cleanPageLine(query.title);
  if (!title) return null;
  const speakers = query.speakers.map(cleanPageLine).filter(Boolean);
  const event = query.event === undefined ? undefined : cleanPageLine(query.event);
  return { query: { ...query, title, speakers, ...(event ? { event } : {}) } };
}

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

/** Whether `key` names an entry of `kind` at all (settings: a known field, lib/personal/settings-schema.ts). */
const KEY_CHECKS: Record<PersonalKind, (key: string) => boolean> = {
  settings: isKnownSetting,
  conferences: () => true,
  watchLater: () => true,
  watched: () => true,
  waiting: () => true,
};

/** The value as it may be kept, or undefined when it is malformed. */
const VALUE_CHECKS: Record<PersonalKind, (key: string, v: unknown) => unknown> = {
  // Known fields with their types and ranges; `migrateSettings` then clamps and defaults.
  settings: (key, v) => (isValidSetting(key, v) ? v : undefined),
  conferences: (_, v) => (v === 'follow' || v === 'mute' ? v : undefined),
  watchLater: (_, v) => (v === 1 ? v : undefined),
  watched: (_, v) => (v === 1 ? v : undefined),
  waiting: (_, v) => (isWaitingEntry(v) ? (cleanWaitingEntry(v) ?? undefined) : undefined),
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
      if (!KEY_CHECKS[kind](key)) continue;
      const value = stamp.v === null ? null : VALUE_CHECKS[kind](key, stamp.v);
      if (value === undefined) continue;
      (state[kind] as StampedMap<unknown>)[key] = { v: value, t: stamp.t };
    }
  }
  return state;
}
