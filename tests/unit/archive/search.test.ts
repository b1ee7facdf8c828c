/**
 * The search snapshot (lib/archive/search.ts): answers exactly what a plain scan of the talks
 * answers (every query word a prefix of one of a talk's words, newest release first), stays in
 * step with the archive through merges in the same transaction, and replaces the `*words` index
 * in the v3 upgrade.
 */
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeFeedIntoArchive, readArchiveVersion, wordsOf } from '@/lib/archive/merge';
import { ARCHIVE_VERSION_KEY, type AftertalkDb, openDb, SEARCH_INDEX_KEY } from '@/lib/archive/db';
import { searchTalks } from '@/lib/ui/queries';
import { readSearchSnapshot } from '@/lib/archive/search-store';
import {
  asSearchSnapshot,
  buildSearchSnapshot,
  type SearchEntry,
  SearchIndex,
  updateSearchSnapshot,
} from '@/lib/archive/search';
import { feedTalk, uniqueDbName } from '../../support/talks';

/** What the index must answer: a scan of the entries. */
function scan(entries: SearchEntry[], terms: string[], limit: number): string[] {
  return [...entries]
    .sort((a, b) => b.releaseKey - a.releaseKey || (a.id < b.id ? -1 : 1))
    .filter((entry) => terms.every((term) => entry.words.some((word) => word.startsWith(term))))
    .slice(0, limit)
    .map((entry) => entry.id);
}

const word = fc.constantFrom(
  'boot',
  'booting',
  'secure',
  'rust',
  'r',
  'systemd',
  'sys',
  'muller',
  'mapping',
  'map',
  '2025',
  'a',
  'ab',
);
const entry = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }),
  releaseKey: fc.integer({ min: 0, max: 50 }),
  words: fc.uniqueArray(word, { maxLength: 5 }),
});
const entries = fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 40 });
const terms = fc.array(
  fc.constantFrom('boot', 'boo', 'b', 'sec', 'rust', 'r', 'sys', 'systemd', 'mul', 'map', '20', 'a', 'xyz'),
  { minLength: 1, maxLength: 3 },
);

