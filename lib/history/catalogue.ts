/**
 * The whole catalogue, on request: every talk media.ccc.de ever released, read page by page from
 * its API (`events?page=N&per_page=256`, without files) and kept as history. It runs in the
 * background worker, which Chrome stops when idle, so its progress lives in `storage.local`
 * after every page: a worker that is killed, or a browser that restarts, picks it up where it was
 * (the poll alarm, the next page that opens, or browser start call `resumeCatalogue`). A page
 * that landed twice changes nothing. One request at a time, a pause between pages, and the API's
 * backoff (lib/history/client.ts) when it says 429 or 5xx.
 */
import { browser } from 'wxt/browser';
import type { AftertalkDb } from '../archive/db';
import { mergeHistoryIntoArchive, type MergeResult } from '../archive/merge';
import { foldSearchSegments } from '../archive/search-store';
import { HistoryError } from './api-json';
import { historyTalkOf, parseEventList } from './api-shapes';
import { getApi, isBackingOff, type ApiDeps } from './client';

export const CATALOGUE_KEY = 'historyCatalogue';
export const CATALOGUE_PAGE_SIZE = 256;
/** Between two pages: a guest's pace; about 2 minutes of pauses for 27,000 talks (106 pages). */
export const CATALOGUE_PAUSE_MS = 1000;
/** Failures in a row (backoff included) before the import stops and says why. */
const MAX_FAILURES = 8;
/** What one talk costs, for the estimate: measured on the API's answers and on the archive. */
const JSON_BYTES_PER_TALK = 1400;
const STORED_BYTES_PER_TALK = 3700;

export type CatalogueState = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface CatalogueImport {
  state: CatalogueState;
  /** The next page to ask for, from 1. */
  nextPage: number;
  /** Talks media.ccc.de lists in all (its `Total`), 0 before the first page. */
  total: number;
  /** Talks read so far (stored, or skipped as unreadable). */
  done: number;
  failures: number;
  startedAt: number;
  updatedAt: number;
}

export const NO_IMPORT: CatalogueImport = {
  state: 'idle',
  nextPage: 1,
  total: 0,
  done: 0,
  failures: 0,
  startedAt: 0,
  updatedAt: 0,
};

