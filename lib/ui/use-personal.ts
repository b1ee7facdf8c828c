/**
 * Preact hook for the user's lists and settings, kept current across extension contexts (popup,
 * options), with the audience rules derived from them.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { audienceOf, type Audience } from '../personal/audience';
import { liveEntries, liveKeys, type PersonalState, type WaitingEntry } from '../personal/state';
import { loadPersonal, onPersonalChanged } from '../personal/store';
import { settingsOf, type Settings } from '../personal/settings';

export interface PersonalView {
  state: PersonalState;
  settings: Settings;
  audience: Audience;
  watchLater: ReadonlySet<string>;
  watched: ReadonlySet<string>;
  /** Watch later ids, most recently added first. */
  watchLaterOrder: string[];
  waiting: [key: string, entry: WaitingEntry, since: number][];
}

export function viewOf(state: PersonalState): PersonalView {
  const settings = settingsOf(state);
  return {
    state,
    settings,
    audience: audienceOf(state, settings),
    watchLater: liveKeys(state.watchLater),
    watched: liveKeys(state.watched),
    watchLaterOrder: liveEntries(state.watchLater).map(([id]) => id),
    waiting: liveEntries(state.waiting),
  };
}

/** The user's lists and settings, kept current while the page is open; undefined until loaded. */
export function usePersonal(): PersonalView | undefined {
  const [state, setState] = useState<PersonalState | undefined>(undefined);
  useEffect(() => {
    const stop = onPersonalChanged(setState);
    void loadPersonal().then(setState);
    return stop;
  }, []);
  return useMemo(() => state && viewOf(state), [state]);
}
