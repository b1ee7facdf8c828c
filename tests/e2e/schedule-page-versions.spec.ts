import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { RELATED_TALKS, scheduleFeed } from '../support/schedule-feed';
import { displayTitle } from '../support/sample-feed';
import { expect, test } from './extension';
import type { FakeInternet } from './fake-internet';
import { boxOf, HQ_FEED, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

/**
 * One page of each site family and layout generation in Chromium, at its real URL through the
 * fake internet, after a sync of the fixture feed (docs/schedule-pages.md, "Covered page
 * versions"): an archive.fosdem.org year, pretalx's new talk layout, a 39C3 hub page, the 39C3
 * Fahrplan, and a hub page whose markup no selector knows.
 */
const fixture = (path: string) => readFileSync(`tests/fixtures/sites/${path}`, 'utf8');

function servePage(internet: FakeInternet, url: string, body: string) {
  const { host, pathname } = new URL(url);
  internet.on(host, pathname, { status: 200, body, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

const FOSDEM_2016 = 'https://archive.fosdem.org/2016/schedule/event/reproducible_debian/';
const FOSDEM_2019 = 'https://archive.fosdem.org/2019/schedule/event/keynote_fifty_years_unix/';
const PRETALX_MAIN = 'https://pretalx.com/democon-2026/talk/HX9LTE/';
const HUB_39C3 = 'https://events.ccc.de/congress/2025/hub/en/event/detail/reproducible-builds-in-2025';
const FAHRPLAN_39C3 = 'https://fahrplan.events.ccc.de/congress/2025/fahrplan/event/opening-ceremony';
/** A hub URL no stored talk names: only the page's own title can find the recording. */
const HUB_REDESIGNED = 'https://events.ccc.de/congress/2025/hub/en/event/detail/reproducible-builds-redesigned';
const REPRODUCIBLE = RELATED_TALKS[0]!;

test.beforeEach(({ internet }) => {
  internet.serveFeed(HQ_FEED, scheduleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
  servePage(internet, FOSDEM_2016, fixture('fosdem/2016-event.html'));
  servePage(internet, FOSDEM_2019, fixture('fosdem/2019-event.html'));
  servePage(internet, PRETALX_MAIN, fixture('pretalx/next-layout.html'));
  servePage(internet, HUB_39C3, fixture('ccc-hub/hub-39c3-event.html'));
  servePage(internet, FAHRPLAN_39C3, fixture('ccc-hub/fahrplan-39c3-event.html'));
  // The unknown-markup page, titled (og:title and <title>) as a 39C3 talk of the archive.
  servePage(
    internet,
    HUB_REDESIGNED,
    fixture('ccc-hub/hub-unknown-markup.html')
      .replaceAll('Satellite ground stations on a budget', displayTitle(REPRODUCIBLE))
      .replaceAll('40C3', '39C3'),
  );
});

async function synced(launch: () => Promise<{ context: BrowserContext; worker: import('@playwright/test').Worker }>) {
  const launched = await launch();
  expect((await waitForSync(launched.worker)).lastError).toBeNull();
  return launched.context;
}

async function visit(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test('archive.fosdem.org pages of 2016 and 2019 get their recordings from the page', async ({ launchExtension }) => {
  const context = await synced(launchExtension);
  // 2016: no "Video recording" label known, the player's WebM file is offered by its kind.
  const old = await visit(context, FOSDEM_2016);
  const oldFiles = (await boxOf(old)).getByRole('list', { name: 'Recording on video.fosdem.org' }).getByRole('link');
  await expect(oldFiles).toHaveCount(1);
  await expect(oldFiles.first()).toHaveAttribute(
    'href',
    'https://video.fosdem.org/2016/k1105/reproducible-builds-in-debian.webm',
  );
  // 2019: the labelled links, WebM and MP4.
  const newer = await visit(context, FOSDEM_2019);
  const files = (await boxOf(newer)).getByRole('link', { name: /Video recording/ });
  await expect(files).toHaveCount(2);
  await expect(files.nth(1)).toHaveAttribute('href', /^https:\/\/video\.fosdem\.org\/2019\/.+\.mp4$/);
  expect(await newer.evaluate(() => document.querySelector('aftertalk-box')?.nextElementSibling?.className)).toBe(
    'event-blurb',
  );
});

test("pretalx's new talk layout gets the box at the top of the talk's content", async ({ launchExtension }) => {
  const context = await synced(launchExtension);
  const page = await visit(context, PRETALX_MAIN);
  const box = await boxOf(page);
  await expect(box).toHaveCount(1);
  await expect(box.getByRole('status')).toContainText('No recording published yet');
  expect(
    await page.evaluate(() => document.querySelector('.talk-layout .talk-content')?.firstElementChild?.localName),
  ).toBe('aftertalk-box');
});

test('a 39C3 hub page links its recording, right below the title', async ({ launchExtension }) => {
  const context = await synced(launchExtension);
  const page = await visit(context, HUB_39C3);
  const watch = (await boxOf(page)).getByRole('link', { name: 'Watch on media.ccc.de' });
  await expect(watch).toHaveAttribute('href', `https://media.ccc.de/v/${REPRODUCIBLE.slug}`);
  expect(await page.evaluate(() => document.querySelector('aftertalk-box')?.previousElementSibling?.className)).toBe(
    'hub-head-main',
  );
});

test('a 39C3 Fahrplan page gets a box from its metadata', async ({ launchExtension }) => {
  const context = await synced(launchExtension);
  const page = await visit(context, FAHRPLAN_39C3);
  const box = await boxOf(page);
  await expect(box).toHaveCount(1);
  await expect(box.getByRole('status')).toContainText(/No recording/);
});

test('a hub page of unknown markup is read by its og:title, not by its headings', async ({ launchExtension }) => {
  const context = await synced(launchExtension);
  const page = await visit(context, HUB_REDESIGNED);
  // Found by title within 39c3: only the page's og:title names the talk (its h1s say
  // "40C3 Hub"/"Please log in…" turned "39C3 Hub"/"Please log in…").
  const box = await boxOf(page);
  await expect(box.getByRole('link', { name: 'Watch on media.ccc.de' })).toHaveAttribute(
    'href',
    `https://media.ccc.de/v/${REPRODUCIBLE.slug}`,
  );
  await expect(box).toContainText(displayTitle(REPRODUCIBLE));
});
