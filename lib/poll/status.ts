import { browser } from 'wxt/browser';
import { onLocalKeyChanged } from '../storage-watch';
import type { FeedErrorKind } from './feed/errors';

/** What the popup and options page show about polling; written only by the background. */
export interface SyncStatus {
  running: boolean;
  lastAttemptAt: number;
  /** Last time the feed was checked successfully (200 merged, 200 unchanged, or 304). */
  lastSuccessAt: number;
  /** Last time a check brought at least one new or changed talk. */
  lastChangeAt: number;
  /** `parsed`: items actually parsed (only those changed since the last merge, lib/poll/feed/item-chunks.ts). */
  lastResult: {
    added: number;
    updated: number;
    total: number;
    skipped: number;
    notModified: boolean;
    parsed?: number;
  } | null;
  lastError: {
    kind: FeedErrorKind | 'internal';
    message: string;
    at: number;
    /** Feed host, for "media.ccc.de answered 503". */
    host?: string;
    /** HTTP status of an error answer. */
    httpStatus?: number;
    /** What the server asked for in Retry-After (already clamped to 24 h, lib/poll/backoff.ts). */
    retryAfterSeconds?: number;
  } | null;
  /** Start of the current run of failed checks ("unreachable since 14:02"), 0 when healthy. */
  failingSince: number;
  /**
   * Transient failures in a row (offline, timeout, 408/429/5xx; lib/poll/backoff.ts). 0 after a
   * success, and after a failure that retrying soon would not fix (404, not a feed, …).
   */
  consecutiveFailures: number;
  /**
   * Epoch ms before which alarm-driven polls make no request (lib/poll/sync.ts `pollIfDue`);
   * 0 when not backing off. The Refresh button ignores it.
   */
  nextTryAt: number;
}

export const EMPTY_STATUS: SyncStatus = {
  running: false,
  lastAttemptAt: 0,
  lastSuccessAt: 0,
  lastChangeAt: 0,
  lastResult: null,
  lastError: null,
  failingSince: 0,
  consecutiveFailures: 0,
  nextTryAt: 0,
};

/** Backing off after transient failures: the next automatic poll waits until `nextTryAt`. */
export function isBackingOff(status: SyncStatus, now = Date.now()): boolean {
  return status.nextTryAt > now;
}

const STORAGE_KEY = 'syncStatus';

export async function readSyncStatus(): Promise<SyncStatus> {
  const { [STORAGE_KEY]: raw } = await browser.storage.local.get(STORAGE_KEY);
  return { ...EMPTY_STATUS, ...(raw && typeof raw === 'object' ? (raw as Partial<SyncStatus>) : {}) };
}

export async function writeSyncStatus(patch: Partial<SyncStatus>): Promise<SyncStatus> {
  const next = { ...(await readSyncStatus()), ...patch };
  await browser.storage.local.set({ [STORAGE_KEY]: next });
  return next;
}

export function onSyncStatusChanged(callback: (status: SyncStatus) => void): () => void {
  return onLocalKeyChanged(STORAGE_KEY, (next) => callback({ ...EMPTY_STATUS, ...(next as Partial<SyncStatus>) }));
}

const PROGRESS_KEY = 'syncProgress';

/**
 * Import progress has its own key and is written without reading first: progress updates are
 * fired from inside the archive transaction without waiting, so they must not race each other
 * through a read-modify-write of the whole status.
 */
export function writeSyncProgress(progress: { done: number; total: number } | null): Promise<void> {
  return browser.storage.local.set({ [PROGRESS_KEY]: progress });
}

export async function readSyncProgress(): Promise<{ done: number; total: number } | null> {
  const { [PROGRESS_KEY]: raw } = await browser.storage.local.get(PROGRESS_KEY);
  return (raw as { done: number; total: number } | null | undefined) ?? null;
}

export function onSyncProgressChanged(
  callback: (progress: { done: number; total: number } | null) => void,
): () => void {
  return onLocalKeyChanged(PROGRESS_KEY, (next) =>
    callback((next as { done: number; total: number } | null | undefined) ?? null),
  );
}

/** A worker killed mid-sync leaves `running: true` behind; after this long it no longer counts. */
export const STALE_RUNNING_MS = 5 * 60_000;

export function isSyncRunning(status: SyncStatus, now = Date.now()): boolean {
  return status.running && now - status.lastAttemptAt < STALE_RUNNING_MS;
}
