import { browser } from 'wxt/browser';

export const POLL_ALARM = 'aftertalk-poll';

/**
 * Makes sure exactly one repeating poll alarm exists with the wanted period. Alarms survive
 * worker restarts, so an existing one with the right period is kept (re-creating it would push
 * the next poll back every time the browser starts).
 */
export async function schedulePolling(minutes: number): Promise<void> {
  const existing = await browser.alarms.get(POLL_ALARM);
  if (existing && existing.periodInMinutes === minutes) return;
  await browser.alarms.create(POLL_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}
