/**
 * The search snapshot's segments in IndexedDB (lib/archive/search-store.ts): however many merges
 * added to it, folded back it is exactly the snapshot a rebuild gives; its segments stay few; a
 * single snapshot of the earlier form is still read; the list of conferences follows the merges;
 * a damaged segment is noticed; folded into one at the end of an import, it reads the same and the
 * next merge adds to it.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type AftertalkDb, openDb, SEARCH_INDEX_KEY } from '@/lib/archive/db';
import { buildSearchSnapshot, type SearchEntry } from '@/lib/archive/search';
import {
  addToSearchSnapshot,
  foldSearchSegments,
  readConferences,
  readSearchSnapshot,
  writeWholeSearchSnapshot,
} from '@/lib/archive/search-store';
import { uniqueDbName } from '../../support/talks';

let db: AftertalkDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

const entry = fc.record({
  id: fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `t${i}`)),
  releaseKey: fc.integer({ min: -5, max: 5 }),
  words: fc.uniqueArray(fc.constantFrom('boot', 'rust', 'maps', 'müller', 'x'), { maxLength: 3 }),
});

/** Adds each batch as a merge would, version after version; answers the entries a rebuild would hold. */
async function addAll(target: AftertalkDb, batches: SearchEntry[][]): Promise<Map<string, SearchEntry>> {
  const all = new Map<string, SearchEntry>();
  await writeWholeSearchSnapshot(target.meta, buildSearchSnapshot([], 0), []);
  for (const [i, batch] of batches.entries()) {
    expect(await addToSearchSnapshot(target.meta, batch, i, i + 1)).toBe(true);
    for (const e of batch) all.set(e.id, e);
  }
  return all;
}

