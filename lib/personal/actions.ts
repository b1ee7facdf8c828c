/** The user's own changes to their lists, from the popup and the options page. */
import { setStamped, type ConferenceMark } from './state';
import { updatePersonal } from './store';

export function setWatchLater(talkId: string, on: boolean) {
  return updatePersonal((draft, now) => setStamped(draft.watchLater, talkId, on ? 1 : null, now));
}

export function setWatched(talkId: string, on: boolean) {
  return updatePersonal((draft, now) => setStamped(draft.watched, talkId, on ? 1 : null, now));
}

/** Follow or mute a conference, or `null` for neither; following and muting exclude each other. */
export function setConferenceMark(conference: string, mark: ConferenceMark | null) {
  return updatePersonal((draft, now) => setStamped(draft.conferences, conference, mark, now));
}

export function stopWaiting(key: string) {
  return updatePersonal((draft, now) => setStamped(draft.waiting, key, null, now));
}
