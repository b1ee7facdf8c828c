import { readFileSync } from 'node:fs';
import type { Page, Worker } from '@playwright/test';
import { scheduleFeed } from '../support/schedule-feed';
import { displayTitle, SAMPLE_TALKS } from '../support/sample-feed';
import { expect, test } from './extension';
import type { FakeInternet } from './fake-internet';
import { boxFrame, boxOf, clickInBox, HQ_FEED, screenshot, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';
import { STILL_MS } from '../../lib/enrich/page/click-guard';

/**
 * The attacks of a page the box runs on, tried as such a page would (the security review's
 * proofs of concept): read the box, ask about another talk, make the user click, steer focus.
 * Each attack runs against a talk the user has marks on, so there is something to learn.
 */

const PAGE = 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/';
const TALK = SAMPLE_TALKS[1]!; // the recording of that page
const TALK_ID = TALK.id!;
const OTHER_TALK_PAGE = 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/ZZ99ZZ/';

/** The talk page with something of the page's own added to its head (and to the start of its body). */
function serveTalkPage(internet: FakeInternet, head: string, body = '') {
  const html = readFileSync('tests/fixtures/sites/pretalx/released-2025-all-systems-go.html', 'utf8');
  internet.on('cfp.all-systems-go.io', new URL(PAGE).pathname, {
    status: 200,
    body: html.replace('<head>', `<head>${head}`).replace(/<body[^>]*>/, (tag) => tag + body),
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
}

/** The user's state: the page's own talk watched and on Watch later, and waiting for another talk of the host. */
async function giveTheUserMarks(worker: Worker) {
  await worker.evaluate(
    async ({ id, other }) => {
      const t = Date.now();
      const query = { site: 'pretalx', title: 'A talk the user waits for', scheduleUrl: other, speakers: [] };
      await chrome.storage.local.set({
        personal: {
          version: 1,
          watched: { [id]: { v: 1, t } },
          watchLater: { [id]: { v: 1, t } },
          waiting: { [other]: { v: { query }, t } },
        },
      });
    },
    { id: TALK_ID, other: OTHER_TALK_PAGE },
  );
}

const personal = (worker: Worker) =>
  worker.evaluate(async () => JSON.stringify((await chrome.storage.local.get('personal')).personal));

async function launched(
  launchExtension: () => Promise<{ context: import('@playwright/test').BrowserContext; worker: Worker }>,
) {
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  await giveTheUserMarks(worker);
  return { context, worker };
}

test.beforeEach(({ internet }) => {
  internet.serveFeed(HQ_FEED, scheduleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
});

test('a page script finds nothing of what the box shows: no root, no frame, no text, no find', async ({
  launchExtension,
  internet,
}) => {
  // Every way a script of the page could look into the box, tried every 50 ms until the box has answered.
  serveTalkPage(
    internet,
    `<script>
      window.__looks = [];
      const title = ${JSON.stringify(displayTitle(TALK))};
      const look = () => {
        const host = document.querySelector('aftertalk-box');
        getSelection().selectAllChildren(document.body);
        const selected = getSelection().toString();
        getSelection().removeAllRanges();
        window.__looks.push({
          host: !!host,
          root: !!(host && (host.shadowRoot || host.openOrClosedShadowRoot)),
          frames: window.frames.length,
          text: document.body.innerText.includes(title) || document.body.textContent.includes(title),
          selected: selected.includes(title),
          found: window.find(title) || window.find('Watched'),
          html: host ? host.outerHTML.replace(/ data-parked=""/, '') : '',
        });
      };
      setInterval(look, 50);
    </script>`,
    // While the page is still being parsed, the box's frame is already loading, parked out of sight.
    `<script>
      const parked = document.querySelector('aftertalk-box');
      window.__parked = parked ? parked.getBoundingClientRect().height : -1;
    </script>`,
  );
  const { context } = await launched(launchExtension);
  const page = await context.newPage();
  await page.goto(PAGE);
  const box = await boxOf(page);
  // The box does show the recording and the user's marks on it...
  await expect(box).toContainText(displayTitle(TALK));
  await expect(box.locator('.recording').getByRole('button', { name: 'Watch later', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.waitForTimeout(300);
  // ...and the page saw the box's host element, and nothing more, at any moment.
  expect(await page.evaluate(() => (window as unknown as { __parked: number }).__parked)).toBe(0);
  const looks = await page.evaluate(() => (window as unknown as { __looks: object[] }).__looks);
  const seen = looks.filter((look) => (look as { host: boolean }).host);
  expect(seen.length).toBeGreaterThan(3);
  for (const look of seen)
    expect(look).toEqual({
      host: true,
      root: false,
      frames: 0,
      text: false,
      selected: false,
      found: false,
      html: '<aftertalk-box></aftertalk-box>',
    });
});

test('a page that rewrote its address before it was parsed learns nothing about another talk of its host', async ({
  launchExtension,
  internet,
}) => {
  // A talk without a recording: its box offers "Notify me", or says the user waits, for the talk it asks about.
  const talkPage = 'https://pretalx.com/democon-2026/talk/QK3PXA/';
  const waitedFor = 'https://pretalx.com/othercon/talk/AAAAAA/';
  const html = readFileSync('tests/fixtures/sites/pretalx/released-2026-pretalx-com.html', 'utf8');
  internet.on('pretalx.com', new URL(talkPage).pathname, {
    status: 200,
    body: html.replace(
      '<head>',
      `<head><script>history.replaceState(null, '', '${new URL(waitedFor).pathname}');</script>`,
    ),
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  await worker.evaluate(async (other) => {
    const query = { site: 'pretalx', title: 'A talk the user waits for', scheduleUrl: other, speakers: [] };
    await chrome.storage.local.set({ personal: { version: 1, waiting: { [other]: { v: { query }, t: Date.now() } } } });
  }, waitedFor);
  const page = await context.newPage();
  await page.goto(talkPage);
  expect(page.url()).toBe(waitedFor);
  const box = await boxOf(page);
  // The box asked about the address the browser loaded, where the user waits for nothing.
  await expect(box.getByRole('button', { name: 'Notify me when the recording is published' })).toBeVisible();
  await expect(box.getByText('Aftertalk will notify you when the recording is published.')).toBeHidden();
  expect(await personal(worker)).toContain(waitedFor);
});

/** The page's CSS at its worst, then a real click of the user where the box's Watch later is. */
async function clickThroughPageCss(page: Page, css: string) {
  const box = await boxOf(page);
  const later = box.locator('.recording').getByRole('button', { name: 'Watch later', exact: true });
  await expect(later).toHaveAttribute('aria-pressed', 'true');
  await page.addStyleTag({ content: css });
  await page.waitForTimeout(STILL_MS + 300);
  const place = (await later.boundingBox())!;
  await page.mouse.click(place.x + place.width / 2, place.y + place.height / 2);
  return { box, later };
}

for (const [attack, css] of [
  [
    // The host's own `:host { all: initial !important }` beats page rules on the box itself, so
    // the page fades and moves the box's container instead.
    'an almost transparent box over the page',
    '.talk-content { position: fixed; top: 0; left: 0; width: 100vw; opacity: .001; z-index: 2147483647; }',
  ],
  [
    'a picture laid over the box that lets clicks through',
    'body::after { content: ""; position: fixed; inset: 0; background: #fff; pointer-events: none; z-index: 2147483647; }',
  ],
] as const) {
  test(`a click through ${attack} does not count; the box says so`, async ({ launchExtension, internet }) => {
    serveTalkPage(internet, '');
    const { context, worker } = await launched(launchExtension);
    const page = await context.newPage();
    await page.goto(PAGE);
    const before = await personal(worker);
    const { box, later } = await clickThroughPageCss(page, css);
    await expect(box.getByRole('alert')).toContainText('That click was not used');
    await expect(later).toHaveAttribute('aria-pressed', 'true');
    expect(await personal(worker)).toBe(before);
    if (attack.startsWith('an almost')) {
      // The page's trick taken away again, to show what the box says afterwards.
      await page.evaluate(() => document.querySelector('head > style:last-of-type')?.remove());
      await screenshot(page, 'schedule-click-refused');
    }
  });
}

test('the page cannot put focus into the box: the user’s Space and Enter do nothing there', async ({
  launchExtension,
  internet,
}) => {
  serveTalkPage(internet, '');
  const { context, worker } = await launched(launchExtension);
  const page = await context.newPage();
  await page.goto(PAGE);
  const box = await boxOf(page);
  await expect(box.getByRole('link', { name: 'Watch on media.ccc.de' })).toBeVisible();
  const before = await personal(worker);
  // Every way in a page script has: the host, its (absent) root, the frames of the window.
  const tried = await page.evaluate(() => {
    const host = document.querySelector('aftertalk-box') as HTMLElement;
    host.tabIndex = 0;
    host.focus();
    host.shadowRoot?.querySelector('button')?.focus();
    for (let i = 0; i < window.frames.length; i++) window.frames[i]!.focus();
    return { active: document.activeElement?.localName, frames: window.frames.length };
  });
  expect(tried).toEqual({ active: 'aftertalk-box', frames: 0 });
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  expect(await personal(worker)).toBe(before);
  expect(await (await boxFrame(page)).evaluate(() => document.hasFocus())).toBe(false);
});

test('the user’s own click on a box in plain sight still counts', async ({ launchExtension, internet }) => {
  serveTalkPage(internet, '');
  const { context, worker } = await launched(launchExtension);
  const page = await context.newPage();
  await page.goto(PAGE);
  const box = await boxOf(page);
  const later = box.locator('.recording').getByRole('button', { name: 'Watch later', exact: true });
  await expect(later).toHaveAttribute('aria-pressed', 'true');
  const height = await page.locator('aftertalk-box').evaluate((host) => host.getBoundingClientRect().height);
  await clickInBox(later);
  await expect(later).toHaveAttribute('aria-pressed', 'false');
  await expect(box.getByRole('alert')).toHaveCount(0);
  expect(JSON.parse(await personal(worker)).watchLater[TALK_ID].v).toBeNull();
  // Taking the mark away did not change the box's size: the page cannot tell from outside.
  expect(await page.locator('aftertalk-box').evaluate((host) => host.getBoundingClientRect().height)).toBe(height);
});

test('a page that moves the box (and so reloads its frame) gets the same box back, which still works', async ({
  launchExtension,
  internet,
}) => {
  serveTalkPage(internet, '');
  const { context, worker } = await launched(launchExtension);
  const page = await context.newPage();
  await page.goto(PAGE);
  const before = await boxFrame(page);
  await expect(before.locator('.box .recording')).toContainText(displayTitle(TALK));
  // appendChild, unlike moveBefore, reloads a frame that is moved: the frame's new document must be drawn again.
  await page.evaluate(() => {
    const host = document.querySelector('aftertalk-box')!;
    const place = document.createElement('div');
    document.body.prepend(place);
    place.append(host);
  });
  // The frame that was moved is a new frame with a new document: the old one is gone.
  await expect.poll(() => before.isDetached()).toBe(true);
  const box = await boxOf(page);
  const later = box.locator('.recording').getByRole('button', { name: 'Watch later', exact: true });
  await expect(later).toHaveAttribute('aria-pressed', 'true');
  await clickInBox(later);
  await expect(later).toHaveAttribute('aria-pressed', 'false');
  expect(JSON.parse(await personal(worker)).watchLater[TALK_ID].v).toBeNull();
});
