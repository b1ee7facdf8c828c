import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { feedXml } from '../support/feed-xml';
import { reliveJson, serveJson, streamsJson, type FakeStreamedConference } from '../support/fake-streaming';
import { scheduleFeed } from '../support/schedule-feed';
import { SAMPLE_TALKS } from '../support/sample-feed';
import { expect, test } from './extension';
import type { FakeInternet } from './fake-internet';
import { boxOf, clickInBox, HQ_FEED, openPopup, screenshot, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

/**
 * Live now and ReLive (docs/live.md) in Chromium: the streaming site's `streams/v2.json` and the
 * 40C3 ReLive index come from the fake internet, with times set from the test's own clock, so
 * the talk is on air (or over) whatever the date. The extension is the test build that holds
 * the optional streaming hosts as granted (tests/e2e/extension.ts `liveHosts`).
 */
const HUB_40C3 = 'https://events.ccc.de/congress/2026/hub/event/detail/mesh-radios-for-everyone';
const HUB_39C3 = 'https://events.ccc.de/congress/2025/hub/en/event/detail/reproducible-builds-in-2025';
const STREAMS = 'https://streaming.media.ccc.de/streams/v2.json';
const RELIVE = 'https://cdn.c3voc.de/relive/40c3/index.json';
const TALK = 'Mesh radios for everyone';
const GUID = '5c1e2f3a-40c3-4d5e-9f00-000000000042';
const MIN = 60_000;

const fixture = (path: string) => readFileSync(`tests/fixtures/sites/${path}`, 'utf8');

function servePage(internet: FakeInternet, url: string, body: string) {
  const { host, pathname } = new URL(url);
  internet.on(host, pathname, { status: 200, body, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

/** 40C3 while the talk is on in Saal 1 (`during`), or 10 minutes after it ended (`after`). */
function congress(phase: 'during' | 'after', now = Date.now()): FakeStreamedConference {
  const talkStart = phase === 'during' ? now - 10 * MIN : now - 50 * MIN;
  const mesh = { title: TALK, speaker: 'Ada Funk', guid: GUID, start: talkStart, end: talkStart + 40 * MIN };
  const later = {
    title: 'Keeping old routers alive',
    speaker: 'Bo Lin',
    start: mesh.end + 5 * MIN,
    end: mesh.end + 45 * MIN,
  };
  return {
    mandator: '40c3',
    slug: '40c3',
    title: '40th Chaos Communication Congress',
    startsAt: now - 2 * 24 * 60 * MIN,
    endsAt: now + 2 * 24 * 60 * MIN,
    rooms: [
      {
        slug: 'saal-1',
        display: 'Saal 1',
        current: phase === 'during' ? mesh : later,
        next: phase === 'during' ? later : null,
      },
      {
        slug: 'saal-2',
        display: 'Saal 2',
        // Hostile text stays text.
        current: {
          title: '<img src=x onerror=alert(1)> Bold claims',
          speaker: 'Eve',
          start: now - 5 * MIN,
          end: now + 25 * MIN,
        },
      },
      {
        slug: 'saal-3',
        display: 'Saal 3',
        current: { title: 'Pause', start: now - 5 * MIN, end: now + 5 * MIN, special: 'pause' },
      },
    ],
  };
}

function reliveIndex(phase: 'during' | 'after', now = Date.now()): string {
  const start = phase === 'during' ? now - 10 * MIN : now - 50 * MIN;
  return reliveJson('40c3', [
    {
      id: 42,
      guid: GUID,
      title: TALK,
      room: 'Saal 1',
      start,
      duration: 2400,
      status: phase === 'during' ? 'live' : 'recorded',
    },
    {
      id: 43,
      guid: '5c1e2f3a-40c3-4d5e-9f00-000000000043',
      title: 'Later talk',
      room: 'Saal 1',
      start: now + 60 * MIN,
      duration: 1800,
      status: 'not_running',
    },
  ]);
}

/** axe's serious and critical findings within one part of a page. */
async function seriousViolations(page: Page, include: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(include).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function streamingRequests(internet: FakeInternet): string[] {
  return internet.requests
    .filter((r) => r.host === 'streaming.media.ccc.de' || r.host === 'cdn.c3voc.de')
    .map((r) => `${r.host}${r.path}`);
}

async function visit(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto(url);
  return page;
}

test.beforeEach(({ internet }) => {
  internet.serveFeed(HQ_FEED, scheduleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
  servePage(internet, HUB_40C3, fixture('ccc-hub/hub-40c3-event.html'));
  servePage(internet, HUB_39C3, fixture('ccc-hub/hub-39c3-event.html'));
});

test('"Live now" on the talk’s page during its slot, and in the popup', async ({ internet, launchExtension }) => {
  serveJson(internet, STREAMS, () => streamsJson([congress('during')]));
  serveJson(internet, RELIVE, () => reliveIndex('during'));
  const { context, worker, extensionId } = await launchExtension({ liveHosts: true });
  expect((await waitForSync(worker)).lastError).toBeNull();
  // Nothing is asked of the streaming hosts before a page of a conference that may be live opens.
  expect(streamingRequests(internet)).toEqual([]);

  const page = await visit(context, HUB_40C3);
  const box = await boxOf(page);
  await expect(box.locator('.live-line')).toContainText('Live now in Saal 1');
  await expect(box.getByRole('link', { name: 'Watch the stream' })).toHaveAttribute(
    'href',
    'https://streaming.media.ccc.de/40c3/saal-1',
  );
  expect(streamingRequests(internet)).toEqual([
    'streaming.media.ccc.de/streams/v2.json',
    'cdn.c3voc.de/relive/40c3/index.json',
  ]);
  await screenshot(page, 'live-box-now');

  // "All streamed conferences" (40C3 is not followed: the archive has no talk of it yet).
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('live-settings').getByRole('combobox').selectOption('all');
  await expect
    .poll(() =>
      worker.evaluate(async () => {
        const { personal } = await chrome.storage.local.get('personal');
        return (personal as { settings?: Record<string, { v: unknown }> } | undefined)?.settings?.liveScope?.v;
      }),
    )
    .toBe('all');
  await options.close();

  const popup = await openPopup(context, extensionId);
  const live = popup.getByTestId('live-now');
  await expect(live.locator('.live-room')).toHaveCount(2);
  await expect(live).toContainText('40th Chaos Communication Congress');
  const saal1 = live.locator('.live-room', { hasText: 'Saal 1' });
  await expect(saal1).toContainText(TALK);
  await expect(saal1).toContainText('Ada Funk');
  await expect(saal1.getByRole('link', { name: `Watch Saal 1 live: ${TALK}` })).toHaveAttribute(
    'href',
    'https://streaming.media.ccc.de/40c3/saal-1',
  );
  // Markup in a title is dropped like in feed text; what is left is text.
  await expect(live.locator('.live-room', { hasText: 'Saal 2' }).locator('.talk__title')).toHaveText('Bold claims');
  await expect(live.locator('img')).toHaveCount(0);
  expect(await seriousViolations(popup, '[data-testid="live-now"]')).toEqual([]);
  await screenshot(popup, 'live-popup');
});

test('ReLive after the talk until the release is on media.ccc.de, then the recording', async ({
  internet,
  launchExtension,
}) => {
  serveJson(internet, STREAMS, () => streamsJson([congress('after')]));
  serveJson(internet, RELIVE, () => reliveIndex('after'));
  const { context, worker, extensionId } = await launchExtension({ liveHosts: true });
  const first = await waitForSync(worker);

  const page = await visit(context, HUB_40C3);
  const box = await boxOf(page);
  await expect(box.locator('.live-line')).toContainText('ReLive: unprocessed recording');
  await expect(box.getByRole('link', { name: 'Watch the ReLive' })).toHaveAttribute(
    'href',
    `https://streaming.media.ccc.de/40c3/relive/${GUID}`,
  );
  await expect(box).not.toContainText('Live now');
  await clickInBox(box.getByRole('button', { name: 'Notify me when the recording is published' }));
  await expect(box.getByText('Aftertalk will notify you when the recording is published.')).toBeVisible();
  // The live line stays in place after the click's new answer.
  await expect(box.locator('.live-line')).toContainText('ReLive: unprocessed recording');
  await screenshot(page, 'live-box-relive');

  const popup = await openPopup(context, extensionId);
  await popup.getByRole('tab', { name: /Waiting/ }).click();
  await expect(
    popup.getByRole('link', { name: `Watch the ReLive of ${TALK} (unprocessed recording)` }),
  ).toHaveAttribute('href', `https://streaming.media.ccc.de/40c3/relive/${GUID}`);

  // The release arrives in the feed: the box shows the recording, and no ReLive any more.
  internet.serveFeed(
    HQ_FEED,
    feedXml([
      {
        id: GUID,
        title: `${TALK} (40c3)`,
        slug: '40c3-42-mesh-radios-for-everyone',
        author: 'Ada Funk',
        keywords: '40c3, Hardware, Saal 1, 40c3-eng',
        pubDate: new Date().toUTCString(),
        description: `Mesh radios for everyone.\nabout this event: ${HUB_40C3}`,
      },
      ...SAMPLE_TALKS,
    ]),
  );
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await waitForSync(worker, first.lastAttemptAt);
  await page.reload();
  const after = await boxOf(page);
  await expect(after.getByRole('link', { name: 'Watch on media.ccc.de' })).toBeVisible();
  await expect(after.locator('.live-line')).toHaveCount(0);
});

test('a bad streams/v2.json and an HTML ReLive index leave the box as it was and say so', async ({
  internet,
  launchExtension,
}) => {
  const good = streamsJson([congress('during')]);
  serveJson(internet, STREAMS, () => good.slice(0, Math.floor(good.length / 2)));
  serveJson(internet, RELIVE, () => '<!doctype html><title>404</title><h1>Not found</h1>', 'text/html');
  const { context, worker, extensionId } = await launchExtension({ liveHosts: true });
  expect((await waitForSync(worker)).lastError).toBeNull();

  const page = await visit(context, HUB_40C3);
  const box = await boxOf(page);
  await expect(box.getByText('No recording published yet')).toBeVisible();
  await expect(box.locator('.live-line')).toHaveCount(0);
  await expect.poll(() => streamingRequests(internet)).toContain('streaming.media.ccc.de/streams/v2.json');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('live-status')).toHaveText(
    'streaming.media.ccc.de sent something other than its usual list; it was ignored.',
  );
});

test('nothing is asked of the streaming hosts while no followed conference is live', async ({
  internet,
  launchExtension,
}) => {
  serveJson(internet, STREAMS, () => streamsJson([congress('during')]));
  serveJson(internet, RELIVE, () => reliveIndex('during'));
  const { context, worker, extensionId } = await launchExtension({ liveHosts: true });
  expect((await waitForSync(worker)).lastError).toBeNull();

  // Follow 39c3: the archive's newest 39c3 talk is from December 2025, so 39C3 is over.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('button', { name: 'Follow 39c3' }).click();
  await expect(options.getByRole('button', { name: 'Follow 39c3' })).toHaveAttribute('aria-pressed', 'true');
  const popup = await openPopup(context, extensionId);
  // A schedule page of that (past) conference, with its box.
  const page = await visit(context, HUB_39C3);
  await expect((await boxOf(page)).getByRole('link', { name: 'Watch on media.ccc.de' })).toBeVisible();
  // The page was noted as open (its lookup waited for the live check's decision), and nothing was asked.
  await expect
    .poll(() =>
      worker.evaluate(async () =>
        Object.keys(((await chrome.storage.local.get('live')).live as { pages?: object })?.pages ?? {}),
      ),
    )
    .toEqual(['39c3']);
  await popup.reload();
  await expect(popup.getByTestId('latest-talks')).toBeVisible();
  await expect(popup.getByTestId('live-now')).toHaveCount(0);
  expect(streamingRequests(internet)).toEqual([]);
});

test('the popup offers the streaming hosts once a conference is followed, and "Not now" puts the offer away', async ({
  internet,
  launchExtension,
}) => {
  // The shipped manifest: the streaming hosts are optional and not granted.
  const { context, worker, extensionId } = await launchExtension();
  expect((await waitForSync(worker)).lastError).toBeNull();
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('latest-talks')).toBeVisible();
  await expect(popup.getByTestId('live-offer')).toHaveCount(0);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('button', { name: 'Follow 39c3' }).click();
  await expect(options.getByTestId('live-settings')).toContainText('Off: Aftertalk asks the streaming hosts nothing.');
  await popup.reload();
  const offer = popup.getByTestId('live-offer');
  await expect(offer).toContainText('Show live talks and ReLive for 39C3?');
  expect(await seriousViolations(popup, '[data-testid="live-offer"]')).toEqual([]);
  await offer.getByRole('button', { name: 'Not now' }).click();
  await expect(offer).toHaveCount(0);
  await popup.reload();
  await expect(popup.getByTestId('latest-talks')).toBeVisible();
  await expect(popup.getByTestId('live-offer')).toHaveCount(0);
  expect(streamingRequests(internet)).toEqual([]);
});
