/**
 * What a user waits for in the browser, measured the same way at every archive size (bench/browser.ts
 * after feed syncs, bench/catalogue-browser.ts after a whole-catalogue import), each against a floor
 * measured in the same browser, interleaved with it so both see the same machine:
 *
 * - the popup's first list, against an empty extension page's first paint (opened in turn with it);
 * - search keystrokes (p95, absolute: two frames);
 * - a schedule page's box with the answer when the page's message wakes a stopped worker, against
 *   the same page with the worker running.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { EXTENSION_DIR } from '../tests/e2e/extension';
import type { FakeInternet } from '../tests/e2e/fake-internet';
import { PERF_MARKS, PERF_MEASURES } from '../lib/perf-marks';
import { median, percentile } from './stats';
import type { BenchRow } from './types';

/** Typed into the popup's search, one key at a time: a project, a long word, a non-ASCII name, a short word. */
const SEARCH_WORDS = ['systemd', 'openstreetmap', 'müller', 'rust'];
/** One round trip to a nearby server: how long a talk page's own styles and scripts take to arrive after its HTML. */
export const NETWORK_MS = 100;

/**
 * The popup floor's page: an extension page with one line of text and nothing else, written
 * into the built extension for the benchmark only (the build is redone before every bench).
 */
const FLOOR_PAGE = 'bench-floor.html';

export function writeFloorPage(): void {
  const file = join(EXTENSION_DIR, FLOOR_PAGE);
  if (!existsSync(file))
    writeFileSync(
      file,
      '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Aftertalk</title></head><body><p>Aftertalk</p></body></html>\n',
    );
}

