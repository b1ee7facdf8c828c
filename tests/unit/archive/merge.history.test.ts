/**
 * Talks from media.ccc.de's archive (the JSON API) are stored like feed talks but as history:
 * never new, below every feed talk in release order, searchable, and never duplicated or
 * overwritten when the feed carries the same talk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type AftertalkDb } from '@/lib/archive/db';
import {
  countNewTalks,
  historyReleaseKey,
  mergeFeedIntoArchive,
  mergeHistoryIntoArchive,
  readArchiveVersion,
} from '@/lib/archive/merge';
import { SearchIndex } from '@/lib/archive/search';
import { readSearchSnapshot } from '@/lib/archive/search-store';
import { feedTalk, uniqueDbName } from '../../support/talks';

const FEED = 'https://media.ccc.de/podcast-hq.xml';
const validators = { etag: '', lastModified: '', bodyHash: 'h' };
const feedSync = (talks: ReturnType<typeof feedTalk>[], now: number, bodyHash = `h${now}`) =>
  mergeFeedIntoArchive(db, talks, { feedUrl: FEED, now, validators: { ...validators, bodyHash } });
const old = (id: string, releasedAt: number, overrides = {}) => ({
  talk: feedTalk({ id, conference: 'asg2023', title: `Old talk ${id}`, ...overrides }),
  releasedAt,
});

let db: AftertalkDb;
beforeEach(() => {
  db = openDb(uniqueDbName());
});
afterEach(async () => {
  await db.delete();
});

describe('mergeHistoryIntoArchive', () => {
  it('stores history talks as never new, announces none, and bumps the archive version', async () => {
    await feedSync([feedTalk({ id: 'feed-1' })], 1000);
    await feedSync([feedTalk({ id: 'feed-2' }), feedTalk({ id: 'feed-1' })], 2000);
    const before = await readArchiveVersion(db);
    const result = await mergeHistoryIntoArchive(db, [old('h1', Date.UTC(2023, 9, 1))], 3000);
    expect(result).toMatchObject({ added: 1, newIds: [], changedIds: ['h1'], archiveVersion: before + 1 });
    expect(await db.talks.get('h1')).toMatchObject({ isNew: 0, fromHistory: 1, releasedAt: Date.UTC(2023, 9, 1) });
    expect(await countNewTalks(db)).toBe(1);
  });

  it('sorts history below every feed talk, newest release first', async () => {
    await mergeHistoryIntoArchive(db, [old('h-2019', Date.UTC(2019, 0, 1)), old('h-2023', Date.UTC(2023, 0, 1))], 1);
    await feedSync([feedTalk({ id: 'feed' })], 1000);
    const order = await db.talks.orderBy('releaseKey').reverse().primaryKeys();
    expect(order).toEqual(['feed', 'h-2023', 'h-2019']);
    expect(historyReleaseKey(Date.UTC(2030, 0, 1))).toBeLessThan(0);
  });

  it('makes history searchable in the same transaction', async () => {
    await mergeHistoryIntoArchive(db, [old('h1', 1, { title: 'Reproducible builds in 2023' })], 5);
    const snapshot = await readSearchSnapshot(db.meta);
    expect(snapshot).toBeDefined();
    expect(new SearchIndex(snapshot!).search(['reproducible'], 10)).toEqual(['h1']);
  });

  it('leaves a talk the feed brought as the feed wrote it', async () => {
    await feedSync([feedTalk({ id: 'both', title: 'From the feed' })], 1000);
    const result = await mergeHistoryIntoArchive(db, [old('both', 1, { title: 'From the API' })], 2000);
    expect(result).toMatchObject({ added: 0, updated: 0, unchanged: 1, changedIds: [] });
    const stored = await db.talks.get('both');
    expect(stored?.title).toBe('From the feed');
    expect(stored?.fromHistory).toBeUndefined();
  });

  it('hands a history talk over to the feed when the feed carries it: one record, still not new', async () => {
    await feedSync([feedTalk({ id: 'other' })], 1000);
    await mergeHistoryIntoArchive(db, [old('h1', 1, { title: 'Old title' })], 1500);
    const result = await feedSync([feedTalk({ id: 'h1', title: 'New title' }), feedTalk({ id: 'other' })], 2000);
    expect(result).toMatchObject({ added: 0, updated: 1, newIds: [] });
    expect(await db.talks.count()).toBe(2);
    const stored = await db.talks.get('h1');
    expect(stored).toMatchObject({ title: 'New title', isNew: 0 });
    expect(stored?.fromHistory).toBeUndefined();
  });

  it('updates a history talk seen again in place, keeping what the user did', async () => {
    await mergeHistoryIntoArchive(db, [old('h1', 1)], 10);
    await db.talks.update('h1', { seenAt: 99 });
    const again = await mergeHistoryIntoArchive(db, [old('h1', 1, { title: 'Corrected' })], 20);
    expect(again).toMatchObject({ updated: 1, added: 0 });
    expect(await db.talks.get('h1')).toMatchObject({ title: 'Corrected', seenAt: 99, firstSeenAt: 10 });
    const same = await mergeHistoryIntoArchive(db, [old('h1', 1, { title: 'Corrected' })], 30);
    expect(same).toMatchObject({ unchanged: 1, changedIds: [] });
  });

  it('lands its bookkeeping with the talks', async () => {
    await mergeHistoryIntoArchive(db, [old('h1', 1)], 10, [{ key: 'historyConference:asg2023', value: { at: 10 } }]);
    expect((await db.meta.get('historyConference:asg2023'))?.value).toEqual({ at: 10 });
  });

  it('gives a feed synced into an archive of only history talks positive release keys', async () => {
    await mergeHistoryIntoArchive(db, [old('h1', Date.UTC(2023, 0, 1))], 10);
    await feedSync([feedTalk({ id: 'f1' })], 20);
    expect((await db.talks.get('f1'))!.releaseKey).toBeGreaterThan(0);
  });
});
