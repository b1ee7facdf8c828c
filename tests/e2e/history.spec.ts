import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { scheduleFeed } from '../support/schedule-feed';
import { SAMPLE_TALKS } from '../support/sample-feed';
import { expect, test } from './extension';
import type { FakeInternet } from './fake-internet';
import { badgeText, HQ_FEED, openPopup, screenshot, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

/**
 * Schedule pages older than the feed's 12 months: the box asks media.ccc.de's archive (a fake of
 * its JSON API, tests/support/fake-voctoweb.ts) and links the recording it finds; the talk is
 * then in the archive as history, found by search and never counted as new.
 */
const fixture = (path: string) => readFileSync(`tests/fixtures/sites/${path}`, 'utf8');

function servePage(internet: FakeInternet, url: string, fixturePath: string) {
  const { host, pathname } = new URL(url);
  internet.on(host, pathname, {
    status: 200,
    body: fixture(fixturePath),
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
}

const ASG_2023 = 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/UKI23A/';
const ASG_2023_UNRECORDED = 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/NOREC1/';
const CONGRESS_2019 = 'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496.html';
const ASG_2025_KNOWN = 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/';

test.beforeEach(({ internet }) => {
  internet.serveFeed(HQ_FEED, scheduleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
  servePage(internet, ASG_2023, 'pretalx/released-2023-pretalx-com.html');
  servePage(internet, ASG_2023_UNRECORDED, 'pretalx/released-2023-pretalx-com.html');
  servePage(internet, CONGRESS_2019, 'ccc-hub/frab-2019-event.html');
  servePage(internet, ASG_2025_KNOWN, 'pretalx/released-2025-all-systems-go.html');
});

async function visit(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const box = (page: Page) => page.locator('aftertalk-box');

test('an older pretalx talk page links the recording media.ccc.de’s archive has; search finds it, the badge stays', async ({
  launchExtension,
  internet,
}) => {
  const { context, worker, extensionId } = await launchExtension();
  await waitForSync(worker);
  const page = await visit(context, ASG_2023);
  const watch = box(page).getByRole('link', { name: 'Watch on media.ccc.de' });
  await expect(watch).toHaveAttribute('href', 'https://media.ccc.de/v/asg2023-2301-booting-with-systemd-boot-and-ukis');
  await expect(box(page)).toContainText('Booting with systemd-boot and UKIs');
  await expect(box(page).getByRole('link', { name: /Download video \(MP4/ })).toHaveAttribute(
    'href',
    /^https:\/\/cdn\.media\.ccc\.de\/.+\.mp4$/,
  );
  await expect(box(page)).not.toContainText('No recording published yet');
  expect(internet.apiRequests()).toEqual([
    '/public/conferences',
    '/public/conferences/asg2023',
    '/public/events/00000000-0000-4000-8000-000000002301',
  ]);
  await screenshot(page, 'schedule-pretalx-history');

  expect(await badgeText(worker)).toBe('');
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('searchbox', { name: 'Search the archive' }).fill('booting ukis');
  await expect(popup.getByTestId('search-results').locator('.talk__title')).toHaveText([
    'Booting with systemd-boot and UKIs',
  ]);
  // History is archive, not news: not in the new list, not on the badge.
  await popup.getByRole('searchbox', { name: 'Search the archive' }).fill('');
  await expect(popup.getByTestId('new-talks')).toHaveCount(0);
  expect(await badgeText(worker)).toBe('');
});

test('an old congress Fahrplan page (frab) links its recording', async ({ launchExtension, internet }) => {
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  const page = await visit(context, CONGRESS_2019);
  await expect(box(page).getByRole('link', { name: 'Watch on media.ccc.de' })).toHaveAttribute(
    'href',
    'https://media.ccc.de/v/36c3-10496-open-hardware-for-radio-astronomy',
  );
  expect(internet.apiRequests()).toContain('/public/conferences/36c3');
});

test('an older talk media.ccc.de has no recording of says so, and offers no notification', async ({
  launchExtension,
}) => {
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  const page = await visit(context, ASG_2023_UNRECORDED);
  await expect(box(page)).toContainText('No recording on media.ccc.de');
  await expect(box(page)).not.toContainText('No recording published yet');
  await expect(box(page).getByRole('button', { name: /Notify me/ })).toHaveCount(0);
});

test('a page of a talk the archive knows asks media.ccc.de’s archive nothing', async ({
  launchExtension,
  internet,
}) => {
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  const page = await visit(context, ASG_2025_KNOWN);
  await expect(box(page).getByRole('link', { name: 'Watch on media.ccc.de' })).toHaveAttribute(
    'href',
    `https://media.ccc.de/v/${SAMPLE_TALKS[1]!.slug}`,
  );
  expect(internet.apiRequests()).toEqual([]);
});