export async function openExtensionPage(context: BrowserContext, extensionId: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${path}`);
  return page;
}

async function markTime(page: Page, name: string, timeoutMs = 30_000): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: timeoutMs });
  return page.evaluate((n) => performance.getEntriesByName(n)[0]!.startTime, name);
}

async function firstContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const read = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
        const poll = () => (read() === undefined ? setTimeout(poll, 20) : resolve(read()!));
        poll();
      }),
  );
}

/**
 * Keystroke → search results rendered, measured inside the popup. `gapMs` is the time between
 * a keystroke's results and the next keystroke: 100 ms is a fast typist (10 keys a second);
 * 0 types the next key the moment the previous results are there, while that frame is still
 * being painted and the rows below the view are still being added.
 */
async function keystrokeLatencies(popup: Page, words: string[], gapMs: number): Promise<number[]> {
  const times: number[] = [];
  const input = popup.getByRole('searchbox', { name: 'Search the archive' });
  for (const word of words) {
    await input.fill('');
    for (let i = 1; i <= word.length; i++) {
      const query = word.slice(0, i);
      const ms = await popup.evaluate(
        ({ q }) =>
          new Promise<number>((resolve) => {
            const field = document.querySelector<HTMLInputElement>('input[type=search]')!;
            const observer = new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as PerformanceMark[]) {
                if ((entry.detail as { query?: string })?.query === q) {
                  observer.disconnect();
                  resolve(entry.startTime - start);
                }
              }
            });
            observer.observe({ type: 'mark' });
            const start = performance.now();
            field.value = q;
            field.dispatchEvent(new Event('input', { bubbles: true }));
          }),
        { q: query },
      );
      times.push(ms);
      if (gapMs) await popup.waitForTimeout(gapMs);
    }
  }
  return times;
}

export interface PopupSamples {
  /** Navigation start → the popup's first list rendered, every opening but a profile's first. */
  firstList: number[];
  /**
   * The same for the first opening in a new profile: nothing is remembered from a last opening
   * yet (lib/ui/first-paint.ts), so the list comes from the archive, once per install.
   */
  firstEver: number[];
  /** domInteractive → first list: our scripts' share. */
  ourShare: number[];
  /** The popup's first contentful paint. */
  firstPaint: number[];
  /** The floor: an empty extension page's first contentful paint, opened in turn with the popup. */
  floorPaint: number[];
  keystrokes: number[];
  keystrokesBackToBack: number[];
}

export const noPopupSamples = (): PopupSamples => ({
  firstList: [],
  firstEver: [],
  ourShare: [],
  firstPaint: [],
  floorPaint: [],
  keystrokes: [],
  keystrokesBackToBack: [],
});

/**
 * `count` popup openings in a new profile, each after an opening of the floor page; search typed
 * in the first two. The first opening counts apart (`firstEver`): it has no remembered first
 * screen to paint, a path a user takes once per install, and in a sample of a few openings it was
 * the p95 by itself.
 */
export async function measurePopups(
  context: BrowserContext,
  extensionId: string,
  count: number,
  into: PopupSamples,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const floor = await openExtensionPage(context, extensionId, FLOOR_PAGE);
    into.floorPaint.push(await firstContentfulPaint(floor));
    await floor.close();
    const popup = await openExtensionPage(context, extensionId, 'popup.html');
    const listAt = await markTime(popup, PERF_MARKS.popupFirstList);
    if (i === 0) {
      into.firstEver.push(listAt);
      // Typed in the first popup of the run, as a user opening it to search would (cold code).
      into.keystrokes.push(...(await keystrokeLatencies(popup, SEARCH_WORDS, 100)));
      await popup.close();
      continue;
    }
    into.firstList.push(listAt);
    into.ourShare.push(
      listAt -
        (await popup.evaluate(
          () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
        )),
    );
    into.firstPaint.push(await firstContentfulPaint(popup));
    if (i === 1) into.keystrokesBackToBack.push(...(await keystrokeLatencies(popup, SEARCH_WORDS, 0)));
    await popup.close();
  }
}

/** The first talk in the feed whose schedule page is a pretalx.com talk page (the box will find it by URL). */
function pretalxTalkPage(feed: string): string | null {
  return /about this event: (https:\/\/pretalx\.com\/[a-z0-9-]+\/talk\/[A-Z0-9]+\/)/.exec(feed)?.[1] ?? null;
}

/** The page's own styles and scripts arrive this long after its HTML (`measureBoxVisits` sets it). */
let assetDelayMs = 0;

/**
 * Serves the schedule page of the feed's first pretalx.com talk (a released pretalx page) on
 * the fake internet, and answers its own styles and deferred scripts (/static/…) at once (the
 * worst case for the box: the page is ready the moment its HTML is there) or after a round trip.
 * Answers its address, or null when the feed has no such talk.
 */
export function serveTalkPage(internet: FakeInternet, feed: string): string | null {
  const talkPage = pretalxTalkPage(feed);
  if (!talkPage) return null;
  const { host, pathname } = new URL(talkPage);
  internet.on(host, pathname, {
    status: 200,
    body: readFileSync('tests/fixtures/sites/pretalx/released-2026-pretalx-com.html', 'utf8'),
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
  internet.onHost(host, async () => {
    if (assetDelayMs) await new Promise((resolve) => setTimeout(resolve, assetDelayMs));
    return { status: 404, body: '' };
  });
  return talkPage;
}

export interface BoxSamples {
  /** Page ready → box with the answer: worker woken by the page / running; page assets at once or after NETWORK_MS. */
  woken: number[];
  running: number[];
  wokenNetwork: number[];
  runningNetwork: number[];
  shown: number[];
  readDelay: number[];
  roundTrip: number[];
  lookupWoken: number[];
  lookupRunning: number[];
}

export const noBoxSamples = (): BoxSamples => ({
  woken: [],
  running: [],
  wokenNetwork: [],
  runningNetwork: [],
  shown: [],
  readDelay: [],
  roundTrip: [],
  lookupWoken: [],
  lookupRunning: [],
});

/**
 * Stops the extension's worker, as Chromium does after 30 s idle, and waits until it stopped.
 * (It may be started again at once by a pending event; either way it starts with nothing in
 * memory, which is what is measured.)
 */
async function stopExtensionWorker(cdp: CDPSession): Promise<void> {
  const stopped = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the extension worker did not stop')), 10_000);
    const onUpdate = (event: { versions: { runningStatus: string }[] }) => {
      if (!event.versions.some((v) => v.runningStatus === 'stopped')) return;
      clearTimeout(timer);
      cdp.off('ServiceWorker.workerVersionUpdated', onUpdate);
      resolve();
    };
    cdp.on('ServiceWorker.workerVersionUpdated', onUpdate);
  });
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
}

/**
 * Visits per run: 24, 8 of them woken, so that the woken rows' medians rest on 12 visits at 2,000 and
 * 20,000 talks (3 runs) and 8 at 30,000 (2 runs) for each kind of page; at 18 they rested on 9 and 6,
 * and one slow visit moved a median by 20 ms.
 */
const BOX_VISITS = 24;

/**
 * `BOX_VISITS` visits of a schedule page whose talk the archive has. Every third finds the worker
 * stopped, as most visits do (Chromium stops an idle extension worker after 30 s): the page's
 * message wakes it, and it loads the related-talks index from its snapshot. The others find it
 * running. The second half get the page's styles and scripts one round trip (NETWORK_MS) after
 * its HTML (served by `serveTalkPage`).
 */
export async function measureBoxVisits(
  context: BrowserContext,
  control: Page,
  talkPage: string,
  worker: () => { evaluate: <T, A>(fn: (arg: A) => T, arg: A) => Promise<T> },
  into: BoxSamples,
): Promise<void> {
  const cdp = await context.newCDPSession(control);
  await cdp.send('ServiceWorker.enable');
  try {
    for (let i = 0; i < BOX_VISITS; i++) {
      const cold = i % 3 === 0;
      const delayed = i >= BOX_VISITS / 2;
      assetDelayMs = delayed ? NETWORK_MS : 0;
      if (cold) await stopExtensionWorker(cdp);
      const tab = await context.newPage();
      await tab.goto(talkPage);
      const boxAt = await markTime(tab, PERF_MARKS.boxReady);
      // The page is ready when its DOMContentLoaded starts: the box's own work runs in a
      // listener of that event, so its end would count part of the box as the page.
      const ready = await tab.evaluate(
        () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
      );
      if (delayed) (cold ? into.wokenNetwork : into.runningNetwork).push(boxAt - ready);
      else (cold ? into.woken : into.running).push(boxAt - ready);
      const [sent, shown] = await tab.evaluate(
        (names) => names.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? 0),
        [PERF_MARKS.lookupSent, PERF_MARKS.boxShown],
      );
      into.readDelay.push(sent! - ready);
      into.shown.push(shown! - ready);
      into.roundTrip.push(boxAt - sent!);
      const lookups = await worker().evaluate((name: string) => {
        const durations = performance.getEntriesByName(name).map((m) => m.duration);
        performance.clearMeasures(name);
        return durations;
      }, PERF_MEASURES.scheduleLookup);
      (cold ? into.lookupWoken : into.lookupRunning).push(...lookups);
      await tab.close();
    }
  } finally {
    await cdp.detach();
  }
}

type Row = (name: string, values: number[], extra?: Partial<BenchRow>) => BenchRow;

const round2 = (n: number) => Math.round(n * 100) / 100;
const ms1 = (n: number) => `${n.toFixed(1)} ms`;

/** A row maker for one section and size: median, p95 and the number of samples. */
export function rowMaker(section: string, items: number): Row {
  return (name, values, extra = {}) => ({
    section,
    name,
    items,
    value: median(values),
    p95: percentile(values, 95),
    runs: values.length,
    unit: 'ms',
    ...extra,
  });
}

/** Popup and search rows, each target against the floor of the same runs. */
export function popupRows(ms: Row, s: PopupSamples, archiveNote = ''): BenchRow[] {
  const floorMedian = median(s.floorPaint);
  const floorP95 = percentile(s.floorPaint, 95);
  const listMedian = median(s.firstList);
  const listP95 = percentile(s.firstList, 95);
  return [
    ms('popup floor: an empty extension page, first contentful paint', s.floorPaint, {
      ratioToFloor: 1,
      note: `a page of the extension with one line of text and nothing else (${FLOOR_PAGE}, written into the build for the bench), opened before each popup below: what the browser needs to open and paint any extension page on this machine at this moment${archiveNote}`,
    }),
    ms('popup: first list rendered (from navigation start)', s.firstList, {
      ratioToFloor: round2(listMedian / floorMedian),
      target: 'median ≤ floor + 30 ms, p95 ≤ floor p95 + 60 ms',
      met: listMedian <= floorMedian + 30 && listP95 <= floorP95 + 60,
      note: `median ${ms1(listMedian - floorMedian)} over the floor's, p95 ${ms1(listP95 - floorP95)} over the floor's p95`,
    }),
    ms('  popup: first list rendered, the first opening in a new profile', s.firstEver, {
      ratioToFloor: round2(median(s.firstEver) / floorMedian),
      note: 'once per install: nothing remembered from a last opening yet, so the list is read from the archive and drawn by the popup’s own code; not in the row above',
    }),
    ms('  popup: HTML parsed → first list rendered (our scripts: load, run, render)', s.ourShare, {
      note: 'the rest of the row above is the browser opening the page, which varies most with the machine’s load',
    }),
    ms('  popup: first contentful paint (from navigation start)', s.firstPaint, {
      ratioToFloor: round2(median(s.firstPaint) / floorMedian),
      note: `the browser paints the list the frame after it is rendered; ${ms1(median(s.firstPaint) - floorMedian)} after the floor's paint (median)`,
    }),
    ms('popup: search keystroke → results rendered (typing 10 keys/s)', s.keystrokes, {
      target: '≤ 30 ms (p95)',
      met: percentile(s.keystrokes, 95) <= 30,
    }),
    ms('  popup: search keystroke → results rendered (keys back to back)', s.keystrokesBackToBack, {
      note: 'each key the moment the previous results are rendered, while their frame is still painted',
    }),
  ];
}

