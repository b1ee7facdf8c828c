import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countNewTalks, markTalksSeen, mergeFeedIntoArchive } from '@/lib/archive/merge';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import { feedTalk, uniqueDbName } from '../../support/talks';

const FEED = 'https://media.ccc.de/podcast-hq.xml';
const validators = { etag: 'W/"1"', lastModified: '', bodyHash: 'h1' };
let db: AftertalkDb;

beforeEach(() => {
  db = openDb(uniqueDbName());
});
afterEach(async () => {
  await db.delete();
});

describe('mergeFeedIntoArchive', () => {
  it('imports the first feed as already known: no talk is new', async () => {
    const talks = Array.from({ length: 50 }, (_, i) => feedTalk({ id: `t${i}` }));
    const result = await mergeFeedIntoArchive(db, talks, { feedUrl: FEED, now: 1000, validators });
    expect(result).toMatchObject({ added: 50, updated: 0, newIds: [] });
    expect(await countNewTalks(db)).toBe(0);
    expect(await db.talks.count()).toBe(50);
  });

  it('marks talks whose id was never seen as new on later syncs', async () => {
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'a' }), feedTalk({ id: 'b' })], {
      feedUrl: FEED,
      now: 1000,
      validators,
    });
    const result = await mergeFeedIntoArchive(
      db,
      [feedTalk({ id: 'c' }), feedTalk({ id: 'd' }), feedTalk({ id: 'a' }), feedTalk({ id: 'b' })],
      { feedUrl: FEED, now: 2000, validators },
    );
    expect(result.newIds).toEqual(['c', 'd']);
    expect(await countNewTalks(db)).toBe(2);
    expect((await db.talks.get('c'))?.firstSeenAt).toBe(2000);
  });

  it('decides newness by first sight of the id, never by pubDate', async () => {
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'recent', date: Date.UTC(2026, 10, 1) })], {
      feedUrl: FEED,
      now: 1000,
      validators,
    });
    await mergeFeedIntoArchive(
      db,
      [
        feedTalk({ id: 'old-talk-new-release', date: Date.UTC(2019, 0, 1) }),
        feedTalk({ id: 'recent', date: Date.UTC(2026, 10, 1) }),
      ],
      { feedUrl: FEED, now: 2000, validators },
    );
    expect((await db.talks.get('old-talk-new-release'))?.isNew).toBe(1);
  });

  it('updates a changed talk in place and keeps the user state and first sight', async () => {
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'a', title: 'Teh talk' })], {
      feedUrl: FEED,
      now: 1000,
      validators,
    });
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'n' }), feedTalk({ id: 'a', title: 'Teh talk' })], {
      feedUrl: FEED,
      now: 2000,
      validators,
    });
    await markTalksSeen(db, ['n'], 2500);
    await db.talks.update('a', { seenAt: 1234 });
    const result = await mergeFeedIntoArchive(
      db,
      [
        feedTalk({ id: 'n' }),
        feedTalk({
          id: 'a',
          title: 'The talk',
          enclosure: { url: 'https://cdn.media.ccc.de/new.mp4', type: 'video/mp4', length: 9 },
        }),
      ],
      { feedUrl: FEED, now: 3000, validators },
    );
    expect(result).toMatchObject({ added: 0, updated: 1 });
    const a = await db.talks.get('a');
    expect(a).toMatchObject({ title: 'The talk', seenAt: 1234, firstSeenAt: 1000, isNew: 0, lastSeenInFeedAt: 3000 });
    expect(a?.enclosure?.url).toBe('https://cdn.media.ccc.de/new.mp4');
    expect(a?.words).toContain('the');
    expect(await db.talks.get('n')).toMatchObject({ isNew: 0, seenAt: 2500 });
  });

  it('keeps talks that left the feed window', async () => {
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'old' }), feedTalk({ id: 'kept' })], {
      feedUrl: FEED,
      now: 1000,
      validators,
    });
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'kept' })], { feedUrl: FEED, now: 2000, validators });
    expect(await db.talks.get('old')).toBeDefined();
  });

  it('sorts later syncs above earlier ones, feed order within a sync', async () => {
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'x1' }), feedTalk({ id: 'x2' })], {
      feedUrl: FEED,
      now: 1000,
      validators,
    });
    await mergeFeedIntoArchive(
      db,
      [feedTalk({ id: 'y1' }), feedTalk({ id: 'y2' }), feedTalk({ id: 'x1' }), feedTalk({ id: 'x2' })],
      { feedUrl: FEED, now: 2000, validators },
    );
    const order = await db.talks.orderBy('releaseKey').reverse().primaryKeys();
    expect(order).toEqual(['y1', 'y2', 'x1', 'x2']);
  });

  it('stores the feed validators with the talks', async () => {
    await mergeFeedIntoArchive(db, [feedTalk()], { feedUrl: FEED, now: 1000, validators });
    expect(await db.feeds.get(FEED)).toMatchObject({ etag: 'W/"1"', bodyHash: 'h1', importedAt: 1000, itemCount: 1 });
  });

  it('lands nothing when the transaction fails half-way', async () => {
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'a' })], { feedUrl: FEED, now: 1000, validators });
    const many = Array.from({ length: 2500 }, (_, i) => feedTalk({ id: `m${i}` }));
    let calls = 0;
    const failing = mergeFeedIntoArchive(db, many, {
      feedUrl: FEED,
      now: 2000,
      validators: { ...validators, bodyHash: 'h2' },
      onProgress: () => {
        if (++calls === 2) throw new Error('worker killed');
      },
    });
    await expect(failing).rejects.toThrow('worker killed');
    expect(await db.talks.count()).toBe(1);
    expect((await db.feeds.get(FEED))?.bodyHash).toBe('h1');
  });

  it('keeps the first of two items with the same id', async () => {
    await mergeFeedIntoArchive(
      db,
      [feedTalk({ id: 'dup', title: 'First' }), feedTalk({ id: 'dup', title: 'Second' })],
      { feedUrl: FEED, now: 1000, validators },
    );
    expect((await db.talks.get('dup'))?.title).toBe('First');
  });
});

describe('markTalksSeen', () => {
  it('clears one or all new talks', async () => {
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'a' })], { feedUrl: FEED, now: 1000, validators });
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'b' }), feedTalk({ id: 'c' }), feedTalk({ id: 'a' })], {
      feedUrl: FEED,
      now: 2000,
      validators,
    });
    expect(await markTalksSeen(db, ['b'])).toBe(1);
    expect(await countNewTalks(db)).toBe(1);
    expect(await markTalksSeen(db, 'all')).toBe(1);
    expect(await countNewTalks(db)).toBe(0);
  });
});
