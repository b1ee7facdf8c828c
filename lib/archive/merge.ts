/**
 * Writes to the archive: a poll's talks merged in one transaction with the feed's validators,
 * item fingerprints, the archive version and the search snapshot, so a sync lands whole or not at
 * all. Feed data is overwritten, what the user did to a talk never is; talks that leave the feed
 * stay. Also the seen marks, the new-talk count, and making room when the disk is full.
 */
import {
  ARCHIVE_VERSION_KEY,
  itemFingerprintsKey,
  SEARCH_INDEX_KEY,
  type AftertalkDb,
  type FeedRecord,
  type MetaRecord,
} from './db';
import type { StoredTalk, TalkFeedData } from './talk';
import { newRecord, wordsOf } from './talk-record';
import { matchKeysOf } from '../match/talk-keys';
import { buildSearchSnapshot, entryOf, type SearchEntry, snapshotOfAllTalks } from './search';
import { searchWritesAfter, writeWholeSearchSnapshot } from './search-store';
import { t } from '../i18n';
import { formatCount } from '../format';

export { wordsOf };

export interface MergeResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Ids of talks this merge marked new (empty on a first import). */
  newIds: string[];
  /** Ids whose feed data was added or changed: what derived indexes (related talks) must redo. */
  changedIds: string[];
  /** The archive version after this merge (see `ARCHIVE_VERSION_KEY`). */
  archiveVersion: number;
  /** Talks whose old description was removed because the disk was full (0 normally). */
  trimmedForRoom?: number;
}

export async function readArchiveVersion(db: AftertalkDb): Promise<number> {
  return archiveVersionOf(await db.meta.get(ARCHIVE_VERSION_KEY));
}

/** The version in the `meta` record under `ARCHIVE_VERSION_KEY` (0 before the first merge). */
export function archiveVersionOf(record: { value?: unknown } | undefined): number {
  return typeof record?.value === 'number' ? record.value : 0;
}

export interface MergeOptions {
  feedUrl: string;
  now: number;
  /** HTTP validators to store with the talks, so they land (or not) together. */
  validators: Pick<FeedRecord, 'etag' | 'lastModified' | 'bodyHash'>;
  onProgress?: (done: number, total: number) => void;
  /** Fingerprints of all the feed's items (lib/poll/feed/item-chunks.ts), saved with the talks. */
  itemFingerprints?: string[];
  /** Items in the whole feed, when `items` holds only the changed ones. */
  feedItemCount?: number;
}

export async function readItemFingerprints(db: AftertalkDb, feedUrl: string): Promise<Set<string>> {
  const record = await db.meta.get(itemFingerprintsKey(feedUrl));
  return new Set(Array.isArray(record?.value) ? (record.value as string[]) : []);
}

const BATCH = 1000;
/** Room for 1,000,000 feed positions per sync inside one safe integer. */
const POSITIONS_PER_SYNC = 1_000_000;

/** Text removed to make room (see `trimOldestText`) is not a change, or it would come back. */
const TRIMMABLE = new Set<keyof TalkFeedData>(['description', 'subtitle']);

function sameFeedData(stored: StoredTalk, incoming: TalkFeedData): boolean {
  for (const key of Object.keys(incoming) as (keyof TalkFeedData)[]) {
    if (stored.textTrimmed && TRIMMABLE.has(key)) continue;
    if (JSON.stringify(stored[key]) !== JSON.stringify(incoming[key])) return false;
  }
  return true;
}

/**
 * Merges one parsed feed into the archive in a single transaction: either all of it lands, with
 * the feed's validators, or none of it does (a worker killed mid-way loses nothing, and the next
 * poll redoes the whole merge because the validators were not saved either).
 *
 * - A talk whose id is not in the archive is stored; it is new unless this is the first import
 *   of this feed (a first import of thousands must not light up the badge).
 * - A known talk gets its feed fields updated in place; user state and first-seen data are kept.
 * - Talks missing from the feed are left alone: the archive outlives the feed's 12-month window.
 */
