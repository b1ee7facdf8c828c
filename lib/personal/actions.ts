/**
 * The user's own changes to their lists, from the popup and the options page. Adding to a full
 * list (`LIST_CAP`) rejects with `ListFullError`; `listFullMessage` says so in plain words.
 */
import { formatCount } from '../format';
import { t } from '../i18n';
import { LIST_CAP, ListFullError, setStamped, setStampedByUser, type ConferenceMark } from './state';
import { updatePersonal } from './store';

export function setWatchLater(talkId: string, on: boolean) {
  return updatePersonal((draft, now) => setStampedByUser(draft.watchLater, 'watchLater', talkId, on ? 1 : null, now));
}

export function setWatched(talkId: string, on: boolean) {
  return updatePersonal((draft, now) => setStampedByUser(draft.watched, 'watched', talkId, on ? 1 : null, now));
}

/** Follow or mute a conference, or `null` for neither; following and muting exclude each other. */
export function setConferenceMark(conference: string, mark: ConferenceMark | null) {
  return updatePersonal((draft, now) => setStampedByUser(draft.conferences, 'conferences', conference, mark, now));
}

export function stopWaiting(key: string) {
  return updatePersonal((draft, now) => setStamped(draft.waiting, key, null, now));
}

/** "Watch later is full (5,000 talks)…" for a refused action, or null for any other failure. */
export function listFullMessage(error: unknown): string | null {
  if (!(error instanceof ListFullError)) return null;
  const cap = formatCount(LIST_CAP);
  switch (error.kind) {
    case 'watchLater':
      return t('list_full_watchLater', cap);
    case 'watched':
      return t('list_full_watched', cap);
    case 'conferences':
      return t('list_full_conferences', cap);
    case 'waiting':
      return t('list_full_waiting', cap);
    case 'settings':
      return null;
  }
}
