/**
 * When to poll again after a failed check. Pure; lib/poll/sync.ts applies it.
 *
 * Policy:
 * - Backs off only after a transient failure: no connection (offline, DNS), a timeout, or an
 *   HTTP 408, 429 or 5xx answer (`isRetryableStatus`), or any error answer carrying Retry-After.
 *   Other failures (404, not a feed, malformed, too large, no permission) keep the normal interval.
 * - Failure n waits 2 min · 2^(n−1) (2, 4, 8, 16 … min), at most max(poll interval, 6 h),
 *   then ±20 % jitter so many browsers do not come back in step.
 * - Never sooner than the server's Retry-After (delta-seconds or HTTP date), and never later than
 *   24 h: a Retry-After beyond 24 h counts as 24 h.
 * - A successful check resets the count and the normal interval resumes (lib/poll/sync.ts).
 */

export const BACKOFF_BASE_MS = 2 * 60_000;
/** The doubling stops here, or at the poll interval when that is longer. */
export const BACKOFF_SOFT_CAP_MS = 6 * 60 * 60_000;
/** Nothing, not even Retry-After, pushes the next try further than this. */
export const BACKOFF_MAX_MS = 24 * 60 * 60_000;
export const BACKOFF_JITTER = 0.2;

/**
 * Epoch ms of the next try after `failures` consecutive transient failures (1 = the first).
 * `random` is a draw in [0, 1) for the jitter; `retryAfterSeconds` what the server asked for.
 */
export function nextTryAt(
  failures: number,
  now: number,
  retryAfterSeconds: number | undefined,
  pollMinutes: number,
  random: number = Math.random(),
): number {
  return now + backoffDelayMs(failures, retryAfterSeconds, pollMinutes, random);
}

export function backoffDelayMs(
  failures: number,
  retryAfterSeconds: number | undefined,
  pollMinutes: number,
  random: number = Math.random(),
): number {
  const n = Number.isFinite(failures) && failures >= 1 ? Math.floor(failures) : 1;
  const interval = Number.isFinite(pollMinutes) && pollMinutes > 0 ? pollMinutes * 60_000 : 0;
  const cap = Math.max(interval, BACKOFF_SOFT_CAP_MS);
  // 2^30 × 2 min is far past any cap; the exponent is bounded so it never becomes Infinity.
  const doubled = Math.min(BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30), cap);
  const draw = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 0.5;
  const jittered = doubled * (1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * draw);
  const asked =
    retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
      ? retryAfterSeconds * 1000
      : 0;
  return Math.round(Math.min(BACKOFF_MAX_MS, Math.max(jittered, Math.min(asked, BACKOFF_MAX_MS))));
}

/** HTTP answers worth retrying sooner than never: request timeout, rate limit, server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** An HTTP date (IMF-fixdate, RFC 850 or asctime) names a month; "1.5" or "-5" does not. */
const HTTP_DATE = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/i;

/**
 * Retry-After as whole seconds from `now`: delta-seconds ("120") or an HTTP date, which is
 * measured against the answer's own `Date` header when it has one (so a wrong local clock does
 * not matter). Anything else, negative or unparseable, is no request at all. Values are clamped
 * to 24 h.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
  serverDate?: string | null,
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const maxSeconds = BACKOFF_MAX_MS / 1000;
  if (/^\d+$/.test(text)) return Math.min(Number(text), maxSeconds);
  if (!HTTP_DATE.test(text)) return undefined;
  const date = parseHttpDate(text);
  if (!Number.isFinite(date)) return undefined;
  const server = serverDate && HTTP_DATE.test(serverDate) ? parseHttpDate(serverDate) : NaN;
  const from = Number.isFinite(server) ? server : now;
  return Math.min(Math.max(0, Math.round((date - from) / 1000)), maxSeconds);
}

/** HTTP dates are GMT; asctime form says so nowhere, and `Date.parse` would read it as local time. */
function parseHttpDate(text: string): number {
  return Date.parse(/\b(gmt|utc|z)\b|[+-]\d{4}\b/i.test(text) ? text : `${text} GMT`);
}
