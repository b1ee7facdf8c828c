import type { BrowserContext, Page } from '@playwright/test';
import { generatedConferences } from '../support/fake-voctoweb';
import { sampleFeed } from '../support/sample-feed';
import { expect, test } from './extension';
import { badgeText, HQ_FEED, screenshot, waitForSync } from './steps';

/**
 * Options → Older recordings → the whole catalogue, against a fake media.ccc.de API of 1,500
 * generated talks (6 pages) that answers slowly enough to watch: what it costs, its progress,
 * a worker killed half-way, and a stop.
 */
const TALKS = 1500;

test.beforeEach(({ internet }) => {
  internet.serveFeed(HQ_FEED, sampleFeed());
  internet.serveVoctowebApi(generatedConferences(TALKS), 400);
});

async function optionsPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

/** Stops every service worker of the profile, as Chrome does with an idle one. */
async function killServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

const imported = (page: Page) =>
  page.evaluate(
    async () => ((await chrome.storage.local.get('historyCatalogue')).historyCatalogue as { done: number })?.done ?? 0,
  );

test('the whole catalogue: its cost first, then progress; it survives a killed worker and lands every talk as history', async ({
  launchExtension,
  internet,
}) => {
  const { context, worker, extensionId } = await launchExtension();
  await waitForSync(worker);
  const page = await optionsPage(context, extensionId);
  const section = page.getByTestId('catalogue');
  await section.getByRole('button', { name: 'See what it costs…' }).click();
  await expect(section).toContainText('About 1,500 talks: 6 requests to media.ccc.de');
  await section.getByRole('button', { name: 'Import all' }).click();
  await expect(section.getByRole('progressbar')).toBeVisible();
  await expect(section).toContainText(/\d[\d,]* of 1,500 talks/, { timeout: 15_000 });
  await screenshot(page, 'options-catalogue-progress');

  // Half-way, Chrome stops the worker; the next page that opens wakes a new one, which carries on.
  await expect.poll(() => imported(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await killServiceWorker(context, page);
  const atKill = await imported(page);
  expect(atKill).toBeLessThan(TALKS);
  await page.reload();
  await expect(page.getByTestId('catalogue')).toContainText('All 1,500 talks of media.ccc.de are in your archive', {
    timeout: 60_000,
  });
  // Every page asked once, but for the one the killed worker may have left unanswered.
  const pages = internet.apiRequests().filter((path) => path === '/public/events');
  expect(pages.length).toBeGreaterThanOrEqual(7);
  expect(pages.length).toBeLessThanOrEqual(8);
  const worker2 = context.serviceWorkers()[0]!;
  expect(await badgeText(worker2)).toBe('');
});

test('the whole-catalogue import stops when asked and keeps what it imported', async ({ launchExtension }) => {
  const { context, worker, extensionId } = await launchExtension();
  await waitForSync(worker);
  const page = await optionsPage(context, extensionId);
  const section = page.getByTestId('catalogue');
  await section.getByRole('button', { name: 'See what it costs…' }).click();
  await section.getByRole('button', { name: 'Import all' }).click();
  await expect.poll(() => imported(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await section.getByRole('button', { name: 'Stop' }).click();
  await expect(section).toContainText(/Stopped at [\d,]+ of 1,500 talks; what was imported stays\./);
  const stoppedAt = await imported(page);
  await page.waitForTimeout(2500);
  expect(await imported(page)).toBe(stoppedAt);
  await expect(section.getByRole('button', { name: 'Continue' })).toBeVisible();
});
