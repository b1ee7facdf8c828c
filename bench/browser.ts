/**
 * The browser half of `npm run bench`: the built extension in headless Debian Chromium, fed by
 * the local fake internet (tests/e2e/fake-internet.ts), timed with the extension's own User
 * Timing marks (lib/perf-marks.ts) and its sync status timestamps. Nothing here is a test: it
 * reports numbers, it never fails on slowness.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Frame, Page, Worker } from '@playwright/test';
import { FakeInternet } from '../tests/e2e/fake-internet';
import { launchChromiumWithExtension } from '../tests/e2e/extension';
import { PERF_MARKS, PERF_MEASURES } from '../lib/perf-marks';
import {
  boxRows,
  measureBoxVisits,
  measurePopups,
  noBoxSamples,
  noPopupSamples,
  openExtensionPage,
  popupRows,
  rowMaker,
  serveTalkPage,
  writeFloorPage,
} from './visits';
import type { BenchRow } from './types';
import { makeFeed, NEW_ON_TOP } from './feeds';
import { median, percentile } from './stats';
import type { SyncStatus } from '../lib/poll/status';

const FEED = 'https://media.ccc.de/podcast-hq.xml';
/**
 * An All Systems Go! 2023 talk page: older than the feed, so not in the archive, but in one
 * conference of the fake media.ccc.de API (tests/support/fake-voctoweb.ts, `asg2023`), whose
 * talks the box then imports (the history e2e tests visit the same page).
 */
const HISTORY_PAGE = 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/UKI23A/';
const HISTORY_FIXTURE = 'tests/fixtures/sites/pretalx/released-2023-pretalx-com.html';
const HISTORY_CONFERENCE = 'asg2023';
/** Visits of that page per run, each from a fresh history state. */
const HISTORY_VISITS = 6;

async function status(worker: Worker): Promise<SyncStatus | undefined> {
  return worker.evaluate(
    async () => (await chrome.storage.local.get('syncStatus')).syncStatus as SyncStatus | undefined,
  );
}

export async function waitForSync(worker: Worker, since: number, timeoutMs = 300_000): Promise<SyncStatus> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await status(worker);
    if (s && !s.running && s.lastAttemptAt > since) return s;
    if (Date.now() > end) throw new Error('sync did not finish in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The `aftertalk:sync:<phase>` measures of the last poll(s) in the worker, then cleared. */
async function syncPhases(worker: Worker): Promise<Record<string, number>> {
  return worker.evaluate(() => {
    const phases: Record<string, number> = {};
    for (const m of performance.getEntriesByType('measure')) {
      if (m.name.startsWith('aftertalk:sync:'))
        phases[m.name.slice('aftertalk:sync:'.length)] =
          (phases[m.name.slice('aftertalk:sync:'.length)] ?? 0) + m.duration;
    }
    performance.clearMeasures();
    return phases;
  });
}

/**
 * Waits until the worker's work after a merge is done (the related-talks index saved for the
 * archive version the merge left), so the next measurement is not slowed by it; returns how long
 * that took, counted from `since` (epoch ms).
 */
export async function settleAfterMerge(worker: Worker, since: number, timeoutMs = 300_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const done = await worker.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('aftertalk');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const read = (key: string) =>
        new Promise<unknown>((resolve) => {
          const request = db.transaction('meta').objectStore('meta').get(key);
          request.onsuccess = () => resolve((request.result as { value?: unknown } | undefined)?.value);
          request.onerror = () => resolve(undefined);
        });
      const [version, snapshot] = await Promise.all([read('archiveVersion'), read('relatedIndex')]);
      db.close();
      return (
        typeof version === 'number' && (snapshot as { archiveVersion?: number } | undefined)?.archiveVersion === version
      );
    });
    if (done) return Date.now() - since;
    if (Date.now() > end) throw new Error('the related-talks index was not saved in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Asks for a poll from an extension page, as the Refresh button does; returns its duration. */
async function syncNow(page: Page, worker: Worker): Promise<{ ms: number; status: SyncStatus }> {
  const before = (await status(worker))?.lastAttemptAt ?? 0;
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'sync-now' }));
  const s = await waitForSync(worker, before);
  if (s.lastError) throw new Error(`sync failed: ${s.lastError.message}`);
  return { ms: s.lastSuccessAt - s.lastAttemptAt, status: s };
}