/** Schedule-page rows; the woken worker's box against the running worker's of the same runs. */
export function boxRows(ms: Row, s: BoxSamples): BenchRow[] {
  if (!s.shown.length) return [];
  const woken = (values: number[], floor: number[], note: string) => {
    const ratio = median(values) / median(floor);
    return {
      ratioToFloor: round2(ratio),
      target: '≤ 1.3× floor and ≤ 150 ms',
      met: ratio <= 1.3 && median(values) <= 150,
      note,
    };
  };
  return [
    ms('schedule page: page ready → box visible (saying it is looking)', s.shown, {
      target: '≤ 150 ms',
      met: median(s.shown) <= 150,
      note: 'every visit; the rows below wait for the answer in the box',
    }),
    ms('schedule page floor: page ready → box with answer (worker running)', s.running, {
      ratioToFloor: 1,
      target: '≤ 150 ms',
      met: median(s.running) <= 150,
      note: 'the floor of the woken-worker row below: the same page and answer, the worker already running',
    }),
    ms('schedule page: page ready → box with answer (worker woken by the page)', s.woken, {
      ...woken(
        s.woken,
        s.running,
        'page served from localhost with nothing to wait for: the worker wakes when the page is already ready; × floor against the row above',
      ),
    }),
    ms(
      `  floor: the same, worker running, the page's styles and scripts ${NETWORK_MS} ms after its HTML`,
      s.runningNetwork,
      {
        ratioToFloor: 1,
        target: '≤ 150 ms',
        met: median(s.runningNetwork) <= 150,
      },
    ),
    ms(`  the same, worker woken, the page's styles and scripts ${NETWORK_MS} ms after its HTML`, s.wokenNetwork, {
      ...woken(
        s.wokenNetwork,
        s.runningNetwork,
        'as from a nearby server: the worker woken at document_start is ready by then; × floor against the row above',
      ),
    }),
    ms('  schedule page: page ready → lookup sent (content script reads the page)', s.readDelay),
    ms('  schedule page: lookup message → box rendered (background lookup + render)', s.roundTrip),
    ms('  schedule page: lookup in a woken worker (loads the related-talks index)', s.lookupWoken),
    ms('  schedule page: lookup in a running worker (recording, related talks, marks)', s.lookupRunning),
  ];
}
