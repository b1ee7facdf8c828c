import { isRetryableStatus, parseRetryAfter } from '../backoff';
import { FeedError } from './errors';
import { t } from '../../i18n';
import { hostOf } from '../../http-url';

/** A URL's host for a message, or the whole address when it does not parse. */
const hostOrAddress = (url: string) => hostOf(url) || url;

export { parseRetryAfter };

/** A non-2xx answer (other than 304): which status, from which host, so the popup can say so. */
export class HttpStatusError extends FeedError {
  constructor(
    readonly status: number,
    readonly host: string,
    message: string,
    retryAfterSeconds?: number,
  ) {
    super('http', message, retryAfterSeconds);
  }

  /** Worth retrying soon (lib/poll/backoff.ts): 408, 429, 5xx, or the server said when. */
  get transient(): boolean {
    return isRetryableStatus(this.status) || this.retryAfterSeconds !== undefined;
  }
}

export interface Validators {
  etag: string;
  lastModified: string;
}

export type FetchOutcome =
  | { status: 'not-modified' }
  | {
      status: 'ok';
      bytes: Uint8Array<ArrayBuffer>;
      etag: string;
      lastModified: string;
      /** As declared (lower case, no parameters); not trusted: the parser decides what the body is. */
      contentType: string;
      /** Where the body came from after redirects; the archive stays keyed by the configured URL. */
      finalUrl: string;
      /** The `Total` header (media.ccc.de's JSON API counts a paged list in it), '' when absent. */
      total: string;
    };

export interface FetchFeedOptions {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** The real feed is several MB; anything past this is not a feed we want to hold in memory. */
  maxBytes?: number;
  /** Clock for Retry-After dates when the answer has no `Date` header. */
  now?: () => number;
  /** What to ask for: the feed's XML types unless told otherwise (media.ccc.de's JSON API). */
  accept?: string;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * One conditional GET of the feed. media.ccc.de (Rails) answers `If-None-Match` with 304;
 * `If-Modified-Since` is sent only when an earlier answer carried `Last-Modified`.
 * The browser cache is bypassed (`no-store`) so our own validators decide, and a 304 reaches us.
 */
export async function fetchFeed(
  url: string,
  validators: Validators,
  options: FetchFeedOptions = {},
): Promise<FetchOutcome> {
  const {
    fetchImpl = fetch,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    maxBytes = DEFAULT_MAX_BYTES,
    now = Date.now,
    accept = 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.8',
  } = options;
  const headers: Record<string, string> = { Accept: accept };
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      // Raced against the timer too: a fetch (or a test double) that ignores the signal still ends.
      response = await untilAborted(
        fetchImpl(url, {
          headers,
          cache: 'no-store',
          credentials: 'omit',
          signal: controller.signal,
          redirect: 'follow',
        }),
        controller.signal,
      );
    } catch {
      if (controller.signal.aborted) throw timeoutError(url, timeoutMs);
      throw networkError(url);
    }
    if (response.status === 304) return { status: 'not-modified' };
    if (!response.ok) {
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now(), response.headers.get('Date'));
      const host = hostOrAddress(url);
      void response.body?.cancel().catch(() => undefined);
      throw new HttpStatusError(
        response.status,
        host,
        t('error_http_status', host, `${response.status}${response.statusText ? ` (${response.statusText})` : ''}`),
        retryAfter,
      );
    }
    const declared = Number(response.headers.get('Content-Length'));
    if (declared > maxBytes) throw tooLarge(maxBytes);
    const bytes = await readCapped(response, maxBytes, controller);
    return {
      status: 'ok',
      bytes,
      etag: response.headers.get('ETag') ?? '',
      lastModified: response.headers.get('Last-Modified') ?? '',
      contentType: (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase(),
      finalUrl: response.url || url,
      total: response.headers.get('Total') ?? '',
    };
  } catch (error) {
    if (controller.signal.aborted && !(error instanceof FeedError)) throw timeoutError(url, timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(
  response: Response,
  maxBytes: number,
  controller: AbortController,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!response.body) return new Uint8Array(await untilAborted(response.arrayBuffer(), controller.signal));
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      // A body that stalls half-way is cut off by the same timer as a server that never answers.
      const { done, value } = await untilAborted(reader.read(), controller.signal);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        controller.abort();
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Settles with `promise`, or rejects as soon as `signal` aborts, whichever is first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DOMException('Aborted', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Offline, a name that does not resolve, a refused connection: the browser says only
 * "Failed to fetch" (Chrome) or "NetworkError when attempting to fetch resource." (Firefox),
 * so the message says what it can mean instead of repeating that (the browser's own console
 * names the exact cause, e.g. net::ERR_NAME_NOT_RESOLVED).
 */
function networkError(url: string): FeedError {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return new FeedError(
    'network',
    offline ? t('error_offline', hostOrAddress(url)) : t('error_no_connection', hostOrAddress(url)),
  );
}

function timeoutError(url: string, timeoutMs: number): FeedError {
  return new FeedError('timeout', t('error_timeout', hostOrAddress(url), Math.round(timeoutMs / 1000)));
}

function tooLarge(maxBytes: number): FeedError {
  return new FeedError('too-large', t('error_too_large', Math.round(maxBytes / 1024 / 1024)));
}
