import type { AftertalkDb } from '../../archive/db';
import { canonicalHost, hostOfHttpUrl, isOfferableHost } from './hosts';

export interface ArchiveScheduleHost {
  host: string;
  /** Talks in the archive whose schedule link points to this host. */
  talks: number;
  /** Up to 3 conference acronyms of those talks, the most frequent first. */
  conferences: string[];
}

const MAX_CONFERENCES = 3;

/** `scheme://authority` at the start of a raw URL (authority may be empty or odd: parsed later). */
const ORIGIN_PREFIX = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
/** Sorts after every other UTF-16 code unit: `p + '/' + MAX` closes the range of keys under `p/`. */
const MAX = '\uffff';

/**
 * Talk ids grouped by the raw origin prefix of their schedule link (`https://host`), found by a
 * skip scan over the `scheduleUrl` index: one 1-key cursor step to find the next origin, then
 * one getAllKeys for all of its links. That is two requests per origin instead of a cursor step
 * per talk; talks without a link ('') are never read.
 */
async function idsByOriginPrefix(db: AftertalkDb): Promise<[string, string[]][]> {
  const groups: [string, string[]][] = [];
  let position = '';
  for (;;) {
    const [next] = await db.talks.where('scheduleUrl').above(position).limit(1).keys();
    if (typeof next !== 'string') break;
    const prefix = ORIGIN_PREFIX.exec(next)?.[0];
    if (prefix && next.startsWith(`${prefix}/`)) {
      const ids = await db.talks
        .where('scheduleUrl')
        .between(`${prefix}/`, `${prefix}/${MAX}`, true, true)
        .primaryKeys();
      groups.push([`${prefix}/`, ids]);
      position = `${prefix}/${MAX}`;
    } else {
      // A link without a path (`https://x.org?y`) or not a URL at all: on its own.
      groups.push([next, await db.talks.where('scheduleUrl').equals(next).primaryKeys()]);
      position = next;
    }
  }
  return groups;
}

/** id → conference acronym, from the `conference` index (one getAllKeys per conference). */
async function conferenceById(db: AftertalkDb): Promise<Map<string, string>> {
  const conferences = (await db.talks.orderBy('conference').uniqueKeys()).filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  const lists = await Promise.all(
    conferences.map((conference) => db.talks.where('conference').equals(conference).primaryKeys()),
  );
  const map = new Map<string, string>();
  conferences.forEach((conference, i) => {
    for (const id of lists[i] ?? []) map.set(id, conference);
  });
  return map;
}

/**
 * The hosts the archive's `about this event:` links point to, most talks first (ties by name).
 *
 * Reads index keys only, never whole talks (20,000 talks with descriptions are tens of MB), in
 * one read transaction. Measured with 20,000 talks (1.5 kB descriptions) on 200 hosts, headless
 * Chromium 156 in a slow container: 0.4-0.5 s, where loading all talks takes 1.0-1.2 s and
 * whole-index key cursors for links and conferences in one transaction 4-5 s (fake-indexeddb in
 * the unit tests: 0.26-0.34 s; its key cursors are quadratic there, 15 s for one index).
 */
export async function scheduleHostsInArchive(db: AftertalkDb): Promise<ArchiveScheduleHost[]> {
  const [groups, conferenceOf] = await db.transaction(
    'r',
    db.talks,
    async () => [await idsByOriginPrefix(db), await conferenceById(db)] as const,
  );

  const byHost = new Map<string, { talks: number; conferences: Map<string, number> }>();
  for (const [link, ids] of groups) {
    const host = hostOfHttpUrl(link);
    if (!host) continue;
    let entry = byHost.get(host);
    if (!entry) byHost.set(host, (entry = { talks: 0, conferences: new Map() }));
    entry.talks += ids.length;
    for (const id of ids) {
      const conference = conferenceOf.get(id);
      if (conference) entry.conferences.set(conference, (entry.conferences.get(conference) ?? 0) + 1);
    }
  }

  return [...byHost]
    .map(([host, { talks, conferences }]) => ({
      host,
      talks,
      conferences: [...conferences]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, MAX_CONFERENCES)
        .map(([name]) => name),
    }))
    .sort((a, b) => b.talks - a.talks || a.host.localeCompare(b.host));
}

/**
 * True when some talk's schedule link points to `host` (http or https, any port). A few index
 * counts, for the popup, which only needs to know this for the active tab.
 */
export async function archiveHasScheduleHost(db: AftertalkDb, host: string): Promise<boolean> {
  const name = canonicalHost(host);
  if (!name) return false;
  const prefixes = ['https', 'http'].flatMap((scheme) => [`${scheme}://${name}/`, `${scheme}://${name}:`]);
  // Links are stored as URL hrefs (lib/http-url.ts `safeHttpUrl`): lower-case host, a path.
  const hits = await Promise.all(
    prefixes.map((prefix) => db.talks.where('scheduleUrl').startsWith(prefix).limit(1).primaryKeys()),
  );
  return hits.some((ids) => ids.length > 0);
}

/** Pure part of `candidateScheduleHosts`, for callers that already hold the archive's hosts. */
export function filterCandidateHosts(
  archiveHosts: readonly ArchiveScheduleHost[],
  grantedHosts: readonly string[],
): ArchiveScheduleHost[] {
  const granted = new Set(grantedHosts.map(canonicalHost));
  return archiveHosts.filter(({ host }) => isOfferableHost(host) && !granted.has(host));
}

/**
 * The archive's schedule hosts the user could still enable: without the required hosts, the
 * ones already granted, media.ccc.de and c3voc.de (and names no match pattern can hold).
 */
export async function candidateScheduleHosts(
  db: AftertalkDb,
  grantedHosts: readonly string[],
): Promise<ArchiveScheduleHost[]> {
  return filterCandidateHosts(await scheduleHostsInArchive(db), grantedHosts);
}