export interface CatalogueDeps extends ApiDeps {
  db: AftertalkDb;
  /** Told about every page that landed (the related-talks index follows). */
  onMerged?: (merge: MergeResult) => void | Promise<void>;
  pauseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface CatalogueEstimate {
  talks: number;
  requests: number;
  downloadBytes: number;
  storageBytes: number;
}

export async function readCatalogueImport(): Promise<CatalogueImport> {
  const stored = (await browser.storage.local.get(CATALOGUE_KEY))[CATALOGUE_KEY] as
    Partial<CatalogueImport> | undefined;
  if (!stored || typeof stored !== 'object') return NO_IMPORT;
  const count = (value: unknown, min = 0) =>
    Number.isSafeInteger(value) && (value as number) >= min ? (value as number) : min;
  const states: CatalogueState[] = ['idle', 'running', 'done', 'cancelled', 'failed'];
  return {
    state: states.find((state) => state === stored.state) ?? 'idle',
    nextPage: count(stored.nextPage, 1),
    total: count(stored.total),
    done: count(stored.done),
    failures: count(stored.failures),
    startedAt: count(stored.startedAt),
    updatedAt: count(stored.updatedAt),
  };
}

async function writeCatalogueImport(state: CatalogueImport): Promise<void> {
  await browser.storage.local.set({ [CATALOGUE_KEY]: state });
}

/** What importing everything would cost, from one tiny request (the list's `Total`). */
export async function estimateCatalogue(deps: ApiDeps = {}): Promise<CatalogueEstimate> {
  const answer = await getApi('events?page=1&per_page=1', '', deps);
  const talks = answer.status === 'ok' ? answer.total : 0;
  if (!talks) throw new HistoryError('wrong-shape', 'media.ccc.de');
  return {
    talks,
    requests: Math.ceil(talks / CATALOGUE_PAGE_SIZE),
    downloadBytes: talks * JSON_BYTES_PER_TALK,
    storageBytes: talks * STORED_BYTES_PER_TALK,
  };
}

/** Starts the import, or carries on with one that was cancelled or failed, from where it stopped. */
export async function startCatalogue(now = Date.now()): Promise<CatalogueImport> {
  const current = await readCatalogueImport();
  const fresh = current.state === 'idle' || current.state === 'done';
  const next: CatalogueImport = fresh
    ? { ...NO_IMPORT, state: 'running', startedAt: now, updatedAt: now }
    : { ...current, state: 'running', failures: 0, updatedAt: now };
  await writeCatalogueImport(next);
  return next;
}

/** Stops after the page in flight; what landed stays. */
export async function cancelCatalogue(now = Date.now()): Promise<CatalogueImport> {
  const current = await readCatalogueImport();
  if (current.state !== 'running') return current;
  const next = { ...current, state: 'cancelled' as const, updatedAt: now };
  await writeCatalogueImport(next);
  return next;
}

let running: Promise<CatalogueImport> | null = null;

/** Carries on with a running import in this worker, unless it already does. */
export function resumeCatalogue(deps: CatalogueDeps): Promise<CatalogueImport> {
  running ??= importPages(deps).finally(() => {
    running = null;
  });
  return running;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function importPages(deps: CatalogueDeps): Promise<CatalogueImport> {
  let landed = false;
  const end = await importPagesUntilStopped(deps, () => (landed = true));
  if (landed && end.state !== 'running') await foldSearchAfterImport(deps.db);
  return end;
}

async function importPagesUntilStopped(deps: CatalogueDeps, onLanded: () => void): Promise<CatalogueImport> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  let first = true;
  for (;;) {
    const current = await readCatalogueImport();
    if (current.state !== 'running') return current;
    if (!first) await sleep(deps.pauseMs ?? CATALOGUE_PAUSE_MS);
    first = false;
    // Cancelled during the pause: the next page is not asked for.
    const afterPause = await readCatalogueImport();
    if (afterPause.state !== 'running') return afterPause;
    // The API asked us to wait: not a failure, the alarm comes back later.
    if (await isBackingOff(now())) return current;
    let next: CatalogueImport;
    try {
      const page = current.nextPage;
      const answer = await getApi(`events?page=${page}&per_page=${CATALOGUE_PAGE_SIZE}`, '', deps);
      if (answer.status !== 'ok') throw new HistoryError('wrong-shape', 'media.ccc.de');
      const { events, skipped } = parseEventList(answer.json);
      if (events.length) {
        const merge = await mergeHistoryIntoArchive(
          deps.db,
          events.map((event) => historyTalkOf(event)),
          now(),
        );
        if (merge.changedIds.length) {
          onLanded();
          await deps.onMerged?.(merge);
        }
      }
      const read = events.length + skipped;
      const total = answer.total || current.total;
      const done = current.done + read;
      const finished = read === 0 || (total > 0 && page * CATALOGUE_PAGE_SIZE >= total);
      next = {
        ...current,
        state: finished ? 'done' : 'running',
        nextPage: page + 1,
        total: Math.max(total, done),
        done,
        failures: 0,
        updatedAt: now(),
      };
    } catch (error) {
      if (!(error instanceof HistoryError)) console.warn('Aftertalk: the catalogue import failed', error);
      const failures = current.failures + 1;
      next = { ...current, state: failures >= MAX_FAILURES ? 'failed' : 'running', failures, updatedAt: now() };
      // A page that failed is tried again by the next resume (alarm, page, browser start), not in a loop.
      if ((await readCatalogueImport()).state === 'running') await writeCatalogueImport(next);
      return next;
    }
    // A cancel that came while the page was read wins: the page landed, the import stops.
    if ((await readCatalogueImport()).state !== 'running') next = { ...next, state: 'cancelled' };
    await writeCatalogueImport(next);
  }
}

/**
 * An import leaves the search index in a few segments (lib/archive/search-store.ts); folded once
 * when it ends (done, or cancelled after pages landed), each popup's first search reads one
 * instead of folding them (20–60 ms at 30,000 talks).
 * Not folding loses nothing but that time, so a failure is only logged.
 */
async function foldSearchAfterImport(db: CatalogueDeps['db']): Promise<void> {
  try {
    await foldSearchSegments(db);
  } catch (error) {
    console.warn('Aftertalk: could not fold the search index after the catalogue import', error);
  }
}
