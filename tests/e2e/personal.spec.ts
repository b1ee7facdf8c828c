import { readFileSync } from 'node:fs';
import type { Worker } from '@playwright/test';
import { feedXml, type ItemSpec } from '../support/feed-xml';
import {
  displayTitle,
  SAMPLE_NEW_TALKS,
  SAMPLE_TALKS,
  sampleFeed,
  sampleFeedWithNewTalks,
} from '../support/sample-feed';
import { expect, test } from './extension';
import { badgeText, boxOf, clickInBox, HQ_FEED, openPopup, screenshot, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

/** Notifications, follow/mute and "notify me", in the built extension. */

/** The ids of the notifications the extension shows right now (chrome.notifications.getAll). */
async function notificationIds(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

const THIRD_NEW_TALK: ItemSpec = {
  id: '0b6c1a36-5d7e-4f6b-9f0e-39c3000000b3',
  title: 'Open hardware for radio astronomy (39c3)',
  slug: '39c3-1402-open-hardware-for-radio-astronomy',
  author: 'Ilse Marquardt',
  keywords: 'RA4TQM, 2025, 39c3, Science, Saal 1, 39c3-eng, Day 4',
  duration: '00:40:00',
  pubDate: 'Tue, 30 Dec 2025 12:00:00 +0100',
  description: 'Dishes, SDRs and a lot of patience.',
};

/** The recording of the pretalx.com page tests/fixtures/sites/pretalx/released-2026-pretalx-com.html. */
const REPRODUCIBLE_BUILDS: ItemSpec = {
  id: '7d1e0c55-2f9a-4c1b-8d6e-democon2026a1',
  title: 'Reproducible builds & you: a field guide (democon2026)',
  slug: 'democon2026-101-reproducible-builds-and-you',
  author: 'Ada Example',
  keywords: 'QK3PXA, 2026, democon2026, democon2026-eng',
  duration: '00:35:00',
  pubDate: 'Sat, 14 Mar 2026 10:00:00 +0100',
  description:
    'Why bit-for-bit identical builds matter.\nabout this event: https://pretalx.com/democon-2026/talk/QK3PXA/',
};
const PRETALX_UNPUBLISHED = 'https://pretalx.com/democon-2026/talk/QK3PXA/';

test.beforeEach(({ internet }) => {
  internet.serveFeed(HQ_FEED, sampleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
});

/** Clicks Refresh in the popup and waits for that sync to end. */
async function refresh(popup: import('@playwright/test').Page, worker: Worker, since: number) {
  await popup.getByRole('button', { name: 'Refresh' }).click();
  return waitForSync(worker, since);
}

test('a sync that brings three new talks shows exactly one notification; the first import none', async ({
  launchExtension,
  internet,
}) => {
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);
  expect(await notificationIds(worker)).toEqual([]);

  internet.serveFeed(HQ_FEED, feedXml([THIRD_NEW_TALK, ...SAMPLE_NEW_TALKS, ...SAMPLE_TALKS]));
  const popup = await openPopup(context, extensionId);
  const second = await refresh(popup, worker, first.lastAttemptAt);
  expect(second.lastResult).toMatchObject({ added: 3 });
  const ids = await notificationIds(worker);
  expect(ids).toHaveLength(1);
  expect(ids[0]).toMatch(/^aftertalk:new:/);
  expect(await badgeText(worker)).toBe('3');

  // Marking them seen takes the notification back: it has nothing left to announce.
  await popup.getByRole('button', { name: 'Mark all seen' }).click();
  await expect.poll(() => notificationIds(worker)).toEqual([]);
});

test('muting a conference takes its talks off the badge and the new list; following lists it first', async ({
  launchExtension,
  internet,
}) => {
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);
  internet.serveFeed(HQ_FEED, sampleFeedWithNewTalks());
  const popup = await openPopup(context, extensionId);
  await refresh(popup, worker, first.lastAttemptAt);
  expect(await badgeText(worker)).toBe('2');
  const groups = popup.getByTestId('new-talks').locator('.group h3');
  await expect(groups).toHaveText(['39c3', 'asg2025']);

  await popup.getByRole('button', { name: '☆ Follow' }).nth(1).click();
  await expect(groups).toHaveText(['asg2025', '39c3']);

  await popup.locator('.group', { hasText: '39c3' }).getByRole('button', { name: 'Mute' }).click();
  await expect(groups).toHaveText(['asg2025']);
  await expect.poll(() => badgeText(worker)).toBe('1');
  await expect(popup.getByTestId('hidden-new')).toContainText('1 new talk from muted conferences');
  // Still in the archive and in search.
  await popup.getByRole('searchbox', { name: 'Search the archive' }).fill('free firmware');
  await expect(popup.getByTestId('search-results').locator('.talk__title')).toHaveText([
    displayTitle(SAMPLE_NEW_TALKS[0]!),
  ]);
  await popup.getByRole('searchbox', { name: 'Search the archive' }).fill('');

  // Unmuted in the options page: the badge counts it again.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('button', { name: 'Mute 39c3' }).click();
  await expect.poll(() => badgeText(worker)).toBe('2');
  await screenshot(options, 'options-personal', { fullPage: true });
});

test('watch later and watched from the popup, shown in their own list', async ({ launchExtension }) => {
  const { worker, context, extensionId } = await launchExtension();
  await waitForSync(worker);
  const popup = await openPopup(context, extensionId);
  const title = displayTitle(SAMPLE_TALKS[0]!);
  await popup.getByRole('button', { name: `Watch later: ${title}` }).click();
  await popup.getByRole('button', { name: `Watched: ${displayTitle(SAMPLE_TALKS[1]!)}` }).click();
  await expect(popup.locator('.talk--watched .talk__title')).toHaveText([displayTitle(SAMPLE_TALKS[1]!)]);
  await popup.getByRole('tab', { name: /Watch later/ }).click();
  await expect(popup.getByTestId('watch-later').locator('.talk__title')).toHaveText([title]);
  await expect(popup.getByRole('tab', { name: /Watch later/ })).toContainText('1');
});

test('"notify me" on a talk without a recording: its recording arrives, a notification says so, it is on Watch later', async ({
  launchExtension,
  internet,
}) => {
  internet.on('pretalx.com', new URL(PRETALX_UNPUBLISHED).pathname, {
    status: 200,
    body: readFileSync('tests/fixtures/sites/pretalx/released-2026-pretalx-com.html', 'utf8'),
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);

  const page = await context.newPage();
  await page.goto(PRETALX_UNPUBLISHED);
  let box = await boxOf(page);
  await expect(box.getByText('No recording published yet')).toBeVisible();
  await clickInBox(box.getByRole('button', { name: 'Notify me when the recording is published' }));
  await expect(box.getByText('Aftertalk will notify you when the recording is published.')).toBeVisible();
  await screenshot(page, 'schedule-pretalx-notify-me');

  const popup = await openPopup(context, extensionId);
  await expect(popup.getByRole('tab', { name: /Waiting/ })).toContainText('1');
  await popup.getByRole('tab', { name: /Waiting/ }).click();
  await expect(popup.getByTestId('waiting')).toContainText('Waiting for 1 recording');
  await expect(popup.getByTestId('waiting')).toContainText('Reproducible builds & you');

  // The conference is muted: the awaited recording is announced all the same.
  internet.serveFeed(HQ_FEED, feedXml([REPRODUCIBLE_BUILDS, ...SAMPLE_TALKS]));
  await worker.evaluate(async () => {
    const personal = ((await chrome.storage.local.get('personal')).personal ?? { version: 1 }) as Record<
      string,
      Record<string, unknown>
    >;
    personal.conferences = { ...(personal.conferences ?? {}), democon2026: { v: 'mute', t: Date.now() } };
    await chrome.storage.local.set({ personal });
  });
  await refresh(popup, worker, first.lastAttemptAt);
  await expect.poll(() => notificationIds(worker)).toEqual([`aftertalk:out:${REPRODUCIBLE_BUILDS.id}`]);

  await popup.getByRole('tab', { name: /Watch later/ }).click();
  await expect(popup.getByTestId('watch-later').locator('.talk__title')).toHaveText([
    'Reproducible builds & you: a field guide',
  ]);
  await popup.getByRole('tab', { name: /Waiting/ }).click();
  await expect(popup.getByTestId('waiting')).toContainText('Waiting for recordings');

  // The schedule page now links the recording, already on Watch later.
  await page.reload();
  box = await boxOf(page);
  await expect(box.getByRole('link', { name: 'Watch on media.ccc.de' })).toBeVisible();
  await expect(box.locator('.recording').getByRole('button', { name: 'Watch later', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});
