import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Frame, Locator, Page } from '@playwright/test';
import { SAMPLE_TALKS } from '../support/sample-feed';
import { scheduleFeed } from '../support/schedule-feed';
import { playerEventJson, SUBTITLE_TEXT, subtitleUrlOf, type PlayerEventSpec } from '../support/player-event';
import { expect, test } from './extension';
import type { FakeInternet } from './fake-internet';
import { boxFrame, boxOf, clickInBox, HQ_FEED, openPopup, screenshot, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

/**
 * Play in place: the player in the schedule box and in the popup, against a fake media.ccc.de
 * whose files are all one 6-second WebM (tests/fixtures/media/).
 */
const VIDEO = readFileSync('tests/fixtures/media/talk.webm');
const ASG_PAGE = 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/';
const ASG_TALK = SAMPLE_TALKS[1]!;
const TALK_TITLE = ASG_TALK.title!.replace(/ \(asg2025\)$/, '');
const SPEC: PlayerEventSpec = {
  guid: ASG_TALK.id!,
  title: TALK_TITLE,
  slug: ASG_TALK.slug!,
  thumbUrl: ASG_TALK.image!,
  cdnBase: 'https://cdn.media.ccc.de/events/all_systems_go/2025',
};
const EVENT_PATH = `/public/events/${SPEC.guid}`;

function serveEvent(internet: FakeInternet, body: string, contentType = 'application/json; charset=utf-8') {
  internet.on('media.ccc.de', EVENT_PATH, { status: 200, body, headers: { 'Content-Type': contentType } });
}

test.beforeEach(({ internet }) => {
  internet.serveFeed(HQ_FEED, scheduleFeed());
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
  internet.on('cfp.all-systems-go.io', new URL(ASG_PAGE).pathname, {
    status: 200,
    body: readFileSync('tests/fixtures/sites/pretalx/released-2025-all-systems-go.html', 'utf8'),
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
  internet.serveMediaHost('cdn.media.ccc.de', VIDEO, 'video/webm');
  internet.on('static.media.ccc.de', new URL(subtitleUrlOf(SPEC)).pathname, {
    status: 200,
    body: SUBTITLE_TEXT,
    headers: { 'Content-Type': 'text/vtt', 'Access-Control-Allow-Origin': '*' },
  });
  serveEvent(internet, JSON.stringify(playerEventJson(SPEC)));
});

/** Requests the player makes: the talk's files, its subtitles, its entry in media.ccc.de's API. */
function playerRequests(internet: FakeInternet) {
  const subtitle = new URL(subtitleUrlOf(SPEC)).pathname;
  return internet.requests.filter(
    (r) =>
      r.host === 'cdn.media.ccc.de' ||
      (r.host === 'static.media.ccc.de' && r.path === subtitle) ||
      (r.host === 'media.ccc.de' && r.path === EVENT_PATH),
  );
}

async function visit(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const videoTime = (video: Locator) => video.evaluate((element: HTMLVideoElement) => element.currentTime);

async function playInBox(page: Page): Promise<{ frame: Frame; video: Locator }> {
  const box = await boxOf(page);
  await clickInBox(box.getByRole('button', { name: `Play “${TALK_TITLE}” here` }));
  const frame = await boxFrame(page);
  const video = frame.locator('video.player__video');
  await expect(video).toBeVisible();
  // The player's styles come with its code, on the first Play (components/player/use-player-code.ts).
  await expect(frame.locator('.player')).toHaveCSS('border-radius', '8px');
  return { frame, video };
}

test('a talk plays in the box after a click, and nothing of it is requested before', async ({
  launchExtension,
  internet,
}) => {
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  const page = await visit(context, ASG_PAGE);
  const box = await boxOf(page);
  const play = box.getByRole('button', { name: `Play “${TALK_TITLE}” here` });
  await expect(play).toBeVisible();
  const heightBefore = await box.evaluate((element) => element.getBoundingClientRect().height);
  // The box is ready, its thumbnails loaded: still no file, no subtitle, no API request for the talk.
  await page.waitForTimeout(1000);
  expect(playerRequests(internet)).toEqual([]);
  expect(await box.evaluate((element) => element.getBoundingClientRect().height)).toBe(heightBefore);

  const { frame, video } = await playInBox(page);
  await expect.poll(() => videoTime(video), { timeout: 15_000 }).toBeGreaterThan(0.5);
  // The frame may go fullscreen (the box's frame allows it), and offers picture-in-picture.
  expect(await frame.evaluate(() => [document.fullscreenEnabled, document.pictureInPictureEnabled])).toEqual([
    true,
    true,
  ]);
  expect(internet.requestsTo(`https://media.ccc.de${EVENT_PATH}`)).toHaveLength(1);
  // The original in full HD to start with; the other quality, the translation and audio on offer.
  await expect(video).toHaveAttribute('src', `${SPEC.cdnBase}/webm-hd/${SPEC.slug}-eng-webm-hd.webm`);
  const player = frame.locator('.player');
  await expect(player.getByLabel('Quality', { exact: true }).locator('option')).toHaveText([
    '1080p WebM',
    '576p WebM',
    'Audio only (MP3)',
  ]);
  await expect(player.getByLabel('Audio', { exact: true }).locator('option')).toHaveText([
    'English (original)',
    'German (translation)',
  ]);
  // Subtitles: English only (the German one is a placeholder), loaded when chosen.
  await expect(player.getByLabel('Subtitles', { exact: true }).locator('option')).toHaveText(['Off', 'English']);
  await player.getByLabel('Subtitles', { exact: true }).selectOption('eng');
  await expect
    .poll(() =>
      video.evaluate((element: HTMLVideoElement) => {
        const track = element.textTracks[0];
        return track ? `${track.mode} ${track.cues?.length ?? 0}` : 'none';
      }),
    )
    .toBe('showing 1');
  await expect(player.getByRole('link', { name: /^Continue in a tab/ })).toHaveAttribute(
    'href',
    new RegExp(`^https://media\\.ccc\\.de/v/${SPEC.slug}(#t=\\d+)?$`),
  );
  await expect.poll(() => videoTime(video), { timeout: 15_000 }).toBeGreaterThan(1.5);
  await video.evaluate((element: HTMLVideoElement) => element.pause());
  await screenshot(page, 'schedule-player', { fullPage: true });

  // Another quality goes on where the last one was, paused as it was.
  const at = await videoTime(video);
  await player.getByLabel('Quality', { exact: true }).selectOption({ label: '576p WebM' });
  await expect(video).toHaveAttribute('src', new RegExp(`webm-sd/.+#t=${Math.floor(at)}$`));
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState)).toBeGreaterThan(0);
  expect(await video.evaluate((element: HTMLVideoElement) => element.paused)).toBe(true);

  // Esc closes the player and gives the focus back to Play.
  await video.focus();
  await video.press('Escape');
  await expect(frame.locator('.player')).toHaveCount(0);
  await expect(play).toBeFocused();
});

test('a Play click through a faded box does not count: no player, no request, and the box says so', async ({
  launchExtension,
  internet,
}) => {
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  const page = await visit(context, ASG_PAGE);
  const box = await boxOf(page);
  const play = box.getByRole('button', { name: `Play “${TALK_TITLE}” here` });
  await expect(play).toBeVisible();
  // The page fades the box's container almost to nothing, then waits for the user's click.
  await page.addStyleTag({ content: '.talk-content { opacity: .001 !important; }' });
  await clickInBox(play);
  await expect(box.getByRole('alert')).toContainText('That click was not used');
  await expect((await boxFrame(page)).locator('.player')).toHaveCount(0);
  expect(playerRequests(internet)).toEqual([]);
});

test('the box’s player resumes where the user stopped, after the page was closed and opened again', async ({
  launchExtension,
}) => {
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  const first = await visit(context, ASG_PAGE);
  const { video } = await playInBox(first);
  await expect.poll(() => videoTime(video), { timeout: 15_000 }).toBeGreaterThan(2.2);
  // Paused, then put at an exact place: a paused video's reported time can still move by a frame,
  // so the test chooses where the user "stopped" (3.5 s) instead of reading it back.
  await video.evaluate((element: HTMLVideoElement) => {
    element.pause();
    element.currentTime = 3.5;
  });
  const stoppedAt = 3;
  // The player writes the position on pause (and every few seconds, and when its page goes):
  // it is there before the page is closed.
  await expect
    .poll(() => worker.evaluate(async () => (await chrome.storage.local.get('playerPositions')).playerPositions))
    .toHaveProperty([SPEC.guid, 't'], 3.5);
  await first.close();

  const again = await visit(context, ASG_PAGE);
  const { frame, video: resumed } = await playInBox(again);
  await expect(frame.locator('.player')).toContainText(`Resumed at 0:0${stoppedAt}.`);
  await expect(resumed).toHaveAttribute('src', new RegExp(`#t=${stoppedAt}$`));
  await expect.poll(() => videoTime(resumed), { timeout: 15_000 }).toBeGreaterThanOrEqual(stoppedAt);
  // "Start from the beginning" does so.
  await frame.getByRole('button', { name: 'Start from the beginning' }).click();
  await expect.poll(() => videoTime(resumed)).toBeLessThan(stoppedAt);
});

test('a talk seen to about 90 % in the box is marked watched there and in the popup', async ({ launchExtension }) => {
  const { context, worker, extensionId } = await launchExtension();
  await waitForSync(worker);
  const page = await visit(context, ASG_PAGE);
  const box = await boxOf(page);
  const pill = box.locator('.recording .watched-pill');
  await expect(pill).toHaveClass(/one-of__hidden/);
  const { video } = await playInBox(page);
  // Jumping ahead sees nothing: still not watched.
  await expect.poll(() => videoTime(video), { timeout: 15_000 }).toBeGreaterThan(0.3);
  await video.evaluate((element: HTMLVideoElement) => (element.currentTime = 5.9));
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.ended), { timeout: 15_000 }).toBe(true);
  await expect(pill).toHaveClass(/one-of__hidden/);
  // Played from the start to the end: watched.
  await video.evaluate((element: HTMLVideoElement) => {
    element.currentTime = 0;
    void element.play();
  });
  await expect(pill).not.toHaveClass(/one-of__hidden/, { timeout: 20_000 });
  await expect(box.getByRole('button', { name: 'Watched', exact: true })).toHaveAttribute('aria-pressed', 'true');

  const popup = await openPopup(context, extensionId);
  const row = popup.locator(`[data-talk-id="${SPEC.guid}"]`).first();
  await expect(row.getByRole('button', { name: `Watched: ${TALK_TITLE}` })).toHaveAttribute('aria-pressed', 'true');
});

