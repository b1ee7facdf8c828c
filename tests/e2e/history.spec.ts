import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { fakeVoctowebAnswer } from '../support/fake-voctoweb';
import { scheduleFeed } from '../support/schedule-feed';
import { SAMPLE_TALKS } from '../support/sample-feed';
import { expect, test } from './extension';
import type { FakeInternet } from './fake-internet';
import { archiveCount, badgeText, boxOf, HQ_FEED, openPopup, screenshot, waitForSync } from './steps';
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

const box = boxOf;

test('an older pretalx talk page links the recording media.ccc.de’s archive has; search finds it, the badge stays', async ({
  launchExtension,
  internet,
}) => {
  const { context, worker, extensionId } = await launchExtension();
  await waitForSync(worker);
  const page = await visit(context, ASG_2023);
  const watch = (await box(page)).getByRole('link', { name: 'Watch on media.ccc.de' });
  await expect(watch).toHaveAttribute('href', 'https://media.ccc.de/v/asg2023-2301-booting-with-systemd-boot-and-ukis');
  await expect(await box(page)).toContainText('Booting with systemd-boot and UKIs');
  await expect((await box(page)).getByRole('link', { name: /Download video \(MP4/ })).toHaveAttribute(
    'href',
    /^https:\/\/cdn\.media\.ccc\.de\/.+\.mp4$/,
  );
  await expect(await box(page)).not.toContainText('No recording published yet');
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
  await expect((await box(page)).getByRole('link', { name: 'Watch on media.ccc.de' })).toHaveAttribute(
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
  await expect(await box(page)).toContainText('No recording on media.ccc.de');
  await expect(await box(page)).not.toContainText('No recording published yet');
  await expect((await box(page)).getByRole('button', { name: /Notify me/ })).toHaveCount(0);
});

test('a page of a talk the archive knows asks media.ccc.de’s archive nothing', async ({
  launchExtension,
  internet,
}) => {
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  const page = await visit(context, ASG_2025_KNOWN);
  await expect((await box(page)).getByRole('link', { name: 'Watch on media.ccc.de' })).toHaveAttribute(
    'href',
    `https://media.ccc.de/v/${SAMPLE_TALKS[1]!.slug}`,
  );
  expect(internet.apiRequests()).toEqual([]);
});

test('the popup searches all of media.ccc.de when the archive has little; a later search finds the talks locally', async ({
  launchExtension,
  internet,
}) => {
  // The search answers when the test says so, so the popup's state while searching can be seen.
  let answerSearch!: () => void;
  const answered = new Promise<void>((resolve) => (answerSearch = resolve));
  const searches: string[] = [];
  internet.on('media.ccc.de', '/public/events/search', async (request) => {
    searches.push(request.url ?? '');
    await answered;
    const answer = fakeVoctowebAnswer(request.url ?? '');
    return { status: answer.status, body: answer.body, headers: { 'Content-Type': 'application/json' } };
  });
  const { context, worker, extensionId } = await launchExtension();
  await waitForSync(worker);
  const popup = await openPopup(context, extensionId);
  await popup.emulateMedia({ colorScheme: 'light' });
  const search = popup.getByRole('searchbox', { name: 'Search the archive' });
  await search.fill('radio astronomy');
  await expect(popup.getByText('No talk in the archive matches.')).toBeVisible();
  const button = popup.getByRole('button', { name: 'Search all of media.ccc.de for “radio astronomy”' });
  await expect(button).toBeVisible();
  await expect(popup.getByText('This sends the search words to media.ccc.de.')).toBeVisible();
  // Offering sends nothing: the words leave the browser only on a click.
  expect(internet.apiRequests()).toEqual([]);
  await screenshot(popup, 'popup-search-all-offer');

  await button.click();
  const status = popup.locator('.search-all__status');
  await expect(status).toHaveText('Searching media.ccc.de…');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await screenshot(popup, 'popup-search-all-searching');
  answerSearch();
  const found = popup.getByTestId('search-all-results').locator('.talk__title');
  await expect(found).toHaveText([
    'Open hardware for radio astronomy',
    'Open hardware for radio astronomy, remote edition',
  ]);
  await expect(popup.getByRole('heading', { name: 'From media.ccc.de’s archive' })).toBeVisible();
  await expect(status).toHaveText('media.ccc.de found 2 talks; they are in your archive now.');
  await expect(popup.getByText('No talk in the archive matches.')).toHaveCount(0);
  await expect(button).toHaveCount(0);
  await screenshot(popup, 'popup-search-all-results');

  // The talks are in the archive now: the same words find them locally, without asking again.
  await search.fill('');
  await expect(popup.getByTestId('new-talks')).toHaveCount(0);
  await search.fill('radio astronomy');
  await expect(popup.getByTestId('search-results').locator('.talk__title')).toHaveText([
    'Open hardware for radio astronomy, remote edition',
    'Open hardware for radio astronomy',
  ]);
  await expect(popup.getByTestId('search-all-results')).toHaveCount(0);
  expect(internet.apiRequests()).toEqual(['/public/events/search']);
  expect(searches).toEqual(['/public/events/search?q=radio%20astronomy']);
  // History, not news: nothing on the badge.
  expect(await badgeText(worker)).toBe('');
});

test('the popup says when media.ccc.de could not be searched, and stores nothing', async ({
  launchExtension,
  internet,
}) => {
  internet.on('media.ccc.de', '/public/events/search', { status: 503, body: 'Service Unavailable' });
  const { context, worker, extensionId } = await launchExtension();
  await waitForSync(worker);
  const total = await archiveCount(worker);
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('searchbox', { name: 'Search the archive' }).fill('radio astronomy');
  await popup.getByRole('button', { name: /^Search all of media\.ccc\.de for/ }).click();
  await expect(popup.locator('.search-all__status')).toHaveText('media.ccc.de could not be searched right now.');
  await expect(popup.getByRole('button', { name: /^Search all of media\.ccc\.de for/ })).toBeVisible();
  expect(await archiveCount(worker)).toBe(total);
  expect(await badgeText(worker)).toBe('');
});
