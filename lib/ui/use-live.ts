/**
 * Preact hooks for the live state (lib/live/store.ts) in the popup and options: the last answers
 * of the streaming hosts, whether the user allowed them, and a clock that moves on by the minute
 * (a room's current talk changes while the popup is open).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { hasLivePermission } from '../live/permission';
import { LIVE_KEY, readLiveState, sanitiseLiveState, type LiveState } from '../live/store';
import { onLocalKeyChanged } from '../storage-watch';

/** The live state, kept current while the page is open; undefined until read. */
export function useLiveState(): LiveState | undefined {
  const [state, setState] = useState<LiveState | undefined>(undefined);
  useEffect(() => {
    const stop = onLocalKeyChanged(LIVE_KEY, (next) => setState(sanitiseLiveState(next)));
    void readLiveState().then(setState, () => undefined);
    return stop;
  }, []);
  return state;
}

/** Whether the streaming hosts are allowed; follows grants and removals made anywhere. */
export function useLivePermission(): [permitted: boolean | undefined, recheck: () => void] {
  const [permitted, setPermitted] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    const check = () => void hasLivePermission().then(setPermitted);
    check();
    // The unit tests' fake browser has no permission events.
    const added = browser.permissions?.onAdded;
    const removed = browser.permissions?.onRemoved;
    added?.addListener(check);
    removed?.addListener(check);
    return () => {
      added?.removeListener(check);
      removed?.removeListener(check);
    };
  }, []);
  return [permitted, () => void hasLivePermission().then(setPermitted)];
}

/** Date.now(), again every `everyMs`. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
