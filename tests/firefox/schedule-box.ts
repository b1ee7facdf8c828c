/**
 * The schedule box in Firefox: schedule pages of the fake internet (the fixtures of
 * tests/fixtures/sites/ at their real URLs) opened in a tab, the box read and clicked through
 * Marionette. Where the box lives in the page is known in one place only, `withBox`: the
 * extension frame in the closed shadow root of the `aftertalk-box` element.
 */
import { readFileSync } from 'node:fs';
import type { FakeInternet } from '../e2e/fake-internet';
import { RELATED_TALKS, scheduleFeed } from '../support/schedule-feed';
import { displayTitle, SAMPLE_TALKS } from '../support/sample-feed';
import { STILL_MS } from '../../lib/enrich/page/click-guard';
import { until, type Marionette } from './marionette';

/** What the tests read off the box: its text, its links and its buttons, in document order. */
export interface BoxReading {
  text: string;
  links: { text: string; href: string }[];
  buttons: { label: string; pressed: string | null }[];
  /** The titles of the "Related recordings" list. */
  related: string[];
}

/** A web element reference as Marionette hands it out: `{ "element-6066-…": id }`. */
type ElementRef = Record<string, string>;
const idOf = (ref: ElementRef | null | undefined) => (ref ? (Object.values(ref)[0] ?? null) : null);

/** Runs `body` (a function body; `root` is the node holding the box's `.box`, `args` its arguments). */
async function runAt<T>(marionette: Marionette, rootExpression: string, body: string, ...args: unknown[]): Promise<T> {
  const script = `const args = Array.from(arguments);
    const root = ${rootExpression};
    ${body}`;
  return (await marionette.send<{ value: T }>('WebDriver:ExecuteScript', { script, args })).value;
}

/**
 * Calls `use` with the box's document current, and returns its value; null when the page has no
 * box (yet). The box is drawn in an extension frame inside the closed shadow root of the
 * `aftertalk-box` element the content script adds: no page script reaches it, but Marionette's
 * chrome side sees into closed roots. Marionette switches into the frame for `use` and back to the
 * page after.
 */
async function withBox<T>(marionette: Marionette, use: (root: string) => Promise<T>): Promise<T | null> {
  const frame = await boxFrame(marionette);
  if (!frame) return null;
  await marionette.send('WebDriver:SwitchToFrame', { element: frame });
  try {
    if (!(await runAt<boolean>(marionette, 'document', "return !!root.querySelector('.box');"))) {
      boxStage = `a frame (${await runAt<string>(marionette, 'document', 'return String(location.href).replace(/#.*/, "") + " " + document.readyState;')}) without a box`;
      return null;
    }
    return await use('document');
  } finally {
    await marionette.send('WebDriver:SwitchToParentFrame');
  }
}

/** How far the last look for the box got, for the message of a test that timed out. */
let boxStage = '';

/** The web element id of the box's frame, if the page has one. */
async function boxFrame(marionette: Marionette): Promise<string | null> {
  const ask = (command: string, params: Record<string, unknown>) =>
    marionette.send<{ value: ElementRef }>(command, params).then(
      (answer) => idOf(answer.value),
      () => null,
    );
  const host = await ask('WebDriver:FindElement', { using: 'css selector', value: 'aftertalk-box' });
  const shadowRoot = host ? await ask('WebDriver:GetShadowRoot', { id: host }) : null;
  boxStage = !host ? 'no aftertalk-box element on the page' : 'no shadow root';
  if (!shadowRoot) return null;
  const frame = await ask('WebDriver:FindElementFromShadowRoot', {
    shadowRoot,
    using: 'css selector',
    value: 'iframe',
  });
  boxStage = frame ? 'a frame' : 'no frame in the shadow root';
  return frame;
}

