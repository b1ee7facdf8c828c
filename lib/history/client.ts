/**
 * Requests to media.ccc.de's public JSON API (docs/media-ccc-api.md), with the manners of a guest:
 * one request at a time, conditional where the API gives an ETag, a capped body and a timeout,
 * and after a 429 or 5xx no request at all until the backoff has passed (the feed's backoff
 * rules, lib/poll/backoff.ts). Only `https://media.ccc.de/public/…`: the feed's host permission
 * covers it, no other is asked for.
 */
import { browser } from 'wxt/browser';
import { nextTryAt } from '../poll/backoff';
import { FeedError } from '../poll/feed/errors';
import { fetchFeed, HttpStatusError } from '../poll/feed/fetch';
import { HistoryError, readJsonBody } from './api-json';

export const API_BASE = 'https://media.ccc.de/public/';
/** A congress with all its events is a few MB; nothing the API answers should come near this. */
export const MAX_API_BYTES = 32 * 1024 * 1024;
export const API_TIMEOUT_MS = 30_000;
/** storage.local: until when no request is made, after how many failures in a row. */
export const API_BACKOFF_KEY = 'historyBackoff';

export interface ApiDeps {
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** Jitter draw in [0, 1) for the backoff. */
  random?: () => number;
}

export type ApiAnswer =
  | {
      status: 'ok';
      json: unknown;
      etag: string;
      /** The `Total` header of a paged list (how many items in all), 0 when absent or odd. */
      total: number;
    }
  | { status: 'not-modified' };

interface Backoff {
  until: number;
  failures: number;
}

let queue: Promise<unknown> = Promise.resolve();

/** Requests wait for the one before: a page visit and a catalogue import never ask at once. */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

async function readBackoff(): Promise<Backoff> {
  const stored = (await browser.storage.local.get(API_BACKOFF_KEY))[API_BACKOFF_KEY] as Partial<Backoff> | undefined;
  const until = Number(stored?.until);
  const failures = Number(stored?.failures);
  return {
    until: Number.isFinite(until) ? until : 0,
    failures: Number.isSafeInteger(failures) && failures > 0 ? failures : 0,
  };
}

async function writeBackoff(backoff: Backoff): Promise<void> {
  await browser.storage.local.set({ [API_BACKOFF_KEY]: backoff });
}

/** Whether the API asked us to wait (a 429 or 5xx not long ago): no request is made until then. */
export async function isBackingOff(now = Date.now()): Promise<boolean> {
  return (await readBackoff()).until > now;
}

/** `events/<guid>`, `conferences`, …: the path under /public/, its parts already encoded. */
export function apiUrl(path: string): string {
  return new URL(path, API_BASE).href;
}

/**
 * One GET of the API. Answers the parsed JSON (not yet checked for shape) with its ETag, or
 * `not-modified` for a 304. Throws `HistoryError`: `not-found` for a 404 (an unknown or not yet
 * released talk), `http` while backing off or for other failures, `network`, `timeout`,
 * `too-large`, `not-json` or `malformed` for a body that is no JSON.
 */
export function getApi(path: string, etag = '', deps: ApiDeps = {}): Promise<ApiAnswer> {
  return oneAtATime(async () => {
    const now = deps.now ?? Date.now;
    const url = apiUrl(path);
    const backoff = await readBackoff();
    if (backoff.until > now()) throw new HistoryError('http', 'media.ccc.de');
    let outcome;
    try {
      outcome = await fetchFeed(
        url,
        { etag, lastModified: '' },
        {
          accept: 'application/json',
          maxBytes: MAX_API_BYTES,
          timeoutMs: API_TIMEOUT_MS,
          now,
          ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
        },
      );
    } catch (error) {
      throw await asHistoryError(error, backoff, now(), deps.random ?? Math.random);
    }
    if (backoff.failures > 0) await writeBackoff({ until: 0, failures: 0 });
    if (outcome.status === 'not-modified') return outcome;
    const total = Number(outcome.total);
    return {
      status: 'ok',
      json: readJsonBody(outcome.bytes, outcome.contentType, 'media.ccc.de'),
      etag: outcome.etag,
      total: Number.isSafeInteger(total) && total > 0 ? total : 0,
    };
  });
}

/** The fetch's failure in the history's terms; a 429 or 5xx also starts (or extends) the backoff. */
async function asHistoryError(error: unknown, backoff: Backoff, now: number, random: () => number) {
  if (error instanceof HttpStatusError) {
    if (error.status === 404 || error.status === 410) return new HistoryError('not-found', error.host);
    if (error.transient) {
      const failures = backoff.failures + 1;
      await writeBackoff({ until: nextTryAt(failures, now, error.retryAfterSeconds, 0, random()), failures });
    }
    return new HistoryError('http', error.host);
  }
  if (error instanceof FeedError) {
    const kind = error.kind === 'timeout' ? 'timeout' : error.kind === 'too-large' ? 'too-large' : 'network';
    return new HistoryError(kind, 'media.ccc.de');
  }
  return error instanceof HistoryError ? error : new HistoryError('network', 'media.ccc.de');
}