export async function mergeFeedIntoArchive(
  db: AftertalkDb,
  items: TalkFeedData[],
  options: MergeOptions,
): Promise<MergeResult> {
  try {
    return await mergeOnce(db, items, options);
  } catch (error) {
    if (!isQuotaError(error)) throw error;
  }
  // The disk is full: make room with the archive's oldest text, never with what the user made
  // (their lists live in storage.local; seen marks, ids and titles stay), then try once more.
  const trimmed = await trimOldestText(db);
  try {
    return { ...(await mergeOnce(db, items, options)), trimmedForRoom: trimmed };
  } catch (error) {
    throw isQuotaError(error) ? new StorageFullError(trimmed) : error;
  }
}

/** The browser refused to store more, also after older descriptions were removed. */
export class StorageFullError extends Error {
  constructor(readonly trimmed: number) {
    super(trimmed ? t('error_storage_full_trimmed', formatCount(trimmed)) : t('error_storage_full'));
    this.name = 'StorageFullError';
  }
}

export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string } } | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

/** How many of the oldest talks lose their description when the disk is full. */
export const TRIM_BATCH = 2000;

/**
 * Empties description and subtitle of the oldest talks that still have them (by release order)
 * and marks them, so later syncs neither count the missing text as a change nor write it back.
 */
export async function trimOldestText(db: AftertalkDb, limit = TRIM_BATCH): Promise<number> {
  return db.transaction('rw', db.talks, async () => {
    const oldest = await db.talks
      .orderBy('releaseKey')
      .filter((talk) => !talk.textTrimmed && (talk.description !== '' || talk.subtitle !== ''))
      .limit(limit)
      .primaryKeys();
    if (oldest.length === 0) return 0;
    return db.talks.where('id').anyOf(oldest).modify({ description: '', subtitle: '', textTrimmed: 1 });
  });
}

async function mergeOnce(db: AftertalkDb, items: TalkFeedData[], options: MergeOptions): Promise<MergeResult> {
  const { feedUrl, now, validators, onProgress, itemFingerprints, feedItemCount } = options;
  const result: MergeResult = { added: 0, updated: 0, unchanged: 0, newIds: [], changedIds: [], archiveVersion: 0 };
  const searchEntries: SearchEntry[] = [];
  await db.transaction('rw', db.talks, db.feeds, db.meta, async () => {
    const feed = await db.feeds.get(feedUrl);
    const isFirstImport = !feed?.importedAt;
    const syncSequence = await nextSyncSequence(db);
    const unique = dedupeById(items);
    for (let start = 0; start < unique.length; start += BATCH) {
      const batch = unique.slice(start, start + BATCH);
      const existing = await db.talks.bulkGet(batch.map((item) => item.id));
      const writes: StoredTalk[] = [];
      batch.forEach((item, offset) => {
        const position = start + offset;
        const stored = existing[offset];
        if (!stored) {
          const isNew = isFirstImport ? 0 : 1;
          writes.push(
            newRecord(item, {
              firstSeenAt: now,
              lastSeenInFeedAt: now,
              feedPosition: position,
              releaseKey: syncSequence * POSITIONS_PER_SYNC + (POSITIONS_PER_SYNC - 1 - position),
              isNew,
              seenAt: 0,
            }),
          );
          result.added++;
          result.changedIds.push(item.id);
          if (isNew) result.newIds.push(item.id);
        } else if (!sameFeedData(stored, item)) {
          const trimmed = stored.textTrimmed ? { description: '', subtitle: '' } : {};
          // A history talk the feed now carries belongs to the feed from here on.
          const { fromHistory: _history, ...previous } = stored;
          writes.push({
            ...previous,
            ...item,
            ...trimmed,
            ...matchKeysOf(item),
            words: wordsOf(item),
            feedPosition: position,
            lastSeenInFeedAt: now,
          });
          result.updated++;
          result.changedIds.push(item.id);
        } else {
          // Unchanged data is not written again, even though every new release shifts the
          // positions of all talks below it: rewriting thousands of records per sync would make
          // an incremental sync as slow as a full import.
          result.unchanged++;
        }
      });
      if (writes.length > 0) await db.talks.bulkPut(writes);
      for (const talk of writes) searchEntries.push(entryOf(talk));
      onProgress?.(Math.min(start + BATCH, unique.length), unique.length);
    }
    const record: FeedRecord = {
      url: feedUrl,
      ...validators,
      importedAt: feed?.importedAt || now,
      itemCount: feedItemCount ?? unique.length,
    };
    await db.feeds.put(record);
    // With the talks or not at all: a fingerprint must never claim an item that did not land.
    const fingerprints = itemFingerprints ? [{ key: itemFingerprintsKey(feedUrl), value: itemFingerprints }] : [];
    result.archiveVersion = await moveVersionAndSearch(db, result.changedIds.length > 0, searchEntries, fingerprints);
  });
  return result;
}