const READ_BOX = `const text = (node) => (node.textContent ?? '').replace(/\\s+/g, ' ').trim();
  const box = root.querySelector('.box');
  const relatedList = Array.from(box.querySelectorAll('ul')).find((list) => {
    const label = list.getAttribute('aria-labelledby');
    return label && /Related recordings/.test(text(root.getElementById(label) ?? list));
  });
  return {
    text: text(box),
    links: Array.from(box.querySelectorAll('a[href]'), (a) => ({ text: text(a), href: a.href })),
    buttons: Array.from(box.querySelectorAll('button'), (b) => ({
      label: b.getAttribute('aria-label') || b.getAttribute('title') || text(b),
      pressed: b.getAttribute('aria-pressed'),
    })),
    related: relatedList ? Array.from(relatedList.querySelectorAll('.related__title'), text) : [],
  };`;

export function readBox(marionette: Marionette): Promise<BoxReading | null> {
  return withBox(marionette, (root) => runAt<BoxReading>(marionette, root, READ_BOX));
}

/**
 * Clicks the first button of the box whose accessible label (aria-label, title or text) is
 * `label`, as a user would: Marionette's click is a trusted event, which the box insists on, and
 * it comes after the box has stood still for a moment (lib/enrich/page/click-guard.ts refuses
 * clicks sooner than that).
 */
export async function clickInBox(marionette: Marionette, label: string): Promise<void> {
  await new Promise((r) => setTimeout(r, STILL_MS + 300));
  const clicked = await withBox(marionette, async (root) => {
    const button = await runAt<ElementRef | null>(
      marionette,
      root,
      `return Array.from(root.querySelectorAll('button')).find((b) =>
        [b.getAttribute('aria-label'), b.getAttribute('title'), b.textContent?.trim()].includes(args[0])) ?? null;`,
      label,
    );
    const id = idOf(button);
    if (id) await marionette.send('WebDriver:ElementClick', { id });
    return !!id;
  });
  if (!clicked) throw new Error(`no "${label}" button in the box`);
}

/** Opens `url` in the current tab of the page context. */
export async function visit(marionette: Marionette, url: string): Promise<void> {
  await marionette.send('Marionette:SetContext', { value: 'content' });
  await marionette.send('WebDriver:Navigate', { url });
}

/** What the tests need of run.ts's driver: Marionette, and scripts run in an extension page. */
export interface Driver {
  readonly marionette: Marionette;
  run<T>(body: string, ...args: unknown[]): Promise<T>;
}

const HQ_FEED = 'https://media.ccc.de/podcast-hq.xml';
const ASG_PAGE = 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/';
const FOSDEM_PAGE = 'https://fosdem.org/2026/schedule/event/R8KQ7M-rust_in_the_kernel_status/';
const FRAB_PAGE = 'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496.html';
const ASG_TALK = SAMPLE_TALKS[1]!;

