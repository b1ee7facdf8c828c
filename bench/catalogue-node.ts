/**
 * The whole-catalogue import (lib/history/catalogue.ts) in Node: every page of the fake
 * media.ccc.de API (tests/support/fake-voctoweb.ts, `generatedConferences`) through
 * `resumeCatalogue`, as the background runs it but without the pause between pages and without
 * the related-talks index (the background's `onMerged`; the Chromium row has both).
 *
 * Its floor, measured in the same run: a plain `bulkPut` of the very records the import stored,
 * page by page (one transaction of up to `CATALOGUE_PAGE_SIZE` records each, as the merge writes
 * a page), into a separate database whose only table has the `talks` table's indexes. What the
 * merge adds on top is its reads of the stored talks, the archive version and the search
 * snapshot, which it rewrites with every page.
 *
 * Storage is fake-indexeddb, as in the rest of the Node half (bench/node.ts): both sides of the
 * ratio pay for it, but the absolute times are an upper bound, not the browser's.
 */
import Dexie, { type DBCore } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import type { StoredTalk } from '@/lib/archive/talk';
import { CATALOGUE_PAGE_SIZE, resumeCatalogue, startCatalogue } from '@/lib/history/catalogue';
import { fakeVoctowebFetch, generatedConferences, type FakeApiRequest } from '../tests/support/fake-voctoweb';
import { FAKE_IDB, gc, latencyRow, ratio } from './node';
import { median } from './stats';
import type { BenchRow } from './types';

export interface CatalogueNodeOptions {
  /** Talks in the fake catalogue, e.g. [2000, 30000]. */
  sizes: number[];
  /** Timed runs per size (after one untimed warm-up), the import and its floor in turns. */
  runs: number;
  log?: (line: string) => void;
}

const SECTION = 'Catalogue import (Node)';
const ms = (n: number): string => `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en')} ms`;
const MERGE_TARGET = 1.5;

/**
 * Time inside read-write transactions on `talks`, from the moment Dexie opens one to its commit,
 * measured below Dexie (DBCore). `mergeHistoryIntoArchive` is one such transaction per page,
 * opened right after it de-duplicated the page's ids, so this is its time but for that.
 */
function timeTalkWrites(db: Dexie): { ms: () => number; perPage: () => number[] } {
  const durations: number[] = [];
  db.use({
    stack: 'dbcore',
    name: 'bench-talk-write-timer',
    create: (down: DBCore): DBCore => ({
      ...down,
      transaction: (stores, mode, options) => {
        const tx = down.transaction(stores, mode, options);
        if (mode === 'readwrite' && stores.includes('talks')) {
          const start = performance.now();
          (tx as unknown as IDBTransaction).addEventListener('complete', () => {
            durations.push(performance.now() - start);
          });
        }
        return tx;
      },
    }),
  });
  return { ms: () => durations.reduce((a, b) => a + b, 0), perPage: () => [...durations] };
}

/** The `talks` table's schema string as the latest version of lib/archive/db.ts declares it. */
function talksSchema(db: AftertalkDb): string {
  const { primKey, indexes } = db.talks.schema;
  return [primKey, ...indexes].map((index) => index.src).join(', ');
}

let serial = 0;
const dbName = (what: string) => `aftertalk-bench-catalogue-${what}-${process.pid}-${++serial}`;
const noPause = async () => undefined;

interface ImportRun {
  wallMs: number;
  mergeMs: number;
  /** Time spent inside the fake API's `fetch` (building and hashing its answers), in this process. */
  apiMs: number;
  requests: number;
  /** The merge of each page, in order. */
  pageMergeMs: number[];
  records: StoredTalk[];
}

async function importOnce(world: ReturnType<typeof generatedConferences>, talks: number, keep: boolean) {
  // The import's progress and the API backoff live in the fake browser's storage.local.
  fakeBrowser.reset();
  const db = openDb(dbName('import'));
  const merges = timeTalkWrites(db);
  const requests: FakeApiRequest[] = [];
  const api = fakeVoctowebFetch(requests, world);
  let apiMs = 0;
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const start = performance.now();
    try {
      return await api(input, init);
    } finally {
      apiMs += performance.now() - start;
    }
  }) as typeof fetch;
  try {
    await db.open();
    await startCatalogue();
    gc();
    const start = performance.now();
    const end = await resumeCatalogue({ db, fetchImpl, pauseMs: 0, sleep: noPause });
    const wallMs = performance.now() - start;
    const stored = await db.talks.count();
    if (end.state !== 'done' || end.done !== talks || stored !== talks)
      throw new Error(`the catalogue import ended ${end.state} with ${end.done} read and ${stored} stored of ${talks}`);
    const run: ImportRun = {
      wallMs,
      mergeMs: merges.ms(),
      apiMs,
      requests: requests.length,
      pageMergeMs: merges.perPage(),
      // In primary-key order, which is the catalogue's order (the generated GUIDs count up).
      records: keep ? await db.talks.toArray() : [],
    };
    return { run, schema: talksSchema(db) };
  } finally {
    await db.delete();
  }
}