/** History keys lie below every feed talk's (which are positive): 2^40 seconds is past the year 36000. */
const HISTORY_KEY_OFFSET = 2 ** 40;

/**
 * A history talk's place in "latest releases": after every talk the feed brought, newest release
 * first among themselves (`releasedAt` in epoch ms; 0 unknown sorts last).
 */
export function historyReleaseKey(releasedAt: number): number {
  return Math.floor(Math.max(0, releasedAt) / 1000) - HISTORY_KEY_OFFSET;
}

export interface HistoryTalk {
  talk: TalkFeedData;
  /** When media.ccc.de released it (epoch ms, 0 unknown). */
  releasedAt: number;
}

/**
 * Stores talks from media.ccc.de's archive (the JSON API) in one transaction, with the archive
 * version and the search snapshot, like a feed merge: the same record, keys and indexes, so the
 * box, search and related talks find them. They are history, never news: never new, never
 * counted on the badge, never announced (`newIds` stays empty). A talk the feed already brought
 * is left as the feed wrote it (the feed is the fresher source); a history talk seen again is
 * updated in place, keeping what the user did to it.
 */
export async function mergeHistoryIntoArchive(
  db: AftertalkDb,
  items: HistoryTalk[],
  now: number,
  /** Bookkeeping that must land with these talks or not at all (what was imported, when). */
  meta: MetaRecord[] = [],
): Promise<MergeResult> {
  const result: MergeResult = { added: 0, updated: 0, unchanged: 0, newIds: [], changedIds: [], archiveVersion: 0 };
  const searchEntries: SearchEntry[] = [];
  const unique = [...new Map(items.map((item) => [item.talk.id, item])).values()];
  await db.transaction('rw', db.talks, db.meta, async () => {
    for (let start = 0; start < unique.length; start += BATCH) {
      const batch = unique.slice(start, start + BATCH);
      const existing = await storedOf(
        db,
        batch.map((item) => item.talk.id),
      );
      const writes: StoredTalk[] = [];
      batch.forEach(({ talk, releasedAt }) => {
        const stored = existing.get(talk.id);
        if (stored && !stored.fromHistory) {
          result.unchanged++;
          return;
        }
        if (stored && sameFeedData(stored, talk) && stored.releasedAt === releasedAt) {
          result.unchanged++;
          return;
        }
        const releaseKey = historyReleaseKey(releasedAt);
        writes.push(
          stored
            ? {
                ...stored,
                ...talk,
                ...matchKeysOf(talk),
                words: wordsOf(talk),
                releaseKey,
                fromHistory: 1,
                releasedAt,
              }
            : newRecord(talk, {
                isNew: 0,
                seenAt: 0,
                firstSeenAt: now,
                lastSeenInFeedAt: 0,
                feedPosition: -1,
                releaseKey,
                fromHistory: 1,
                releasedAt,
              }),
        );
        if (stored) result.updated++;
        else result.added++;
        result.changedIds.push(talk.id);
      });
      if (writes.length > 0) await db.talks.bulkPut(writes);
      for (const talk of writes) searchEntries.push(entryOf(talk));
    }
    result.archiveVersion = await moveVersionAndSearch(db, result.changedIds.length > 0, searchEntries, meta);
  });
  return result;
}

