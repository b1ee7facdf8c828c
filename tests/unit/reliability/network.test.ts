import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BACKOFF_MAX_MS, backoffDelayMs, isRetryableStatus, nextTryAt, parseRetryAfter } from '@/lib/poll/backoff';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import { fetchFeed } from '@/lib/poll/feed/fetch';
import { formatTime } from '@/lib/format';
import { POLL_ALARM, schedulePolling } from '@/lib/poll/alarm';
import { describeSyncStatus } from '@/lib/ui/status-text';
import { saveSettings } from '@/lib/personal/settings';
import { pollIfDue, syncFeed, type SyncDeps } from '@/lib/poll/sync';
import { pollAndTell } from '@/lib/background';
import { EMPTY_STATUS, readSyncStatus, type SyncStatus } from '@/lib/poll/status';
import { feedXml, type ItemSpec } from '../../support/feed-xml';
import { uniqueDbName } from '../../support/talks';

const HQ = 'https://media.ccc.de/podcast-hq.xml';
const MIN = 60_000;
const HOUR = 60 * MIN;
const base: ItemSpec[] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
const plusTwo: ItemSpec[] = [
  { id: 'new1', title: 'Fresh one (asg2025)' },
  { id: 'new2', title: 'Fresh two (39c3)' },
  ...base,
];

type Answer = () => Response | Promise<Response>;

/** A scripted server: each call takes the next answer; an exhausted script is a DNS failure. */
function server(answers: Answer[]) {
  const calls: string[] = [];
  const impl = vi.fn(async (url: string | URL | Request) => {
    calls.push(String(url));
    const next = answers.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next();
  });
  return { impl: impl as unknown as typeof fetch, calls };
}
const feed =
  (items: ItemSpec[], headers: Record<string, string> = {}) =>
  () =>
    new Response(feedXml(items), { headers: { ETag: `W/"${items.length}"`, ...headers } });
const status =
  (code: number, headers: Record<string, string> = {}, statusText = '') =>
  () =>
    new Response('busy', { status: code, statusText, headers });
const dnsFailure: Answer = () => Promise.reject(new TypeError('Failed to fetch'));
/** Never settles and ignores the abort signal: only the timeout can end it. */
const neverAnswers: Answer = () => new Promise<Response>(() => {});

let db: AftertalkDb;
let clock: number;
const T0 = new Date(2026, 10, 22, 14, 0).getTime();

/** One poll with a pinned clock and jitter draw of 0.5 (the jitter factor is then exactly 1). */
const sync = (impl: typeof fetch, extra: Partial<SyncDeps> = {}) =>
  syncFeed({ db, fetchImpl: impl, now: () => clock, random: () => 0.5, timeoutMs: 50, ...extra });
/** The same poll as the background makes it: then the badge (lib/background.ts). */
const pollAsBackground = (impl: typeof fetch) =>
  pollAndTell({ db, fetchImpl: impl, now: () => clock, random: () => 0.5, timeoutMs: 50 });
const badge = () => fakeBrowser.action.getBadgeText({});
const pollAlarm = () => fakeBrowser.alarms.get(POLL_ALARM);

beforeEach(() => {
  fakeBrowser.reset();
  db = openDb(uniqueDbName());
  clock = T0;
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
});

