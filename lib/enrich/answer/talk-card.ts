import type { StoredTalk } from '../../archive/talk';
import type { TalkCard } from '../lookup-types';
import { mediaUrl } from '../../http-url';
import { formatDate, formatDuration } from '../../format';

/**
 * Only what the box shows, with every URL re-checked: the content script trusts this shape.
 * Links and pictures only on media.ccc.de's hosts or `ownHost` (a polled custom feed's host;
 * lib/http-url.ts `mediaUrl`): anything else is left out, so the page never loads it.
 * `firstImportTimes`: when each feed was first imported. A talk first seen then was already
 * published before Aftertalk looked, so its first sighting says nothing about its release: 0.
 */
export function toTalkCard(
  talk: StoredTalk,
  firstImportTimes: ReadonlySet<number> = new Set(),
  ownHost: string | readonly string[] = '',
): TalkCard {
  return {
    id: talk.id,
    title: talk.title,
    conference: talk.conference,
    speakers: talk.speakers.slice(0, 10),
    url: mediaUrl(talk.url, ownHost),
    thumbnail: mediaUrl(talk.thumbnail, ownHost),
    durationSeconds: talk.durationSeconds,
    date: talk.date,
    ...withTexts(talk.durationSeconds, releasedAt(talk, firstImportTimes)),
  };
}

/** When the recording came out as far as we know: media.ccc.de's date for history, else our first sighting. */
function releasedAt(talk: StoredTalk, firstImportTimes: ReadonlySet<number>): number {
  if (talk.fromHistory) return talk.releasedAt ?? 0;
  return firstImportTimes.has(talk.firstSeenAt) ? 0 : talk.firstSeenAt;
}

/** The card's times with the text the box prints for them. */
export function withTexts(
  durationSeconds: number,
  firstSeenAt: number,
): Pick<TalkCard, 'firstSeenAt' | 'durationText' | 'releasedText'> {
  return {
    firstSeenAt,
    durationText: formatDuration(durationSeconds),
    releasedText: firstSeenAt > 0 ? formatDate(firstSeenAt) : '',
  };
}
