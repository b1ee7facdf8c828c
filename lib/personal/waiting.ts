/**
 * "Notify me when the recording is published": the waiting list's matcher. A waiting entry keeps
 * what the schedule page said about the talk (GUID when known, normalised URL, pretalx code,
 * title, speakers, event), and every sync that changed talks asks the same matcher the
 * schedule-page box uses whether one of the changed talks is its recording.
 */
import type { AftertalkDb } from '../archive/db';
import { findRecording } from '../match/find-recording';
import type { SessionQuery } from '../enrich/lookup-types';
import type { StoredTalk } from '../archive/talk';
import { liveEntries, setStamped, wouldOverfill, type PersonalState, type WaitingQuery } from './state';

export interface FulfilledWait {
  /** The waiting entry's key: the talk page's normalised URL. */
  key: string;
  talk: StoredTalk;
}

/** The fields a waiting entry keeps of a page's session (no abstract: it would fill storage.sync). */
export function waitingQueryOf(session: SessionQuery): WaitingQuery {
  const { site, title, speakers, scheduleUrl, code, event, guid, scheduleId } = session;
  return {
    site,
    title,
    speakers,
    scheduleUrl,
    ...(code ? { code } : {}),
    ...(event ? { event } : {}),
    ...(guid ? { guid } : {}),
    ...(scheduleId ? { scheduleId } : {}),
  };
}

/**
 * Waiting entries whose recording is among `changedIds` (the talks the last merge added or
 * changed). Guards against false positives:
 * - only a sure match counts: GUID, URL, code (with its collision check), schedule id within the
 *   event, or title with a shared speaker; a title alone ("possible match") never does;
 * - only a talk this sync brought or changed: an old recording that merely resembles the page
 *   (and that the box would already have shown) cannot fulfil a wait.
 */
export async function findFulfilledWaits(
  db: AftertalkDb,
  state: PersonalState,
  changedIds: Iterable<string>,
): Promise<FulfilledWait[]> {
  const changed = new Set(changedIds);
  if (changed.size === 0) return [];
  const fulfilled: FulfilledWait[] = [];
  for (const [key, entry] of liveEntries(state.waiting)) {
    const found = await findRecording(db, entry.query);
    if (found && found.confidence === 'sure' && changed.has(found.talk.id)) fulfilled.push({ key, talk: found.talk });
  }
  return fulfilled;
}

/**
 * A fulfilled wait leaves the waiting list and puts its recording on Watch later. With Watch
 * later full (`LIST_CAP`) the entry stays on the waiting list, so nothing the user asked for is lost.
 */
export function applyFulfilledWaits(draft: PersonalState, fulfilled: FulfilledWait[], now: number): boolean {
  let changed = false;
  for (const { key, talk } of fulfilled) {
    if (wouldOverfill(draft.watchLater, talk.id)) continue;
    changed = setStamped(draft.waiting, key, null, now) || changed;
    changed = setStamped(draft.watchLater, talk.id, 1, now) || changed;
  }
  return changed;
}
