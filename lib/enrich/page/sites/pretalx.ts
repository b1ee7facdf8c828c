/**
 * pretalx talk pages on any host: `[/<prefix>]/<event>/talk/<CODE>/[index.html]`.
 *
 * Selectors come from pretalx/pretalx:
 * - src/pretalx/common/templates/common/base.html: `<meta name="generator" content="pretalx">`,
 *   `<main>` (`<main id="content">` only since v2026.1.0, hence no `#content` below).
 * - src/pretalx/agenda/templates/agenda/talk.html, released layout (v2.3.2 .. v2026.2.1):
 *   `h3.talk-title > .heading-with-buttons > span` holds the title since v2024.1.0 (v2.x and
 *   v2023.x: bare text node), `div.talk.row > div.talk-content`, speakers
 *   `.pretalx-session-info > .title` (v2.x: agenda/speaker_block.html; no speaker blocks at all
 *   up to v2025.1 when the event hides speaker links);
 *   next layout (main): `.page-heading > h2`, `div.talk-layout > div.talk-content`,
 *   `.talk-speaker-name`. Both: `<link rel=alternate type=application/json
 *   href=<base>/api/events/<event>/talks/<CODE>>` and `{{ recording_iframe }}` first in `.talk-content`.
 * Static exports (`rebuild_export`) render the same templates; their copies are often re-prefixed
 * (`/<folder>/schedule/talk/<CODE>/`), which is why the event comes from the API link.
 * Fixtures: tests/fixtures/sites/pretalx/ (each with its source, listed in its manifest.json).
 */
import { SESSION_LIMITS, type MountPoint, type ScheduleSession, type SiteAdapter } from './types';
import { normaliseScheduleUrl, pretalxCodeFromPath } from '../../../match/normalise-url';
import {
  cleanText,
  joinedText,
  withOptionalText,
  collectNames,
  hasMediaCccEmbed,
  mountAtTop,
  ownText,
  textOf,
} from './extract-helpers';

export const GENERATOR_META = 'meta[name="generator"]';
export const API_ALTERNATE_LINK = 'link[rel="alternate"][type="application/json"]';
export const NEXT_TITLE = '.page-heading > h2';
export const RELEASED_TITLE_SPAN = 'h3.talk-title .heading-with-buttons > span';
export const RELEASED_TITLE_BOX = 'h3.talk-title .heading-with-buttons';
export const RELEASED_SPEAKER_NAME = '.pretalx-session .pretalx-session-info > .title';
export const NEXT_SPEAKER_NAME = '.talk-speaker-name';
export const TALK_CONTENT = '.talk-content';
export const TALK_ARTICLE = 'main article';
/** Both layouts: `<section class="abstract">` and `<section class="description">` in `.talk-content`. */
export const TALK_TEXT = '.talk-content .abstract, .talk-content .description';
/** Next layout only: "<swatch> Distributions · Talk" (track · submission type). */
export const NEXT_TRACK_FACT = '.talk-facts .talk-fact';
/** The releases and layouts a fixture proves (tests/fixtures/sites/pretalx/manifest.json). */
export const PAGE_VERSIONS = [
  'v2.3.2',
  'v2023.1.3',
  'v2024.3.1',
  'v2025.2.2',
  'v2026.2.1',
  'main',
  'static-export',
  'static-export-reprefixed',
  'recording-plugin',
] as const;

/** `api_urls.talks.full` + code; the host may differ from the page (static exports). */
const API_TALK_PATH = /\/api\/events\/([^/]+)\/talks\/([A-Za-z0-9]{4,16})\/?$/;

function apiTalkRef(doc: Document): { event: string; code: string } | null {
  for (const link of Array.from(doc.querySelectorAll(API_ALTERNATE_LINK))) {
    const href = link.getAttribute('href') ?? '';
    let path: string;
    try {
      path = new URL(href, 'https://invalid.example/').pathname;
    } catch {
      continue;
    }
    const m = API_TALK_PATH.exec(path);
    if (m?.[1] && m[2]) return { event: m[1].toLowerCase(), code: m[2].toUpperCase() };
  }
  return null;
}

function isPretalxPage(doc: Document, hasTalkApiLink: boolean): boolean {
  const generator = doc.querySelector(GENERATOR_META)?.getAttribute('content') ?? '';
  return hasTalkApiLink || generator.trim().toLowerCase() === 'pretalx';
}

function readTitle(doc: Document): string {
  const root = doc.querySelector(TALK_ARTICLE) ?? doc;
  const title =
    textOf(root.querySelector(NEXT_TITLE), SESSION_LIMITS.title) ||
    ownText(root.querySelector(RELEASED_TITLE_SPAN), SESSION_LIMITS.title) ||
    ownText(root.querySelector(RELEASED_TITLE_BOX), SESSION_LIMITS.title);
  if (title) return title;
  // <title>{{ submission.title }} :: {{ event.name }} :: pretalx</title>
  const [first] = (doc.title ?? '').split('::');
  return cleanText(first, SESSION_LIMITS.title);
}

function extract(doc: Document, url: URL): ScheduleSession | null {
  const fromPath = pretalxCodeFromPath(url.pathname);
  if (!fromPath) return null;
  const apiRef = apiTalkRef(doc);
  if (!isPretalxPage(doc, apiRef !== null)) return null;
  const title = readTitle(doc);
  const scheduleUrl = normaliseScheduleUrl(url);
  if (!title || !scheduleUrl) return null;
  // Static exports sit under a prefix (`/congress/2024/fahrplan/talk/...`): the API link names
  // the real event slug, the path only whatever folder the export was copied to.
  const event = apiRef?.code === fromPath.code ? apiRef.event : fromPath.event;
  const root = doc.querySelector(TALK_ARTICLE) ?? doc;
  const session: ScheduleSession = {
    site: 'pretalx',
    title,
    speakers: collectNames(root.querySelectorAll(`${RELEASED_SPEAKER_NAME}, ${NEXT_SPEAKER_NAME}`)),
    scheduleUrl,
    code: fromPath.code,
    hasEmbeddedRecording: hasMediaCccEmbed(doc),
    videoLinks: [],
  };
  const cleanEvent = cleanText(event, SESSION_LIMITS.event);
  if (cleanEvent) session.event = cleanEvent;
  const trackFact = textOf(root.querySelector(NEXT_TRACK_FACT), SESSION_LIMITS.track + 50);
  return withOptionalText(session, {
    abstract: joinedText(root, TALK_TEXT, SESSION_LIMITS.abstract),
    track: cleanText(trackFact.split('·')[0], SESSION_LIMITS.track),
  });
}

/** First child of `.talk-content`: where pretalx itself puts a recording. */
function mountPoint(doc: Document): MountPoint | null {
  return mountAtTop(doc.querySelector(`${TALK_ARTICLE} ${TALK_CONTENT}`) ?? doc.querySelector(TALK_CONTENT));
}

export const pretalxAdapter: SiteAdapter = {
  name: 'pretalx',
  matchesUrl: (url) =>
    (url.protocol === 'https:' || url.protocol === 'http:') && pretalxCodeFromPath(url.pathname) !== null,
  extract,
  mountPoint,
};
