/**
 * Which media.ccc.de conference a schedule page belongs to, from the conference list alone
 * (docs/media-ccc-api.md, "Finding a page's conference"). Each conference names the schedule it
 * was imported from (`schedule_url`) and its website (`link`); a talk page shares a prefix with
 * them:
 * - pretalx: `https://<host>[/<prefix>]/<event>/talk/<CODE>/` ↔ `…/<event>/schedule/export/schedule.xml`;
 * - frab: `https://<host>/<path>/Fahrplan/events/<id>.html` ↔ `…/<path>/Fahrplan/schedule.xml`;
 * - CCC congress hub and Fahrplan pages: by the congress's acronym (the adapter names it, `38c3`).
 * Pure: no requests, so the rules are tested on their own.
 */

/** What the matcher needs of a conference. */
export interface ConferenceRef {
  acronym: string;
  /** The schedule media.ccc.de imported the conference from, '' when unknown. */
  scheduleUrl: string;
  /** The conference's website, '' when unknown. */
  link: string;
}

/** What the matcher needs of the page (a `SessionQuery`). */
export interface PageRef {
  site: string;
  /** The page's normalised URL. */
  scheduleUrl: string;
  /** The event slug or congress acronym the adapter read, when it did. */
  event?: string;
}

/**
 * Host and path without scheme, `www.` or trailing slash, lower-cased: the one spelling prefixes
 * are compared in (an export listed as http:// still matches an https:// page).
 */
function comparable(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return '';
  const host = parsed.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return `${host}${parsed.pathname.toLowerCase().replace(/\/+$/, '')}`;
}

/**
 * The part of a talk page's URL that the conference's schedule URL starts with: the event's
 * root for pretalx (`host[/prefix]/event`), the Fahrplan folder for frab. null for pages whose
 * conference the URL does not name (FOSDEM: its recordings are not on media.ccc.de).
 */
export function schedulePrefixOf(pageUrl: string): string | null {
  const page = comparable(pageUrl);
  if (!page) return null;
  const pretalx = /^(.+?\/[^/]+)\/talk\/[^/]+(?:\/index\.html)?$/.exec(page);
  if (pretalx?.[1]) return pretalx[1];
  const frab = /^(.+\/fahrplan)\/events\/[^/]+\.html$/.exec(page);
  if (frab?.[1]) return frab[1];
  return null;
}

const startsAtSegment = (url: string, prefix: string) => url === prefix || url.startsWith(`${prefix}/`);

/**
 * The page's conference, or null. A congress page names its acronym; any other page is matched
 * by prefix against the conferences' schedule URLs first (the exact source of their talks), then
 * their websites. Two conferences with the same prefix (a re-imported schedule) leave it open:
 * null, and the caller falls back to a title search rather than import the wrong one.
 */
export function conferenceOfPage<C extends ConferenceRef>(page: PageRef, conferences: readonly C[]): C | null {
  if (page.site === 'fosdem') return null;
  if (page.site === 'ccc-hub' && page.event && /^\d+c3$/i.test(page.event)) {
    const acronym = page.event.toLowerCase();
    return conferences.find((conference) => conference.acronym.toLowerCase() === acronym) ?? null;
  }
  const prefix = schedulePrefixOf(page.scheduleUrl);
  if (!prefix) return null;
  for (const field of ['scheduleUrl', 'link'] as const) {
    const matches = conferences.filter((conference) => {
      const url = comparable(conference[field]);
      return !!url && startsAtSegment(url, prefix);
    });
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) return null;
  }
  return null;
}
