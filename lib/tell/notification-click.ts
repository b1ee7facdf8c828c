/**
 * What a click on one of our notifications does: it opens what the notice announced (the talk's
 * recording, or the list of new talks) and counts the talk as seen. The notice id carries the
 * target (lib/tell/notifications.ts), so a worker woken by the click needs no remembered state.
 */
import { browser } from 'wxt/browser';
import { getDb, type AftertalkDb } from '../archive/db';
import { markTalksSeen } from '../archive/merge';
import { mediaUrl } from '../http-url';
import { setStamped, wouldOverfill } from '../personal/state';
import { ownMediaHost, settingsOf } from '../personal/settings';
import { loadPersonal, updatePersonal } from '../personal/store';
import { refreshBadge } from './badge';
import { targetOfNotice } from './notifications';
import { reliveTargetOf, RELIVE_NOTICE_PREFIX } from './relive';
import { isStreamingUrl } from '../live/types';

export async function onNotificationClicked(noticeId: string, db: AftertalkDb = getDb()): Promise<void> {
  if (noticeId.startsWith(RELIVE_NOTICE_PREFIX)) {
    // A ReLive notice opens that talk's ReLive page on the streaming site, and nothing else.
    const url = await reliveTargetOf(noticeId);
    await browser.notifications.clear(noticeId);
    if (isStreamingUrl(url)) await browser.tabs.create({ url });
    return;
  }
  const target = targetOfNotice(noticeId);
  if (!target) return;
  await browser.notifications.clear(noticeId);
  if (target.kind === 'new-talks') {
    await openNewTalkList();
    return;
  }
  // Only a page on media.ccc.de (or the custom feed's own host) is opened; a notification never
  // sends the user anywhere else, whatever a feed put in its link.
  const state = await loadPersonal();
  const settings = settingsOf(state);
  const url = mediaUrl((await db.talks.get(target.talkId))?.url, ownMediaHost(settings));
  if (!url) return;
  await browser.tabs.create({ url });
  await markTalksSeen(db, [target.talkId]);
  await refreshBadge(db);
  if (settings.markWatchedOnOpen)
    await updatePersonal(
      (draft, now) => !wouldOverfill(draft.watched, target.talkId) && setStamped(draft.watched, target.talkId, 1, now),
    );
}

/** The popup lists new talks first; where a browser does not let us open it, it opens as a tab. */
async function openNewTalkList(): Promise<void> {
  try {
    await (browser.action as unknown as { openPopup(): Promise<void> }).openPopup();
  } catch {
    await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
  }
}
