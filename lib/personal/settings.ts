import { browser } from 'wxt/browser';
import { isHttpUrl, ownHostOf } from '../http-url';
import { onLocalKeyChanged } from '../storage-watch';
import { loadPersonal, PERSONAL_KEY, updatePersonal } from './store';
import { sanitisePersonalState, setStamped, type PersonalState } from './state';
import {
  type BuiltInFeed,
  FEEDS,
  isBuiltInFeed,
  LANGUAGE_CODE,
  MAX_LANGUAGES,
  POLL_MINUTES_MAX,
  POLL_MINUTES_MIN,
  QUIET_FOREVER,
} from './settings-schema';

export { FEEDS, POLL_MINUTES_MAX, POLL_MINUTES_MIN, QUIET_FOREVER };

export type FeedChoice = BuiltInFeed | 'custom';

/** Which new talks a desktop notification announces (muted conferences never). */
export type NotifyScope = 'all' | 'followed';

export interface Settings {
  feed: FeedChoice;
  /** Used when `feed` is 'custom': any http(s) URL of an RSS feed in media.ccc.de's format. */
  customFeedUrl: string;
  /** Minutes between polls, 5 to 1440. */
  pollMinutes: number;
  /** Desktop notifications for new talks after a sync. */
  notifications: boolean;
  notifyScope: NotifyScope;
  /** Quiet mode: no notification for new talks before this time (epoch ms); 0 off. */
  quietUntil: number;
  /** Opening a recording from Aftertalk marks it watched. */
  markWatchedOnOpen: boolean;
  /** About 90 % of a talk seen in Aftertalk's player (lib/player/progress.ts) marks it watched. */
  markWatchedWhenPlayed: boolean;
  /**
   * Languages of interest as the feed's tag codes (`eng`, `deu`, ...); empty means all.
   * Talks in no listed language neither count on the badge nor notify (like a muted conference).
   */
  languages: string[];
  /**
   * On a schedule page whose talk is not in the archive, ask media.ccc.de's archive (its public
   * API) for the recording, importing that conference's recorded talks once (lib/history/).
   */
  lookUpOlder: boolean;
  /** The popup's "Live now": followed conferences only, or every streamed one (lib/live/). */
  liveScope: 'followed' | 'all';
  /** "Notify me" also tells, once per talk, when its ReLive (the unprocessed recording) is up. */
  notifyRelive: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  feed: 'hq',
  customFeedUrl: '',
  pollMinutes: 30,
  notifications: true,
  notifyScope: 'all',
  quietUntil: 0,
  markWatchedOnOpen: false,
  markWatchedWhenPlayed: true,
  languages: [],
  lookUpOlder: true,
  liveScope: 'followed',
  notifyRelive: false,
};

export function clampPollMinutes(value: unknown): number {
  const minutes = Math.round(Number(value));
  if (!Number.isFinite(minutes)) return DEFAULT_SETTINGS.pollMinutes;
  return Math.min(POLL_MINUTES_MAX, Math.max(POLL_MINUTES_MIN, minutes));
}

/**
 * Reads whatever an earlier version, another browser or a hand-edited storage left and returns
 * valid settings: unknown values fall back to defaults one field at a time, so one bad field
 * never resets the rest.
 */
export function migrateSettings(raw: unknown): Settings {
  const stored = (raw && typeof raw === 'object' ? raw : {}) as Partial<Settings> & Record<string, unknown>;
  // Version 0 (pre-release builds) named the poll interval `intervalMinutes`.
  const pollMinutes = stored.pollMinutes ?? stored.intervalMinutes;
  // An own key of FEEDS: `constructor` or `toString` from a synced or imported state must not
  // pass as a feed (it did with `in`, and every poll then failed on an undefined URL).
  const feed: FeedChoice = stored.feed === 'custom' || isBuiltInFeed(stored.feed) ? stored.feed : DEFAULT_SETTINGS.feed;
  const customFeedUrl = typeof stored.customFeedUrl === 'string' ? stored.customFeedUrl.trim() : '';
  const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
  const quietUntil = Number(stored.quietUntil);
  return {
    feed: feed === 'custom' && !isHttpUrl(customFeedUrl) ? DEFAULT_SETTINGS.feed : feed,
    customFeedUrl,
    pollMinutes: pollMinutes === undefined ? DEFAULT_SETTINGS.pollMinutes : clampPollMinutes(pollMinutes),
    notifications: flag(stored.notifications, DEFAULT_SETTINGS.notifications),
    notifyScope: stored.notifyScope === 'followed' ? 'followed' : 'all',
    quietUntil: Number.isFinite(quietUntil) && quietUntil > 0 ? Math.min(quietUntil, QUIET_FOREVER) : 0,
    markWatchedOnOpen: flag(stored.markWatchedOnOpen, DEFAULT_SETTINGS.markWatchedOnOpen),
    markWatchedWhenPlayed: flag(stored.markWatchedWhenPlayed, DEFAULT_SETTINGS.markWatchedWhenPlayed),
    lookUpOlder: flag(stored.lookUpOlder, DEFAULT_SETTINGS.lookUpOlder),
    liveScope: stored.liveScope === 'all' ? 'all' : 'followed',
    notifyRelive: flag(stored.notifyRelive, DEFAULT_SETTINGS.notifyRelive),
    languages: Array.isArray(stored.languages)
      ? [
          ...new Set(
            stored.languages.filter((code): code is string => typeof code === 'string' && LANGUAGE_CODE.test(code)),
          ),
        ].slice(0, MAX_LANGUAGES)
      : [],
  };
}

export function feedUrlOf(settings: Settings): string {
  if (settings.feed === 'custom') return settings.customFeedUrl;
  return FEEDS[isBuiltInFeed(settings.feed) ? settings.feed : 'hq'].url;
}

/**
 * The host besides media.ccc.de's that links and pictures may be on: the custom feed's own host,
 * '' with a built-in feed (lib/http-url.ts `mediaUrl`).
 */
export function ownMediaHost(settings: Pick<Settings, 'feed' | 'customFeedUrl'>): string {
  return settings.feed === 'custom' ? ownHostOf(settings.customFeedUrl) : '';
}

/** The settings as stored in the personal state (one stamped entry per field). */
export function settingsOf(state: PersonalState): Settings {
  return migrateSettings(
    Object.fromEntries(Object.entries(state.settings).map(([field, stamp]) => [field, stamp.v ?? undefined])),
  );
}

export async function loadSettings(): Promise<Settings> {
  return settingsOf(await loadPersonal());
}

/** Saves the changed fields, each stamped on its own so two browsers merge field by field. */
export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const state = await updatePersonal((draft, now) => {
    const next = migrateSettings({ ...settingsOf(draft), ...patch });
    let changed = false;
    for (const field of Object.keys(patch) as (keyof Settings)[]) {
      changed = setStamped(draft.settings, field, next[field], now) || changed;
    }
    return changed;
  });
  return settingsOf(state);
}

/** Calls back with the new settings whenever any context (or another browser) changes them. */
export function onSettingsChanged(callback: (settings: Settings, previous: Settings) => void): () => void {
  return onLocalKeyChanged(PERSONAL_KEY, (next, previous) => {
    const [now, before] = [settingsOf(sanitisePersonalState(next)), settingsOf(sanitisePersonalState(previous))];
    if (JSON.stringify(now) !== JSON.stringify(before)) callback(now, before);
  });
}
