/**
 * What a click on one of our notifications does: it opens what the notice announced (the talk's
 * recording, or the list of new talks) and counts the talk as seen. The notice id carries the
 * target (lib/tell/notifications.ts), so a worker woken by the click needs no remembered state.
 */
import { browser } from 'wxt/browser';
import { getDb, type AftertalkDb } from '../archive/db';
import { markTalksSeen } from '../archive/merge';
import { safeHttpUrl } from '../http-url';
import { setStamped } from '../personal/state';
import { settingsOf } from '../personal/settings';
import { loadPersonal, updatePersonal } from '../personal/store';
import { refreshBadge } from './badge';
import { targetOfNotice } from './notifications';

export async function onNotificationClicked(noticeId: string, db: AftertalkDb = getDb()): Promise<void> {
  const target = targetOfNotice(noticeId);
  if (!target) return;
  await browser.notifications.clear(noticeId);
  if (target.kind === 'new-talks') {
    await openNewTalkList();
    return;
  }
  const url = safeHttpUrl((await db.talks.get(target.talkId))?.url);
  if (!url) return;
  await browser.tabs.create({ url });
  await markTalksSeen(db, [target.talkId]);
  await refreshBadge(db);
  const state = await loadPersonal();
  if (settingsOf(state).markWatchedOnOpen)
    await updatePersonal((draft, now) => setStamped(draft.watched, target.talkId, 1, now));
}

/** The popup lists new talks first; where a browser does not let us open it, it opens as a tab. */
async function openNewTalkList(): Promise<void> {
  try {
    await (browser.action as unknown as { openPopup(): Promise<void> }).openPopup();
  } catch {
    await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
  }
}
