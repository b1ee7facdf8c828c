/**
 * One poll of the feed into the archive: fetch (conditional) → hash → decode → split into items →
 * fingerprint → read only the changed items → normalise → merge, then the poll's status and, after
 * failures, the backoff. Who is told about the merge is the caller's choice (`onMerged`, and
 * lib/background.ts sets the badge after each poll): poll/ knows neither tell/ nor enrich/.
 */
import { mergeFeedIntoArchive, readItemFingerprints, type MergeResult } from '../archive/merge';
import type { AftertalkDb } from '../archive/db';
import { describeError, FeedError } from './feed/errors';
import { nextTryAt } from './backoff';
import { fetchFeed, HttpStatusError, sha256Hex } from './feed/fetch';
import { normaliseItem } from './feed/normalise';
import { readFeed, type ReadFeed } from './feed/read-feed';
import { itemFingerprint, splitItems } from './feed/item-chunks';
import { resumePolling, schedulePollAt } from './alarm';
import { DEFAULT_SETTINGS, feedUrlOf, loadSettings } from '../personal/settings';
import { isBackingOff, readSyncStatus, type SyncStatus, writeSyncProgress, writeSyncStatus } from './status';
import type { TalkFeedData } from '../archive/talk';
import { phaseTimer } from '../perf-marks';
import { assertFeedAccess } from './feed-permission';
import { t, tp } from '../i18n';
import { formatCount } from '../format';
import { hostOf, ownHostOf } from '../http-url';
import { decodeFeed, webPageError } from './feed/decode';

export interface SyncDeps {
  db: AftertalkDb;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /**
   * Told about every merge that landed (after its transaction): derived indexes, notifications.
   * Awaited, so the poll ends once its notifications are out; its failure fails nothing.
   */
  onMerged?: (merge: MergeResult) => void | Promise<void>;
  /** Jitter draws in [0, 1) for the backoff (lib/poll/backoff.ts). */
  random?: () => number;
  /** How long the request may take before it is abandoned (lib/poll/feed/fetch.ts). */
  timeoutMs?: number;
}

let inFlight: Promise<SyncStatus> | null = null;

/**
 * One poll of the feed into the archive. Alarms, start-up and the Refresh button may all ask at
 * once; they share the poll already running instead of starting another.
 */