describe('backoff policy (nextTryAt)', () => {
  it('doubles from 2 min per consecutive failure', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((n) => nextTryAt(n, T0, undefined, 30, 0.5) - T0);
    expect(delays).toEqual([2, 4, 8, 16, 32, 64].map((m) => m * MIN));
  });

  it('stops doubling at max(poll interval, 6 h) and never goes past 24 h', () => {
    expect(backoffDelayMs(12, undefined, 30, 0.5)).toBe(6 * HOUR);
    expect(backoffDelayMs(50, undefined, 30, 0.5)).toBe(6 * HOUR);
    expect(backoffDelayMs(12, undefined, 12 * 60, 0.5)).toBe(12 * HOUR);
    // A daily interval with the highest jitter would be 28.8 h: 24 h is the ceiling.
    expect(backoffDelayMs(50, undefined, 24 * 60, 0.999999)).toBe(BACKOFF_MAX_MS);
    expect(Number.isFinite(backoffDelayMs(1e9, undefined, 30, 0.5))).toBe(true);
  });

  it('keeps jitter within ±20 %', () => {
    expect(backoffDelayMs(3, undefined, 30, 0)).toBe(0.8 * 8 * MIN);
    expect(backoffDelayMs(3, undefined, 30, 0.999999)).toBeCloseTo(1.2 * 8 * MIN, -2);
    const draws = Array.from({ length: 200 }, (_, i) => backoffDelayMs(3, undefined, 30, i / 200));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0.8 * 8 * MIN);
    expect(Math.max(...draws)).toBeLessThanOrEqual(1.2 * 8 * MIN);
    expect(new Set(draws).size).toBeGreaterThan(100);
    // Out-of-range draws cannot escape the band.
    expect(backoffDelayMs(3, undefined, 30, 7)).toBe(1.2 * 8 * MIN);
    expect(backoffDelayMs(3, undefined, 30, -1)).toBe(0.8 * 8 * MIN);
  });

  it('is never sooner than Retry-After, and a shorter Retry-After does not shorten it', () => {
    expect(nextTryAt(1, T0, 3600, 30, 0) - T0).toBe(HOUR);
    expect(nextTryAt(5, T0, 10, 30, 0.5) - T0).toBe(32 * MIN);
  });

  it('clamps an absurd Retry-After to 24 h and ignores a meaningless one', () => {
    expect(backoffDelayMs(1, 1e12, 30, 0.5)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelayMs(1, Infinity, 30, 0.5)).toBe(2 * MIN);
    expect(backoffDelayMs(1, -60, 30, 0.5)).toBe(2 * MIN);
    expect(backoffDelayMs(1, Number.NaN, 30, 0.5)).toBe(2 * MIN);
    expect(backoffDelayMs(0, undefined, Number.NaN, 0.5)).toBe(2 * MIN);
  });

  it('retries soon only for statuses a retry can fix', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 418].some(isRetryableStatus)).toBe(false);
  });
});

describe('Retry-After parsing', () => {
  const now = Date.UTC(2026, 10, 22, 13, 0, 0);
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  it('reads the three HTTP date forms', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 13:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter('Sunday, 22-Nov-26 13:05:00 GMT', now)).toBe(300);
    // asctime names no zone; like every HTTP date it is GMT, whatever the local zone.
    expect(parseRetryAfter('Sun Nov 22 13:05:00 2026', now)).toBe(300);
  });
  it("measures a date against the answer's Date header, not a wrong local clock", () => {
    const localClockAnHourFast = now + HOUR;
    expect(
      parseRetryAfter('Sun, 22 Nov 2026 13:05:00 GMT', localClockAnHourFast, 'Sun, 22 Nov 2026 13:00:00 GMT'),
    ).toBe(300);
  });
  it('clamps absurd values to 24 h and refuses garbage', () => {
    expect(parseRetryAfter('99999999999999', now)).toBe(86_400);
    expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', now)).toBe(86_400);
    expect(parseRetryAfter('Sat, 01 Jan 2000 00:00:00 GMT', now)).toBe(0);
    for (const garbage of ['', '-5', '1.5', 'soon', '2026-11-22', null, undefined])
      expect(parseRetryAfter(garbage, now)).toBeUndefined();
  });
});

