import type { Page, Worker } from '@playwright/test';
import { feedXml, type ItemSpec } from '../support/feed-xml';
import { displayTitle, SAMPLE_NEW_TALKS, SAMPLE_TALKS, sampleFeed } from '../support/sample-feed';
import { expect, test } from './extension';
import { archiveCount, HQ_FEED, openPopup, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

/**
 * What a damaged or hostile other browser, import file or feed can do to the extension's state
 * (docs/reliability.md): each attack below worked before the hardening of issue 16.
 */

test.beforeEach(({ internet }) => {
  internet.serveFeed(HQ_FEED, sampleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
});

/** The personal state as stored on this device. */
function localPersonal(worker: Worker): Promise<Record<string, Record<string, { v: unknown; t: number }>>> {
  return worker.evaluate(async () => (await chrome.storage.local.get('personal')).personal ?? {});
}

/**
 * Writes `items` into storage.sync as another browser would, together with a harmless marker
 * entry, and waits until the worker pulled them (the marker is in the local state).
 */
async function syncFromAnotherBrowser(worker: Worker, items: Record<string, unknown[]>, marker: string) {
  await worker.evaluate(
    ({ items, marker }) => {
      const packed = { ...items, 'ps:conferences:0': [[marker, Date.now() - 1000, 'follow']] };
      return chrome.storage.sync.set(packed);
    },
    { items, marker },
  );
  await expect
    .poll(async () => (await localPersonal(worker)).conferences?.[marker]?.v, { timeout: 10_000 })
    .toBe('follow');
}

async function refresh(popup: Page, worker: Worker, since: number) {
  await popup.getByRole('button', { name: 'Refresh' }).click();
  return waitForSync(worker, since);
}

test('a synced feed setting "constructor" is dropped: polling goes on with the built-in feed', async ({
  launchExtension,
  internet,
}) => {
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);
  await syncFromAnotherBrowser(worker, { 'ps:settings:0': [['feed', Date.now(), 'constructor']] }, 'marker-feed');
  expect((await localPersonal(worker)).settings?.feed).toBeUndefined();

  internet.serveFeed(HQ_FEED, feedXml([...SAMPLE_NEW_TALKS, ...SAMPLE_TALKS]));
  const popup = await openPopup(context, extensionId);
  const status = await refresh(popup, worker, first.lastAttemptAt);
  expect(status.lastError).toBeNull();
  expect(await archiveCount(worker)).toBe(SAMPLE_TALKS.length + SAMPLE_NEW_TALKS.length);
});

test('a huge stamp from sync does not win forever: the user re-adds the talk and it stays', async ({
  launchExtension,
}) => {
  const { worker, context, extensionId } = await launchExtension();
  await waitForSync(worker);
  const talk = SAMPLE_TALKS[0]!;
  // Another browser (damaged or hostile) removed the talk from Watch later "at" 2^53 ms.
  const tombstone = { 'ps:watchLater:0': [[talk.id, 2 ** 53]] };
  await syncFromAnotherBrowser(worker, tombstone, 'marker-1');
  expect((await localPersonal(worker)).watchLater?.[talk.id!]).toBeUndefined();

  const popup = await openPopup(context, extensionId);
  const later = popup.getByRole('button', { name: `Watch later: ${displayTitle(talk)}` });
  await later.click();
  await expect(later).toHaveAttribute('aria-pressed', 'true');
  // The same hostile entry arrives again: the user's change still stands.
  await syncFromAnotherBrowser(worker, tombstone, 'marker-2');
  expect((await localPersonal(worker)).watchLater?.[talk.id!]?.v).toBe(1);
  await expect(later).toHaveAttribute('aria-pressed', 'true');
});

test('a 4 MB settings junk array on import is dropped with a clear message', async ({ launchExtension }) => {
  const { worker, context, extensionId } = await launchExtension();
  await waitForSync(worker);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const junk = Array.from({ length: 2000 }, () => 'j'.repeat(2000));
  const file = JSON.stringify({
    format: 'aftertalk-personal',
    version: 1,
    state: { settings: { junk: { v: junk, t: 1 }, pollMinutes: { v: 45, t: 1 } } },
  });
  expect(file.length).toBeGreaterThan(4_000_000);
  await options
    .locator('input[type="file"]')
    .setInputFiles({ name: 'aftertalk.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(options.getByText(/does not know 1 setting in the file; it was left out\./)).toBeVisible();
  await expect(options.getByText(/Imported 1 setting/)).toBeVisible();
  const stored = await worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get('personal')));
  expect(stored.length).toBeLessThan(10_000);
  expect(stored).not.toContain('junk');
});

test('a feed item linking to another host is not linked and its picture is not loaded; media.ccc.de thumbnails load under the CSP', async ({
  launchExtension,
  internet,
}) => {
  let trackerHits = 0;
  internet.onHost('tracker.example', () => (trackerHits++, thumbnailReply('/p.gif')));
  internet.onHost('evil.example', () => ({ status: 200, body: 'phish' }));
  const phish: ItemSpec = {
    ...SAMPLE_TALKS[0]!,
    slug: '',
    extra: '<link>https://evil.example/v/phish</link>',
    enclosure: 'https://evil.example/x.mp4',
    image: 'https://tracker.example/p.gif?u=1',
  };
  internet.serveFeed(HQ_FEED, feedXml([phish, ...SAMPLE_TALKS.slice(1)]));
  const { worker, context, extensionId } = await launchExtension();
  await waitForSync(worker);
  const popup = await openPopup(context, extensionId);
  const rows = popup.getByTestId('latest-talks').locator('.talk');
  await expect(rows).toHaveCount(SAMPLE_TALKS.length);
  const phishRow = rows.filter({ hasText: displayTitle(SAMPLE_TALKS[0]!) });
  await expect(phishRow.locator('.talk__title')).not.toHaveAttribute('href', /./);
  expect(await popup.locator('a[href*="evil.example"], img[src*="tracker.example"]').count()).toBe(0);
  // The other rows' thumbnails come from static.media.ccc.de and load under the extension's CSP.
  const thumbnails = popup.locator('.talk__thumb img');
  await expect(thumbnails.first()).toBeVisible();
  await expect
    .poll(() =>
      thumbnails.evaluateAll((images) => images.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length),
    )
    .toBeGreaterThan(0);
  expect(trackerHits).toBe(0);
});

test('an element named constructor in one item costs that item, never the poll', async ({
  launchExtension,
  internet,
}) => {
  const odd: ItemSpec = { ...SAMPLE_TALKS[0]!, extra: '<constructor>x</constructor>' };
  internet.serveFeed(HQ_FEED, feedXml([odd, ...SAMPLE_TALKS.slice(1)]));
  const { worker, context, extensionId } = await launchExtension();
  const status = await waitForSync(worker);
  expect(status.lastError).toBeNull();
  expect(await archiveCount(worker)).toBe(SAMPLE_TALKS.length - 1);
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('sync-status')).toContainText('1 feed item could not be read and was skipped.');
});

