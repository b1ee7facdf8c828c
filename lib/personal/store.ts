/**
 * The personal state's home on this device: one `storage.local` key, written under a lock so
 * the popup, the options page, the background and the sync mirror never overwrite each other's
 * changes (each write is read-modify-write of the whole small state).
 */
import { browser } from 'wxt/browser';
import { onLocalKeyChanged } from '../storage-watch';
import { emptyPersonalState, forgetOldTombstones, sanitisePersonalState, type PersonalState } from './state';

export const PERSONAL_KEY = 'personal';
/** Settings of the versions before the personal state (v1: `{ version: 1, feed, … }`). */
const LEGACY_SETTINGS_KEY = 'settings';
const PERSONAL_VERSION = 1;

/** Stamp of settings carried over from the old key: older than any change made in a browser. */
const LEGACY_STAMP = 1;

function fromLegacySettings(raw: unknown): PersonalState {
  const state = emptyPersonalState();
  if (raw && typeof raw === 'object') {
    for (const [field, value] of Object.entries(raw)) {
      if (field !== 'version') state.settings[field] = { v: value, t: LEGACY_STAMP };
    }
  }
  return state;
}

export async function loadPersonal(): Promise<PersonalState> {
  const stored = await browser.storage.local.get([PERSONAL_KEY, LEGACY_SETTINGS_KEY]);
  if (stored[PERSONAL_KEY]) return sanitisePersonalState(stored[PERSONAL_KEY]);
  return fromLegacySettings(stored[LEGACY_SETTINGS_KEY]);
}

type Locks = { request<T>(name: string, callback: () => Promise<T>): Promise<T> };

let localQueue: Promise<unknown> = Promise.resolve();

/**
 * Runs `task` exclusively across all of the extension's contexts (Web Locks are shared by all
 * pages and the worker of one origin); where there are none (unit tests), within this context.
 */
function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: Locks } | undefined)?.locks;
  if (locks) return locks.request('aftertalk-personal', task);
  const run = localQueue.then(task, task);
  localQueue = run.catch(() => undefined);
  return run;
}

/**
 * Applies `change` to the current state and saves it when it reports a change. Returns the state
 * after the update. `change` must be synchronous and only edit the draft it is given.
 */
export function updatePersonal(
  change: (draft: PersonalState, now: number) => boolean,
  now = Date.now(),
): Promise<PersonalState> {
  return exclusively(async () => {
    const draft = await loadPersonal();
    const changed = change(draft, now);
    const forgot = forgetOldTombstones(draft, now);
    if (changed || forgot) await browser.storage.local.set({ [PERSONAL_KEY]: { version: PERSONAL_VERSION, ...draft } });
    return draft;
  });
}

/** Calls back with the new state whenever any context saves it. Returns an unsubscribe. */
export function onPersonalChanged(callback: (state: PersonalState) => void): () => void {
  return onLocalKeyChanged(PERSONAL_KEY, (next) => callback(sanitisePersonalState(next)));
}
