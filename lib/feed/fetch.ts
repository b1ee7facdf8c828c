import { FeedError } from './errors';

export interface Validators {
  etag: string;
  lastModified: string;
}

export type FetchOutcome =
  | { status: 'not-modified' }
  | { status: 'ok'; bytes: Uint8Array<ArrayBuffer>; etag: string; lastModified: string };

export interface FetchFeedOptions {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** The real feed is several MB; anything past this is not a feed we want to hold in memory. */
  maxBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * One conditional GET of the feed. media.ccc.de (Rails) answers `If-None-Match` with 304;
 * `If-Modified-Since` is sent only when an earlier answer carried `Last-Modified`.
 * The browser cache is bypassed (`no-store`) so our own validators decide, and a 304 reaches us.
 */
export async function fetchFeed(url: string, validators: Validators, options: FetchFeedOptions = {}): Promise<FetchOutcome> {
  const { fetchImpl = fetch, timeoutMs = DEFAULT_TIMEOUT_MS, maxBytes = DEFAULT_MAX_BYTES } = options;
  const headers: Record<string, string> = { Accept: 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.8' };
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, { headers, cache: 'no-store', credentials: 'omit', signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      if (controller.signal.aborted) throw timeoutError(url, timeoutMs);
      throw new FeedError('network', `Feed unreachable (${hostOf(url)}): ${(error as Error).message || 'network error'}.`);
    }
    if (response.status === 304) return { status: 'not-modified' };
    if (!response.ok) {
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
      throw new FeedError('http', `${hostOf(url)} answered ${response.status}${response.statusText ? ` (${response.statusText})` : ''}.`, retryAfter);
    }
    const declared = Number(response.headers.get('Content-Length'));
    if (declared > maxBytes) throw tooLarge(maxBytes);
    const bytes = await readCapped(response, maxBytes, controller);
    return { status: 'ok', bytes, etag: response.headers.get('ETag') ?? '', lastModified: response.headers.get('Last-Modified') ?? '' };
  } catch (error) {
    if (controller.signal.aborted && !(error instanceof FeedError)) throw timeoutError(url, timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number, controller: AbortController): Promise<Uint8Array<ArrayBuffer>> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      controller.abort();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Retry-After as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.round((date - now) / 1000)) : undefined;
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function timeoutError(url: string, timeoutMs: number): FeedError {
  return new FeedError('timeout', `Feed unreachable (${hostOf(url)}): no answer within ${Math.round(timeoutMs / 1000)} s.`);
}

function tooLarge(maxBytes: number): FeedError {
  return new FeedError('too-large', `The feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, so Aftertalk did not read it.`);
}
