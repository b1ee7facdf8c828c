import { browser, type Browser } from 'wxt/browser';
import type { SyncStatus } from './poll/status';

/**
 * The typed protocol from extension pages (popup, options) to the background.
 * Every request names its type; `BackgroundResponses` maps it to what comes back.
 */
/** `hello`: a page opened; wakes the worker, which clears what a killed predecessor left behind. */
export type BackgroundRequest =
  { type: 'sync-now' } | { type: 'hello' } | { type: 'talks-seen'; ids: string[] | 'all' };

export interface BackgroundResponses {
  'sync-now': SyncStatus;
  hello: SyncStatus;
  'talks-seen': { marked: number; newCount: number };
}

export type ResponseOf<R extends BackgroundRequest> = BackgroundResponses[R['type']];

export function sendToBackground<R extends BackgroundRequest>(request: R): Promise<ResponseOf<R>> {
  return browser.runtime.sendMessage(request) as Promise<ResponseOf<R>>;
}

const MAX_IDS = 5000;

/** Checks the shape of an incoming message; anything else is dropped unanswered. */
export function parseBackgroundRequest(message: unknown): BackgroundRequest | null {
  if (!message || typeof message !== 'object') return null;
  const { type, ids } = message as { type?: unknown; ids?: unknown };
  if (type === 'sync-now' || type === 'hello') return { type };
  if (type === 'talks-seen') {
    if (ids === 'all') return { type, ids };
    if (Array.isArray(ids) && ids.length <= MAX_IDS && ids.every((id) => typeof id === 'string' && id.length <= 300)) {
      return { type, ids: ids as string[] };
    }
  }
  return null;
}

/** Only this extension's own pages (popup, options) may drive the archive; never a web page. */
export function isOwnExtensionPage(
  sender: Browser.runtime.MessageSender,
  extensionId = browser.runtime.id,
  extensionOrigin = browser.runtime.getURL('/'),
): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}
