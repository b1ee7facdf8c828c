/**
 * Desktop notifications: at most one for the new talks of a sync, plus one per recording the
 * user asked to be told about. The notification id says what a click opens, so a worker woken
 * by the click needs no remembered state.
 */
import { browser } from 'wxt/browser';
import type { StoredTalk } from '../archive/talk';
import { formatCount } from '../format';
import { t, tp } from '../i18n';
import { truncate } from '../text';

export interface Notice {
  id: string;
  title: string;
  message: string;
}

const NEW_TALKS_PREFIX = 'aftertalk:new:';
const TALK_PREFIX = 'aftertalk:talk:';
const RECORDING_OUT_PREFIX = 'aftertalk:out:';
/** How many conferences a summary names before "and N more". */
const NAMED_CONFERENCES = 3;

type NoticeTalk = Pick<StoredTalk, 'id' | 'title' | 'conference' | 'speakers'>;

/**
 * One notice for the new talks of one sync: a single talk is named in full; several are
 * summarised per conference, followed conferences and larger groups first
 * ("7 new talks from 39c3, 2 from asg2025").
 */
export function newTalksNotice(talks: NoticeTalk[], followed: ReadonlySet<string>, syncedAt: number): Notice | null {
  if (talks.length === 0) return null;
  if (talks.length === 1) {
    const [talk] = talks as [NoticeTalk];
    const byline = [talk.conference, talk.speakers.join(', ')].filter(Boolean).join(' · ');
    return {
      id: `${TALK_PREFIX}${talk.id}`,
      title: truncate(talk.title, 120),
      message: truncate(byline ? t('notice_new_recording_by', byline) : t('notice_new_recording'), 200),
    };
  }
  const counts = new Map<string, number>();
  for (const talk of talks) counts.set(talk.conference, (counts.get(talk.conference) ?? 0) + 1);
  const groups = [...counts].sort(
    (a, b) => Number(followed.has(b[0])) - Number(followed.has(a[0])) || b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  const named = groups.slice(0, NAMED_CONFERENCES).map(([conference, n], i) => {
    const from = conference || t('notice_other_events');
    return i === 0 ? tp('notice_group_first', n, formatCount(n), from) : t('notice_group', formatCount(n), from);
  });
  const rest = groups.length - NAMED_CONFERENCES;
  const list = named.join(t('list_separator'));
  const message = rest > 0 ? tp('notice_and_more_conferences', rest, list, formatCount(rest)) : list;
  return {
    id: `${NEW_TALKS_PREFIX}${syncedAt}`,
    title: tp('notice_new_talks_title', talks.length, formatCount(talks.length)),
    message: truncate(message, 200),
  };
}

/** The notice for a recording the user waited for (one per talk). */
export function recordingOutNotice(talk: NoticeTalk): Notice {
  return {
    id: `${RECORDING_OUT_PREFIX}${talk.id}`,
    title: t('notice_recording_published'),
    message: truncate(t('notice_recording_out', talk.title), 200),
  };
}

export type NoticeTarget = { kind: 'new-talks' } | { kind: 'talk'; talkId: string };

export function targetOfNotice(id: string): NoticeTarget | null {
  if (id.startsWith(NEW_TALKS_PREFIX)) return { kind: 'new-talks' };
  for (const prefix of [TALK_PREFIX, RECORDING_OUT_PREFIX]) {
    if (id.startsWith(prefix) && id.length > prefix.length) return { kind: 'talk', talkId: id.slice(prefix.length) };
  }
  return null;
}

export async function showNotice(notice: Notice): Promise<void> {
  await browser.notifications.create(notice.id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: notice.title,
    message: notice.message,
  });
}

/** New-talk notices are out of date once the user has seen the talks in the popup. */
export async function clearNewTalkNotices(): Promise<void> {
  const open = await browser.notifications.getAll();
  await Promise.all(
    Object.keys(open)
      .filter((id) => id.startsWith(NEW_TALKS_PREFIX) || id.startsWith(TALK_PREFIX))
      .map((id) => browser.notifications.clear(id)),
  );
}
