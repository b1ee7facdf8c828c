/**
 * The whole-catalogue import in the built extension in headless Chromium, driven as a user does
 * it: Options is open, its button sends `catalogue-start`, and the import runs in the background
 * page by page against the fake internet's media.ccc.de API (`generatedConferences`), with the
 * extension's real pause between pages (`CATALOGUE_PAUSE_MS`) and the related-talks index
 * following every page. One fresh browser profile per run, whose archive first gets the usual
 * 2,000-talk feed (install-time poll) and its related-talks index, as a user's would.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { launchChromiumWithExtension } from '../tests/e2e/extension';
import { FakeInternet } from '../tests/e2e/fake-internet';
import { generatedConferences } from '../tests/support/fake-voctoweb';
import { CATALOGUE_KEY, CATALOGUE_PAGE_SIZE, CATALOGUE_PAUSE_MS, type CatalogueImport } from '../lib/history/catalogue';
import { extensionWorker, openExtensionPage, settleAfterMerge, waitForSync } from './browser';
import {
  boxRows,
  measureBoxVisits,
  measurePopups,
  noBoxSamples,
  noPopupSamples,
  popupRows,
  rowMaker,
  serveTalkPage,
  writeFloorPage,
} from './visits';
import { makeFeed } from './feeds';
import { median, percentile } from './stats';
import type { BenchRow } from './types';

const FEED = 'https://media.ccc.de/podcast-hq.xml';
/** The archive the catalogue lands in: about a year of the feed, as a user who installed it has. */
const FEED_ITEMS = 2000;
const SECTION = 'Catalogue import (Chromium)';
const VISITS_SECTION = 'Chromium, archive after the catalogue import';
/** What Options tells the user a talk will cost on disk (lib/history/catalogue.ts `STORED_BYTES_PER_TALK`). */
const ESTIMATED_BYTES_PER_TALK = 3700;

async function catalogueState(page: Page): Promise<CatalogueImport | undefined> {
  return page.evaluate(
    async (key) => (await chrome.storage.local.get(key))[key] as CatalogueImport | undefined,
    CATALOGUE_KEY,
  );
}

/** Bytes IndexedDB (and the rest of the origin's storage) uses, and the talks in the archive. */
async function usage(page: Page): Promise<{ bytes: number; talks: number }> {
  return page.evaluate(async () => {
    const bytes = (await navigator.storage.estimate()).usage ?? 0;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('aftertalk');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const talks = await new Promise<number>((resolve, reject) => {
      const request = db.transaction('talks').objectStore('talks').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return { bytes, talks };
  });
}

interface CatalogueRun {
  /** From `catalogue-start` to the last page's progress write, by the worker's own clock. */
  wallMs: number;
  /** Each page's work after its pause (fetch, merge, related-talks index, progress), in order. */
  pageWorkMs: number[];
  pages: number;
  requests: number;
  bytesPerTalk: number;
  /** Service workers of the extension that started during the import (0: it ran in one worker). */
  workerRestarts: number;
}

async function importCatalogue(
  context: BrowserContext,
  extensionId: string,
  internet: FakeInternet,
  talks: number,
): Promise<CatalogueRun> {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  const before = await usage(options);
  const asked = () => internet.apiRequests().filter((path) => path === '/public/events').length;
  const askedBefore = asked();
  let workerRestarts = 0;
  const onWorker = () => workerRestarts++;
  context.on('serviceworker', onWorker);
  try {
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'catalogue-start' }));
    // Every page takes a second's pause and more: 50 pages a minute at most, and a generous margin.
    const end = Date.now() + 60_000 + (talks / CATALOGUE_PAGE_SIZE) * 4 * CATALOGUE_PAUSE_MS;
    let state: CatalogueImport | undefined;
    // The worker stamps its progress after every page; polled faster than pages land (each
    // waits a pause of a second first), the stamps give each page's time.
    const stamps = new Map<number, number>();
    for (;;) {
      state = await catalogueState(options);
      if (state && state.done > 0) stamps.set(state.done, state.updatedAt);
      if (state?.state === 'done') break;
      if (state && state.state !== 'running') throw new Error(`the catalogue import ended ${state.state}`);
      if (Date.now() > end) throw new Error(`the catalogue import did not finish in time (${state?.done ?? 0} talks)`);
      await options.waitForTimeout(200);
    }
    // The related-talks index follows each page before the next; make sure the last one is saved.
    await settleAfterMerge(extensionWorker(context, extensionId), state.updatedAt);
    const after = await usage(options);
    if (after.talks - before.talks !== talks)
      throw new Error(`the catalogue import stored ${after.talks - before.talks} talks, expected ${talks}`);
    const requests = asked() - askedBefore;
    const pages = Math.ceil(talks / CATALOGUE_PAGE_SIZE);
    if (stamps.size !== pages) throw new Error(`saw ${stamps.size} of ${pages} pages land: polled too slowly`);
    const times = [state.startedAt, ...[...stamps].sort(([a], [b]) => a - b).map(([, at]) => at)];
    const pageWorkMs = times.slice(1).map((at, i) => at - times[i]! - (i ? CATALOGUE_PAUSE_MS : 0));
    return {
      wallMs: state.updatedAt - state.startedAt,
      pageWorkMs,
      pages,
      requests,
      bytesPerTalk: (after.bytes - before.bytes) / talks,
      workerRestarts,
    };
  } finally {
    context.off('serviceworker', onWorker);
    await options.close();
  }
}