/**
 * The stored talks among `ids`. A catalogue page's talks are mostly not in the archive yet: their
 * keys are looked up first (one key cursor), and only the talks found are read. Reading all of
 * them by key was a third of a page's merge in Node, as much as a third of the write itself.
 */
async function storedOf(db: AftertalkDb, ids: string[]): Promise<Map<string, StoredTalk>> {
  const found = await db.talks.where(':id').anyOf(ids).primaryKeys();
  if (found.length === 0) return new Map();
  const talks = await db.talks.bulkGet(found);
  return new Map(talks.flatMap((talk) => (talk ? [[talk.id, talk] as const] : [])));
}

/**
 * Inside a merge's transaction: when talk data changed, the archive version moves on and the
 * search index with it (lib/archive/search-store.ts), so neither is ever behind the talks. Answers
 * the archive version after the merge.
 */
async function moveVersionAndSearch(
  db: AftertalkDb,
  changed: boolean,
  written: SearchEntry[],
  bookkeeping: MetaRecord[] = [],
): Promise<number> {
  // One read and one write of `meta` where there can be: every request is a round trip of the
  // page's transaction.
  const [versionRecord, searchRecord] = await db.meta.bulkGet([ARCHIVE_VERSION_KEY, SEARCH_INDEX_KEY]);
  const version = archiveVersionOf(versionRecord);
  const next = { key: ARCHIVE_VERSION_KEY, value: version + 1 };
  const search = changed
    ? await searchWritesAfter(db.meta, searchRecord?.value, written, version, version + 1)
    : undefined;
  if (search?.remove.length) await db.meta.bulkDelete(search.remove);
  if (search) await db.meta.bulkPut([...bookkeeping, next, ...search.put]);
  else if (changed) {
    await db.meta.bulkPut([...bookkeeping, next]);
    await rebuildSearch(db, written, version + 1);
  } else if (bookkeeping.length) await db.meta.bulkPut(bookkeeping);
  return changed ? version + 1 : version;
}

/**
 * The search snapshot made anew when the stored one is missing, stale or of the earlier form:
 * from the writes alone when they are the whole archive (a first import), else from every talk.
 */
async function rebuildSearch(db: AftertalkDb, written: SearchEntry[], version: number): Promise<void> {
  if ((await db.talks.count()) === written.length) {
    const conferences = written.flatMap((entry) => (entry.conference === undefined ? [] : [entry.conference]));
    await writeWholeSearchSnapshot(db.meta, buildSearchSnapshot(written, version), conferences);
    return;
  }
  const snapshot = await snapshotOfAllTalks(db.talks, version);
  await writeWholeSearchSnapshot(db.meta, snapshot, (await db.talks.orderBy('conference').uniqueKeys()) as string[]);
}

/**
 * Talks first stored by a later sync sort above all earlier ones, whichever feed brought them;
 * derived from the archive itself so there is no counter to keep in step.
 */
async function nextSyncSequence(db: AftertalkDb): Promise<number> {
  const top = (await db.talks.orderBy('releaseKey').lastKey()) as number | undefined;
  // History talks have negative keys (`historyReleaseKey`): an archive of only those starts at 1.
  return top === undefined || top < 0 ? 1 : Math.floor(top / POSITIONS_PER_SYNC) + 1;
}

/** The feed can list an id twice (a re-released talk); the first, newest entry wins. */
function dedupeById(items: TalkFeedData[]): TalkFeedData[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
}

export async function countNewTalks(db: AftertalkDb): Promise<number> {
  return db.talks.where('isNew').equals(1).count();
}

export async function markTalksSeen(db: AftertalkDb, ids: string[] | 'all', now = Date.now()): Promise<number> {
  const collection =
    ids === 'all'
      ? db.talks.where('isNew').equals(1)
      : db.talks
          .where('id')
          .anyOf(ids)
          .and((t) => t.isNew === 1);
  return collection.modify({ isNew: 0, seenAt: now });
}
