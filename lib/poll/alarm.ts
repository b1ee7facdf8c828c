import { browser } from 'wxt/browser';
import { readSyncStatus } from './status';

/**
 * The one alarm that drives polling. While backing off after transient failures
 * (lib/poll/backoff.ts) it is the same alarm, moved: re-created as `{ when: nextTryAt,
 * periodInMinutes }`, so it fires once at the retry time and then every interval from there.
 * A success after a backoff re-creates it on the plain interval (lib/poll/sync.ts). One alarm and
 * no second name means nothing else in the background has to know about retries.
 */
export const POLL_ALARM = 'aftertalk-poll';

/**
 * Makes sure exactly one repeating poll alarm exists with the wanted period. Alarms survive
 * worker restarts, so an existing one with the right period is kept (re-creating it would push
 * the next poll back every time the browser starts, or forget a retry time). A new period
 * while backing off keeps the retry time.
 */
export async function schedulePolling(minutes: number, now = Date.now()): Promise<void> {
  const existing = await browser.alarms.get(POLL_ALARM);
  if (existing && existing.periodInMinutes === minutes) return;
  const { nextTryAt } = await readSyncStatus();
  if (nextTryAt > now) await schedulePollAt(nextTryAt, minutes);
  else await browser.alarms.create(POLL_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}

/** Backing off: the next poll at `when` (epoch ms), then every `minutes` again. */
export async function schedulePollAt(when: number, minutes: number): Promise<void> {
  await browser.alarms.create(POLL_ALARM, { when, periodInMinutes: minutes });
}

/** After a backoff: the plain interval again, counted from now. */
export async function resumePolling(minutes: number): Promise<void> {
  await browser.alarms.create(POLL_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}
