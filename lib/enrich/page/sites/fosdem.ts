/**
 * FOSDEM event pages: `https://[archive.]fosdem.org/<year>/schedule/event/<slug>/`.
 *
 * Selectors come from FOSDEM/website, whose `archive/<year>` branches hold the layouts that
 * rendered each year (2013-2025; 2026 on master): layouts/main.html (`#pagetitles > h1` inside
 * `<div id="main">` every year) and layouts/schedule/event.html (`ul.side-box`,
 * `<br style="clear: both;"/>`, `div.event-blurb`, `div.video > video > source`, `<h3>Speakers</h3>`
 * + table of `/schedule/speaker/` links, `<h3>Links</h3>` list). What changed between years (the
 * side box's live/chat rows, the player's codecs and fallback, the doctype) is around these
 * elements, not in them. The link labels ("Video recording (AV1/WebM) - ...") are pretalx
 * resources that FOSDEM/pretalx-integration only accepts when they start with "Video recording"
 * (devroom-settings/devroom_settings/views.py, VIDEO_RECORDING_STRING); older years' labels are
 * not known, so the player's `<source>` files count too. Fixtures: tests/fixtures/sites/fosdem/
 * (one per year, listed with their sources in its manifest.json).
 *
 * `event` is `fosdem-<year>`: the pretalx event slug that prefixes 2024-25 slugs and names the
 * event on pretalx.fosdem.org, so a code index can tie both pages to one talk.
 */
import { SESSION_LIMITS, type MountPoint, type ScheduleSession, type SiteAdapter, type VideoLink } from './types';
import { fosdemSlugInfo, normaliseScheduleUrl } from '../../../match/normalise-url';
import {
  collectNames,
  joinedText,
  withOptionalText,
  hasMediaCccEmbed,
  resolveHttpUrl,
  sectionAfterHeading,
  textOf,
  videoKind,
} from './extract-helpers';

export const TITLE = '#pagetitles > h1';
export const MAIN = '#main';
export const SIDE_BOX = 'ul.side-box';
export const EVENT_BLURB = 'div.event-blurb';
export const SPEAKER_LINK = 'a[href*="/schedule/speaker/"]';
export const LINK = 'a[href]';
export const ABSTRACT = 'div.event-blurb .event-abstract, div.event-blurb .event-description';
export const TRACK_LINK = 'ul.side-box a[href*="/schedule/track/"]';
/** The page's own player: every year's template puts the recording's files here. */
export const VIDEO_SOURCE = 'div.video video source[src]';
/** The years whose event-page layout a fixture proves (tests/fixtures/sites/fosdem/manifest.json). */
export const PAGE_VERSIONS = [
  '2013',
  '2014',
  '2015',
  '2016',
  '2017',
  '2018',
  '2019',
  '2020',
  '2021',
  '2022',
  '2023',
  '2024',
  '2025',
  '2026',
] as const;
const SECTION_HEADING = 'h3';
const SPEAKERS_HEADING = /^speakers?$/i;
const VIDEO_LABEL = /^video recording\b/i;
const VIDEO_HOST = 'video.fosdem.org';

const HOSTS = new Set(['fosdem.org', 'www.fosdem.org', 'archive.fosdem.org']);
const EVENT_PATH = /^\/(\d{4})\/schedule\/event\/([^/]+)\/?(?:index\.html)?$/;

function parseEventUrl(url: URL): { year: number; slug: string } | null {
  if (!/^https?:$/.test(url.protocol) || !HOSTS.has(url.hostname.toLowerCase())) return null;
  const m = EVENT_PATH.exec(url.pathname.replace(/\/{2,}/g, '/'));
  return m?.[1] && m[2] ? { year: Number(m[1]), slug: decodeSegment(m[2]) } : null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readSpeakers(doc: Document): string[] {
  const root = doc.querySelector(MAIN) ?? doc;
  const section = sectionAfterHeading(root, SECTION_HEADING, SPEAKERS_HEADING);
  const links = section.flatMap((el) => Array.from(el.querySelectorAll(SPEAKER_LINK)));
  // The photo cell links to the speaker too, with no text: collectNames drops the empty names.
  return collectNames(links.length ? links : Array.from(root.querySelectorAll(SPEAKER_LINK)));
}

/**
 * The labelled "Video recording" links first, then the player's files not linked already (those
 * have no label of their own: the box shows their kind instead). Only files on video.fosdem.org.
 */
function readVideoLinks(doc: Document, base: URL): VideoLink[] {
  const root = doc.querySelector(MAIN) ?? doc;
  const candidates: { label: string; href: string | null }[] = [];
  for (const a of Array.from(root.querySelectorAll(LINK))) {
    const label = textOf(a, SESSION_LIMITS.label);
    if (VIDEO_LABEL.test(label)) candidates.push({ label, href: a.getAttribute('href') });
  }
  for (const source of Array.from(root.querySelectorAll(VIDEO_SOURCE))) {
    candidates.push({ label: '', href: source.getAttribute('src') });
  }
  const links: VideoLink[] = [];
  for (const { label, href } of candidates) {
    const url = resolveHttpUrl(href, base);
    if (!url || url.hostname.toLowerCase() !== VIDEO_HOST) continue;
    if (links.some((link) => link.url === url.href)) continue;
    links.push({ label, url: url.href, kind: videoKind(url, label) });
    if (links.length >= SESSION_LIMITS.videoLinks) break;
  }
  return links;
}

function extract(doc: Document, url: URL): ScheduleSession | null {
  const parsed = parseEventUrl(url);
  if (!parsed) return null;
  const title = textOf(doc.querySelector(TITLE), SESSION_LIMITS.title);
  const scheduleUrl = normaliseScheduleUrl(url);
  if (!title || !scheduleUrl) return null;
  const slugInfo = fosdemSlugInfo(parsed.slug, parsed.year);
  const session: ScheduleSession = {
    site: 'fosdem',
    title,
    speakers: readSpeakers(doc),
    scheduleUrl,
    event: `fosdem-${parsed.year}`,
    hasEmbeddedRecording: hasMediaCccEmbed(doc),
    videoLinks: readVideoLinks(doc, url),
  };
  if (slugInfo.code) session.code = slugInfo.code;
  if (slugInfo.scheduleId) session.scheduleId = slugInfo.scheduleId;
  return withOptionalText(session, {
    abstract: joinedText(doc, ABSTRACT, SESSION_LIMITS.abstract),
    track: textOf(doc.querySelector(TRACK_LINK), SESSION_LIMITS.track),
  });
}

/** After the facts box and its clearing `<br>`, i.e. before the logo or `div.event-blurb`. */
function mountPoint(doc: Document): MountPoint | null {
  const sideBox = doc.querySelector(SIDE_BOX);
  if (!sideBox?.parentElement) {
    const blurb = doc.querySelector(EVENT_BLURB);
    return blurb?.parentElement ? { parent: blurb.parentElement, before: blurb } : null;
  }
  const next = sideBox.nextElementSibling;
  const anchor = next?.localName === 'br' ? next : sideBox;
  return { parent: sideBox.parentElement, before: anchor.nextElementSibling };
}

export const fosdemAdapter: SiteAdapter = {
  name: 'fosdem',
  matchesUrl: (url) => parseEventUrl(url) !== null,
  extract,
  mountPoint,
};
