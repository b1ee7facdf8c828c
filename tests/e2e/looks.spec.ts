import { sampleFeed } from '../support/sample-feed';
import { expect, test } from './extension';
import { HQ_FEED, popupWithNewTalks, screenshot, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

test('the popup follows the system theme: light and dark', async ({ launchExtension, internet }) => {
  internet.serveFeed(HQ_FEED, sampleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);
  const popup = await popupWithNewTalks({ internet, worker, context, extensionId }, first.lastAttemptAt);

  const background = () => popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await popup.emulateMedia({ colorScheme: 'light' });
  expect(await background()).toBe('rgb(255, 255, 255)');
  await popup.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).toBe('rgb(22, 25, 27)');
  await popup
    .locator('.talk__thumb img')
    .first()
    .evaluate((img: HTMLImageElement) => img.decode().catch(() => undefined));
  await screenshot(popup, 'popup-dark');
});
