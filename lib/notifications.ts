/**
 * Desktop notifications: at most one for the new talks of a sync, plus one per recording the
 * user asked to be told about. The notification id says what a click opens, so a worker woken
 * by the click needs no remembered state.
 */
import { browser } from 'wxt/browser';
import type { StoredTalk } from './talk';
import { truncate } from './text';

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

const talkWord = (n: number) => (n === 1 ? 'talk' : 'talks');

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
    return { id: `${TALK_PREFIX}${talk.id}`, title: truncate(talk.title, 120), message: truncate(byline ? `New recording: ${byline}` : 'New recording', 200) };
  }
  const counts = new Map<string, number>();
  for (const talk of talks) counts.set(talk.conference, (counts.get(talk.conference) ?? 0) + 1);
  const groups = [...counts].sort((a, b) => Number(followed.has(b[0])) - Number(followed.has(a[0])) || b[1] - a[1] || a[0].localeCompare(b[0]));
  const named = groups.slice(0, NAMED_CONFERENCES).map(([conference, n], i) => `${n}${i === 0 ? ` new ${talkWord(n)}` : ''} from ${conference || 'other events'}`);
  const rest = groups.length - NAMED_CONFERENCES;
  const message = rest > 0 ? `${named.join(', ')} and ${rest} more ${rest === 1 ? 'conference' : 'conferences'}` : named.join(', ');
  return { id: `${NEW_TALKS_PREFIX}${syncedAt}`, title: `${talks.length} new talks`, message: truncate(message, 200) };
}

/** The notice for a recording the user waited for (one per talk). */
export function recordingOutNotice(talk: NoticeTalk): Notice {
  return { id: `${RECORDING_OUT_PREFIX}${talk.id}`, title: 'Recording published', message: truncate(`The recording of “${talk.title}” is out.`, 200) };
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
  await Promise.all(Object.keys(open).filter((id) => id.startsWith(NEW_TALKS_PREFIX) || id.startsWith(TALK_PREFIX)).map((id) => browser.notifications.clear(id)));
}
