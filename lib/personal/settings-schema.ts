/**
 * Which settings exist and what each may hold: the gate for settings that arrive from storage,
 * another browser (storage.sync) or an imported file. An unknown key or a value of the wrong type
 * or size is dropped on its own (and counted by an import), so a file cannot park megabytes under
 * an invented name, and a value such as `feed: "constructor"` never reaches a lookup.
 * lib/personal/settings.ts then turns what passed into `Settings` (clamping, defaults).
 */

/** The feeds media.ccc.de offers with the same item structure. */
export const FEEDS = {
  hq: { url: 'https://media.ccc.de/podcast-hq.xml', label: 'High quality video' },
  lq: { url: 'https://media.ccc.de/podcast-lq.xml', label: 'Low quality video' },
  audio: { url: 'https://media.ccc.de/podcast-audio-only.xml', label: 'Audio only' },
} as const;

export type BuiltInFeed = keyof typeof FEEDS;

/** Own keys only: `constructor`, `toString` and friends are on every object's prototype. */
export function isBuiltInFeed(value: unknown): value is BuiltInFeed {
  return typeof value === 'string' && Object.hasOwn(FEEDS, value);
}

export const POLL_MINUTES_MIN = 5;
export const POLL_MINUTES_MAX = 24 * 60;
/** Quiet mode "until I turn it off". */
export const QUIET_FOREVER = 8.64e15;
export const LANGUAGE_CODE = /^[a-z]{2,3}$/;
export const MAX_LANGUAGES = 20;
/** As long as any URL Aftertalk keeps (lib/http-url.ts). */
const MAX_SETTING_URL = 2048;

const isBoolean = (v: unknown) => typeof v === 'boolean';
const finiteIn = (min: number, max: number) => (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/**
 * One check per known field. Numbers get generous ranges here (settings.ts clamps them to the
 * usable range), so an old or hand-edited value is clamped rather than lost.
 */
const FIELD_CHECKS: Readonly<Record<string, (value: unknown) => boolean>> = {
  feed: (v) => v === 'custom' || isBuiltInFeed(v),
  customFeedUrl: (v) => typeof v === 'string' && v.length <= MAX_SETTING_URL,
  pollMinutes: finiteIn(0, 1e9),
  // The pre-release name of `pollMinutes` (settings.ts migrates it).
  intervalMinutes: finiteIn(0, 1e9),
  notifications: isBoolean,
  notifyScope: (v) => v === 'all' || v === 'followed',
  quietUntil: finiteIn(0, QUIET_FOREVER),
  markWatchedOnOpen: isBoolean,
  markWatchedWhenPlayed: isBoolean,
  languages: (v) =>
    Array.isArray(v) &&
    v.length <= MAX_LANGUAGES &&
    v.every((code) => typeof code === 'string' && LANGUAGE_CODE.test(code)),
  lookUpOlder: isBoolean,
  liveScope: (v) => v === 'followed' || v === 'all',
  notifyRelive: isBoolean,
};

/** A settings field Aftertalk knows (own keys only). */
export function isKnownSetting(key: string): boolean {
  return Object.hasOwn(FIELD_CHECKS, key);
}

/** Whether `value` may be stored under the settings field `key`. */
export function isValidSetting(key: string, value: unknown): boolean {
  return isKnownSetting(key) && FIELD_CHECKS[key]!(value);
}
