import { readFileSync } from 'node:fs';
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
  await video.evaluate((element: HTMLVideoElement) => element.pause());
  await screenshot(page, 'schedule-player', { fullPage: true });

  // Another quality goes on where the last one was.
  const at = await videoTime(video);
  await player.getByLabel('Quality', { exact: true }).selectOption({ label: '576p WebM' });
  await expect(video).toHaveAttribute('src', new RegExp(`webm-sd/.+#t=${Math.floor(at)}$`));

  // Esc closes the player and gives the focus back to Play.
  await video.focus();
  await video.press('Escape');
  await expect(frame.locator('.player')).toHaveCount(0);
  await expect(play).toBeFocused();
});
