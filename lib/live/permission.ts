/**
 * The streaming hosts are optional: asked for once, in context ("Show live talks and ReLive for
 * 39C3?"), from a click on one of our own pages, never from a schedule page. Until they are
 * granted Aftertalk asks them nothing (lib/live/policy.ts).
 */
import { browser } from 'wxt/browser';
import { RELIVE_HOST, STREAMING_HOST } from './types';

export const LIVE_ORIGINS = [`https://${STREAMING_HOST}/*`, `https://${RELIVE_HOST}/*`];

export async function hasLivePermission(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: LIVE_ORIGINS });
  } catch {
    return false;
  }
}

/** Must run inside the click handler: browsers show the prompt only for a user gesture. */
export async function requestLivePermission(): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: LIVE_ORIGINS });
  } catch {
    return false;
  }
}

/** "Stop": the hosts are given back; nothing is asked of them any more. */
export async function removeLivePermission(): Promise<boolean> {
  try {
    return await browser.permissions.remove({ origins: LIVE_ORIGINS });
  } catch {
    return false;
  }
}
