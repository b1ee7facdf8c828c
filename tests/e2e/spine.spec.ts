import {
  displayTitle,
  SAMPLE_NEW_TALKS,
  SAMPLE_TALKS,
  sampleFeed,
  sampleFeedWithNewTalks,
} from '../support/sample-feed';
import { expect, type LaunchedExtension, test } from './extension';
import type { FakeInternet } from './fake-internet';
import { archiveCount, badgeText, HQ_FEED, openPopup, screenshot, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

test.beforeEach(({ internet }) => {
  internet.serveFeed(HQ_FEED, sampleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
});

test('the first sync imports the feed quietly: empty badge, latest releases in the popup', async ({
  launchExtension,
}) => {
  const { worker, context, extensionId } = await launchExtension();
  const status = await waitForSync(worker);
  expect(status.lastResult).toMatchObject({ added: SAMPLE_TALKS.length, notModified: false });
  expect(await badgeText(worker)).toBe('');

  const popup = await openPopup(context, extensionId);
  const latest = popup.getByTestId('latest-talks').locator('.talk');
  await expect(latest).toHaveCount(SAMPLE_TALKS.length);
  await expect(latest.first().locator('.talk__title')).toHaveText(displayTitle(SAMPLE_TALKS[0]!));
  await expect(latest.first().locator('.talk__title')).toHaveAttribute(
    'href',
    'https://media.ccc.de/v/39c3-1187-rust-and-c-in-the-linux-kernel',
  );
  await expect(latest.first()).toContainText('Miriam Kowalski, Jonas Berg');
  await expect(latest.first()).toContainText('59 min');
  await expect(popup.getByTestId('new-talks')).toHaveCount(0);
  await expect(popup.getByTestId('sync-status')).toContainText('Checked');
});

/** Install (first sync of the sample feed), then a Refresh in the popup that brings two new talks. */
async function refreshWithTwoNewTalks(launchExtension: () => Promise<LaunchedExtension>, internet: FakeInternet) {
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);
  internet.serveFeed(HQ_FEED, sampleFeedWithNewTalks());
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('button', { name: 'Refresh' }).click();
  const status = await waitForSync(worker, first.lastAttemptAt);
  return { worker, popup, status };
}

test('a refresh that brings two new talks sets the badge to 2; mark all seen clears it', async ({
  launchExtension,
  internet,
}) => {
  const { worker, popup } = await refreshWithTwoNewTalks(launchExtension, internet);
  expect(await badgeText(worker)).toBe('2');
  // The second request was conditional on the first answer's ETag.
  expect(internet.requestsTo(HQ_FEED)[1]?.headers['if-none-match']).toMatch(/^W\//);

  const fresh = popup.getByTestId('new-talks');
  await expect(fresh.locator('.talk')).toHaveCount(2);
  for (const talk of SAMPLE_NEW_TALKS) await expect(fresh).toContainText(displayTitle(talk));
  await expect(fresh.locator('h3')).toHaveText(['39c3', 'asg2025']);
  await expect(popup.getByTestId('latest-talks').locator('.talk')).toHaveCount(SAMPLE_TALKS.length);
  await screenshot(popup, 'popup');

  await popup.getByRole('button', { name: 'Mark all seen' }).click();
  await expect(popup.getByTestId('new-talks')).toHaveCount(0);
  await expect.poll(() => badgeText(worker)).toBe('');
  await expect(popup.getByTestId('latest-talks').locator('.talk')).toHaveCount(SAMPLE_TALKS.length + 2);
});

test('marking one talk seen lowers the badge by one', async ({ launchExtension, internet }) => {
  const { worker, popup } = await refreshWithTwoNewTalks(launchExtension, internet);
  await popup.getByRole('button', { name: `Mark “${displayTitle(SAMPLE_NEW_TALKS[0]!)}” as seen` }).click();
  await expect.poll(() => badgeText(worker)).toBe('1');
  await expect(popup.getByTestId('new-talks').locator('.talk')).toHaveCount(1);
});

test('a failing feed shows the error in the popup and changes neither archive nor badge', async ({
  launchExtension,
  internet,
}) => {
  const refreshed = await refreshWithTwoNewTalks(launchExtension, internet);
  const { worker, popup } = refreshed;
  let status = refreshed.status;
  const count = await archiveCount(worker);
  expect(await badgeText(worker)).toBe('2');

  internet.on('media.ccc.de', '/podcast-hq.xml', { status: 500, body: 'Internal Server Error' });
  await popup.getByRole('button', { name: 'Refresh' }).click();
  status = await waitForSync(worker, status.lastAttemptAt);
  await expect(popup.getByTestId('sync-status')).toContainText('next try at');
  await expect(popup.getByTestId('sync-status')).toContainText('media.ccc.de answered 500');
  expect(await archiveCount(worker)).toBe(count);
  expect(await badgeText(worker)).toBe('2');

  internet.on('media.ccc.de', '/podcast-hq.xml', {
    status: 200,
    body: '<?xml version="1.0"?><rss><channel><item><title>cut off',
    headers: { 'Content-Type': 'application/rss+xml' },
  });
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await waitForSync(worker, status.lastAttemptAt);
  await expect(popup.getByTestId('sync-status')).toContainText(
    'The feed is not valid XML: it ends before its elements are closed',
  );
  await screenshot(popup, 'popup-error');
  expect(await archiveCount(worker)).toBe(count);
  expect(await badgeText(worker)).toBe('2');
  await expect(popup.getByTestId('new-talks').locator('.talk')).toHaveCount(2);
});

test('an unchanged feed is answered with 304 and nothing is parsed again', async ({ launchExtension, internet }) => {
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('button', { name: 'Refresh' }).click();
  const second = await waitForSync(worker, first.lastAttemptAt);
  expect(second.lastResult).toMatchObject({ notModified: true, added: 0 });
  expect(second.lastError).toBeNull();
  expect(internet.requestsTo(HQ_FEED)).toHaveLength(2);
});

test('search filters the archive by title, speaker and conference as you type', async ({ launchExtension }) => {
  const { worker, context, extensionId } = await launchExtension();
  await waitForSync(worker);
  const popup = await openPopup(context, extensionId);
  const search = popup.getByRole('searchbox', { name: 'Search the archive' });
  const results = popup.getByTestId('search-results').locator('.talk__title');
  await search.fill('rust');
  await expect(results).toHaveText([displayTitle(SAMPLE_TALKS[0]!)]);
  await search.fill('lena hoff');
  await expect(results).toHaveText([displayTitle(SAMPLE_TALKS[1]!)]);
  await search.fill('sotm');
  await expect(results).toHaveText([displayTitle(SAMPLE_TALKS[2]!)]);
  await search.fill('nothing matches this');
  await expect(popup.getByText('No talk in the archive matches.')).toBeVisible();
  await search.fill('');
  await expect(popup.getByTestId('latest-talks').locator('.talk')).toHaveCount(SAMPLE_TALKS.length);
});

test('the options page switches the feed and the poll interval', async ({ launchExtension, internet }) => {
  const audio = 'https://media.ccc.de/podcast-audio-only.xml';
  internet.serveFeed(audio, sampleFeedWithNewTalks());
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Audio only').check();
  await waitForSync(worker, first.lastAttemptAt);
  expect(internet.requestsTo(audio)).toHaveLength(1);
  // Same talks, first import of that feed: nothing new.
  expect(await badgeText(worker)).toBe('');

  await options.getByLabel('Poll interval').selectOption('120');
  await expect
    .poll(() => worker.evaluate(async () => (await chrome.alarms.get('aftertalk-poll'))?.periodInMinutes))
    .toBe(120);
  await expect(options.getByText(/talks in the archive/)).toContainText('8 talks');
  await screenshot(options, 'options');
});
