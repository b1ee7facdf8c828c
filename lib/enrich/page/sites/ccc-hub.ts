/**
 * CCC congress talk pages:
 * - hub (37C3+): `events.ccc.de/congress/<year>/hub/[de|en/]event/[detail/]<slug>[/]`
 * - 39C3 Fahrplan: `fahrplan.events.ccc.de/congress/<year>/fahrplan/event/<slug>`
 * - old frab exports: `.../Fahrplan/events/<id>.html` (scheduleId = id)
 * (URL shapes also in EventFahrplan/EventFahrplan SlugFactoryTest.kt.) pretalx static exports
 * on the same host (`.../fahrplan/talk/<CODE>/`) belong to the pretalx adapter.
 *
 * ASSUMPTION: the hub's source is not public on GitHub and no live page was read, so its
 * selectors are a guess: title = `main h1` (else og:title, any `h1`, `<title>`), no speakers,
 * box after that `h1`. Fixture tests/fixtures/sites/ccc-hub/hub-event-2024.html encodes
 * this assumption, not the real markup.
 * frab selectors: frab/frab app/views/public/schedule/event.html.haml and
 * app/views/layouts/public_schedule.html.haml as of 2018 (commit 4fb0efb0): `#main-content > h2`
 * = "<Type>: <title>", speakers in `#sidebar` linking to `speakers/<id>.html`, body `#basic`.
 * Fixture: tests/fixtures/sites/ccc-hub/frab-2019-event.html.
 */
import { SESSION_LIMITS, type MountPoint, type ScheduleSession, type SiteAdapter } from './types';
import { normaliseScheduleUrl } from '../../../match/normalise-url';
import {
  cleanText,
  collectNames,
  hasMediaCccEmbed,
  joinedText,
  metaContent,
  mountAfterFirstHeading,
  textOf,
  withOptionalText,
} from './extract-helpers';

export const HUB_TITLE = 'main h1';
export const OG_TITLE = 'meta[property="og:title"]';
export const ANY_H1 = 'h1';
export const FRAB_CONTENT = '#main-content';
export const FRAB_TITLE = '#main-content > h2';
export const FRAB_SPEAKER_LINK = '#sidebar a[href*="speakers/"]';
export const FRAB_BODY = '#basic';
export const FRAB_TEXT = '#basic .abstract, #basic .description';
/** ASSUMPTION as above: the hub's description block; og:description as the fallback. */
export const HUB_TEXT = 'main .event-description';
export const OG_DESCRIPTION = 'meta[property="og:description"]';

const HOSTS = new Set(['events.ccc.de', 'fahrplan.events.ccc.de']);
const HUB_PATH = /^\/congress\/(\d{4})\/hub\/(?:(?:de|en)\/)?event\/(?:detail\/)?[^/]+\/?$/;
const FAHRPLAN_PATH = /^\/congress\/(\d{4})\/fahrplan\/event\/[^/]+\/?$/;
/** frab exports of any CCC event on these hosts: `/congress/2019/`, `/camp/2019/`, `/rc3/2020/`. */
const FRAB_PATH = /^\/[a-z0-9-]{2,40}\/(\d{4})\/fahrplan\/events\/(\d{1,9})\.html$/i;

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

function hubTitle(doc: Document): string {
  return (
    textOf(doc.querySelector(HUB_TITLE), SESSION_LIMITS.title) ||
    metaContent(doc, OG_TITLE, SESSION_LIMITS.title) ||
    textOf(doc.querySelector(ANY_H1), SESSION_LIMITS.title) ||
    cleanText(doc.title, SESSION_LIMITS.title)
  );
}

/** frab prefixes the title with the translated event type: "Lecture: ", "Vortrag: ". */
function frabTitle(doc: Document): string {
  const heading = textOf(doc.querySelector(FRAB_TITLE), SESSION_LIMITS.title + 50);
  return cleanText(heading.replace(/^[^:]{1,40}:\s+/, ''), SESSION_LIMITS.title);
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
    speakers: page.kind === 'frab' ? collectNames(doc.querySelectorAll(FRAB_SPEAKER_LINK)) : [],
    scheduleUrl,
    hasEmbeddedRecording: hasMediaCccEmbed(doc),
    videoLinks: [],
  };
  const acronym = page.congress ? congressAcronym(page.year) : undefined;
  if (acronym) session.event = acronym;
  if (page.id) session.scheduleId = page.id;
  const abstract =
    page.kind === 'frab'
      ? joinedText(doc, FRAB_TEXT, SESSION_LIMITS.abstract)
      : joinedText(doc, HUB_TEXT, SESSION_LIMITS.abstract) || metaContent(doc, OG_DESCRIPTION, SESSION_LIMITS.abstract);
  return withOptionalText(session, { abstract });
}

function mountPoint(doc: Document): MountPoint | null {
  const frabContent = doc.querySelector(FRAB_CONTENT);
  if (frabContent) {
    const body = frabContent.querySelector(FRAB_BODY);
    if (body?.parentElement) return { parent: body.parentElement, before: body };
  }
  return mountAfterFirstHeading(doc, ['main']);
}

export const cccHubAdapter: SiteAdapter = {
  name: 'ccc-hub',
  matchesUrl: (url) => classify(url) !== null,
  extract,
  mountPoint,
};
