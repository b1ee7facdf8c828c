import { browser } from 'wxt/browser';

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
