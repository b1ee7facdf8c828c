/**
 * The feed's bytes as text, and what to say when they turn out to be a web page. The first step
 * after the fetch (lib/poll/feed/fetch.ts); the text then goes on to item-chunks.ts and read-feed.ts.
 */
import { FeedError } from './errors';
import { t } from '../../i18n';
import { hostOf } from '../../http-url';

/** A web page where the feed should be: an error page, or the sign-in page of a hotel or train network. */
export function webPageError(url: string): FeedError {
  return new FeedError('not-a-feed', t('error_web_page_from', hostOf(url) || t('error_feed_address')));
}

/**
 * The body as text in the encoding its XML declaration names (UTF-8 when it names none or one
 * the browser does not know): a Latin-1 feed keeps its umlauts.
 */
export function decodeFeed(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
