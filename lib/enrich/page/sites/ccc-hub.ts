/**
 * CCC congress talk pages:
 * - hub (37C3+): `events.ccc.de/congress/<year>/hub/[de|en/]event/[detail/]<slug>[/]`
 * - 39C3 Fahrplan: `fahrplan.events.ccc.de/congress/<year>/fahrplan/event/<slug>`
 * - frab exports: `.../<event>/<year>/Fahrplan/events/<id>.html` (scheduleId = id), for
 *   `/congress/`, `/camp/`, `/rc3/` and any other event on these hosts
 * (URL shapes also in EventFahrplan/EventFahrplan SlugFactoryTest.kt.) pretalx static exports
 * on the same host (`.../fahrplan/talk/<CODE>/`) belong to the pretalx adapter.
 *
 * Hub: its templates are not public. The title and description selectors are the ones public
 * third-party tools read off 38C3 and 39C3 hub pages (`.hub-head-main`, `section.hub-markdown`
 * inside `.hub-text`); what sits inside or around them is not known, so nothing else is relied on.
 * When they are missing (a redesign, or the 39C3 Fahrplan, whose markup is not public either) the
 * title comes from the page metadata (`og:title`, else `<title>` without the site's name): never
 * from a page heading, which may as well be the site's name or a login prompt. No speakers.
 * frab: frab/frab app/views/public/schedule/event.html.haml and
 * app/views/layouts/public_schedule.html.haml, 2016-2019 (`#main-content > h2` = "<Type>: <title>",
 * the type in lower case in 2016, speakers in `#sidebar` linking to `speakers/<id>.html`, body
 * `#basic`) and the Bootstrap layout of 2025 on (commit 78c62f43: `article > .mb-4 > h2`, same
 * prefix, `.speakers-section .session-info .title a`, texts in `.col-lg-8 .card-body`).
 * Fixtures: tests/fixtures/sites/ccc-hub/ (each with its source, listed in its manifest.json).
 */
import { SESSION_LIMITS, type MountPoint, type ScheduleSession, type SiteAdapter } from './types';
import { normaliseScheduleUrl } from '../../../match/normalise-url';
import {
  cleanText,
  collectNames,
  hasMediaCccEmbed,
  joinedText,
  metaContent,
  mountAfter,
  mountAfterFirstHeading,
  textOf,
  withOptionalText,
} from './extract-helpers';

export const HUB_TITLE = '.hub-head-main';
export const HUB_TEXT = '.hub-text section.hub-markdown';
export const OG_TITLE = 'meta[property="og:title"]';
export const OG_DESCRIPTION = 'meta[property="og:description"]';
export const FRAB_CONTENT = '#main-content';
export const FRAB_TITLE = '#main-content > h2';
export const FRAB_SPEAKER_LINK = '#sidebar a[href*="speakers/"]';
export const FRAB_BODY = '#basic';
export const FRAB_TEXT = '#basic .abstract, #basic .description';
/** frab's Bootstrap layout (2025 on). */
export const FRAB5_ARTICLE = 'article.container-fluid';
export const FRAB5_TITLE = 'article.container-fluid > .mb-4 > h2';
export const FRAB5_SPEAKER_LINK = '.speakers-section .session-info .title a';
export const FRAB5_TEXT = '.col-lg-8 .card-body > :not(.card-title)';
/** The page layouts a fixture proves (tests/fixtures/sites/ccc-hub/manifest.json). */
export const PAGE_VERSIONS = [
  'frab-2016',
  'frab-2019',
  'frab-rc3-2020',
  'frab-2026-bootstrap',
  'hub-38c3',
  'hub-39c3',
  'hub-40c3',
  'hub-unknown-markup',
  'fahrplan-39c3',
] as const;

const HOSTS = new Set(['events.ccc.de', 'fahrplan.events.ccc.de']);
const HUB_PATH = /^\/congress\/(\d{4})\/hub\/(?:(?:de|en)\/)?event\/(?:detail\/)?[^/]+\/?$/;
const FAHRPLAN_PATH = /^\/congress\/(\d{4})\/fahrplan\/event\/[^/]+\/?$/;
/** frab exports of any CCC event on these hosts: `/congress/2019/`, `/camp/2019/`, `/rc3/2020/`. */
const FRAB_PATH = /^\/[a-z0-9-]{2,40}\/(\d{4})\/fahrplan\/events\/(\d{1,9})\.html$/i;
/** The site's own name: "38C3", "39C3: Power Cycles", "40C3 Hub", "Fahrplan", "Chaos Communication Congress". */
const SITE_NAME =
  /^(?:\d{1,2}c3(?::\s+[\w\s]{1,40})?|(?:\d{1,2}c3\s+)?(?:hub|fahrplan|schedule)|chaos communication congress|events\.ccc\.de)$/i;
/** "<head> <separator> <tail>", split at the last separator sites put before their own name. */
const LAST_SEPARATOR = /^(.*\S)\s+(?:[-|·–—]|::)\s+(\S.*)$/;