test('with the setting off, a talk seen to the end in the box is not marked watched', async ({ launchExtension }) => {
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  const setting = options.getByRole('checkbox', { name: /seen about 90 %/ });
  await expect(setting).toBeChecked();
  await setting.uncheck();
  await expect(setting).not.toBeChecked();
  const page = await visit(context, ASG_PAGE);
  const box = await boxOf(page);
  const { video } = await playInBox(page);
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.ended), { timeout: 20_000 }).toBe(true);
  // The player reported the talk seen (its position says all of it), and nothing was marked.
  await expect
    .poll(() =>
      worker.evaluate(
        async (id) => (await chrome.storage.local.get('playerPositions')).playerPositions?.[id]?.seen,
        SPEC.guid,
      ),
    )
    .toMatch(/^f{24}0f$/);
  await expect(box.locator('.recording .watched-pill')).toHaveClass(/one-of__hidden/);
  await expect(box.locator('.notice, .box__notice')).toHaveCount(0);
});

test('the popup plays a talk while it is open, says so, and offers to continue in a tab', async ({
  launchExtension,
  internet,
}) => {
  const { context, worker, extensionId } = await launchExtension();
  await waitForSync(worker);
  const popup = await openPopup(context, extensionId);
  const row = popup.locator(`[data-talk-id="${SPEC.guid}"]`).first();
  await expect(row).toBeVisible();
  expect(playerRequests(internet)).toEqual([]);
  // From the keyboard: Enter on the row's Play button.
  await row.getByRole('button', { name: `Play “${TALK_TITLE}” here` }).focus();
  await popup.keyboard.press('Enter');
  const player = popup.locator('.player');
  const video = player.locator('video');
  await expect.poll(() => videoTime(video), { timeout: 15_000 }).toBeGreaterThan(1);
  // Its styles came with its code: the popup's first screen loads neither.
  await expect(player).toHaveCSS('border-radius', '8px');
  await expect(player).toContainText('Plays only while this popup is open.');
  // The popup is small: the smaller picture to start with.
  await expect(video).toHaveAttribute('src', /webm-sd\//);
  await video.evaluate((element: HTMLVideoElement) => element.pause());
  const at = Math.floor(await videoTime(video));
  await expect(player.getByRole('link', { name: /^Continue in a tab at 0:0\d$/ })).toHaveAttribute(
    'href',
    `https://media.ccc.de/v/${SPEC.slug}#t=${at}`,
  );
  await screenshot(popup, 'popup-player');
  const { violations } = await new AxeBuilder({ page: popup }).include('.player').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  // Closing puts the focus back on the row's Play button.
  await player.getByRole('button', { name: 'Close the player' }).click();
  await expect(player).toHaveCount(0);
  await expect(row.getByRole('button', { name: `Play “${TALK_TITLE}” here` })).toBeFocused();
});

test('a bad API answer leaves the box intact: the feed’s file plays, the other buttons work', async ({
  launchExtension,
  internet,
}) => {
  serveEvent(internet, '<!doctype html><title>Maintenance</title><p>Back soon', 'application/json');
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  const page = await visit(context, ASG_PAGE);
  const box = await boxOf(page);
  await clickInBox(box.getByRole('button', { name: `Play “${TALK_TITLE}” here` }));
  const frame = await boxFrame(page);
  const player = frame.locator('.player');
  // The feed's own file, an MP4 (H.264): played where this Chromium has H.264, else said so with a link.
  const h264 = await frame.evaluate(
    () => document.createElement('video').canPlayType('video/mp4; codecs="avc1.640028, mp4a.40.2"') !== '',
  );
  const feedFile = `https://cdn.media.ccc.de/congress/2025/h264-hd/${SPEC.slug}.mp4`;
  if (h264) await expect(player.locator('video')).toHaveAttribute('src', feedFile);
  else {
    await expect(player.getByRole('alert')).toHaveText(/This browser cannot play this recording\./);
    await expect(player.getByRole('link', { name: 'Download the file' })).toHaveAttribute('href', feedFile);
  }
  expect(internet.requestsTo(`https://media.ccc.de${EVENT_PATH}`)).toHaveLength(1);
  await expect(player.getByLabel('Quality', { exact: true })).toHaveCount(0);
  await expect(box).toContainText(TALK_TITLE);
  await clickInBox(box.getByRole('button', { name: 'Watch later', exact: true }));
  await expect(box.getByRole('button', { name: 'Watch later', exact: true })).toHaveAttribute('aria-pressed', 'true');
});

test('a file this browser cannot play says so and links the file and the talk’s page', async ({
  launchExtension,
  internet,
}) => {
  const event = playerEventJson(SPEC);
  event.recordings = [
    {
      ...(event.recordings as Record<string, unknown>[])[0],
      recording_url: `${SPEC.cdnBase}/broken/${SPEC.slug}.webm`,
    },
  ];
  serveEvent(internet, JSON.stringify(event));
  internet.on('cdn.media.ccc.de', `/events/all_systems_go/2025/broken/${SPEC.slug}.webm`, {
    status: 200,
    body: Buffer.from('this is not a video at all, just text'.repeat(50)),
    headers: { 'Content-Type': 'video/webm' },
  });
  const { context, worker } = await launchExtension();
  await waitForSync(worker);
  const page = await visit(context, ASG_PAGE);
  const box = await boxOf(page);
  await clickInBox(box.getByRole('button', { name: `Play “${TALK_TITLE}” here` }));
  const player = (await boxFrame(page)).locator('.player');
  await expect(player.getByRole('alert')).toHaveText(/This browser cannot play this recording\./, { timeout: 15_000 });
  await expect(player.getByRole('link', { name: 'Download the file' })).toHaveAttribute(
    'href',
    `${SPEC.cdnBase}/broken/${SPEC.slug}.webm`,
  );
  await expect(player.getByRole('link', { name: 'Watch on media.ccc.de' })).toHaveAttribute(
    'href',
    `https://media.ccc.de/v/${SPEC.slug}`,
  );
});
