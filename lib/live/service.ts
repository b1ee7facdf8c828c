/**
 * The live job in the worker: on its alarm, when a schedule page or the popup opens, and when the
 * user grants the hosts, it decides (lib/live/policy.ts) and checks (lib/live/poll.ts); the
 * 5-minute alarm exists only while a wanted conference is live or its ReLive is being processed.
 * What the user follows and what the archive knows come from lib/background.ts (`LiveContext`).
 */
import { browser } from 'wxt/browser';
import { DISCOVERY_MS, interestOf, LIVE_POLL_MINUTES, PAGE_INTEREST_MS, planLivePoll, type LiveReason } from './policy';
import { runLivePoll, type LivePollDeps } from './poll';
import { emptyLiveState, readLiveState, updateLiveState, type LiveState } from './store';

export const LIVE_ALARM = 'aftertalk-live';
const MINUTE = 60_000;

export interface LiveContext {
  permitted: boolean;
  followed: ReadonlySet<string>;
  scopeAll: boolean;
  /** The newest talk date in the archive for each of these conference names (absent: none). */
  newestTalks: (names: string[]) => Promise<Map<string, number>>;
}

let running: Promise<LiveState> | undefined;

async function ensureAlarm(keep: boolean): Promise<void> {
  const existing = await browser.alarms.get(LIVE_ALARM);
  if (keep && !existing)
    await browser.alarms.create(LIVE_ALARM, { delayInMinutes: LIVE_POLL_MINUTES, periodInMinutes: LIVE_POLL_MINUTES });
  if (!keep && existing) await browser.alarms.clear(LIVE_ALARM);
}

/**
 * Decide and, when due, ask the streaming hosts; one check at a time (a second caller shares the
 * running one). Answers the live state afterwards and whether a check ran.
 */
export function checkLive(
  reason: LiveReason,
  context: LiveContext,
  deps: Omit<LivePollDeps, 'interest'> = {},
): Promise<LiveState> {
  running ??= (async () => {
    const now = (deps.now ?? Date.now)();
    const state = await readLiveState();
    if (!context.permitted) {
      await ensureAlarm(false);
      return state;
    }
    const interest = interestOf({ followed: context.followed, state, now });
    // The archive's talk dates only matter when looking for a conference that went live.
    const mayDiscover = reason !== 'alarm' && now - state.lastAttemptAt >= DISCOVERY_MS - MINUTE;
    const newest = mayDiscover ? await context.newestTalks(interest) : new Map<string, number>();
    const plan = planLivePoll({
      now,
      reason,
      permitted: context.permitted,
      followed: context.followed,
      scopeAll: context.scopeAll,
      state,
      newestTalk: (name) => newest.get(name) ?? 0,
    });
    await ensureAlarm(plan.keepAlarm);
    if (!plan.streams && plan.relive.length === 0) return state;
    const after = await runLivePoll(plan, { ...deps, interest });
    // The answer may have made a conference live (or ended it): the alarm follows at once.
    const replanned = planLivePoll({
      now: (deps.now ?? Date.now)(),
      reason: 'alarm',
      permitted: true,
      followed: context.followed,
      scopeAll: context.scopeAll,
      state: after,
      newestTalk: (name) => newest.get(name) ?? 0,
    });
    await ensureAlarm(replanned.keepAlarm);
    return after;
  })().finally(() => {
    running = undefined;
  });
  return running;
}

/** A schedule page of `event` is open: its conference counts as wanted for the next hour. */
export async function notePageOpen(event: string, now: number): Promise<boolean> {
  const name = event.trim().toLowerCase();
  // Page text: a name like `__proto__` must never become a key of a plain object.
  if (!/^[a-z0-9][a-z0-9 ._-]{0,79}$/.test(name) || name in Object.prototype) return false;
  const before = await readLiveState();
  const fresh = Object.hasOwn(before.pages, name) && now - before.pages[name]! < PAGE_INTEREST_MS / 4;
  if (fresh) return false;
  await updateLiveState((s) => {
    for (const [key, at] of Object.entries(s.pages)) if (now - at >= PAGE_INTEREST_MS) delete s.pages[key];
    Object.defineProperty(s.pages, name, { value: now, enumerable: true, writable: true, configurable: true });
  });
  return true;
}

/** The user took the hosts back: the alarm goes, and what they said is forgotten. */
export async function forgetLive(): Promise<void> {
  await ensureAlarm(false);
  await updateLiveState(() => emptyLiveState());
}
