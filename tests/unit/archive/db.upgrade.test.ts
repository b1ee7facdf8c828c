import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { mergeFeedIntoArchive, readArchiveVersion, wordsOf } from '@/lib/archive/merge';
import { parseCheckedFeedXml } from '@/lib/poll/feed/parse';
import { normaliseItem } from '@/lib/poll/feed/normalise';
import { matchKeysOf } from '@/lib/match/talk-keys';
import { generateFeed } from '../../fixtures/feed/generate';
import { openDb } from '@/lib/archive/db';
import { feedTalk, uniqueDbName } from '../../support/talks';

describe('schema upgrades', () => {
  it('v1 → v2 adds the join keys to every stored talk and keeps user state', async () => {
    const name = uniqueDbName();
    const v1 = new Dexie(name);
    v1.version(1).stores({ talks: 'id, releaseKey, isNew, conference, scheduleUrl, slug, *words', feeds: 'url' });
    const talk = feedTalk({
      id: 'g1',
      title: 'Packaging Rust for distributions',
      scheduleUrl: 'https://pretalx.com/DemoCon-2026/talk/hx9lte/',
      tags: ['HX9LTE'],
    });
    await v1.table('talks').put({
      ...talk,
      words: ['rust'],
      firstSeenAt: 1,
      lastSeenInFeedAt: 1,
      feedPosition: 0,
      releaseKey: 1,
      isNew: 1,
      seenAt: 0,
    });
    await v1.table('feeds').put({
      url: 'https://media.ccc.de/podcast-hq.xml',
      etag: 'W/"x"',
      lastModified: '',
      bodyHash: 'h',
      importedAt: 1,
      itemCount: 1,
    });
    v1.close();

    const db = openDb(name);
    const upgraded = await db.talks.get('g1');
    expect(upgraded).toMatchObject({
      isNew: 1,
      seenAt: 0,
      scheduleKey: 'https://pretalx.com/democon-2026/talk/HX9LTE/',
      code: 'HX9LTE',
      titleKey: 'packaging rust for distributions',
    });
    expect(await db.talks.where('code').equals('HX9LTE').count()).toBe(1);
    expect((await db.feeds.get('https://media.ccc.de/podcast-hq.xml'))?.etag).toBe('W/"x"');
    await db.delete();
  });
});

describe('schema upgrades with real data', () => {
  it('v1 → v2 keeps every talk and its user state for a whole real-shaped feed, and the next sync merges into it', async () => {
    const xml = generateFeed({ items: 300, seed: 3 });
    const talks = parseCheckedFeedXml(xml)
      .items.map((item) => normaliseItem(item))
      .filter((t): t is NonNullable<typeof t> => !!t);
    const name = uniqueDbName();
    const v1 = new Dexie(name);
    v1.version(1).stores({ talks: 'id, releaseKey, isNew, conference, scheduleUrl, slug, *words', feeds: 'url' });
    // What version 1 stored: the talk, archive bookkeeping and user state (every 7th talk new, every 5th seen).
    await v1.table('talks').bulkPut(
      talks.map((talk, i) => ({
        ...talk,
        words: wordsOf(talk),
        firstSeenAt: 1,
        lastSeenInFeedAt: 1,
        feedPosition: i,
        releaseKey: 1_000_000 + 999_999 - i,
        isNew: i % 7 === 0 ? 1 : 0,
        seenAt: i % 5 === 0 ? 42 : 0,
      })),
    );
    await v1
      .table('feeds')
      .put({ url: 'f', etag: 'W/"1"', lastModified: '', bodyHash: 'h', importedAt: 1, itemCount: talks.length });
    v1.close();

    const db = openDb(name);
    const upgraded = await db.talks.toArray();
    expect(upgraded).toHaveLength(talks.length);
    for (const [i, talk] of talks.entries()) {
      const stored = upgraded.find((t) => t.id === talk.id)!;
      expect(stored).toMatchObject({
        ...talk,
        isNew: i % 7 === 0 ? 1 : 0,
        seenAt: i % 5 === 0 ? 42 : 0,
        ...matchKeysOf(talk),
      });
    }
    // The next sync sees nothing changed in the upgraded talks and keeps their user state.
    const merge = await mergeFeedIntoArchive(db, talks, {
      feedUrl: 'f',
      now: 2,
      validators: { etag: 'W/"2"', lastModified: '', bodyHash: 'h2' },
    });
    expect(merge).toMatchObject({ added: 0, updated: 0, unchanged: talks.length });
    expect(await db.talks.where('isNew').equals(1).count()).toBe(Math.ceil(talks.length / 7));
    await db.delete();
  });
});

describe('archive version', () => {
  it('moves on only when talk data changed, and reports which talks', async () => {
    const db = openDb(uniqueDbName());
    const opts = (now: number) => ({
      feedUrl: 'f',
      now,
      validators: { etag: '', lastModified: '', bodyHash: String(now) },
    });
    const first = await mergeFeedIntoArchive(db, [feedTalk({ id: 'a' }), feedTalk({ id: 'b' })], opts(1));
    expect(first).toMatchObject({ archiveVersion: 1, changedIds: ['a', 'b'] });
    // A new talk on top shifts every position: only the new one counts as changed.
    const second = await mergeFeedIntoArchive(
      db,
      [feedTalk({ id: 'c' }), feedTalk({ id: 'a' }), feedTalk({ id: 'b' })],
      opts(2),
    );
    expect(second).toMatchObject({ archiveVersion: 2, changedIds: ['c'], added: 1, updated: 0, unchanged: 2 });
    const same = await mergeFeedIntoArchive(
      db,
      [feedTalk({ id: 'c' }), feedTalk({ id: 'a' }), feedTalk({ id: 'b' })],
      opts(3),
    );
    expect(same).toMatchObject({ archiveVersion: 2, changedIds: [] });
    const edited = await mergeFeedIntoArchive(
      db,
      [feedTalk({ id: 'c', title: 'Renamed talk about builds' }), feedTalk({ id: 'a' }), feedTalk({ id: 'b' })],
      opts(4),
    );
    expect(edited).toMatchObject({ archiveVersion: 3, changedIds: ['c'] });
    expect(await readArchiveVersion(db)).toBe(3);
    expect((await db.talks.get('c'))?.titleKey).toBe('renamed talk about builds');
    await db.delete();
  });
});
