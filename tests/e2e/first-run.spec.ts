import { sampleFeed } from '../support/sample-feed';
import { expect, test } from './extension';
import { HQ_FEED, screenshot, waitForSync } from './steps';

test('a fresh install opens the first-run page once: what Aftertalk does, what it accesses, the import', async ({
  launchExtension,
  internet,
}) => {
  internet.serveFeed(HQ_FEED, sampleFeed());
  const { context, worker, extensionId } = await launchExtension();
  await expect
    .poll(() => context.pages().filter((p) => p.url() === `chrome-extension://${extensionId}/welcome.html`).length)
    .toBe(1);
  const welcome = context.pages().find((p) => p.url().endsWith('/welcome.html'))!;
  await expect(welcome.getByRole('heading', { name: 'Welcome to Aftertalk' })).toBeVisible();
  await expect(welcome.getByRole('rowheader', { name: 'media.ccc.de' })).toBeVisible();
  await expect(welcome.getByText('it collects nothing about you')).toBeVisible();
  await waitForSync(worker);
  await expect(welcome.getByTestId('sync-status')).toContainText('Checked');
  await welcome.setViewportSize({ width: 900, height: 1000 });
  await screenshot(welcome, 'welcome', { fullPage: true });
});
