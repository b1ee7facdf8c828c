import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { markTalksSeen, mergeFeedIntoArchive, StorageFullError, trimOldestText } from '@/lib/archive/merge';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import { liveKeys, setStamped } from '@/lib/personal/state';
import { loadPersonal, updatePersonal } from '@/lib/personal/store';
import { feedTalk, uniqueDbName } from '../../support/talks';

let db: AftertalkDb;
const options = (now: number) => ({
  feedUrl: 'f',
  now,
  validators: { etag: `e${now}`, lastModified: '', bodyHash: `h${now}` },
});
const quotaError = () =>
  Object.assign(new Error('QuotaExceededError: the disk is full'), { name: 'QuotaExceededError' });

beforeEach(async () => {
  fakeBrowser.reset();
  db = openDb(uniqueDbName());
  await mergeFeedIntoArchive(
    db,
    [
      feedTalk({ id: 'new1', description: 'newest text' }),
      feedTalk({ id: 'old1', description: 'old text' }),
      feedTalk({ id: 'old2', description: 'oldest text' }),
    ],
    options(1),
  );
  await mergeFeedIntoArchive(db, [feedTalk({ id: 'fresh', description: 'fresh text' })], options(2));
  await markTalksSeen(db, ['fresh']);
  await updatePersonal((draft, now) => setStamped(draft.watchLater, 'old2', 1, now));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

/** Makes the next `n` writes of talks fail as a full disk would. */
function diskFullFor(n: number) {
  const bulkPut = db.talks.bulkPut.bind(db.talks);
  let left = n;
  vi.spyOn(db.talks, 'bulkPut').mockImplementation(((...args: Parameters<typeof bulkPut>) =>
    left-- > 0 ? Promise.reject(quotaError()) : bulkPut(...args)) as typeof bulkPut);
}

describe('a full disk', () => {
  it('trims the oldest descriptions, then lands the sync; user state untouched', async () => {
    diskFullFor(1);
    const merge = await mergeFeedIntoArchive(db, [feedTalk({ id: 'newest', description: 'brand new' })], {
      ...options(3),
    });
    expect(merge.added).toBe(1);
    expect(merge.trimmedForRoom).toBe(4);
    expect((await db.talks.get('newest'))?.description).toBe('brand new');
    const old = await db.talks.get('old2');
    expect(old).toMatchObject({ description: '', textTrimmed: 1, title: 'Talk old2' });
    expect((await db.talks.get('fresh'))?.isNew).toBe(0);
    expect([...liveKeys((await loadPersonal()).watchLater)]).toEqual(['old2']);
    expect((await db.feeds.get('f'))?.etag).toBe('e3');
  });

  it('trims oldest first and only as many as asked', async () => {
    expect(await trimOldestText(db, 2)).toBe(2);
    const trimmed = (await db.talks.toArray()).filter((t) => t.textTrimmed).map((t) => t.id);
    expect(trimmed.sort()).toEqual(['old1', 'old2']);
  });

  it('does not bring trimmed text back on the next sync, nor count it as a change', async () => {
    await trimOldestText(db, 10);
    const again = await mergeFeedIntoArchive(db, [feedTalk({ id: 'old2', description: 'oldest text' })], options(4));
    expect(again).toMatchObject({ updated: 0, unchanged: 1 });
    const retitled = await mergeFeedIntoArchive(
      db,
      [feedTalk({ id: 'old2', title: 'Renamed', description: 'oldest text' })],
      options(5),
    );
    expect(retitled.updated).toBe(1);
    expect(await db.talks.get('old2')).toMatchObject({ title: 'Renamed', description: '' });
  });

  it('says so in plain words when even trimming is not enough, and lands nothing', async () => {
    const before = await db.talks.count();
    diskFullFor(2);
    const failed = mergeFeedIntoArchive(db, [feedTalk({ id: 'newest' })], options(3));
    await expect(failed).rejects.toBeInstanceOf(StorageFullError);
    await expect(failed).rejects.toThrow(/storage for Aftertalk is full .*Free some disk space/);
    expect(await db.talks.count()).toBe(before);
    expect((await db.feeds.get('f'))?.etag).toBe('e2');
  });
});