export function syncFeed(deps: SyncDeps): Promise<SyncStatus> {
  inFlight ??= runSync(deps).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

type SyncResult = NonNullable<SyncStatus['lastResult']>;
type SyncError = NonNullable<SyncStatus['lastError']>;

const ALARM_GRACE_MS = 5_000;

/**
 * The poll alarm's way in: no request at all while backing off (before `nextTryAt`); the
 * Refresh button calls `syncFeed` directly and always tries. `run` is the caller's own poll
 * (the background's, with its recovery step), so both share the one in flight.
 */
export async function pollIfDue(run: () => Promise<SyncStatus>, now = Date.now()): Promise<SyncStatus> {
  const status = await readSyncStatus();
  // A few seconds' grace: an alarm fired a hair early must not cost a whole interval.
  if (isBackingOff(status, now + ALARM_GRACE_MS)) return status;
  return run();
}

async function runSync({
  db,
  fetchImpl,
  now = Date.now,
  onMerged,
  random = Math.random,
  timeoutMs,
}: SyncDeps): Promise<SyncStatus> {
  const startedAt = now();
  const before = await writeSyncStatus({ running: true, lastAttemptAt: startedAt });
  let pollMinutes = DEFAULT_SETTINGS.pollMinutes;
  let url = '';
  try {
    const settings = await loadSettings();
    pollMinutes = settings.pollMinutes;
    url = feedUrlOf(settings);
    await assertFeedAccess(url);
    const result = await pollFeed(db, url, startedAt, { fetchImpl, onMerged, timeoutMs, now });
    const changed = result.added + result.updated > 0;
    const status = await writeSyncStatus({
      running: false,
      lastSuccessAt: now(),
      lastResult: result,
      lastError: null,
      failingSince: 0,
      consecutiveFailures: 0,
      nextTryAt: 0,
      ...(changed ? { lastChangeAt: now() } : {}),
    });
    if (wasBackingOff(before)) await rescheduleQuietly(() => resumePolling(pollMinutes));
    return status;
  } catch (error) {
    const previous = await readSyncStatus();
    const failedAt = now();
    const transient = isTransient(error);
    const retryAfterSeconds = error instanceof FeedError ? error.retryAfterSeconds : undefined;
    const failures = transient ? previous.consecutiveFailures + 1 : 0;
    const retryAt = transient ? nextTryAt(failures, failedAt, retryAfterSeconds, pollMinutes, random()) : 0;
    const status = await writeSyncStatus({
      running: false,
      lastError: errorRecord(error, failedAt, url),
      failingSince: previous.failingSince || startedAt,
      consecutiveFailures: failures,
      nextTryAt: retryAt,
    });
    if (transient) await rescheduleQuietly(() => schedulePollAt(retryAt, pollMinutes));
    else if (wasBackingOff(previous)) await rescheduleQuietly(() => resumePolling(pollMinutes));
    return status;
  } finally {
    await writeSyncProgress(null);
  }
}

/** Offline, DNS, timeouts, 408/429/5xx and any answer with Retry-After: worth a retry soon. */
function isTransient(error: unknown): boolean {
  if (error instanceof HttpStatusError) return error.transient;
  return error instanceof FeedError && (error.kind === 'network' || error.kind === 'timeout');
}

function wasBackingOff(status: SyncStatus): boolean {
  return status.nextTryAt > 0 || status.consecutiveFailures > 0;
}

function errorRecord(error: unknown, at: number, url: string): SyncError {
  const record: SyncError = { ...describeError(error), at };
  const host = hostOf(url);
  if (host) record.host = host;
  if (error instanceof HttpStatusError) record.httpStatus = error.status;
  if (error instanceof FeedError && error.retryAfterSeconds !== undefined)
    record.retryAfterSeconds = error.retryAfterSeconds;
  return record;
}

/** A poll's status is written whatever happens to the alarm; a failed reschedule is only logged. */
async function rescheduleQuietly(reschedule: () => Promise<void>): Promise<void> {
  try {
    await reschedule();
  } catch (error) {
    console.warn('Aftertalk: rescheduling the poll alarm failed', error);
  }
}

async function pollFeed(
  db: AftertalkDb,
  url: string,
  now: number,
  { fetchImpl, onMerged, timeoutMs, now: clock }: Pick<SyncDeps, 'fetchImpl' | 'onMerged' | 'timeoutMs' | 'now'>,
): Promise<SyncResult> {
  const known = await db.feeds.get(url);
  const unchanged: SyncResult = { added: 0, updated: 0, total: known?.itemCount ?? 0, skipped: 0, notModified: true };
  const phase = phaseTimer('aftertalk:sync');
  const outcome = await fetchFeed(
    url,
    { etag: known?.etag ?? '', lastModified: known?.lastModified ?? '' },
    {
      fetchImpl,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(clock ? { now: clock } : {}),
    },
  );
  phase('fetch');
  if (outcome.status === 'not-modified') return unchanged;

  const bodyHash = await sha256Hex(outcome.bytes);
  phase('hash');
  // Same bytes as the last merged body: nothing to parse, no talk to write. A server that
  // rotated its ETag for them gets the new one stored, so the next poll can be a 304 again.
  if (known?.importedAt && known.bodyHash === bodyHash) {
    if (known.etag !== outcome.etag || known.lastModified !== outcome.lastModified) {
      await db.feeds.update(url, { etag: outcome.etag, lastModified: outcome.lastModified });
    }
    return unchanged;
  }

  const xml = decodeFeed(outcome.bytes);
  // Only items not byte-identical to one of the last merged body are read (item-chunks.ts).
  const chunks = splitItems(xml);
  const fingerprints = chunks ? chunks.items.map(itemFingerprint) : undefined;
  const previous = known?.importedAt && chunks ? await readItemFingerprints(db, url) : new Set<string>();
  const isNew = fingerprints?.map((print) => !previous.has(print)) ?? [];
  const wanted = (index: number) => isNew[index] === true;
  const wantedCount = isNew.filter(Boolean).length;
  phase('fingerprint');
  // The known items were checked, byte for byte, when they were merged, and only whitespace lies
  // between items: checking what is read checks everything that is new (lib/poll/feed/read-feed.ts).
  let parsed: ReadFeed;
  try {
    parsed = readFeed(xml, chunks, { wanted, phase });
  } catch (error) {
    // The declared type is no reason to refuse a feed (servers send RSS as text/html or
    // application/octet-stream too), but it names what a document that is no feed was.
    if (
      outcome.contentType === 'text/html' &&
      xml.trim() &&
      error instanceof FeedError &&
      (error.kind === 'not-a-feed' || error.kind === 'malformed')
    )
      throw webPageError(url);
    throw error;
  }
  const talks: TalkFeedData[] = [];
  // Links and pictures stay on media.ccc.de, or on the feed's own host (a custom feed's site).
  const ownHost = ownHostOf(url);
  for (const item of parsed.items) {
    // One item the normaliser cannot handle is one skipped item, never a failed poll.
    try {
      const talk = normaliseItem(item, ownHost);
      if (talk) talks.push(talk);
    } catch (error) {
      console.warn('Aftertalk: skipped an unreadable feed item', error);
    }
  }
  phase('normalise');
  // A few unreadable new items are skipped; a whole feed of them is not a feed, whether this is
  // a first import or a poll in which every item is new (none known from the last body).
  const wholeFeedParsed = !chunks || wantedCount === chunks.items.length;
  if (wholeFeedParsed && parsed.items.length > 0 && talks.length === 0) {
    throw new FeedError(
      'not-a-feed',
      tp('error_no_readable_items', parsed.items.length, formatCount(parsed.items.length)),
    );
  }
  const merge = await mergeFeedIntoArchive(db, talks, {
    feedUrl: url,
    now,
    validators: { etag: outcome.etag, lastModified: outcome.lastModified, bodyHash },
    ...(fingerprints ? { itemFingerprints: fingerprints } : {}),
    ...(chunks ? { feedItemCount: chunks.items.length } : {}),
    // Not awaited: the archive transaction must not wait on another storage area.
    onProgress: (done, total) => void writeSyncProgress({ done, total }),
  });
  phase('merge');
  try {
    await onMerged?.(merge);
  } catch (error) {
    console.warn('Aftertalk: after-merge work failed', error);
  }
  const total = chunks ? chunks.items.length : talks.length;
  return {
    added: merge.added,
    updated: merge.updated,
    total,
    // Items that did not parse on their own (lib/poll/feed/read-feed.ts) and items that are no talk.
    skipped: parsed.items.length - talks.length + parsed.skippedItems,
    notModified: false,
    parsed: parsed.items.length,
  };
}
