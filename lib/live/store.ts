/**
 * The live state in `storage.local` (key `live`): the last good answers of both sources, their
 * validators, the schedule pages' conferences the user has open, the backoff and what went wrong
 * last. Written by the worker only (lib/live/poll.ts, lib/background.ts); read by the worker and
 * the popup. What is read is checked again, so a damaged value costs itself and nothing more.
 */
import { browser } from 'wxt/browser';
import type { LiveConference, ReliveItem } from './types';

export const LIVE_KEY = 'live';

/** A conference as last seen in `streams/v2.json`; kept a while after it left (its ReLive goes on). */
export interface SeenConference extends LiveConference {
  /** Epoch ms of the last answer that listed it. */
  seenAt: number;
}

export interface LiveState {
  conferences: SeenConference[];
  /** ReLive items by conference acronym, with when they were last checked. */
  relive: Record<string, { items: ReliveItem[]; checkedAt: number }>;
  /** Conditional-request validators by URL. */
  validators: Record<string, { etag: string; lastModified: string }>;
  /** Schedule pages' events (lower case) with when a page of it was last open. */
  pages: Record<string, number>;
  /** Epoch ms of the last request to the streaming hosts (successful or not), 0 never. */
  lastAttemptAt: number;
  /** Epoch ms of the last good `streams/v2.json`. */
  checkedAt: number;
  /** What went wrong last ('' when the last check went well), for the status line. */
  error: string;
  /** Consecutive transient failures, and when the next request may go out. */
  failures: number;
  nextTryAt: number;
  /** Waiting entries whose ReLive was announced (one notification per talk). */
  told: string[];
}

export function emptyLiveState(): LiveState {
  return {
    conferences: [],
    relive: {},
    validators: {},
    pages: {},
    lastAttemptAt: 0,
    checkedAt: 0,
    error: '',
    failures: 0,
    nextTryAt: 0,
    told: [],
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);
const finite = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Own entries of an object whose values pass `keep`. */
function entriesOf<T>(value: unknown, keep: (entry: unknown) => entry is T): Record<string, T> {
  const out: Record<string, T> = {};
  if (!isObject(value)) return out;
  for (const [k, v] of Object.entries(value)) if (keep(v)) out[k] = v;
  return out;
}

const isConference = (value: unknown): value is SeenConference =>
  isObject(value) && typeof value.slug === 'string' && typeof value.acronym === 'string' && Array.isArray(value.rooms);
const isRelive = (value: unknown): value is { items: ReliveItem[]; checkedAt: number } =>
  isObject(value) && Array.isArray(value.items) && typeof value.checkedAt === 'number';
const isValidators = (value: unknown): value is { etag: string; lastModified: string } =>
  isObject(value) && typeof value.etag === 'string' && typeof value.lastModified === 'string';
const isStamp = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The stored value as a `LiveState`: what has the wrong shape falls back to empty, field by field. */
export function sanitiseLiveState(raw: unknown): LiveState {
  if (!isObject(raw)) return emptyLiveState();
  return {
    conferences: Array.isArray(raw.conferences) ? raw.conferences.filter(isConference) : [],
    relive: entriesOf(raw.relive, isRelive),
    validators: entriesOf(raw.validators, isValidators),
    pages: entriesOf(raw.pages, isStamp),
    lastAttemptAt: finite(raw.lastAttemptAt),
    checkedAt: finite(raw.checkedAt),
    error: typeof raw.error === 'string' ? raw.error.slice(0, 300) : '',
    failures: finite(raw.failures),
    nextTryAt: finite(raw.nextTryAt),
    told: Array.isArray(raw.told) ? raw.told.filter((key): key is string => typeof key === 'string') : [],
  };
}

export async function readLiveState(): Promise<LiveState> {
  const stored = await browser.storage.local.get(LIVE_KEY);
  return sanitiseLiveState(stored[LIVE_KEY]);
}

let writing: Promise<unknown> = Promise.resolve();

/** Read, change, write; one change at a time within the worker (its only writer). */
export function updateLiveState(change: (state: LiveState) => LiveState | void): Promise<LiveState> {
  const next = writing.then(async () => {
    const state = await readLiveState();
    const changed = change(state) ?? state;
    await browser.storage.local.set({ [LIVE_KEY]: changed });
    return changed;
  });
  writing = next.catch(() => undefined);
  return next;
}
