import { browser } from 'wxt/browser';
import { FeedError } from './feed/errors';
import { t } from './i18n';

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
 * A custom feed chosen in another browser (settings sync) or an imported file arrives without
 * this browser's permission for its host: say so, instead of failing as a network error.
 */
export async function assertFeedAccess(feedUrl: string): Promise<void> {
  const pattern = feedOriginPattern(feedUrl);
  if (!pattern) return;
  const granted = await browser.permissions.contains({ origins: [pattern] }).catch(() => true);
  if (!granted) {
    throw new FeedError('permission', t('error_feed_permission', new URL(feedUrl).hostname));
  }
}