describe('status line while backing off', () => {
  const now = new Date(2026, 10, 22, 14, 10).getTime();
  const at = (h: number, m: number) => new Date(2026, 10, 22, h, m).getTime();
  const failing = (lastError: SyncStatus['lastError'], nextTry: number): SyncStatus => ({
    ...EMPTY_STATUS,
    lastSuccessAt: at(13, 0),
    failingSince: at(14, 2),
    lastError,
    consecutiveFailures: 2,
    nextTryAt: nextTry,
  });

  it('names the answer and the next try', () => {
    const line = describeSyncStatus(
      failing(
        {
          kind: 'http',
          message: 'media.ccc.de answered 503 (Service Unavailable).',
          at: at(14, 8),
          host: 'media.ccc.de',
          httpStatus: 503,
        },
        at(14, 32),
      ),
      null,
      now,
    );
    expect(line).toMatchObject({
      tone: 'error',
      text: `media.ccc.de answered 503 · next try at ${formatTime(at(14, 32), now)}`,
    });
    expect(line.text).toMatch(/next try at \d{1,2}[:.]32/);
    expect(line.detail).toContain('Last successful check');
  });

  it('says the server asked to wait when it sent Retry-After', () => {
    const line = describeSyncStatus(
      failing(
        {
          kind: 'http',
          message: 'media.ccc.de answered 429.',
          at: at(14, 8),
          host: 'media.ccc.de',
          httpStatus: 429,
          retryAfterSeconds: 3600,
        },
        at(15, 8),
      ),
      null,
      now,
    );
    expect(line.text).toBe(`media.ccc.de asked to wait · next try at ${formatTime(at(15, 8), now)}`);
  });

  it('keeps "unreachable since" for network failures and adds the next try', () => {
    const line = describeSyncStatus(
      failing(
        {
          kind: 'network',
          message: 'Feed unreachable (media.ccc.de): no connection.',
          at: at(14, 8),
          host: 'media.ccc.de',
        },
        at(14, 40),
      ),
      null,
      now,
    );
    expect(line.text).toBe(
      `Feed unreachable since ${formatTime(at(14, 2), now)} · next try at ${formatTime(at(14, 40), now)}`,
    );
  });

  it('keeps the old wording once the retry time has passed, or when not backing off', () => {
    const overdue = describeSyncStatus(
      failing({ kind: 'http', message: 'x', at: at(14, 8), host: 'media.ccc.de', httpStatus: 503 }, at(14, 9)),
      null,
      now,
    );
    expect(overdue.text).toBe(`Last check failed at ${formatTime(at(14, 8), now)}`);
    const notFound = describeSyncStatus(
      {
        ...EMPTY_STATUS,
        lastError: {
          kind: 'http',
          message: 'media.ccc.de answered 404.',
          at: at(14, 8),
          host: 'media.ccc.de',
          httpStatus: 404,
        },
      },
      null,
      now,
    );
    expect(notFound.text).toBe(`Last check failed at ${formatTime(at(14, 8), now)}`);
  });
});

