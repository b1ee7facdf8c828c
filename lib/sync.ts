import { mergeFeedIntoArchive, readItemFingerprints, type MergeResult } from './archive';
import { refreshBadge } from './badge';
import type { AftertalkDb } from './db';
import { describeError, FeedError } from './feed/errors';
import { fetchFeed, sha256Hex } from './feed/fetch';
import { normaliseItem } from './feed/normalise';
import { checkFeedXml, parseCheckedFeedXml } from './feed/parse';
import { itemFingerprint, splitItems, withoutKnownItems } from './feed/item-chunks';
import { feedUrlOf, loadSettings } from './settings';
import { readSyncStatus, type SyncStatus, writeSyncProgress, writeSyncStatus } from './sync-status';
import type { TalkFeedData } from './talk';
import { phaseTimer } from './perf-marks';
import { assertFeedAccess } from './feed-permission';

export interface SyncDeps {
  db: AftertalkDb;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /**
   * Told about every merge that landed (after its transaction): derived indexes, notifications.
   * Awaited, so the poll ends once its notifications are out; its failure fails nothing.
   */
  onMerged?: (merge: MergeResult) => void | Promise<void>;
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

async function runSync({ db, fetchImpl, now = Date.now, onMerged }: SyncDeps): Promise<SyncStatus> {
  const startedAt = now();
  await writeSyncStatus({ running: true, lastAttemptAt: startedAt });
  try {
    const url = feedUrlOf(await loadSettings());
    await assertFeedAccess(url);
    const result = await pollFeed(db, url, startedAt, fetchImpl, onMerged);
    await refreshBadge(db);
    const changed = result.added + result.updated > 0;
    return await writeSyncStatus({
      running: false,
      lastSuccessAt: now(),
      lastResult: result,
      lastError: null,
      failingSince: 0,
      ...(changed ? { lastChangeAt: now() } : {}),
    });
  } catch (error) {
    const previous = await readSyncStatus();
    return writeSyncStatus({
      running: false,
      lastError: { ...describeError(error), at: now() },
      failingSince: previous.failingSince || startedAt,
    });
  } finally {
    await writeSyncProgress(null);
  }
}

async function pollFeed(
  db: AftertalkDb,
  url: string,
  now: number,
  fetchImpl?: typeof fetch,
  onMerged?: SyncDeps['onMerged'],
): Promise<SyncResult> {
  const known = await db.feeds.get(url);
  const unchanged: SyncResult = { added: 0, updated: 0, total: known?.itemCount ?? 0, skipped: 0, notModified: true };
  const phase = phaseTimer('aftertalk:sync');
  const outcome = await fetchFeed(url, { etag: known?.etag ?? '', lastModified: known?.lastModified ?? '' }, { fetchImpl });
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

  const xml = new TextDecoder().decode(outcome.bytes);
  // Only items not byte-identical to one of the last merged body are parsed (item-chunks.ts).
  const chunks = splitItems(xml);
  const fingerprints = chunks ? chunks.items.map(itemFingerprint) : undefined;
  const previous = known?.importedAt && chunks ? await readItemFingerprints(db, url) : new Set<string>();
  const partial = chunks && fingerprints && previous.size > 0 ? withoutKnownItems(chunks, fingerprints, previous) : null;
  phase('fingerprint');
  // The known items were validated, byte for byte, when they were merged, and only whitespace
  // lies between items: checking the cut-down document checks everything that is new.
  const toParse = partial ? partial.xml : xml;
  checkFeedXml(toParse);
  phase('validate');
  const parsed = parseCheckedFeedXml(toParse);
  phase('parse');
  const talks: TalkFeedData[] = [];
  for (const item of parsed.items) {
    const talk = normaliseItem(item);
    if (talk) talks.push(talk);
  }
  phase('normalise');
  // A few unreadable new items are skipped; a whole feed of them is not a feed.
  if (!partial && parsed.items.length > 0 && talks.length === 0) {
    throw new FeedError('not-a-feed', `None of the feed's ${parsed.items.length} items could be read as a talk.`);
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
  return { added: merge.added, updated: merge.updated, total, skipped: parsed.items.length - talks.length, notModified: false, parsed: parsed.items.length };
}
