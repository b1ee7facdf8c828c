/**
 * A talk's record as the archive first stores it (lib/archive/merge.ts).
 */
import type { StoredTalk, TalkArchiveMeta, TalkFeedData, TalkUserState } from './talk';
import { matchKeysOf } from '../match/talk-keys';
import { searchWords } from '../text';

/** A talk's search words: title, conference and speakers (lib/archive/search.ts). */
export function wordsOf(talk: Pick<TalkFeedData, 'title' | 'speakers' | 'conference'>): string[] {
  return [...new Set(searchWords([talk.title, talk.conference, ...talk.speakers].join(' ')))];
}

/**
 * A talk first stored now: its feed data, join keys and search words, then `rest` (archive
 * bookkeeping), every field written out in one fixed order. Spreading a talk into the record
 * (`{ ...item, ...keys }`) made objects of 25-odd properties that V8 built slowly and kept in
 * dictionary mode: some 50 µs a talk, most of a catalogue page's merge, and slower to clone into
 * IndexedDB. TypeScript makes the literal name every required field of `StoredTalk`.
 */
export function newRecord(item: TalkFeedData, rest: TalkArchiveMeta & TalkUserState): StoredTalk {
  const keys = matchKeysOf(item);
  const record: StoredTalk = {
    id: item.id,
    idSource: item.idSource,
    title: item.title,
    conference: item.conference,
    url: item.url,
    slug: item.slug,
    scheduleUrl: item.scheduleUrl,
    description: item.description,
    subtitle: item.subtitle,
    speakers: item.speakers,
    tags: item.tags,
    language: item.language,
    date: item.date,
    durationSeconds: item.durationSeconds,
    thumbnail: item.thumbnail,
    enclosure: item.enclosure,
    scheduleKey: keys.scheduleKey,
    code: keys.code,
    scheduleId: keys.scheduleId,
    titleKey: keys.titleKey,
    words: wordsOf(item),
    firstSeenAt: rest.firstSeenAt,
    lastSeenInFeedAt: rest.lastSeenInFeedAt,
    feedPosition: rest.feedPosition,
    releaseKey: rest.releaseKey,
    isNew: rest.isNew,
    seenAt: rest.seenAt,
  };
  if (rest.fromHistory) record.fromHistory = rest.fromHistory;
  if (rest.releasedAt !== undefined) record.releasedAt = rest.releasedAt;
  return record;
}