export async function runCatalogueBrowserBench(opts: { sizes: number[]; runs: number }): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const feed = new TextDecoder().decode(makeFeed(FEED_ITEMS).bytes);
  const largest = Math.max(...opts.sizes);
  for (const talks of opts.sizes) {
    const world = generatedConferences(talks);
    const runs: CatalogueRun[] = [];
    // The popup, search and schedule page with the whole catalogue in the archive: at the largest size.
    const visits = talks === largest;
    const popups = noPopupSamples();
    const boxes = noBoxSamples();
    for (let run = 0; run < opts.runs; run++) {
      process.stderr.write(
        `[browser bench] catalogue of ${talks.toLocaleString('en')} talks, run ${run + 1}/${opts.runs}\n`,
      );
      const internet = new FakeInternet();
      await internet.start();
      internet.serveFeed(FEED, feed);
      internet.serveVoctowebApi(world);
      const talkPage = serveTalkPage(internet, feed);
      writeFloorPage();
      const launched = await launchChromiumWithExtension(internet);
      try {
        const { context, worker, extensionId } = launched;
        const first = await waitForSync(worker, 0);
        if (first.lastError) throw new Error(`first sync failed: ${first.lastError.message}`);
        await settleAfterMerge(worker, first.lastSuccessAt);
        runs.push(await importCatalogue(context, extensionId, internet, talks));
        if (visits) {
          await measurePopups(context, extensionId, 10, popups);
          const control = await openExtensionPage(context, extensionId, 'icon.svg');
          if (talkPage)
            await measureBoxVisits(context, control, talkPage, () => extensionWorker(context, extensionId), boxes);
          await control.close();
        }
      } finally {
        await launched.close();
        await internet.stop();
      }
    }
    const pages = runs[0]!.pages;
    const pauses = pages - 1;
    const quarter = Math.max(1, Math.floor(pages / 4));
    const wall = runs.map((run) => run.wallMs);
    const working = runs.map((run) => run.wallMs - pauses * CATALOGUE_PAUSE_MS);
    const restarts = runs.reduce((sum, run) => sum + run.workerRestarts, 0);
    const ms = (name: string, values: number[], note: string): BenchRow => ({
      section: SECTION,
      name,
      items: talks,
      value: median(values),
      p95: percentile(values, 95),
      runs: values.length,
      unit: 'ms',
      note,
    });
    rows.push(
      ms(
        `whole-catalogue import from Options, wall time (${CATALOGUE_PAUSE_MS.toLocaleString('en')} ms pause between pages)`,
        wall,
        `from catalogue-start to the last page's progress, by the worker's clock; into an archive of ${FEED_ITEMS.toLocaleString('en')} feed talks; the related-talks index follows each page; ` +
          (restarts
            ? `the worker was restarted ${restarts} times during the imports, so these include waits for the catalogue alarm`
            : 'one worker throughout'),
      ),
      ms(
        '  the same without the pauses',
        working,
        `wall − ${pauses} pauses × ${CATALOGUE_PAUSE_MS.toLocaleString('en')} ms (${pages} pages; the first page has no pause before it)`,
      ),
      ms(
        `  one page's work, the first ${quarter} pages`,
        runs.flatMap((run) => run.pageWorkMs.slice(0, quarter)),
        'from the end of its pause to its progress stamp (worker clock, ms): fetch, merge, related-talks index, progress',
      ),
      ms(
        `  one page's work, the last ${quarter} pages`,
        runs.flatMap((run) => run.pageWorkMs.slice(-quarter)),
        'the same with the archive nearly full: what grows with the archive',
      ),
      {
        section: SECTION,
        name: '  requests made',
        items: talks,
        value: median(runs.map((run) => run.requests)),
        unit: 'requests',
        runs: runs.length,
        note: `events?page=N&per_page=${CATALOGUE_PAGE_SIZE}, counted at the fake server; ${pages} pages expected`,
      },
      {
        section: SECTION,
        name: 'IndexedDB bytes per imported talk (incl. related-talks and search snapshots)',
        items: talks,
        value: Math.round(median(runs.map((run) => run.bytesPerTalk))),
        unit: 'bytes',
        runs: runs.length,
        note: `navigator.storage.estimate() after the import minus before it, per imported talk; Options estimates ${ESTIMATED_BYTES_PER_TALK.toLocaleString('en')} bytes`,
      },
    );
    if (visits) {
      const ms = rowMaker(VISITS_SECTION, talks);
      const archive = ` (the archive: ${FEED_ITEMS.toLocaleString('en')} feed talks and the ${talks.toLocaleString('en')} of the catalogue)`;
      rows.push(...popupRows(ms, popups, archive), ...boxRows(ms, boxes));
    }
  }
  return rows;
}