let db: AftertalkDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('SearchIndex', () => {
  it('answers what a scan of the talks answers, in release order, up to the limit', () => {
    fc.assert(
      fc.property(entries, terms, fc.integer({ min: 1, max: 10 }), (list, query, limit) => {
        const index = new SearchIndex(buildSearchSnapshot(list, 1));
        expect(index.search(query, limit)).toEqual(scan(list, [...new Set(query)], limit));
      }),
      { numRuns: 500 },
    );
  });

  it('after an update, answers what a scan of the updated talks answers', () => {
    fc.assert(
      fc.property(entries, entries, terms, (before, changed, query) => {
        const merged = new Map(before.map((e) => [e.id, e]));
        for (const e of changed) merged.set(e.id, e);
        const updated = updateSearchSnapshot(buildSearchSnapshot(before, 1), changed, 2);
        expect(updated.archiveVersion).toBe(2);
        expect(asSearchSnapshot(updated)).toBeDefined();
        // Merged into the sorted lines, not rebuilt: still exactly the snapshot a rebuild gives.
        expect(updated).toEqual(buildSearchSnapshot(merged.values(), 2));
        expect(new SearchIndex(updated).search(query, 100)).toEqual(
          scan([...merged.values()], [...new Set(query)], 100),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a stored value of another shape', () => {
    expect(asSearchSnapshot(undefined)).toBeUndefined();
    expect(asSearchSnapshot({ archiveVersion: 1, ids: ['a', 'b'], releaseKeys: [1, 2], text: ' one' })).toBeUndefined();
    expect(asSearchSnapshot({ archiveVersion: 1, ids: ['a'], releaseKeys: [1], text: 7 })).toBeUndefined();
    expect(asSearchSnapshot({ archiveVersion: 1, ids: [], releaseKeys: [], text: '' })).toBeDefined();
  });
});

const merge = (target: AftertalkDb, talks: ReturnType<typeof feedTalk>[], now: number) =>
  mergeFeedIntoArchive(target, talks, {
    feedUrl: 'f',
    now,
    validators: { etag: '', lastModified: '', bodyHash: String(now) },
  });
const ids = async (query: string) => (await searchTalks(db!, query, 50)).map((t) => t.id);
const storedSnapshot = async () => readSearchSnapshot(db!.meta);

describe('the search snapshot in the archive', () => {
  it('moves with every merge that changes talks: new words found, replaced words gone', async () => {
    db = openDb(uniqueDbName());
    await merge(
      db,
      [
        feedTalk({ id: 'a', title: 'Secure boot', conference: '39c3' }),
        feedTalk({ id: 'b', title: 'Rust drivers', conference: 'asg2025' }),
      ],
      1,
    );
    expect(await ids('boot')).toEqual(['a']);
    await merge(
      db,
      [
        feedTalk({ id: 'c', title: 'Booting faster', conference: 'asg2025' }),
        feedTalk({ id: 'a', title: 'Measured startup', conference: '39c3' }),
        feedTalk({ id: 'b', title: 'Rust drivers', conference: 'asg2025' }),
      ],
      2,
    );
    expect(await ids('boot')).toEqual(['c']);
    expect(await ids('measured')).toEqual(['a']);
    expect(await ids('asg')).toEqual(['c', 'b']);
    expect((await storedSnapshot())?.archiveVersion).toBe(await readArchiveVersion(db));
  });

  it('is not rewritten by a merge that changes nothing', async () => {
    db = openDb(uniqueDbName());
    const talks = [feedTalk({ id: 'a', title: 'Secure boot' })];
    await merge(db, talks, 1);
    const before = await storedSnapshot();
    await merge(db, talks, 2);
    expect(await storedSnapshot()).toEqual(before);
  });

  it('is made anew from every talk when it went missing, not only from the merged ones', async () => {
    db = openDb(uniqueDbName());
    await merge(db, [feedTalk({ id: 'old', title: 'Old boot talk' })], 1);
    await db.meta.delete(SEARCH_INDEX_KEY);
    // Without a snapshot the popup still answers, by walking the talks.
    expect(await ids('boot')).toEqual(['old']);
    await merge(db, [feedTalk({ id: 'new', title: 'New boot talk' })], 2);
    expect(await ids('boot')).toEqual(['new', 'old']);
    expect((await storedSnapshot())?.ids).toEqual(['new', 'old']);
  });

  it('is built by the v3 upgrade, which drops the words index', async () => {
    const name = uniqueDbName();
    const v2 = new Dexie(name);
    v2.version(2).stores({
      talks:
        'id, releaseKey, isNew, conference, scheduleUrl, slug, *words, scheduleKey, code, scheduleId, titleKey, [conference+code]',
      feeds: 'url',
      meta: 'key',
    });
    const talks = [
      feedTalk({ id: 'x', title: 'Secure boot', speakers: ['Jürgen Müller'] }),
      feedTalk({ id: 'y', title: 'Boot loaders' }),
    ];
    await v2.table('talks').bulkPut(
      talks.map((talk, i) => ({
        ...talk,
        words: wordsOf(talk),
        scheduleKey: '',
        code: '',
        scheduleId: '',
        titleKey: '',
        firstSeenAt: 1,
        lastSeenInFeedAt: 1,
        feedPosition: i,
        releaseKey: 10 - i,
        isNew: 0,
        seenAt: 0,
      })),
    );
    await v2.table('meta').put({ key: ARCHIVE_VERSION_KEY, value: 4 });
    v2.close();

    db = openDb(name);
    expect(await ids('boot')).toEqual(['x', 'y']);
    expect(await ids('muller')).toEqual(['x']);
    expect((await storedSnapshot())?.archiveVersion).toBe(4);
    expect(db.talks.schema.indexes.map((index) => index.name)).not.toContain('words');
    expect(db.talks.schema.indexes.map((index) => index.name)).not.toContain('slug');
  });
});
