/**
 * Any page that a stored talk names as its schedule page (the feed's `about this event:` URL),
 * e.g. `https://2025.stateofthemap.org/sessions/<CODE>/`. The caller has already found the talk
 * by URL lookup, so this adapter only reads what a generic page offers and never decides alone
 * that a page is a talk page: `matchesUrl` accepts every http(s) URL.
 *
 * Proven against openstreetmap/stateofthemap-2025 _layouts/session.html + _includes/head.html:
 * `og:title` is the session title, the only `h1` is the title (inside `div.prose`, no
 * `main`/`article`), a published recording is an `iframe src="<media.ccc.de/v/...>/oembed"`.
 * Fixture: tests/fixtures/sites/linked-page/sotm-2025-session.html (listed in its manifest.json).
 */
import { SESSION_LIMITS, type MountPoint, type ScheduleSession, type SiteAdapter } from './types';
import { normaliseScheduleUrl, sessionCodeFromPath } from '../../../match/normalise-url';
import {
  cleanText,
  hasMediaCccEmbed,
  metaContent,
  mountAfterFirstHeading,
  textOf,
  withOptionalText,
} from './extract-helpers';

export const OG_TITLE = 'meta[property="og:title"]';
export const CONTENT_H1 = 'main h1, article h1';
export const ANY_H1 = 'h1';
export const OG_DESCRIPTION = 'meta[property="og:description"]';
export const META_DESCRIPTION = 'meta[name="description"]';
/** Where to look for the heading to mount after, in order; `body` covers Jekyll sites like SotM. */
export const MOUNT_SCOPES = ['main', 'article', 'body'] as const;
/** The sites a fixture proves (tests/fixtures/sites/linked-page/manifest.json). */
export const PAGE_VERSIONS = ['sotm-2025'] as const;

function readTitle(doc: Document): string {
  return (
    metaContent(doc, OG_TITLE, SESSION_LIMITS.title) ||
    textOf(doc.querySelector(CONTENT_H1), SESSION_LIMITS.title) ||
    textOf(doc.querySelector(ANY_H1), SESSION_LIMITS.title) ||
    cleanText(doc.title, SESSION_LIMITS.title)
  );
}

function extract(doc: Document, url: URL): ScheduleSession | null {
  const scheduleUrl = normaliseScheduleUrl(url);
  const title = readTitle(doc);
  if (!scheduleUrl || !title) return null;
  const session: ScheduleSession = {
    site: 'linked-page',
    title,
    speakers: [],
    scheduleUrl,
    hasEmbeddedRecording: hasMediaCccEmbed(doc),
    videoLinks: [],
  };
  const code = sessionCodeFromPath(url.pathname);
  if (code) session.code = code;
  // A generic page has no known abstract element; its description meta is the best cheap text.
  const abstract =
    metaContent(doc, OG_DESCRIPTION, SESSION_LIMITS.abstract) ||
    metaContent(doc, META_DESCRIPTION, SESSION_LIMITS.abstract);
  return withOptionalText(session, { abstract });
}

function mountPoint(doc: Document): MountPoint | null {
  return mountAfterFirstHeading(doc, MOUNT_SCOPES);
}

export const linkedPageAdapter: SiteAdapter = {
  name: 'linked-page',
  matchesUrl: (url) => url.protocol === 'https:' || url.protocol === 'http:',
  extract,
  mountPoint,
};
