/**
 * The one list of schedule sites Aftertalk reads without asking: the content script is declared
 * for these in the manifest (WXT turns `matches` into required host permissions). Every other
 * host is opt-in through `optional_host_permissions` and a runtime-registered content script
 * (lib/enrich/access/registration.ts).
 *
 * Why each host is here (public data, checked against the feed's `about this event:` links and
 * the conferences' own sites):
 * - fosdem.org, archive.fosdem.org: FOSDEM schedule (past years move to the archive host).
 * - pretalx.com: the hosted pretalx, schedules of many conferences recorded by the VOC (sotm2025…).
 * - pretalx.fosdem.org: FOSDEM's pretalx (2026 on).
 * - events.ccc.de, fahrplan.events.ccc.de: CCC congress hub and Fahrplan (37C3 on, old frab exports).
 * - cfp.all-systems-go.io: All Systems Go! (pretalx on its own domain).
 * - <year>.stateofthemap.org: the State of the Map conference sites (sessions re-published from
 *   pretalx, `/sessions/<CODE>/`). Named one by one, not `*.stateofthemap.org`: a forgotten or taken-over
 *   subdomain must not run with our script. The years are those the OpenStreetMap Foundation serves
 *   (its server configuration, 2016 on): there was no global conference in 2023. A new year is one line.
 *
 * Only `https://`: every one of these hosts serves its schedule pages over https (the feed's and
 * the archive's older `http://` schedule links are normalised to https, lib/match/normalise-url.ts),
 * so none keeps `http://`, where anyone on the conference Wi-Fi could put script into the page
 * the box is in. docs/schedule-pages.md has the list and the reasons.
 */
import { parseHttpUrl } from '../../http-url';

/** The State of the Map years with a conference site (see above). */
export const STATE_OF_THE_MAP_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2024, 2025, 2026] as const;

export const REQUIRED_SCHEDULE_HOSTS: readonly string[] = [
  'fosdem.org',
  'archive.fosdem.org',
  'pretalx.com',
  'pretalx.fosdem.org',
  'events.ccc.de',
  'fahrplan.events.ccc.de',
  'cfp.all-systems-go.io',
  ...STATE_OF_THE_MAP_YEARS.map((year) => `${year}.stateofthemap.org`),
];

/** The built-in hosts as the welcome and options pages list them: the State of the Map years in one entry. */
export const REQUIRED_SCHEDULE_SITE_NAMES: readonly string[] = [
  ...REQUIRED_SCHEDULE_HOSTS.filter((host) => !host.endsWith('.stateofthemap.org')),
  `<year>.stateofthemap.org (${STATE_OF_THE_MAP_YEARS[0]}–${STATE_OF_THE_MAP_YEARS.at(-1)})`,
];

/**
 * When the schedule-page script runs: at `document_start`, so the browser loads and compiles it
 * while the page's HTML arrives, and its first act (lib/enrich/page/enrich-page.ts
 * `wakeBackgroundForTalkUrl`) wakes the worker that long before the box needs it. The box itself
 * waits for the parsed DOM (DOMContentLoaded). `document_end` put 30 to 50 ms of injection and
 * compilation after the page was ready, and `document_idle` another 30 to 50 ms on top. The same
 * for the declared and the runtime-registered script.
 */
export const SCHEDULE_RUN_AT = 'document_start' as const;

/** Match patterns for the manifest's content script: https only (see above). */
export const REQUIRED_SCHEDULE_MATCHES: string[] = REQUIRED_SCHEDULE_HOSTS.map((host) => `https://${host}/*`);

/**
 * Hosts whose every talk page its own adapter reads (FOSDEM's sites, the hosted pretalx): any
 * other page there is not a talk page, so the content script never asks whether a stored talk
 * names it (the `linked-page` lookup).
 */
export const HOSTS_WITHOUT_LINKED_PAGES: ReadonlySet<string> = new Set([
  'fosdem.org',
  'www.fosdem.org',
  'archive.fosdem.org',
  'pretalx.com',
  'pretalx.fosdem.org',
]);

/**
 * Hosts that are never offered or registered as optional schedule sites: media.ccc.de is the
 * recordings site itself (the feed permission), c3voc.de only serves the placeholder schedule link.
 */
export const NEVER_SCHEDULE_HOSTS: readonly string[] = ['media.ccc.de', 'c3voc.de'];

/** Lower case, no trailing dot: the one spelling of a host name used for comparisons and patterns. */
export function canonicalHost(hostname: string): string {
  return hostname.trim().toLowerCase().replace(/\.$/, '');
}

/** True when `hostname` is covered by the required list (`*.x` also covers `x` itself, as in Chrome). */
export function isRequiredScheduleHost(hostname: string): boolean {
  const host = canonicalHost(hostname);
  if (!host) return false;
  return REQUIRED_SCHEDULE_HOSTS.some((entry) =>
    entry.startsWith('*.') ? host === entry.slice(2) || host.endsWith(entry.slice(1)) : host === entry,
  );
}

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const DNS_HOST = new RegExp(`^(?:${LABEL}\\.)*${LABEL}$`);
const IPV6_HOST = /^\[[0-9a-f:.]+\]$/;

/**
 * True for a concrete host name (or IP address) that can go into a match pattern `*://<host>/*`
 * in Chrome and Firefox: no wildcard, no port, no path, no user info, at most 253 characters.
 * Checked before every permission request and registration, because one bad pattern makes the
 * browser reject the whole call.
 */
export function isValidPatternHost(hostname: string): boolean {
  const host = canonicalHost(hostname);
  return host.length > 0 && host.length <= 253 && (DNS_HOST.test(host) || IPV6_HOST.test(host));
}

/** The canonical host of an http(s) URL spelled with `//`, null for anything else (other schemes, broken input). */
export function hostOfHttpUrl(input: string): string | null {
  if (!/^https?:\/\//i.test(input.trim())) return null;
  const url = parseHttpUrl(input);
  return url ? canonicalHost(url.hostname) || null : null;
}

/** True for a host that can be offered as an optional schedule site at all. */
export function isOfferableHost(host: string): boolean {
  return isValidPatternHost(host) && !isRequiredScheduleHost(host) && !NEVER_SCHEDULE_HOSTS.includes(host);
}

/** The origin pattern to request (and register the content script for) for one optional host. */
export function originPatternFor(hostname: string): string {
  return `*://${canonicalHost(hostname)}/*`;
}

/**
 * The host of a granted origin pattern such as `*://cfp.example.org/*` or `https://x.org/path*`
 * (any path; a port is dropped: a pattern without port matches every port). Null for wildcard
 * hosts (all hosts, `*.x.org`), `<all_urls>` and schemes other than http, https and `*`.
 */
export function hostOfOriginPattern(pattern: string): string | null {
  const m = /^(?:\*|https?):\/\/([^/*]+)\/.*$/i.exec(pattern.trim());
  if (!m?.[1]) return null;
  const host = canonicalHost(m[1].replace(/:\d*$/, ''));
  return host && !host.includes('@') ? host : null;
}
