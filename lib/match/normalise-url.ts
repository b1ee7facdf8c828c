import { parseHttpUrl } from '../http-url';

/**
 * One URL form for the join between a feed's `about this event:` link and the page being read.
 * Both sides go through `normaliseScheduleUrl`, so every rule only has to be consistent, not
 * "correct" for the web at large. Rules: docs/schedule-pages.md, "URL normalisation".
 */

/** pretalx codes are 6 chars from ABCDEFGHJKLMNPQRSTUVWXYZ3789 today; older/forked instances vary. */
const TALK_CODE = /^[A-Za-z0-9]{4,16}$/;
/** Words that sit where a code would under `/talk/` but name other pretalx views. */
const NOT_A_CODE = new Set(['review', 'feedback', 'signup', 'og-image']);

/** Path segments without empty ones (collapses `//`) and without trailing `index.html`s. */
function pathSegments(pathname: string): string[] {
  const segments = pathname.split('/').filter(Boolean);
  // All of them: with only one gone, `/a/index.html/index.html` would normalise in two steps.
  while (segments.at(-1)?.toLowerCase() === 'index.html') segments.pop();
  return segments;
}

function isTalkCode(segment: string | undefined): segment is string {
  return !!segment && TALK_CODE.test(segment) && !NOT_A_CODE.has(segment.toLowerCase());
}

function codeAfterTalk(segments: string[]): { event?: string; code: string } | null {
  const n = segments.length;
  const code = segments[n - 1];
  if (n < 2 || segments[n - 2]?.toLowerCase() !== 'talk' || !isTalkCode(code)) return null;
  const event = n >= 3 ? segments[n - 3]?.toLowerCase() : undefined;
  return event ? { event, code: code.toUpperCase() } : { code: code.toUpperCase() };
}

/**
 * The talk code of a pretalx talk page path: `[/<prefix>]/<event>/talk/<CODE>/[index.html]`.
 * Only the talk page itself counts: `/feedback/`, `.ics`, `/signup/`, `/og-image` and
 * `/talk/review/...` are other views and give null.
 */
export function pretalxCodeFromPath(pathname: string): { event?: string; code: string } | null {
  return codeAfterTalk(pathSegments(pathname));
}

/** A code in a `/talk/<CODE>/` or `/sessions/<CODE>/` segment anywhere in the path (upper-case). */
export function sessionCodeFromPath(pathname: string): string | null {
  const segments = pathSegments(pathname);
  for (let i = segments.length - 2; i >= 0; i--) {
    const name = segments[i]?.toLowerCase();
    const code = segments[i + 1];
    if ((name === 'talk' || name === 'sessions') && isTalkCode(code)) return code.toUpperCase();
  }
  return null;
}

export interface FosdemSlugInfo {
  /** plain: up to 2023; numbered: 2024-25 `fosdem-<year>-<pk>-<title>`; code: 2026 `<CODE>-<title>`. */
  format: 'plain' | 'numbered' | 'code';
  scheduleId?: string;
  code?: string;
}

/** Reads the schedule id or pretalx code out of a FOSDEM event slug; `year` settles ambiguity. */
export function fosdemSlugInfo(slug: string, year?: number): FosdemSlugInfo {
  if (year !== undefined && year <= 2023) return { format: 'plain' };
  const numbered = /^fosdem-\d{4}-(\d{1,9})(?:-|$)/.exec(slug);
  if (numbered?.[1] && (year === undefined || year <= 2025)) {
    return { format: 'numbered', scheduleId: numbered[1] };
  }
  // Plain slugs are lower-case (`keynotes_welcome`); codes are upper-case. Without a year, demand
  // a letter so that a slug starting with a number is not taken for a code.
  const coded = /^([A-Z0-9]{4,16})(?:-|$)/.exec(slug);
  const code = coded?.[1];
  if (code && (year !== undefined ? year >= 2026 : /[A-Z]/.test(code))) {
    return { format: 'code', code };
  }
  return { format: 'plain' };
}

/** `.../talk/<CODE>.ics` and `.../talk/<CODE>/feedback/` name the same talk as its page. */
function foldPretalxAliases(segments: string[]): void {
  const n = segments.length;
  const last = segments[n - 1] ?? '';
  if (segments[n - 2]?.toLowerCase() === 'talk' && /\.ics$/i.test(last)) {
    const code = last.slice(0, -4);
    if (isTalkCode(code)) segments[n - 1] = code;
  } else if (last.toLowerCase() === 'feedback' && segments[n - 3]?.toLowerCase() === 'talk') {
    if (isTalkCode(segments[n - 2])) segments.pop();
  }
}

/** Repeats are folded too (`www.www.x`, `x..`), so that a normalised URL normalises to itself. */
function normaliseHost(hostname: string): string {
  let host = hostname.toLowerCase().replace(/\.+$/, '');
  while (host.startsWith('www.')) host = host.slice(4);
  // FOSDEM moves past years to the archive host; the feed may name either.
  if (host === 'archive.fosdem.org') host = 'fosdem.org';
  return host;
}

/**
 * https, lower-case host without `www.`, no default port, query, fragment or `index.html`,
 * no duplicate slashes, exactly one trailing slash; pretalx talk paths get a lower-case event
 * slug and an upper-case code. `/sessions/<CODE>/` stays as it is: it is a different site.
 */
export function normaliseScheduleUrl(input: string | URL): string | null {
  const url = parseHttpUrl(input);
  if (!url || !url.hostname) return null;
  const host = normaliseHost(url.hostname);
  // `http://./` has a host of dots only; `https:///` would be no URL at all.
  if (!host) return null;
  // URL already drops the scheme's default port; 443 is also default once the scheme is https.
  const port = url.port && url.port !== '443' ? `:${url.port}` : '';
  const segments = pathSegments(url.pathname);
  foldPretalxAliases(segments);
  const talk = codeAfterTalk(segments);
  if (talk) {
    const n = segments.length;
    segments[n - 1] = talk.code;
    segments[n - 2] = 'talk';
    if (talk.event) segments[n - 3] = talk.event;
  }
  const path = segments.length ? `/${segments.join('/')}/` : '/';
  return `https://${host}${port}${path}`;
}