describe('backoff wiring (syncFeed, pollIfDue, the poll alarm)', () => {
  it('a 503 schedules the poll alarm at the backoff time, and each further failure doubles it', async () => {
    const srv = server([status(503, {}, 'Service Unavailable'), status(502), dnsFailure]);
    const first = await sync(srv.impl);
    expect(first).toMatchObject({
      consecutiveFailures: 1,
      nextTryAt: T0 + 2 * MIN,
      lastError: { kind: 'http', httpStatus: 503, host: 'media.ccc.de' },
    });
    expect(await pollAlarm()).toMatchObject({ scheduledTime: T0 + 2 * MIN, periodInMinutes: 30 });

    clock = first.nextTryAt;
    const second = await sync(srv.impl);
    expect(second).toMatchObject({ consecutiveFailures: 2, nextTryAt: clock + 4 * MIN });
    clock = second.nextTryAt;
    const third = await sync(srv.impl);
    expect(third).toMatchObject({ consecutiveFailures: 3, nextTryAt: clock + 8 * MIN, lastError: { kind: 'network' } });
    expect(await pollAlarm()).toMatchObject({ scheduledTime: clock + 8 * MIN });
  });

  it('honours Retry-After as delta-seconds and as an HTTP date', async () => {
    const retryDate = new Date(T0 + 45 * MIN).toUTCString();
    const srv = server([
      status(429, { 'Retry-After': '600' }),
      status(503, { 'Retry-After': retryDate, Date: new Date(T0).toUTCString() }),
    ]);
    const delta = await sync(srv.impl);
    expect(delta).toMatchObject({ nextTryAt: T0 + 10 * MIN, lastError: { httpStatus: 429, retryAfterSeconds: 600 } });
    const date = await sync(srv.impl);
    expect(date).toMatchObject({ nextTryAt: T0 + 45 * MIN, lastError: { retryAfterSeconds: 45 * 60 } });
    expect(describeSyncStatus(date, null, T0).text).toBe(
      `media.ccc.de asked to wait · next try at ${formatTime(T0 + 45 * MIN, T0)}`,
    );
  });

  it('an absurd Retry-After waits 24 h, not a year', async () => {
    const after = await sync(server([status(503, { 'Retry-After': String(365 * 86_400) })]).impl);
    expect(after.nextTryAt).toBe(T0 + 24 * HOUR);
  });

  it('a failure a retry cannot fix keeps the normal interval', async () => {
    await schedulePolling(30, T0);
    const before = await pollAlarm();
    const after = await sync(server([status(404, {}, 'Not Found')]).impl);
    expect(after).toMatchObject({ consecutiveFailures: 0, nextTryAt: 0, lastError: { kind: 'http', httpStatus: 404 } });
    expect(await pollAlarm()).toEqual(before);
  });

  it('a 404 after a 503 ends the backoff: the plain interval again', async () => {
    const srv = server([status(503, { 'Retry-After': '7200' }), status(404)]);
    await sync(srv.impl);
    expect((await pollAlarm())?.scheduledTime).toBe(T0 + 2 * HOUR);
    const after = await sync(srv.impl);
    expect(after).toMatchObject({ consecutiveFailures: 0, nextTryAt: 0, lastError: { httpStatus: 404 } });
    expect(Math.abs((await pollAlarm())!.scheduledTime - (Date.now() + 30 * MIN))).toBeLessThan(MIN);
  });

  it('an alarm before nextTryAt makes no request; one after it does', async () => {
    const srv = server([status(503), feed(base)]);
    const failed = await sync(srv.impl);
    const alarmPoll = (at: number) => pollIfDue(() => sync(srv.impl), at);

    const skipped = await alarmPoll(failed.nextTryAt - 30_000);
    expect(srv.calls).toHaveLength(1);
    expect(skipped).toEqual(failed);

    clock = failed.nextTryAt;
    const retried = await alarmPoll(failed.nextTryAt);
    expect(srv.calls).toHaveLength(2);
    expect(retried.lastError).toBeNull();
  });

  it('the Refresh button tries even while backing off', async () => {
    const srv = server([status(503, { 'Retry-After': '3600' }), feed(base)]);
    const failed = await sync(srv.impl);
    expect(failed.nextTryAt).toBe(T0 + HOUR);
    clock = T0 + MIN;
    const manual = await sync(srv.impl);
    expect(srv.calls).toHaveLength(2);
    expect(manual).toMatchObject({ lastError: null, lastResult: { added: 3 } });
  });

  it('a success resets the backoff and puts the alarm back on the plain interval', async () => {
    const srv = server([status(503), status(503), feed(base), status(503)]);
    await sync(srv.impl);
    await sync(srv.impl);
    const ok = await sync(srv.impl);
    expect(ok).toMatchObject({ consecutiveFailures: 0, nextTryAt: 0, failingSince: 0, lastError: null });
    const alarm = await pollAlarm();
    expect(alarm?.periodInMinutes).toBe(30);
    // Re-created on the plain interval (the alarm API counts a delay from the real clock).
    expect(Math.abs(alarm!.scheduledTime - (Date.now() + 30 * MIN))).toBeLessThan(MIN);
    // The next failure starts again at 2 min, not 8.
    const again = await sync(srv.impl);
    expect(again).toMatchObject({ consecutiveFailures: 1, nextTryAt: T0 + 2 * MIN });
  });

  it('a new poll interval while backing off keeps the retry time', async () => {
    const failed = await sync(server([status(503, { 'Retry-After': '1200' })]).impl);
    await schedulePolling(60, T0);
    expect(await pollAlarm()).toMatchObject({ scheduledTime: failed.nextTryAt, periodInMinutes: 60 });
  });

  it('failures of every kind leave the archive, the feed record and the badge alone', async () => {
    const srv = server([
      feed(base),
      feed(plusTwo),
      status(503),
      status(429, { 'Retry-After': '60' }),
      dnsFailure,
      neverAnswers,
      () =>
        new Response('<!doctype html><html><body>Login</body></html>', { headers: { 'Content-Type': 'text/html' } }),
    ]);
    await pollAsBackground(srv.impl);
    await pollAsBackground(srv.impl);
    const talks = await db.talks.toArray();
    const record = await db.feeds.get(HQ);
    expect(await badge()).toBe('2');
    const kinds: string[] = [];
    for (let i = 0; i < 5; i++) kinds.push((await pollAsBackground(srv.impl)).lastError!.kind);
    expect(kinds).toEqual(['http', 'http', 'network', 'timeout', 'not-a-feed']);
    expect(await db.talks.toArray()).toEqual(talks);
    expect(await db.feeds.get(HQ)).toEqual(record);
    expect(await badge()).toBe('2');
  });

  it('an alarm and the Refresh button at once make one request', async () => {
    let answer!: (response: Response) => void;
    const impl = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    const alarm = pollIfDue(() => sync(impl as unknown as typeof fetch), T0);
    const button = sync(impl as unknown as typeof fetch);
    await vi.waitFor(() => expect(impl).toHaveBeenCalled());
    answer(feed(base)());
    const [a, b] = await Promise.all([alarm, button]);
    expect(impl).toHaveBeenCalledTimes(1);
    expect(a).toEqual(b);
    expect(await db.talks.count()).toBe(3);
  });
});