/** The extension's service worker as it runs now (a stopped worker comes back as a new one). */
export { openExtensionPage };

export function extensionWorker(context: BrowserContext, extensionId: string): Worker {
  const worker = context.serviceWorkers().findLast((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) throw new Error('the extension has no running service worker');
  return worker;
}

/** Service-worker heap after a forced GC, through CDP (the worker has no performance.memory). */
async function workerHeapBytes(context: BrowserContext, page: Page, extensionId: string): Promise<number | null> {
  let cdp: CDPSession | undefined;
  try {
    cdp = await context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const target = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
    if (!target) return null;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
      sessionId: string;
    };
    let nextId = 1;
    const call = (method: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const id = nextId++;
        const onMessage = (event: { sessionId: string; message: string }) => {
          const message = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown> };
          if (event.sessionId === sessionId && message.id === id) {
            cdp!.off('Target.receivedMessageFromTarget', onMessage);
            resolve(message.result ?? {});
          }
        };
        cdp!.on('Target.receivedMessageFromTarget', onMessage);
        void cdp!.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      });
    await call('HeapProfiler.enable');
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return typeof usage.usedSize === 'number' ? usage.usedSize : null;
  } catch {
    return null;
  } finally {
    await cdp?.detach().catch(() => undefined);
  }
}

/**
 * Makes the archive forget everything media.ccc.de's archive told it, as before the first
 * history visit ever: the page checks (`historyPage:…`, an answer is remembered a week), the
 * conference imports (`historyConference:…`) and the conference list (`historyConferences`, so
 * every visit asks the same requests), and the talks imported from `conference`. Done from an
 * extension page through IndexedDB itself while the worker keeps running, as it does for the
 * floor row; its related-talks index still holds the forgotten talks and simply re-indexes them.
 */
async function forgetHistory(page: Page, conference: string): Promise<void> {
  const left = await page.evaluate(async (acronym) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('aftertalk');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const done = (tx: IDBTransaction) =>
      new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    const tx = db.transaction(['talks', 'meta'], 'readwrite');
    const meta = tx.objectStore('meta');
    // 'historyConference' up to 'historyConference\uffff' holds the list and every 'historyConference:<acronym>'.
    meta.delete(IDBKeyRange.bound('historyConference', 'historyConference\uffff'));
    meta.delete(IDBKeyRange.bound('historyPage:', 'historyPage:\uffff'));
    const cursor = tx.objectStore('talks').index('conference').openCursor(IDBKeyRange.only(acronym));
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return;
      if ((at.value as { fromHistory?: number }).fromHistory) at.delete();
      at.continue();
    };
    await done(tx);
    const check = db.transaction(['talks', 'meta'], 'readonly');
    const count = (request: IDBRequest<number>) =>
      new Promise<number>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const [talks, records] = await Promise.all([
      count(check.objectStore('talks').index('conference').count(IDBKeyRange.only(acronym))),
      count(check.objectStore('meta').count(IDBKeyRange.bound('history', 'history\uffff'))),
    ]);
    db.close();
    return talks + records;
  }, conference);
  if (left) throw new Error(`${left} history records survived forgetting them`);
}

interface HistoryVisits {
  /** Page ready → the box's last render, with the recording from media.ccc.de's archive. */
  answer: number[];
  /** Page ready → the box's first answer, saying it is looking in that archive. */
  looking: number[];
  /** API requests per visit. */
  requests: number[];
  /** How many times the box rendered an answer ('ready') per visit. */
  readyRenders: number[];
}

/**
 * Visits of a page whose talk only media.ccc.de's archive has, in one conference: the box first
 * answers that it is looking, the background imports the conference (and the talk's files),
 * then the box shows the recording. Timed to that last render, found by waiting for its link.
 */
/** The schedule box's frame in a tab: the box is drawn in an extension frame no page selector reaches. */
async function boxFrameOf(tab: Page, timeoutMs = 30_000): Promise<Frame> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const frame = tab.frames().find((candidate) => /\/box\.html(#|$)/.test(candidate.url()));
    if (frame) return frame;
    if (Date.now() > end) throw new Error('the schedule box did not appear');
    await tab.waitForTimeout(10);
  }
}

