/**
 * The archive's IndexedDB schema: its tables, every key of its `meta` table, and the history of
 * its versions with their upgrades. The store all three jobs share: the worker writes it (poll
 * merges the feed, enrich keeps the related-talks snapshot), extension pages read it through
 * Dexie's live queries. It knows none of those jobs.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { StoredTalk } from './talk';
import { matchKeysOf } from '../match/talk-keys';
import { snapshotOfAllTalks } from './search';

/** Per-feed bookkeeping, written in the same transaction as the talks it describes. */
export interface FeedRecord {
  /** The feed URL. */
  url: string;
  etag: string;
  lastModified: string;
  /** SHA-256 of the last body that was merged, so an identical 200 is not parsed again. */
  bodyHash: string;
  /** Set once the first complete import of this feed landed; later syncs mark talks new. */
  importedAt: number;
  itemCount: number;
}

/** Small named values that must change together with the talks (e.g. the archive version). */
export interface MetaRecord {
  key: string;
  value: unknown;
}

export type AftertalkDb = Dexie & {
  talks: EntityTable<StoredTalk, 'id'>;
  feeds: EntityTable<FeedRecord, 'url'>;
  meta: EntityTable<MetaRecord, 'key'>;
};

export const DB_NAME = 'aftertalk';

/*
 * Every key of the `meta` table. Each value is written in the same transaction as the talks it
 * describes, or carries the archive version it was built from, so none can be silently stale.
 */

/**
 * A counter bumped in the merge transaction whenever talk data changes, so anything derived from
 * the archive (the related-talks snapshot) can tell whether it is stale.
 */
export const ARCHIVE_VERSION_KEY = 'archiveVersion';
/**
 * The search snapshot (lib/archive/search.ts), updated inside every merge: the list of its segments
 * and the archive's conferences; each segment is under `searchIndex:<archive version>`
 * (lib/archive/search-store.ts). Archives from before the segments hold one snapshot here.
 */
export const SEARCH_INDEX_KEY = 'searchIndex';
/** The related-talks index snapshot (lib/enrich/related/), saved with the archive version it describes. */
export const RELATED_SNAPSHOT_KEY = 'relatedIndex';
/** Per feed: the fingerprints of the items of its last merged body (lib/poll/feed/item-chunks.ts). */
export const itemFingerprintsKey = (feedUrl: string) => `itemFingerprints:${feedUrl}`;
/** media.ccc.de's conference list as last fetched, with its ETag (lib/history/). */
export const HISTORY_CONFERENCES_KEY = 'historyConferences';
/** Per conference: when its recorded talks were last imported from the API, written with them. */
export const historyConferenceKey = (acronym: string) => `historyConference:${acronym.toLowerCase()}`;
/** Per schedule page: when media.ccc.de's archive was last asked about it, and what it said. */
export const historyPageKey = (scheduleUrl: string) => `historyPage:${scheduleUrl}`;

/**
 * Schema history. Never edit a released version: add a new one with an upgrade function,
 * and a test that upgrades real data from every earlier version.
 *
 * v1: talks indexed for the popup (new, latest releases, search) and the schedule-page join
 *     (scheduleUrl, slug, conference).
 * v2: the schedule-page join keys (lib/match/talk-keys.ts) stored and indexed on every talk
 *     (and `[conference+code]`: does an event's talks carry pretalx codes?);
 *     `meta` for the archive version and the related-talks index snapshot.
 * v3: search by the snapshot in `meta` (lib/archive/search.ts) instead of the `*words` index, which
 *     was a third of a large import's write time; the unused `slug` index is dropped too.
 */
export function openDb(name = DB_NAME): AftertalkDb {
  // Relaxed durability: a commit is reported once the browser has the data, not after the OS
  // flushed it. An OS crash can then lose the last sync, but never half of it (the feed's
  // validators are in the same transaction, so the next poll redoes it); writes get much faster.
  const db = new Dexie(name, { chromeTransactionDurability: 'relaxed' }) as AftertalkDb;
  db.version(1).stores({
    talks: 'id, releaseKey, isNew, conference, scheduleUrl, slug, *words',
    feeds: 'url',
  });
  db.version(2)
    .stores({
      talks:
        'id, releaseKey, isNew, conference, scheduleUrl, slug, *words, scheduleKey, code, scheduleId, titleKey, [conference+code]',
      feeds: 'url',
      meta: 'key',
    })
    .upgrade((tx) =>
      tx
        .table('talks')
        .toCollection()
        .modify((talk: StoredTalk) => {
          Object.assign(talk, matchKeysOf(talk));
        }),
    );
  db.version(3)
    .stores({
      talks:
        'id, releaseKey, isNew, conference, scheduleUrl, scheduleKey, code, scheduleId, titleKey, [conference+code]',
    })
    .upgrade(async (tx) => {
      const version = (await tx.table('meta').get(ARCHIVE_VERSION_KEY))?.value;
      await tx.table('meta').put({
        key: SEARCH_INDEX_KEY,
        value: await snapshotOfAllTalks(tx.table<StoredTalk>('talks'), typeof version === 'number' ? version : 0),
      });
    });
  return db;
}

let shared: AftertalkDb | undefined;

/** The database of this extension context, opened lazily (never at module load). */
export function getDb(): AftertalkDb {
  shared ??= openDb();
  return shared;
}
