/**
 * "Notify me" can also tell when a talk's ReLive is up (a setting, off by default): one
 * notification per waiting talk, the first time its ReLive index entry says it is recorded.
 * Which talks were told is kept in the live state, so a later check never tells again.
 */
import { t } from '../i18n';
import { reliveFor } from '../live/join';
import { readLiveState, updateLiveState } from '../live/store';
import { settingsOf } from '../personal/settings';
import { liveEntries } from '../personal/state';
import { loadPersonal } from '../personal/store';
import { truncate } from '../text';
import { showNotice, type Notice } from './notifications';

export const RELIVE_NOTICE_PREFIX = 'aftertalk:relive:';
/** The most waiting keys remembered as told; far above a congress's talks. */
const TOLD_CAP = 2000;

export function reliveNotice(key: string, title: string): Notice {
  return {
    id: `${RELIVE_NOTICE_PREFIX}${key}`,
    title: t('notice_relive_title'),
    message: truncate(t('notice_relive_message', title), 200),
  };
}

/** After a live check: the ReLive notices now due; answers how many were shown. */
export async function announceRelive(
  now: number,
  show: (notice: Notice) => Promise<void> = showNotice,
): Promise<number> {
  const personal = await loadPersonal();
  const settings = settingsOf(personal);
  if (!settings.notifyRelive || settings.quietUntil > now) return 0;
  const live = await readLiveState();
  const due: Notice[] = [];
  const keys: string[] = [];
  for (const [key, { query }] of liveEntries(personal.waiting)) {
    if (live.told.includes(key)) continue;
    const item = reliveFor(live, query);
    if (!item || (item.status !== 'recorded' && item.status !== 'released')) continue;
    keys.push(key);
    due.push(reliveNotice(key, query.title));
  }
  if (!due.length) return 0;
  await updateLiveState((state) => {
    state.told = [...new Set([...state.told, ...keys])].slice(-TOLD_CAP);
  });
  for (const notice of due)
    await show(notice).catch((error: unknown) => console.warn('Aftertalk: notification failed', error));
  return due.length;
}

/** A click on a ReLive notice: the ReLive page of that waiting talk, or '' when it is gone. */
export async function reliveTargetOf(noticeId: string): Promise<string> {
  if (!noticeId.startsWith(RELIVE_NOTICE_PREFIX)) return '';
  const key = noticeId.slice(RELIVE_NOTICE_PREFIX.length);
  const personal = await loadPersonal();
  const entry = Object.hasOwn(personal.waiting, key) ? personal.waiting[key]!.v : null;
  if (!entry) return '';
  return reliveFor(await readLiveState(), entry.query)?.pageUrl ?? '';
}