type PageKind = { kind: 'hub' | 'frab'; year: number; congress: boolean; id?: string };

function classify(url: URL): PageKind | null {
  if (!/^https?:$/.test(url.protocol) || !HOSTS.has(url.hostname.toLowerCase())) return null;
  const path = url.pathname.replace(/\/{2,}/g, '/');
  const congress = path.startsWith('/congress/');
  const hub = HUB_PATH.exec(path) ?? FAHRPLAN_PATH.exec(path);
  if (hub?.[1]) return { kind: 'hub', year: Number(hub[1]), congress };
  const frab = FRAB_PATH.exec(path);
  if (frab?.[1] && frab[2]) return { kind: 'frab', year: Number(frab[1]), congress, id: frab[2] };
  return null;
}

/** media.ccc.de names congresses `<n>c3`; 2020-2022 had no numbered congress (rC3, none). */
export function congressAcronym(year: number): string | undefined {
  if (year >= 1984 && year <= 2019) return `${year - 1983}c3`;
  if (year >= 2023) return `${year - 1986}c3`;
  return undefined;
}

/**
 * A metadata title without the site's name: "Talk - 39C3 Hub" → "Talk". A title that is nothing
 * but the site's name is no title at all.
 */
export function withoutSiteName(raw: string): string {
  let title = cleanText(raw, SESSION_LIMITS.title + 100);
  for (let m = LAST_SEPARATOR.exec(title); m?.[1] && m[2] && SITE_NAME.test(m[2]); m = LAST_SEPARATOR.exec(title)) {
    title = m[1];
  }
  return SITE_NAME.test(title) ? '' : cleanText(title, SESSION_LIMITS.title);
}

function hubTitle(doc: Document): string {
  const known = textOf(doc.querySelector(HUB_TITLE), SESSION_LIMITS.title);
  if (known) return known;
  return withoutSiteName(metaContent(doc, OG_TITLE, SESSION_LIMITS.title + 100)) || withoutSiteName(doc.title ?? '');
}

/** frab prefixes the title with the translated event type: "Lecture: ", "lecture: ", "Vortrag: ". */
function frabTitle(doc: Document): string {
  const heading = textOf(doc.querySelector(FRAB_TITLE) ?? doc.querySelector(FRAB5_TITLE), SESSION_LIMITS.title + 50);
  return cleanText(heading.replace(/^[^:]{1,40}:\s+/, ''), SESSION_LIMITS.title);
}

function frabSpeakers(doc: Document): string[] {
  const classic = collectNames(doc.querySelectorAll(FRAB_SPEAKER_LINK));
  return classic.length ? classic : collectNames(doc.querySelectorAll(FRAB5_SPEAKER_LINK));
}

function frabAbstract(doc: Document): string {
  return joinedText(doc, FRAB_TEXT, SESSION_LIMITS.abstract) || joinedText(doc, FRAB5_TEXT, SESSION_LIMITS.abstract);
}

function extract(doc: Document, url: URL): ScheduleSession | null {
  const page = classify(url);
  const scheduleUrl = normaliseScheduleUrl(url);
  if (!page || !scheduleUrl) return null;
  const title = page.kind === 'hub' ? hubTitle(doc) : frabTitle(doc);
  if (!title) return null;
  const session: ScheduleSession = {
    site: 'ccc-hub',
    title,
    speakers: page.kind === 'frab' ? frabSpeakers(doc) : [],
    scheduleUrl,
    hasEmbeddedRecording: hasMediaCccEmbed(doc),
    videoLinks: [],
  };
  const acronym = page.congress ? congressAcronym(page.year) : undefined;
  if (acronym) session.event = acronym;
  if (page.id) session.scheduleId = page.id;
  const abstract =
    page.kind === 'frab'
      ? frabAbstract(doc)
      : joinedText(doc, HUB_TEXT, SESSION_LIMITS.abstract) || metaContent(doc, OG_DESCRIPTION, SESSION_LIMITS.abstract);
  return withOptionalText(session, { abstract });
}

/** frab: before the texts; hub: right below the title; otherwise after the first heading of `main`. */
function mountPoint(doc: Document): MountPoint | null {
  const frabBody = doc.querySelector(FRAB_CONTENT)?.querySelector(FRAB_BODY);
  if (frabBody?.parentElement) return { parent: frabBody.parentElement, before: frabBody };
  const frab5Heading = doc.querySelector(FRAB5_TITLE)?.parentElement;
  if (frab5Heading) return mountAfter(frab5Heading);
  const hubTitleElement = doc.querySelector(HUB_TITLE);
  if (hubTitleElement) return mountAfter(hubTitleElement);
  return mountAfterFirstHeading(doc, ['main']);
}

export const cccHubAdapter: SiteAdapter = {
  name: 'ccc-hub',
  matchesUrl: (url) => classify(url) !== null,
  extract,
  mountPoint,
};
