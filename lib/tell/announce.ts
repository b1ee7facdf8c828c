/**
 * What happens for the user after a merge landed: recordings they waited for are moved to
 * Watch later and announced, and the new talks of the sync get at most one notification.
 */
import type { MergeResult } from '../archive/merge';
import type { AftertalkDb } from '../archive/db';
import { newTalksNotice, recordingOutNotice, showNotice, type Notice } from './notifications';
import { audienceOf, wantsNotification } from '../personal/audience';
import { loadPersonal, updatePersonal } from '../personal/store';
import { applyFulfilledWaits, findFulfilledWaits } from '../personal/waiting';
import { settingsOf } from '../personal/settings';
import type { StoredTalk } from '../archive/talk';

/** More recordings than this arriving at once are announced together. */
const SEPARATE_RECORDING_NOTICES = 3;

export interface Announcement {
  notices: Notice[];
  /** Talk ids whose waiting entries this merge fulfilled. */
  fulfilled: string[];
}

export async function announceMerge(
  db: AftertalkDb,
  merge: Pick<MergeResult, 'newIds' | 'changedIds'>,
  now: number,
  show: (notice: Notice) => Promise<void> = showNotice,
): Promise<Announcement> {
  const state = await loadPersonal();
  const settings = settingsOf(state);
  const fulfilled = await findFulfilledWaits(db, state, merge.changedIds);
  if (fulfilled.length) await updatePersonal((draft) => applyFulfilledWaits(draft, fulfilled, now), now);

  const notices: Notice[] = [];
  const quiet = settings.quietUntil > now;
  const awaited = fulfilled.map((f) => f.talk);
  // Asked for talk by talk: told even when the conference is muted or new-talk notices are off.
  if (!quiet && awaited.length) {
    if (awaited.length <= SEPARATE_RECORDING_NOTICES) notices.push(...awaited.map(recordingOutNotice));
    else
      notices.push({
        ...newTalksNotice(awaited, new Set(), now)!,
        title: `${awaited.length} recordings you waited for are out`,
      });
  }
  if (!quiet && settings.notifications && merge.newIds.length) {
    const audience = audienceOf(state, settings);
    const awaitedIds = new Set(awaited.map((t) => t.id));
    const talks = (await db.talks.bulkGet(merge.newIds)).filter(
      (t): t is StoredTalk => !!t && !awaitedIds.has(t.id) && wantsNotification(t, audience),
    );
    const notice = newTalksNotice(talks, audience.followed, now);
    if (notice) notices.push(notice);
  }
  for (const notice of notices) {
    // A notification that cannot be shown (permission revoked, OS refuses) loses nothing else.
    await show(notice).catch((error: unknown) => console.warn('Aftertalk: notification failed', error));
  }
  return { notices, fulfilled: awaited.map((t) => t.id) };
}
