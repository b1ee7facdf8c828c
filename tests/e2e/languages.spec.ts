/**
 * The popup in German, and what a screen reader is told: the sync line is a polite live region
 * whose text changes with each poll's outcome (success, then a failure), in the UI language.
 */
import { sampleFeed } from '../support/sample-feed';
import { expect, test } from './extension';
import { HQ_FEED, openPopup, popupWithNewTalks, screenshot, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

test('the sync line is a polite live region that announces each poll’s outcome', async ({
  launchExtension,
  internet,
}) => {
  internet.serveFeed(HQ_FEED, sampleFeed());
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);
  const popup = await openPopup(context, extensionId);
  const region = popup.getByRole('status').filter({ has: popup.locator('.status__text') });
  await expect(region).toHaveAttribute('aria-live', 'polite');
  await expect(region).toContainText('Checked');

  internet.on('media.ccc.de', '/podcast-hq.xml', { status: 503, body: 'down for maintenance' });
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await waitForSync(worker, first.lastAttemptAt);
  await expect(region).toContainText('answered 503');
  await expect(region).toContainText('next try at');
});

test('in a German browser the popup, its status line and the toolbar tooltip speak German', async ({
  launchExtension,
  internet,
}) => {
  internet.serveFeed(HQ_FEED, sampleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
  const { worker, context, extensionId } = await launchExtension({ language: 'de' });
  const first = await waitForSync(worker);
  const popup = await popupWithNewTalks(
    { internet, worker, context, extensionId },
    first.lastAttemptAt,
    'Aktualisieren',
  );
  await expect(popup.getByRole('tab', { name: /Vorträge/ })).toBeVisible();
  await expect(popup.getByRole('tab', { name: /Später ansehen/ })).toBeVisible();
  await expect(popup.getByRole('status').filter({ has: popup.locator('.status__text') })).toContainText('Geprüft');
  expect(await worker.evaluate(() => chrome.action.getTitle({}))).toBe('Aftertalk: 2 neue Vorträge');
  await popup
    .locator('.talk__thumb img')
    .first()
    .evaluate((img: HTMLImageElement) => img.decode().catch(() => undefined));
  await screenshot(popup, 'popup-de');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(options.locator('body')).toContainText('Benachrichtigungen');
  await screenshot(options, 'options-de', { fullPage: true });
});
