import type { StoredTalk } from '../talk';
import type { TalkCard } from './lookup-types';
import { safeHttpUrl } from '../http-url';

/**
 * Only what the box shows, with every URL re-checked: the content script trusts this shape.
 * `firstImportTimes`: when each feed was first imported. A talk first seen then was already
 * published before Aftertalk looked, so its first sighting says nothing about its release: 0.
 */
export function toTalkCard(talk: StoredTalk, firstImportTimes: ReadonlySet<number> = new Set()): TalkCard {
  return {
    id: talk.id,
    title: talk.title,
    conference: talk.conference,
    speakers: talk.speakers.slice(0, 10),
    url: safeHttpUrl(talk.url),
    thumbnail: safeHttpUrl(talk.thumbnail),
    durationSeconds: talk.durationSeconds,
    date: talk.date,
    firstSeenAt: firstImportTimes.has(talk.firstSeenAt) ? 0 : talk.firstSeenAt,
  };
}
