/**
 * The box's buttons (Watch later, Watched, Notify me) as the background carries them out.
 * A page may click our buttons or forge their messages, so an action is only taken for what
 * the box on that very page shows: the lookup is run again and the talk must be in its answer.
 * The answer carries the user's marks only for those talks, never the lists themselves.
 */
import { lookupSchedulePage, type LookupDeps } from './lookup';
import type { BoxMarks, ScheduleLookupResult } from '../lookup-types';
import type { ScheduleActionRequest, ScheduleLookupRequest } from '../../messages';
import {
  ListFullError,
  liveKeys,
  setStamped,
  setStampedByUser,
  valueOf,
  wouldOverfill,
  type PersonalState,
} from '../../personal/state';
import { loadPersonal, updatePersonal } from '../../personal/store';
import { waitingQueryOf } from '../../personal/waiting';
import { settingsOf } from '../../personal/settings';
import { measureSince, PERF_MEASURES } from '../../perf-marks';

function shownIds(result: ScheduleLookupResult): string[] {
  return [...(result.recording ? [result.recording.talk.id] : []), ...result.related.map((talk) => talk.id)];
}

/** The marks of the talks the box shows, and whether the page's talk is awaited. */
export function marksFor(result: ScheduleLookupResult, scheduleUrl: string, state: PersonalState): BoxMarks {
  const later = liveKeys(state.watchLater);
  const watched = liveKeys(state.watched);
  const ids = shownIds(result);
  return {
    watchLater: ids.filter((id) => later.has(id)),
    watched: ids.filter((id) => watched.has(id)),
    waiting: valueOf(state.waiting, scheduleUrl) !== null,
  };
}

/**
 * "Notify me" makes sense while there is no sure recording (a title-only match may be wrong) and
 * one may still come: never for an older talk media.ccc.de has none of, nor before its archive
 * was asked (the feed would never bring it).
 */
export function canWaitFor(result: ScheduleLookupResult): boolean {
  return (!result.recording || result.recording.confidence === 'possible') && result.missing === 'not-yet';
}

export async function lookupWithMarks(
  deps: LookupDeps,
  request: ScheduleLookupRequest,
): Promise<ScheduleLookupResult | null> {
  const started = performance.now();
  const [result, state] = await Promise.all([lookupSchedulePage(deps, request), loadPersonal()]);
  // Read by the benchmark (bench/browser.ts): the worker's share of a box's wait.
  measureSince(PERF_MEASURES.scheduleLookup, started);
  return result && { ...result, mine: marksFor(result, request.session.scheduleUrl, state) };
}

/**
 * Carries out a box action; answers the box's new state, or null when the action is refused
 * (also when it would add to a full list, lib/personal/state.ts `LIST_CAP`: nothing changes).
 */
export async function runScheduleAction(
  deps: LookupDeps,
  request: ScheduleActionRequest,
  now = Date.now(),
): Promise<ScheduleLookupResult | null> {
  const { session, action, on, talkId } = request;
  const result = await lookupSchedulePage(deps, {
    type: 'schedule-lookup',
    session,
    onlyIfKnownUrl: request.onlyIfKnownUrl,
  });
  if (!result) return null;
  if (action === 'notify-me') {
    if (on && !canWaitFor(result)) return null;
  } else if (!talkId || !shownIds(result).includes(talkId)) {
    return null;
  }
  let state: PersonalState;
  try {
    state = await updatePersonal((draft) => {
      if (action === 'opened' || action === 'played')
        // Opening or playing is no request to mark: with Watched full, nothing changes.
        return (
          (action === 'opened' ? settingsOf(draft).markWatchedOnOpen : settingsOf(draft).markWatchedWhenPlayed) &&
          !wouldOverfill(draft.watched, talkId!) &&
          setStamped(draft.watched, talkId!, 1, now)
        );
      if (action === 'notify-me') {
        const entry = on ? { query: waitingQueryOf(session) } : null;
        return setStampedByUser(draft.waiting, 'waiting', session.scheduleUrl, entry, now);
      }
      const kind = action === 'watched' ? 'watched' : 'watchLater';
      return setStampedByUser(draft[kind], kind, talkId!, on ? 1 : null, now);
    }, now);
  } catch (error) {
    if (error instanceof ListFullError) return null;
    throw error;
  }
  return { ...result, mine: marksFor(result, session.scheduleUrl, state) };
}