/** The floor: the same records, page by page, `bulkPut` into a table with the same indexes and nothing else. */
async function bulkWriteOnce(records: StoredTalk[], schema: string): Promise<number> {
  const db = new Dexie(dbName('floor'), { chromeTransactionDurability: 'relaxed' }) as Dexie & {
    talks: Dexie.Table<StoredTalk, string>;
  };
  db.version(1).stores({ talks: schema });
  try {
    await db.open();
    gc();
    const start = performance.now();
    for (let page = 0; page < records.length; page += CATALOGUE_PAGE_SIZE)
      await db.talks.bulkPut(records.slice(page, page + CATALOGUE_PAGE_SIZE));
    return performance.now() - start;
  } finally {
    await db.delete();
  }
}

export async function runCatalogueNodeBench(opts: CatalogueNodeOptions): Promise<BenchRow[]> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const runs = Math.max(1, Math.floor(opts.runs));
  Dexie.dependencies.indexedDB = indexedDB;
  Dexie.dependencies.IDBKeyRange = IDBKeyRange;
  const rows: BenchRow[] = [];
  for (const talks of [...opts.sizes].sort((a, b) => a - b)) {
    const say = (what: string) => log(`[node bench] catalogue of ${talks.toLocaleString('en')} talks: ${what}`);
    const world = generatedConferences(talks);
    say('warm-up import');
    const warm = await importOnce(world, talks, true);
    const { records } = warm.run;
    await bulkWriteOnce(records, warm.schema);
    const imports: ImportRun[] = [];
    const floor: number[] = [];
    for (let run = 0; run < runs; run++) {
      say(`import and its floor, run ${run + 1}/${runs}`);
      imports.push((await importOnce(world, talks, false)).run);
      floor.push(await bulkWriteOnce(records, warm.schema));
    }
    const floorMs = median(floor);
    const wall = imports.map((run) => run.wallMs);
    const merge = imports.map((run) => run.mergeMs);
    const api = imports.map((run) => run.apiMs);
    const rest = imports.map((run) => run.wallMs - run.mergeMs - run.apiMs);
    const { requests } = imports[0]!;
    const pages = imports[0]!.pageMergeMs.length;
    // The merge's cost per page as the archive fills: the first and the last quarter of the pages.
    const quarter = Math.max(1, Math.floor(pages / 4));
    const firstPages = median(imports.flatMap((run) => run.pageMergeMs.slice(0, quarter)));
    const lastPages = median(imports.flatMap((run) => run.pageMergeMs.slice(-quarter)));
    const vsFloor = (samples: number[]) => ratio(median(samples), floorMs);
    rows.push(
      latencyRow(SECTION, floor, {
        name: 'floor: bulkPut of the same records into a talks-only table',
        items: talks,
        ratioToFloor: 1,
        note: `the records the import stored, ${CATALOGUE_PAGE_SIZE} per transaction as the merge writes a page, into a separate database whose one table has the talks table's indexes (${warm.schema}); ${FAKE_IDB}`,
      }),
      latencyRow(SECTION, wall, {
        name: 'whole-catalogue import (resumeCatalogue, no pause)',
        items: talks,
        ratioToFloor: vsFloor(wall),
        note: `${pages} pages of ${CATALOGUE_PAGE_SIZE}; the fake API's answers are built in this process (row below); no related-talks index (the background's onMerged), no pause between pages`,
      }),
      {
        section: SECTION,
        name: '  requests made',
        items: talks,
        value: requests,
        unit: 'requests',
        runs: imports.length,
        note: `events?page=N&per_page=${CATALOGUE_PAGE_SIZE}; every run made the same number: ${imports.every((run) => run.requests === requests)}`,
      },
      latencyRow(SECTION, merge, {
        name: '  merge: mergeHistoryIntoArchive, summed over the pages',
        items: talks,
        ratioToFloor: vsFloor(merge),
        target: `≤ ${MERGE_TARGET}× floor`,
        met: median(merge) <= MERGE_TARGET * floorMs,
        note: `timed during the import: each page’s read-write transaction on talks and meta from its opening (below Dexie, DBCore) to its commit; the merge’s only work outside it is de-duplicating the page’s ids. Per page: ${ms(firstPages)} over the first ${quarter} pages, ${ms(lastPages)} over the last ${quarter} (floor: ${ms(floorMs / pages)} a page)`,
      }),
      latencyRow(SECTION, api, {
        name: '  the fake API answering (in this process)',
        items: talks,
        ratioToFloor: vsFloor(api),
        note: 'time inside the fake fetch: slicing the generated catalogue, JSON.stringify and an MD5 ETag per page; not the extension’s work',
      }),
      latencyRow(SECTION, rest, {
        name: '  the rest: body, JSON.parse, shape checks, progress in storage.local',
        items: talks,
        ratioToFloor: vsFloor(rest),
        note: 'wall − merge − fake API, per run',
      }),
    );
  }
  return rows;
}
