import { browser } from 'wxt/browser';
import { FeedError } from './feed/errors';
import { t } from '../i18n';

/** The origin pattern a custom feed needs host access for; null when media.ccc.de already covers it. */
export function feedOriginPattern(feedUrl: string): string | null {
  const url = new URL(feedUrl);
  if (url.hostname === 'media.ccc.de') return null;
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * Asks for access to a custom feed's host. Must run inside the click handler that saves the
 * setting: browsers only show the permission prompt for a user gesture.
 */
export async function requestFeedPermission(feedUrl: string): Promise<boolean> {
  const pattern = feedOriginPattern(feedUrl);
  if (!pattern) return true;
  return browser.permissions.request({ origins: [pattern] });
}

/**
 * Without access to the feed's host a poll fails like a network error, so it is checked first:
 * - a custom feed chosen in another browser (settings sync) or an imported file arrives without
 *   this browser's permission for its host;
 * - media.ccc.de itself is declared, and Chrome grants it at install, but Firefox treats MV3 host
 *   permissions as the user's to grant or withdraw (about:addons → Permissions).
 */
export async function assertFeedAccess(feedUrl: string): Promise<void> {
  const pattern = feedOriginPattern(feedUrl) ?? MEDIA_CCC_DE;
  if (await hasOrigin(pattern)) return;
  const host = new URL(feedUrl).hostname;
  throw new FeedError(
    'permission',
    pattern === MEDIA_CCC_DE ? t('error_feed_permission_builtin', host) : t('error_feed_permission', host),
  );
}

const MEDIA_CCC_DE = 'https://media.ccc.de/*';

/** Where the browser cannot tell (no permissions API, as in unit tests' fake browser), yes. */
async function hasOrigin(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return true;
  }
}
