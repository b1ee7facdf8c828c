import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import {
  OLD_CONGRESS_EXPORT,
  OLD_CONGRESS_TALK,
  RELATED_TALKS,
  SOTM_RESILIENCE,
  scheduleFeed,
} from '../support/schedule-feed';
import { SAMPLE_TALKS } from '../support/sample-feed';
import { displayTitle } from '../support/sample-feed';
import { expect, test } from './extension';
import type { FakeInternet } from './fake-internet';
import { boxOf, HQ_FEED, screenshot, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

/**
 * Schedule pages at their real https hosts (the fake internet answers for every host), after a
 * sync of a fixture feed: what the content script adds, and where it adds nothing.
 */
const fixture = (path: string) => readFileSync(`tests/fixtures/sites/${path}`, 'utf8');

/** pretalx-like strict CSP: no inline styles, images only from the site itself. */
const STRICT_CSP = "default-src 'self'; style-src 'self'; img-src 'self'; script-src 'self'";

function servePage(internet: FakeInternet, url: string, fixturePath: string, headers: Record<string, string> = {}) {
  const { host, pathname } = new URL(url);
  internet.on(host, pathname, {
    status: 200,
    body: fixture(fixturePath),
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
  });
}

const ASG_PAGE = 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/';
const PRETALX_UNPUBLISHED = 'https://pretalx.com/democon-2026/talk/QK3PXA/';
const PRETALX_SCHEDULE = 'https://pretalx.com/democon-2026/schedule/';
const FOSDEM_PAGE = 'https://fosdem.org/2026/schedule/event/R8KQ7M-rust_in_the_kernel_status/';
const SOTM_KNOWN = 'https://2025.stateofthemap.org/sessions/8KKLCS/';
const SOTM_UNKNOWN = 'https://2025.stateofthemap.org/sessions/ZZZZZZ/';
const FAHRPLAN_EXPORT_PAGE = 'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/index.html';

const ASG_TALK = SAMPLE_TALKS[1]!;

test.beforeEach(({ internet }) => {
  internet.serveFeed(HQ_FEED, scheduleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
  servePage(internet, ASG_PAGE, 'pretalx/released-2025-all-systems-go.html', { 'Content-Security-Policy': STRICT_CSP });
  servePage(internet, PRETALX_UNPUBLISHED, 'pretalx/released-2026-pretalx-com.html');
  servePage(internet, PRETALX_SCHEDULE, 'pretalx/schedule-overview.html');
  servePage(internet, FOSDEM_PAGE, 'fosdem/2026-event-video.html');
  servePage(internet, SOTM_KNOWN, 'linked-page/sotm-2025-session.html');
  servePage(internet, SOTM_UNKNOWN, 'linked-page/sotm-2025-session.html');
  servePage(internet, FAHRPLAN_EXPORT_PAGE, 'pretalx/static-export-38c3.html');
  internet.on('fahrplan.events.ccc.de', '/congress/2024/fahrplan/schedule/export/schedule.json', {
    status: 200,
    body: OLD_CONGRESS_EXPORT,
    headers: { 'Content-Type': 'application/json' },
  });
});

async function syncedBrowser(
  launch: () => Promise<{ context: BrowserContext; worker: import('@playwright/test').Worker }>,
) {
  const launched = await launch();
  const status = await waitForSync(launched.worker);
  expect(status.lastError).toBeNull();
  return launched;
}

async function visit(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const box = boxOf;

test('a pretalx page on a custom domain gets its recording and related talks', async ({ launchExtension }) => {
  const { context } = await syncedBrowser(launchExtension);
  const page = await visit(context, ASG_PAGE);
  const watch = (await box(page)).getByRole('link', { name: 'Watch on media.ccc.de' });
  await expect(watch).toHaveAttribute('href', `https://media.ccc.de/v/${ASG_TALK.slug}`);
  await expect(watch).toHaveAttribute('target', '_blank');
  await expect(watch).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(await box(page)).toContainText(displayTitle(ASG_TALK));
  await expect((await box(page)).getByRole('link', { name: /Download video \(MP4/ })).toHaveAttribute(
    'href',
    /^https:\/\/cdn\.media\.ccc\.de\//,
  );
  // The same speaker's measured-boot talk from 39c3 is the most related recording.
  const related = (await box(page)).getByRole('list', { name: 'Related recordings' }).getByRole('link');
  await expect(related.first()).toHaveText(displayTitle(RELATED_TALKS[2]!));
  await expect(related).not.toContainText([displayTitle(ASG_TALK)]);
  // Styled despite the page's strict CSP (no inline styles allowed for the page itself).
  expect(await watch.evaluate((a) => getComputedStyle(a).display)).not.toBe('inline');
  // The box sits at the top of the talk's content, where pretalx puts its own recording.
  expect(await page.evaluate(() => document.querySelector('.talk-content')?.firstElementChild?.localName)).toBe(
    'aftertalk-box',
  );
  await screenshot(page, 'schedule-pretalx-recording');
});

test('an unpublished pretalx.com talk says so and still lists related recordings', async ({
  launchExtension,
  internet,
}) => {
  const { context } = await syncedBrowser(launchExtension);
  const page = await visit(context, `${PRETALX_UNPUBLISHED}?lang=en`);
  await expect(await box(page)).toContainText('No recording published yet');
  await expect((await box(page)).getByRole('link', { name: 'Watch on media.ccc.de' })).toHaveCount(0);
  const related = (await box(page)).getByRole('list', { name: 'Related recordings' }).getByRole('link');
  await expect(related.nth(0)).toHaveText(displayTitle(RELATED_TALKS[0]!));
  await expect(related.nth(1)).toHaveText(displayTitle(RELATED_TALKS[1]!));
  await expect(related.first()).toHaveAttribute('href', `https://media.ccc.de/v/${RELATED_TALKS[0]!.slug}`);
  await screenshot(page, 'schedule-pretalx-unpublished');
  // No stored talk of this event: nothing the schedule export could add, so it is not downloaded.
  expect(internet.requests.filter((r) => r.path.endsWith('/schedule/export/schedule.json'))).toHaveLength(0);
});

test('a FOSDEM event page shows its own video links first, then related recordings', async ({ launchExtension }) => {
  const { context } = await syncedBrowser(launchExtension);
  const page = await visit(context, FOSDEM_PAGE);
  const videoLinks = (await box(page)).getByRole('link', { name: /Video recording/ });
  await expect(videoLinks.first()).toHaveAttribute('href', /^https:\/\/video\.fosdem\.org\//);
  const related = (await box(page)).getByRole('list', { name: 'Related recordings' }).getByRole('link');
  await expect(related).toContainText([displayTitle(SAMPLE_TALKS[0]!)]);
  await expect(related.first()).toHaveText(displayTitle(SAMPLE_TALKS[0]!));
  // After the facts box, before the abstract.
  expect(await page.evaluate(() => document.querySelector('aftertalk-box')?.nextElementSibling?.className)).toMatch(
    /event-logo|event-blurb/,
  );
  await screenshot(page, 'schedule-fosdem');
});

test('a page a stored talk names as its schedule page gets related talks, an unknown one nothing', async ({
  launchExtension,
}) => {
  const { context } = await syncedBrowser(launchExtension);
  const known = await visit(context, SOTM_KNOWN);
  // The page embeds the media.ccc.de player itself: no second recording block.
  const related = (await box(known)).getByRole('list', { name: 'Related recordings' }).getByRole('link');
  await expect(related.first()).toHaveText(displayTitle(RELATED_TALKS[5]!));
  await expect((await box(known)).getByRole('link', { name: 'Watch on media.ccc.de' })).toHaveCount(0);
  await expect(related).not.toContainText([displayTitle(SOTM_RESILIENCE)]);

  const unknown = await visit(context, SOTM_UNKNOWN);
  await unknown.waitForLoadState('load');
  await unknown.waitForTimeout(500);
  await expect(unknown.locator('aftertalk-box')).toHaveCount(0);
});

test('nothing is added to a page of the same host that is not a talk page', async ({ launchExtension }) => {
  const { context } = await syncedBrowser(launchExtension);
  const talk = await visit(context, PRETALX_UNPUBLISHED);
  await expect(talk.locator('aftertalk-box')).toHaveCount(1);
  const schedule = await visit(context, PRETALX_SCHEDULE);
  await schedule.waitForLoadState('load');
  // Give a content script every chance to run: it would have mounted within this time on the talk page.
  await schedule.waitForTimeout(500);
  await expect(schedule.locator('aftertalk-box')).toHaveCount(0);
});

test('an older congress talk is found through the GUID in the Fahrplan schedule export', async ({
  launchExtension,
  internet,
}) => {
  const { context } = await syncedBrowser(launchExtension);
  const page = await visit(context, FAHRPLAN_EXPORT_PAGE);
  const watch = (await box(page)).getByRole('link', { name: 'Watch on media.ccc.de' });
  await expect(watch).toHaveAttribute('href', `https://media.ccc.de/v/${OLD_CONGRESS_TALK.slug}`);
  // The 39c3 talk that happens to carry the same code on another host and event is not taken.
  await expect(await box(page)).toContainText(displayTitle(OLD_CONGRESS_TALK));
  expect(
    internet.requestsTo('https://fahrplan.events.ccc.de/congress/2024/fahrplan/schedule/export/schedule.json'),
  ).toHaveLength(1);
});

test('options list the schedule sites named in the archive that are not enabled yet', async ({ launchExtension }) => {
  const { context, worker } = await syncedBrowser(launchExtension);
  const extensionId = new URL(worker.url()).host;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const candidates = options.getByRole('list', { name: 'Schedule sites from your archive' });
  // Built-in hosts (events.ccc.de, cfp.all-systems-go.io, *.stateofthemap.org) are not offered.
  await expect(candidates.getByRole('listitem')).toHaveCount(2);
  await expect(candidates).toContainText('programm.froscon.org');
  await expect(candidates).toContainText('talks.datenspuren.de');
  await expect(options.getByRole('button', { name: /Enable all \(2 sites\)/ })).toBeVisible();
  await screenshot(options, 'options-schedule-sites', { fullPage: true });
});
