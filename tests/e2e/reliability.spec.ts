import { readFileSync } from 'node:fs';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { feedXml } from '../support/feed-xml';
import { generateFeed } from '../fixtures/feed/generate';
import { SAMPLE_TALKS, sampleFeed } from '../support/sample-feed';
import { expect, test } from './extension';
import { archiveCount, boxOf, clickInBox, HQ_FEED, openPopup, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

/** Faults in the real browser: a worker killed mid-import, a hostile page, a hostile feed. */

const IMPORT_SIZE = 4000;

/** Stops every service worker of the profile, as Chrome does with an idle or crashed one. */
async function killServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** The number of talks, read from an extension page (works while the worker is dead). */
function countFromPage(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('aftertalk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('talks')) return resolve(0);
          const request = db.transaction('talks').objectStore('talks').count();
          request.onsuccess = () => (resolve(request.result), db.close());
        };
      }),
  );
}

test('a worker killed in the middle of an import lands nothing; the next poll lands everything', async ({
  launchExtension,
  internet,
}) => {
  internet.serveFeed(HQ_FEED, generateFeed({ items: IMPORT_SIZE, seed: 7 }));
  const { context, extensionId } = await launchExtension();
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // Wait until the merge is under way (progress is written from inside its transaction).
  await expect
    .poll(
      async () =>
        page.evaluate(
          async () =>
            ((await chrome.storage.local.get('syncProgress')).syncProgress as { done: number } | null)?.done ?? 0,
        ),
      { timeout: 30_000, intervals: [20] },
    )
    .toBeGreaterThan(0);
  await killServiceWorker(context, page);
  expect([0, IMPORT_SIZE]).toContain(await countFromPage(page));
  const killedMidway = (await countFromPage(page)) === 0;

  // The popup's Refresh wakes a new worker, which clears the stale "running" and imports again.
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByRole('button', { name: 'Refresh' })).toBeEnabled({ timeout: 10_000 });
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => countFromPage(page), { timeout: 60_000 }).toBe(IMPORT_SIZE);
  await expect(popup.getByTestId('sync-status')).toContainText('Checked', { timeout: 30_000 });
  // Reported so a run that was too slow to kill mid-way is visible in the output.
  test.info().annotations.push({ type: 'killed', description: killedMidway ? 'mid-merge' : 'after the merge' });
  expect(killedMidway).toBe(true);
});

const SPOOF_PAGE = 'https://pretalx.com/spoof-2026/talk/SPOOF1/';

test('a page cannot click the box into anything, cannot message the extension, and gets only the talk it claims', async ({
  launchExtension,
  internet,
}) => {
  internet.serveFeed(HQ_FEED, sampleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
  // pretalx markup claiming a talk Aftertalk has no recording of.
  const html = readFileSync('tests/fixtures/sites/pretalx/released-2026-pretalx-com.html', 'utf8')
    .replaceAll('democon-2026', 'spoof-2026')
    .replaceAll('QK3PXA', 'SPOOF1');
  internet.on('pretalx.com', new URL(SPOOF_PAGE).pathname, {
    status: 200,
    body: html,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  const page = await context.newPage();
  await page.goto(SPOOF_PAGE);
  const box = await boxOf(page);
  await expect(box.getByRole('button', { name: 'Notify me when the recording is published' })).toBeVisible();

  // The page's own script looks for the box's buttons to click them: it finds none to click.
  const reachable = await page.evaluate(() => {
    const host = document.querySelector('aftertalk-box');
    const buttons = [...(host?.shadowRoot?.querySelectorAll('button') ?? [])];
    buttons.forEach((button) => button.click());
    return { host: !!host, buttons: buttons.length, frames: window.frames.length };
  });
  expect(reachable).toEqual({ host: true, buttons: 0, frames: 0 });
  await page.waitForTimeout(300);
  expect(await worker.evaluate(async () => (await chrome.storage.local.get('personal')).personal ?? null)).toBeNull();
  await expect(box.getByRole('button', { name: 'Notify me when the recording is published' })).toBeVisible();
  // It has no channel to the extension at all.
  expect(
    await page.evaluate(
      () => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage,
    ),
  ).toBe('undefined');

  // A real click by the user still works.
  await clickInBox(box.getByRole('button', { name: 'Notify me when the recording is published' }));
  await expect(box.getByText('Aftertalk will notify you when the recording is published.')).toBeVisible();
});

test('feed text with markup stays text in the popup: no element, no script, no javascript: link', async ({
  launchExtension,
  internet,
}) => {
  const hostile = {
    ...SAMPLE_TALKS[0]!,
    title: 'Evil <img src=x onerror="document.title=`pwned`"><script>document.title="pwned"</script> talk (39c3)',
    author: '<b onmouseover=alert(1)>Mallory</b>',
    slug: 'javascript:alert(1)',
    image: 'javascript:alert(1)',
  };
  internet.serveFeed(HQ_FEED, feedXml([hostile, ...SAMPLE_TALKS.slice(1)]));
  const { worker, context, extensionId } = await launchExtension();
  await waitForSync(worker);
  const popup = await openPopup(context, extensionId);
  const row = popup.getByTestId('latest-talks').locator('.talk').first();
  // Markup is removed from feed text (its words stay, as text).
  await expect(row.locator('.talk__title')).toHaveText('Evil document.title="pwned" talk');
  await expect(row).toContainText('Mallory');
  expect(await popup.title()).not.toBe('pwned');
  expect(await popup.locator('img[src="x"], script:not([src]), b[onmouseover]').count()).toBe(0);
  expect(await popup.locator('a[href^="javascript:"], img[src^="javascript:"]').count()).toBe(0);
  expect(await archiveCount(worker)).toBe(SAMPLE_TALKS.length);
});

test('429 with Retry-After: the popup says when the next try is, and the alarm waits for it', async ({
  launchExtension,
  internet,
}) => {
  internet.serveFeed(HQ_FEED, sampleFeed());
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);
  internet.on('media.ccc.de', '/podcast-hq.xml', {
    status: 429,
    body: 'Slow down',
    headers: { 'Retry-After': '3600' },
  });
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('button', { name: 'Refresh' }).click();
  const failed = await waitForSync(worker, first.lastAttemptAt);
  const status = popup.getByTestId('sync-status');
  await expect(status).toContainText('asked to wait');
  await expect(status).toContainText('next try at');
  // The poll alarm was moved to the server's time (an hour, with jitter only ever later).
  const alarm = await worker.evaluate(() => chrome.alarms.getAll());
  expect(alarm).toHaveLength(1);
  expect(alarm[0]!.scheduledTime).toBeGreaterThanOrEqual(failed.lastAttemptAt + 3600_000 - 5_000);
  expect(await archiveCount(worker)).toBe(SAMPLE_TALKS.length);
});
