/**
 * The site adapters in the order they are tried, and the one entry point the content script
 * calls. Each adapter's `matchesUrl` is a cheap URL test, so pages no adapter knows cost nothing
 * beyond a few regexes: the DOM is only read once a URL matches.
 */
import type { ScheduleSession, SiteAdapter } from './types';
import { pretalxAdapter } from './pretalx';
import { fosdemAdapter } from './fosdem';
import { cccHubAdapter } from './ccc-hub';
import { linkedPageAdapter } from './linked-page';

/** `linked-page` is last and only consulted when the caller asks for it (URL found in the archive). */
export const siteAdapters: SiteAdapter[] = [pretalxAdapter, fosdemAdapter, cccHubAdapter, linkedPageAdapter];

/**
 * Whether some adapter may find a talk on this URL, before the page is even parsed. Pages only
 * a stored talk can vouch for (`linked-page`) are not counted: their URL says nothing.
 */
export function mayBeTalkUrl(url: URL): boolean {
  return siteAdapters.some((adapter) => adapter !== linkedPageAdapter && adapter.matchesUrl(url));
}

export interface DetectedSession {
  adapter: SiteAdapter;
  session: ScheduleSession;
}

export function detectSession(
  doc: Document,
  url: URL,
  opts: { allowLinkedPage?: boolean } = {},
): DetectedSession | null {
  for (const adapter of siteAdapters) {
    if (adapter === linkedPageAdapter && !opts.allowLinkedPage) continue;
    if (!adapter.matchesUrl(url)) continue;
    const session = safeExtract(adapter, doc, url);
    if (session) return { adapter, session };
  }
  return null;
}

/** A page's odd markup must never break the content script: treat a throw as "not a talk". */
function safeExtract(adapter: SiteAdapter, doc: Document, url: URL): ScheduleSession | null {
  try {
    return adapter.extract(doc, url);
  } catch {
    return null;
  }
}
