import { copyFileSync, mkdirSync } from 'node:fs';
import type { BrowserContext, Frame, Locator, Page, Worker } from '@playwright/test';
import { STILL_MS } from '../../lib/enrich/page/click-guard';
import { expect } from './extension';
import type { FakeInternet } from './fake-internet';
import { SAMPLE_NEW_TALKS, sampleFeedWithNewTalks } from '../support/sample-feed';

export const HQ_FEED = 'https://media.ccc.de/podcast-hq.xml';

/** The box's frame on a schedule page, once the content script has put it there. */
export async function boxFrame(page: Page): Promise<Frame> {
  const find = () => page.frames().find((frame) => /^(chrome|moz)-extension:\/\/[^/]+\/box\.html/.test(frame.url()));
  await expect.poll(() => !!find(), { message: 'the schedule box’s frame' }).toBe(true);
  return find()!;
}

/**
 * The schedule box on a page, for reading and clicking what it shows. The box is drawn in an
 * extension frame inside a closed shadow root, which no page script and no CSS selector reaches;
 * tests find the frame through the browser's frame tree instead. Every test reaches the box
 * through this one helper.
 */
export async function boxOf(page: Page): Promise<Locator> {
  return (await boxFrame(page)).locator('.box');
}

/**
 * A click in the box the way a user makes it: on a box that has stood still and been in view for
 * a moment. Clicks sooner than that are refused on purpose (lib/enrich/page/click-guard.ts).
 */
export async function clickInBox(control: Locator): Promise<void> {
  await control.scrollIntoViewIfNeeded();
  await control.page().waitForTimeout(STILL_MS + 300);
  await control.click();
}

export interface StatusSnapshot {
  running: boolean;
  lastAttemptAt: number;
  lastSuccessAt: number;
  lastError: { kind: string; message: string } | null;
  lastResult: { added: number; updated: number; total: number; notModified: boolean } | null;
}

export function syncStatus(worker: Worker): Promise<StatusSnapshot | undefined> {
  return worker.evaluate(async () => (await chrome.storage.local.get('syncStatus')).syncStatus);
}

/** Waits until a sync that started after `since` has finished, and returns its status. */
export async function waitForSync(worker: Worker, since = 0): Promise<StatusSnapshot> {
  let status: StatusSnapshot | undefined;
  await expect
    .poll(
      async () => {
        status = await syncStatus(worker);
        return !!status && !status.running && status.lastAttemptAt > since;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return status!;
}

export function badgeText(worker: Worker): Promise<string> {
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

export function archiveCount(worker: Worker): Promise<number> {
  return worker.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('aftertalk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('talks').objectStore('talks').count();
          request.onsuccess = () => {
            resolve(request.result);
            open.result.close();
          };
        };
      }),
  );
}

export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 440, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}

/**
 * After the first sync (which ended at `since`): the feed gains the sample's new talks, the popup
 * is opened and its Refresh button (named `refreshLabel` in the browser's language) clicked, and
 * the popup is returned once it lists them as new.
 */
export async function popupWithNewTalks(
  {
    internet,
    worker,
    context,
    extensionId,
  }: { internet: FakeInternet; worker: Worker; context: BrowserContext; extensionId: string },
  since: number,
  refreshLabel = 'Refresh',
): Promise<Page> {
  internet.serveFeed(HQ_FEED, sampleFeedWithNewTalks());
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('button', { name: refreshLabel }).click();
  await waitForSync(worker, since);
  await expect(popup.getByTestId('new-talks').locator('.talk')).toHaveCount(SAMPLE_NEW_TALKS.length);
  return popup;
}

/**
 * Saves a screenshot under test-results/screenshots; with UPDATE_DOCS_SCREENSHOTS=1 also into
 * docs/ for the README.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  const path = `test-results/screenshots/${name}.png`;
  await page.screenshot({ path, ...options });
  if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    mkdirSync('docs', { recursive: true });
    copyFileSync(path, `docs/${name}.png`);
  }
}