describe('the search snapshot in segments', () => {
  it('folds back into exactly the snapshot a rebuild gives, after any merges', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(entry, { maxLength: 12 }), { maxLength: 12 }), async (batches) => {
        const target = openDb(uniqueDbName());
        try {
          const all = await addAll(target, batches);
          expect(await readSearchSnapshot(target.meta)).toEqual(buildSearchSnapshot(all.values(), batches.length));
        } finally {
          await target.delete();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('keeps few segments over many merges', async () => {
    db = openDb(uniqueDbName());
    const batches = Array.from({ length: 100 }, (_, page) =>
      Array.from({ length: 20 }, (_, i) => ({ id: `p${page}-${i}`, releaseKey: -page * 100 - i, words: ['talk'] })),
    );
    await addAll(db, batches);
    const manifest = (await db.meta.get(SEARCH_INDEX_KEY))?.value as { segments: unknown[] };
    expect(manifest.segments.length).toBeLessThanOrEqual(8);
    expect(await db.meta.where('key').startsWith(`${SEARCH_INDEX_KEY}:`).count()).toBe(manifest.segments.length);
    expect((await readSearchSnapshot(db.meta))?.ids).toHaveLength(2000);
  });

  it('rewrites each line a few times over a long import: segments of equal size fold, as in a binary counter', async () => {
    db = openDb(uniqueDbName());
    const target = db;
    await writeWholeSearchSnapshot(target.meta, buildSearchSnapshot([], 0), []);
    let rewritten = 0;
    const pages = 64;
    for (let page = 0; page < pages; page++) {
      const batch = Array.from({ length: 8 }, (_, i) => ({
        id: `p${page}-${i}`,
        releaseKey: -page * 10 - i,
        words: ['x'],
      }));
      expect(await addToSearchSnapshot(target.meta, batch, page, page + 1)).toBe(true);
      const manifest = (await target.meta.get(SEARCH_INDEX_KEY))?.value as { segments: { size: number }[] };
      // What this merge wrote: its newest segment, holding its own lines and those it folded.
      rewritten += manifest.segments.at(-1)!.size;
    }
    const manifest = (await target.meta.get(SEARCH_INDEX_KEY))?.value as { segments: { size: number }[] };
    // 64 pages of 8 lines: one segment of 512 at the end, each line written 1 + log2(64) / 2 = 4
    // times on average (a fold into segments up to twice as large wrote 4.4 and left three).
    expect(manifest.segments.map((segment) => segment.size)).toEqual([512]);
    expect(rewritten / 512).toBe(4);
  });

  it('folds its segments into one that reads the same, keeps its version and conferences, and takes the next merge', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(entry, { maxLength: 12 }), { minLength: 1, maxLength: 12 }),
        async (batches) => {
          const target = openDb(uniqueDbName());
          try {
            const all = await addAll(target, batches);
            const version = batches.length;
            const before = await readSearchSnapshot(target.meta);
            const conferences = await readConferences(target.meta, version);
            const segments = ((await target.meta.get(SEARCH_INDEX_KEY))?.value as { segments: unknown[] }).segments
              .length;
            expect(await foldSearchSegments(target)).toBe(segments > 1 ? segments : 0);
            const manifest = (await target.meta.get(SEARCH_INDEX_KEY))?.value as { segments: unknown[] };
            expect(manifest.segments).toHaveLength(1);
            expect(await target.meta.where('key').startsWith(`${SEARCH_INDEX_KEY}:`).count()).toBe(1);
            expect(await readSearchSnapshot(target.meta)).toEqual(before);
            expect(await readConferences(target.meta, version)).toEqual(conferences);
            const later = [{ id: 't0', releaseKey: 9, words: ['later'] }];
            expect(await addToSearchSnapshot(target.meta, later, version, version + 1)).toBe(true);
            all.set('t0', later[0]!);
            expect(await readSearchSnapshot(target.meta)).toEqual(buildSearchSnapshot(all.values(), version + 1));
          } finally {
            await target.delete();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('leaves an index of the earlier form or with a damaged segment to the next merge', async () => {
    db = openDb(uniqueDbName());
    const before = buildSearchSnapshot([{ id: 'old', releaseKey: 1, words: ['boot'] }], 4);
    await db.meta.put({ key: SEARCH_INDEX_KEY, value: before });
    expect(await foldSearchSegments(db)).toBe(0);
    expect(await readSearchSnapshot(db.meta)).toEqual(before);
    const two = [
      { id: 'a', releaseKey: 1, words: ['x'] },
      { id: 'c', releaseKey: 3, words: ['z'] },
    ];
    await writeWholeSearchSnapshot(db.meta, buildSearchSnapshot(two, 0), []);
    expect(await addToSearchSnapshot(db.meta, [{ id: 'b', releaseKey: 2, words: ['y'] }], 0, 1)).toBe(true);
    const manifest = (await db.meta.get(SEARCH_INDEX_KEY))?.value as { segments: { key: string }[] };
    expect(manifest.segments.length).toBe(2);
    await db.meta.put({ key: manifest.segments[0]!.key, value: { ids: 'a', releaseKeys: [1], text: ' x' } });
    expect(await foldSearchSegments(db)).toBe(0);
    expect((await db.meta.get(SEARCH_INDEX_KEY))?.value).toEqual(manifest);
  });

  it('reads a single snapshot of the earlier form, and leaves its replacement to the merge', async () => {
    db = openDb(uniqueDbName());
    const before = buildSearchSnapshot([{ id: 'old', releaseKey: 1, words: ['boot'] }], 4);
    await db.meta.put({ key: SEARCH_INDEX_KEY, value: before });
    expect(await readSearchSnapshot(db.meta)).toEqual(before);
    expect(await readConferences(db.meta, 4)).toBeUndefined();
    expect(await addToSearchSnapshot(db.meta, [{ id: 'new', releaseKey: 2, words: ['rust'] }], 4, 5)).toBe(false);
  });

  it('keeps the list of conferences: every conference a merge wrote, once, for its version only', async () => {
    db = openDb(uniqueDbName());
    await writeWholeSearchSnapshot(db.meta, buildSearchSnapshot([], 1), ['39c3', '38c3', '39c3']);
    expect(await readConferences(db.meta, 1)).toEqual(['38c3', '39c3']);
    const written = [
      { id: 'a', releaseKey: 1, words: [], conference: 'fosdem2025' },
      { id: 'b', releaseKey: 2, words: [], conference: '39c3' },
    ];
    expect(await addToSearchSnapshot(db.meta, written, 1, 2)).toBe(true);
    expect(await readConferences(db.meta, 2)).toEqual(['38c3', '39c3', 'fosdem2025']);
    expect(await readConferences(db.meta, 1)).toBeUndefined();
  });

  it('refuses to add to a stale or damaged snapshot, so the merge rebuilds it', async () => {
    db = openDb(uniqueDbName());
    await writeWholeSearchSnapshot(db.meta, buildSearchSnapshot([{ id: 'a', releaseKey: 1, words: ['boot'] }], 3), []);
    const add = [{ id: 'b', releaseKey: 2, words: ['x'] }];
    expect(await addToSearchSnapshot(db.meta, add, 2, 3)).toBe(false);
    await db.meta.put({ key: `${SEARCH_INDEX_KEY}:3`, value: { ids: 'a', releaseKeys: [1], text: ' boot' } });
    expect(await readSearchSnapshot(db.meta)).toBeUndefined();
    expect(await addToSearchSnapshot(db.meta, add, 3, 4)).toBe(false);
  });
});