describe('network failure kinds', () => {
  it('aborts a request that never answers after the (injected) timeout', async () => {
    const started = performance.now();
    const result = await sync(server([neverAnswers]).impl, { timeoutMs: 20 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.lastError).toMatchObject({ kind: 'timeout' });
    expect(result.lastError?.message).toMatch(/^Feed unreachable \(media\.ccc\.de\): no answer within/);
    expect(result).toMatchObject({ consecutiveFailures: 1 });
  });

  it('aborts through the signal a real fetch honours, with fake timers', async () => {
    vi.useFakeTimers();
    try {
      let signal: AbortSignal | undefined;
      const impl = vi.fn((_url: string, init: RequestInit) => {
        signal = init.signal ?? undefined;
        return new Promise<Response>(() => {});
      });
      const pending = fetchFeed(HQ, { etag: '', lastModified: '' }, { fetchImpl: impl as unknown as typeof fetch });
      const outcome = expect(pending).rejects.toMatchObject({
        kind: 'timeout',
        message: expect.stringMatching(/within 60 s/),
      });
      await vi.advanceTimersByTimeAsync(59_999);
      expect(signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(signal?.aborted).toBe(true);
      await outcome;
    } finally {
      vi.useRealTimers();
    }
  });

  it('aborts a body that stops half-way', async () => {
    const stalled = () =>
      new Response(
        new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('<rss>')) }),
      );
    const result = await sync(server([stalled]).impl, { timeoutMs: 20 });
    expect(result.lastError?.kind).toBe('timeout');
  });

  it('a DNS failure or a dropped connection is "network", in plain words', async () => {
    for (const error of [
      new TypeError('Failed to fetch'),
      new TypeError('NetworkError when attempting to fetch resource.'),
    ]) {
      const result = await sync(server([() => Promise.reject(error)]).impl);
      expect(result.lastError).toMatchObject({
        kind: 'network',
        message: 'Feed unreachable (media.ccc.de): no connection (offline, or the server name could not be found).',
      });
    }
  });

  it('says so when the browser knows it is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const result = await sync(server([dnsFailure]).impl);
    expect(result.lastError).toMatchObject({
      kind: 'network',
      message: 'Feed unreachable (media.ccc.de): this computer is offline.',
    });
    expect(result.nextTryAt).toBe(T0 + 2 * MIN);
  });

  it('follows a redirect and keeps the feed keyed by the configured URL', async () => {
    const moved = 'https://cdn.media.ccc.de/feeds/podcast-hq.xml';
    const redirected = () =>
      Object.defineProperties(feed(base)(), { redirected: { value: true }, url: { value: moved } });
    const result = await sync(server([redirected]).impl);
    expect(result).toMatchObject({ lastError: null, lastResult: { added: 3 } });
    expect(await db.feeds.get(HQ)).toMatchObject({ etag: 'W/"3"' });
    expect(await db.feeds.get(moved)).toBeUndefined();
    expect(await db.feeds.count()).toBe(1);
  });

  it('a web page served as text/html is "not a feed", with a message that says what it was', async () => {
    const portal = () =>
      new Response('<!DOCTYPE html><html><head><title>Hotel Wi-Fi</title></head><body><form>Sign in</body></html>', {
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      });
    const half = () =>
      new Response('  <head><title>Error</title><body><p>oops', { headers: { 'Content-Type': 'text/html' } });
    for (const page of [portal, half]) {
      const result = await sync(server([page]).impl);
      expect(result.lastError).toMatchObject({
        kind: 'not-a-feed',
        message: expect.stringMatching(/^media\.ccc\.de sent a web page \(text\/html\) instead of the feed/),
      });
      expect(result).toMatchObject({ consecutiveFailures: 0, nextTryAt: 0 });
    }
    expect(await db.talks.count()).toBe(0);
  });

  it('accepts a valid feed whatever content type it was sent with', async () => {
    await saveSettings({ pollMinutes: 30 });
    for (const type of ['application/octet-stream', 'text/html', 'text/plain']) {
      await db.feeds.clear();
      await db.talks.clear();
      const result = await sync(server([feed(base, { 'Content-Type': type })]).impl);
      expect(result, type).toMatchObject({ lastError: null, lastResult: { added: 3 } });
    }
  });
});

describe('status survives in storage', () => {
  it('writes nextTryAt and consecutiveFailures where the popup reads them', async () => {
    await sync(server([status(500)]).impl);
    expect(await readSyncStatus()).toMatchObject({ consecutiveFailures: 1, nextTryAt: T0 + 2 * MIN });
  });
});