function servePage(internet: FakeInternet, url: string, fixture: string): void {
  const { host, pathname } = new URL(url);
  internet.on(host, pathname, {
    status: 200,
    body: readFileSync(`tests/fixtures/sites/${fixture}`, 'utf8'),
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
}

let prepared = false;

/**
 * Once, from an extension page: the feed with the talks the fixtures relate to, synced; the
 * schedule pages; media.ccc.de's archive API (old congress pages are looked up there).
 */
async function prepare(driver: Driver, internet: FakeInternet): Promise<void> {
  if (prepared) return;
  internet.serveFeed(HQ_FEED, scheduleFeed());
  internet.serveVoctowebApi();
  servePage(internet, ASG_PAGE, 'pretalx/released-2025-all-systems-go.html');
  servePage(internet, FOSDEM_PAGE, 'fosdem/2026-event-video.html');
  servePage(internet, FRAB_PAGE, 'ccc-hub/frab-2019-event.html');
  const status = await driver.run<{ lastError: unknown }>("return browser.runtime.sendMessage({ type: 'sync-now' });");
  if (status?.lastError) throw new Error(`sync: ${JSON.stringify(status.lastError)}`);
  prepared = true;
}

/** Waits for the box's answer: a reading that `ready` accepts. */
function boxWhen(driver: Driver, what: string, ready: (box: BoxReading) => boolean): Promise<BoxReading> {
  let last: BoxReading | null = null;
  return until(what, async () => {
    const box = await readBox(driver.marionette);
    last = box ?? last;
    return box && ready(box) ? box : false;
  }).catch((error: unknown) => {
    // What the box showed last says whether it never answered or answered something else.
    const shown = last
      ? JSON.stringify({ text: last.text.slice(0, 300), buttons: last.buttons })
      : `no box: ${boxStage}`;
    throw new Error(`${String(error)}; the box showed: ${shown}`);
  });
}

function expectLink(box: BoxReading, text: string | RegExp, href: string | RegExp): void {
  const found = box.links.find((link) => (typeof text === 'string' ? link.text === text : text.test(link.text)));
  const ok = found && (typeof href === 'string' ? found.href === href : href.test(found.href));
  if (!ok) throw new Error(`no link ${String(text)} → ${String(href)} in ${JSON.stringify(box.links)}`);
}

/** Clicks Watch later on the box's recording and checks that the mark survives a reload. */
async function watchLater(driver: Driver, url: string): Promise<void> {
  await clickInBox(driver.marionette, 'Watch later');
  await boxWhen(driver, 'Watch later pressed', (box) =>
    box.buttons.some((b) => b.label === 'Watch later' && b.pressed === 'true'),
  );
  await visit(driver.marionette, url);
  await boxWhen(driver, 'Watch later still pressed after a reload', (box) =>
    box.buttons.some((b) => b.label === 'Watch later' && b.pressed === 'true'),
  );
}

export const scheduleBoxTests: [name: string, body: (driver: Driver, internet: FakeInternet) => Promise<void>][] = [
  [
    'a pretalx talk page gets the box: its recording, related recordings, Watch later',
    async (driver, internet) => {
      await prepare(driver, internet);
      await visit(driver.marionette, ASG_PAGE);
      const box = await boxWhen(
        driver,
        'the recording and related talks',
        (b) => b.links.some((link) => link.text === 'Watch on media.ccc.de') && b.related.length > 0,
      );
      expectLink(box, 'Watch on media.ccc.de', `https://media.ccc.de/v/${ASG_TALK.slug}`);
      if (!box.text.includes(displayTitle(ASG_TALK))) throw new Error(`box: ${box.text.slice(0, 300)}`);
      // The same speaker's measured-boot talk from 39c3 is the most related recording.
      if (box.related[0] !== displayTitle(RELATED_TALKS[2]!)) throw new Error(`related: ${box.related.join(' | ')}`);
      await watchLater(driver, ASG_PAGE);
    },
  ],
  [
    'a FOSDEM event page gets the box: its own video links, then related recordings',
    async (driver, internet) => {
      await prepare(driver, internet);
      await visit(driver.marionette, FOSDEM_PAGE);
      const box = await boxWhen(driver, 'video links and related talks', (b) => b.related.length > 0);
      expectLink(box, /^Video recording \(AV1\/WebM\)/, /^https:\/\/video\.fosdem\.org\/2026\/.+\.webm$/);
      expectLink(box, /^Video recording \(MP4\)/, /^https:\/\/video\.fosdem\.org\/2026\/.+\.mp4$/);
      if (box.related[0] !== displayTitle(SAMPLE_TALKS[0]!)) throw new Error(`related: ${box.related.join(' | ')}`);
    },
  ],
  [
    'an old congress Fahrplan page (frab) gets its recording from the archive, and Watch later',
    async (driver, internet) => {
      await prepare(driver, internet);
      await visit(driver.marionette, FRAB_PAGE);
      const box = await boxWhen(driver, 'the recording from the archive', (b) =>
        b.links.some((link) => link.text === 'Watch on media.ccc.de'),
      );
      expectLink(box, 'Watch on media.ccc.de', 'https://media.ccc.de/v/36c3-10496-open-hardware-for-radio-astronomy');
      await watchLater(driver, FRAB_PAGE);
    },
  ],
];
