import { pretalxCodeFromPath, sessionCodeFromPath } from '../../match/normalise-url';
import { canonicalHost, hostOfHttpUrl, isOfferableHost } from './hosts';

/** Why the popup thinks the active tab is a schedule page. */
export type SiteOfferReason = 'talk-path' | 'archive' | 'pretalx-generator';

export interface SiteOffer {
  host: string;
  reason: SiteOfferReason;
}

export interface SiteOfferInput {
  /** The active tab's URL; undefined when the browser does not show it to us. */
  url: string | undefined;
  /** The tab's host is already covered: a required host or a granted permission. */
  isCovered: boolean;
  /** Hosts that schedule links in the archive point to (all of them, or just the tab's host when it is one). */
  archiveHosts: Iterable<string>;
  /**
   * `<meta name="generator">` of the page, '' when there is none, undefined when not probed
   * (yet). Probing runs a script in the tab, so callers ask for it only when nothing else decided.
   */
  generator?: string;
}

/** The http(s) host of a tab URL that could be offered at all, else null. */
export function offerableHostOfTabUrl(url: string | undefined): string | null {
  const host = url ? hostOfHttpUrl(url) : null;
  return host && isOfferableHost(host) ? host : null;
}

/**
 * Whether the popup offers "Enable on <host>" for the active tab, and why. Offered only for an
 * http(s) page on a host that is not covered yet, that is neither media.ccc.de nor c3voc.de and
 * that looks like a schedule: a pretalx talk path (`/<event>/talk/<CODE>/`) or a
 * `/sessions/<CODE>/` path, a host the archive's schedule links name, or a page pretalx made
 * (its generator meta tag starts with "pretalx").
 */
export function shouldOfferSite({ url, isCovered, archiveHosts, generator }: SiteOfferInput): SiteOffer | null {
  if (isCovered) return null;
  const host = offerableHostOfTabUrl(url);
  if (!host) return null;
  const { pathname } = new URL(url!);
  if (pretalxCodeFromPath(pathname) || sessionCodeFromPath(pathname)) return { host, reason: 'talk-path' };
  for (const archiveHost of archiveHosts) {
    if (canonicalHost(archiveHost) === host) return { host, reason: 'archive' };
  }
  if (generator?.trim().toLowerCase().startsWith('pretalx')) return { host, reason: 'pretalx-generator' };
  return null;
}