test('a malformed new item among good ones is skipped; the good ones land and polling goes on', async ({
  launchExtension,
  internet,
}) => {
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);
  const [good, other] = SAMPLE_NEW_TALKS as [ItemSpec, ItemSpec];
  const broken: ItemSpec = { ...other, extra: '<b>never closed' };
  internet.serveFeed(HQ_FEED, feedXml([broken, good, ...SAMPLE_TALKS]));
  const popup = await openPopup(context, extensionId);
  const second = await refresh(popup, worker, first.lastAttemptAt);
  expect(second.lastError).toBeNull();
  expect(await archiveCount(worker)).toBe(SAMPLE_TALKS.length + 1);
  await expect(popup.getByTestId('new-talks').locator('.talk__title')).toHaveText([displayTitle(good)]);
  // Still in the feed on the next poll, the broken item blocks nothing: a fixed copy lands.
  internet.serveFeed(HQ_FEED, feedXml([other, good, ...SAMPLE_TALKS]));
  const third = await refresh(popup, worker, second.lastAttemptAt);
  expect(third.lastError).toBeNull();
  expect(await archiveCount(worker)).toBe(SAMPLE_TALKS.length + 2);
});

test('a full Watch later list refuses the next talk with a message, and loses nothing', async ({ launchExtension }) => {
  const { worker, context, extensionId } = await launchExtension();
  await waitForSync(worker);
  await worker.evaluate(async () => {
    const watchLater: Record<string, { v: 1; t: number }> = {};
    for (let i = 0; i < 5000; i++) watchLater[`old-${i}`] = { v: 1, t: Date.now() - 1000 };
    const empty = { settings: {}, conferences: {}, watched: {}, waiting: {} };
    await chrome.storage.local.set({ personal: { version: 1, ...empty, watchLater } });
  });
  const popup = await openPopup(context, extensionId);
  const later = popup.getByRole('button', { name: `Watch later: ${displayTitle(SAMPLE_TALKS[0]!)}` });
  await later.click();
  await expect(popup.getByRole('alert')).toHaveText(
    'Watch later is full (5,000 talks). Remove some to add more; nothing was changed.',
  );
  await expect(later).toHaveAttribute('aria-pressed', 'false');
  expect(Object.keys((await localPersonal(worker)).watchLater ?? {})).toHaveLength(5000);
});
