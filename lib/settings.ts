import { browser } from 'wxt/browser';
import { isHttpUrl } from './http-url';
import { onLocalKeyChanged } from './storage-watch';

/** The feeds media.ccc.de offers with the same item structure. */
export const FEEDS = {
  hq: { url: 'https://media.ccc.de/podcast-hq.xml', label: 'High quality video' },
  lq: { url: 'https://media.ccc.de/podcast-lq.xml', label: 'Low quality video' },
  audio: { url: 'https://media.ccc.de/podcast-audio-only.xml', label: 'Audio only' },
} as const;

export type FeedChoice = keyof typeof FEEDS | 'custom';

export interface Settings {
  feed: FeedChoice;
  /** Used when `feed` is 'custom': any http(s) URL of an RSS feed in media.ccc.de's format. */
  customFeedUrl: string;
  /** Minutes between polls, 5 to 1440. */
  pollMinutes: number;
}

export const DEFAULT_SETTINGS: Settings = { feed: 'hq', customFeedUrl: '', pollMinutes: 30 };
export const POLL_MINUTES_MIN = 5;
export const POLL_MINUTES_MAX = 24 * 60;

const STORAGE_KEY = 'settings';
/** Bump with a step in `migrateSettings` whenever the stored shape changes. */
export const SETTINGS_VERSION = 1;

interface StoredSettings extends Settings {
  version: number;
}

export function clampPollMinutes(value: unknown): number {
  const minutes = Math.round(Number(value));
  if (!Number.isFinite(minutes)) return DEFAULT_SETTINGS.pollMinutes;
  return Math.min(POLL_MINUTES_MAX, Math.max(POLL_MINUTES_MIN, minutes));
}

/**
 * Reads whatever an earlier version (or a hand-edited storage) left and returns valid settings:
 * unknown values fall back to defaults one field at a time, so one bad field never resets the rest.
 */
export function migrateSettings(raw: unknown): Settings {
  const stored = (raw && typeof raw === 'object' ? raw : {}) as Partial<StoredSettings> & Record<string, unknown>;
  // Version 0 (pre-release builds) named the poll interval `intervalMinutes`.
  const pollMinutes = stored.pollMinutes ?? stored.intervalMinutes;
  const feed = typeof stored.feed === 'string' && (stored.feed in FEEDS || stored.feed === 'custom') ? (stored.feed as FeedChoice) : DEFAULT_SETTINGS.feed;
  const customFeedUrl = typeof stored.customFeedUrl === 'string' ? stored.customFeedUrl.trim() : '';
  return {
    feed: feed === 'custom' && !isHttpUrl(customFeedUrl) ? DEFAULT_SETTINGS.feed : feed,
    customFeedUrl,
    pollMinutes: pollMinutes === undefined ? DEFAULT_SETTINGS.pollMinutes : clampPollMinutes(pollMinutes),
  };
}

export function feedUrlOf(settings: Settings): string {
  return settings.feed === 'custom' ? settings.customFeedUrl : FEEDS[settings.feed].url;
}

export async function loadSettings(): Promise<Settings> {
  const { [STORAGE_KEY]: raw } = await browser.storage.local.get(STORAGE_KEY);
  return migrateSettings(raw);
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = migrateSettings({ ...(await loadSettings()), ...patch });
  const stored: StoredSettings = { version: SETTINGS_VERSION, ...next };
  await browser.storage.local.set({ [STORAGE_KEY]: stored });
  return next;
}

/** Calls back with the new settings whenever any context saves them. Returns an unsubscribe. */
export function onSettingsChanged(callback: (settings: Settings, previous: Settings) => void): () => void {
  return onLocalKeyChanged(STORAGE_KEY, (next, previous) => callback(migrateSettings(next), migrateSettings(previous)));
}