async function visitHistoryPage(
  context: BrowserContext,
  extensionId: string,
  control: Page,
  internet: FakeInternet,
  into: HistoryVisits,
): Promise<void> {
  for (let i = 0; i < HISTORY_VISITS; i++) {
    await forgetHistory(control, HISTORY_CONFERENCE);
    const asked = internet.apiRequests().length;
    const tab = await context.newPage();
    await tab.goto(HISTORY_PAGE);
    await (
      await boxFrameOf(tab)
    )
      .getByRole('link', { name: 'Watch on media.ccc.de' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    const { ready, renders } = await tab.evaluate(
      (name) => ({
        ready: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
          .domContentLoadedEventStart,
        renders: performance.getEntriesByName(name).map((entry) => entry.startTime),
      }),
      PERF_MARKS.boxReady,
    );
    into.answer.push(renders.at(-1)! - ready);
    into.looking.push(renders[0]! - ready);
    into.readyRenders.push(renders.length);
    into.requests.push(internet.apiRequests().length - asked);
    // Not the lookups the rows above count.
    await extensionWorker(context, extensionId).evaluate(
      (name) => performance.clearMeasures(name),
      PERF_MEASURES.scheduleLookup,
    );
    await tab.close();
  }
}

export async function runBrowserBench(opts: { sizes: number[]; runs: number }): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const historyFixture = readFileSync(HISTORY_FIXTURE, 'utf8');
  for (const items of opts.sizes) {
    const feeds = makeFeed(items);
    const decoder = new TextDecoder();
    const feed = decoder.decode(feeds.bytes);
    const full: number[] = [];
    const incremental: number[] = [];
    const notModified: number[] = [];
    const identical: number[] = [];
    const popups = noPopupSamples();
    const boxes = noBoxSamples();
    const relatedBuild: number[] = [];
    const relatedUpdate: number[] = [];
    const history: HistoryVisits = { answer: [], looking: [], requests: [], readyRenders: [] };
    const fullPhases: Record<string, number[]> = {};
    const incrementalPhases: Record<string, number[]> = {};
    const collect = (into: Record<string, number[]>, phases: Record<string, number>) => {
      for (const [name, ms] of Object.entries(phases)) (into[name] ??= []).push(ms);
    };
    let heap: number | null = null;
    let idbBytes = 0;
    let talks = 0;
    for (let run = 0; run < opts.runs; run++) {
      const internet = new FakeInternet();
      await internet.start();
      internet.serveFeed(FEED, feed);
      // media.ccc.de's JSON API, for the history visits only: every other page's talk is in the archive.
      internet.serveVoctowebApi();
      const historyPage = new URL(HISTORY_PAGE);
      internet.on(historyPage.host, historyPage.pathname, {
        status: 200,
        body: historyFixture,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      });
      const talkPage = serveTalkPage(internet, feed);
      writeFloorPage();
      const launched = await launchChromiumWithExtension(internet);
      try {
        const { context, worker, extensionId } = launched;
        // Install runs the first poll: a full sync of a fresh archive.
        const first = await waitForSync(worker, 0);
        if (first.lastError) throw new Error(`first sync failed: ${first.lastError.message}`);
        full.push(first.lastSuccessAt - first.lastAttemptAt);
        collect(fullPhases, await syncPhases(worker));
        // The related-talks index is built after a first import, in slices, in the background:
        // measured here, and waited for, so the polls below measure a poll and not that build.
        relatedBuild.push(await settleAfterMerge(worker, first.lastSuccessAt));

        // A page of the extension's origin with no UI of its own (its icon), to ask for polls from:
        // the options page would run its own archive queries (conference counts, schedule hosts)
        // after every merge, right while the polls and the popup below are timed.
        const page = await openExtensionPage(context, extensionId, process.env.BENCH_CONTROL_PAGE ?? 'icon.svg');
        notModified.push((await syncNow(page, worker)).ms);
        // The same bytes without an ETag: a 200 whose body hash matches the last merge.
        internet.on('media.ccc.de', '/podcast-hq.xml', () => ({
          status: 200,
          body: feed,
          headers: { 'Content-Type': 'application/rss+xml' },
        }));
        identical.push((await syncNow(page, worker)).ms);
        // Five new talks on top of a full archive.
        internet.serveFeed(FEED, decoder.decode(feeds.next));
        await syncPhases(worker);
        const update = await syncNow(page, worker);
        incremental.push(update.ms);
        collect(incrementalPhases, await syncPhases(worker));
        relatedUpdate.push(await settleAfterMerge(worker, update.status.lastSuccessAt));

        await measurePopups(context, extensionId, 8, popups);

        if (run === 0) {
          heap = await workerHeapBytes(context, page, extensionId);
          const estimate = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
          talks = await page.evaluate(async () => {
            const db = await new Promise<IDBDatabase>((resolve, reject) => {
              const open = indexedDB.open('aftertalk');
              open.onsuccess = () => resolve(open.result);
              open.onerror = () => reject(open.error);
            });
            return new Promise<number>((resolve) => {
              const request = db.transaction('talks').objectStore('talks').count();
              request.onsuccess = () => resolve(request.result);
            });
          });
          idbBytes = estimate;
        }

        if (talkPage)
          await measureBoxVisits(context, page, talkPage, () => extensionWorker(context, extensionId), boxes);

        // After the visits above, with the worker running as for their "worker running" row.
        await visitHistoryPage(context, extensionId, page, internet, history);
      } finally {
        await launched.close();
        await internet.stop();
      }
    }
    const section = 'Chromium (built extension)';
    const ms = rowMaker(section, items);
    const boxWarm = boxes.running;
    rows.push(ms('full sync of a fresh archive (fetch → parse → merge → IndexedDB)', full));
    for (const [phase, values] of Object.entries(fullPhases)) rows.push(ms(`  full sync phase: ${phase}`, values));
    rows.push(ms(`incremental sync, ${NEW_ON_TOP} new talks`, incremental));
    for (const [phase, values] of Object.entries(incrementalPhases))
      rows.push(ms(`  incremental phase: ${phase}`, values));
    rows.push(
      ms('related-talks index built and saved after the full sync (in the background)', relatedBuild, {
        note: 'from the end of the sync; a schedule-page lookup in that time waits for it',
      }),
    );
    rows.push(
      ms(`related-talks index updated after ${NEW_ON_TOP} new talks`, relatedUpdate, {
        note: 'from the end of the sync',
      }),
    );
    rows.push(
      ms('unchanged poll: 304', notModified, {
        target: '< 5 ms of work',
        note: 'wall time of a quiet worker, incl. the localhost request and the status writes',
      }),
    );
    rows.push(ms('unchanged poll: 200 with identical body (hash, no parse)', identical));
    rows.push(...popupRows(ms, popups), ...boxRows(ms, boxes));
    if (history.answer.length) {
      const requests = [...new Set(history.requests)].join(' or ');
      const renders = [...new Set(history.readyRenders)].join(' or ');
      rows.push(
        ms(
          'schedule page: page ready → box with answer from media.ccc.de’s archive (one conference imported)',
          history.answer,
          {
            ...(boxWarm.length
              ? { ratioToFloor: Math.round((median(history.answer) / median(boxWarm)) * 100) / 100 }
              : {}),
            note:
              `an asg2023 talk page whose talk is only in the fake API; worker running; to the box's last answer (it answered ${renders} times: first "Looking in the media.ccc.de archive…", then the recording; the bench waits for "Watch on media.ccc.de"); ` +
              `${requests} API requests per visit (conference list, the conference's talks, the talk's files); before each visit the archive forgets the page check, the conference list and import and the imported talks (IndexedDB, worker kept running); ` +
              '× floor: against "box with answer (worker running)" of the same runs',
          },
        ),
        ms('  the same: page ready → box saying it is looking in media.ccc.de’s archive', history.looking, {
          ...(boxWarm.length
            ? { ratioToFloor: Math.round((median(history.looking) / median(boxWarm)) * 100) / 100 }
            : {}),
          note: 'its first answer, from the archive alone',
        }),
      );
    }
    if (heap !== null)
      rows.push({
        section,
        name: 'service-worker heap after the syncs (after GC)',
        items,
        value: heap / 1024 / 1024,
        unit: 'MB',
        target: '≤ 40 MB',
        met: heap / 1024 / 1024 <= 40,
      });
    if (talks)
      rows.push({
        section,
        name: 'IndexedDB bytes per talk (incl. related-talks snapshot)',
        items,
        value: Math.round(idbBytes / talks),
        unit: 'bytes',
      });
  }
  return rows;
}
