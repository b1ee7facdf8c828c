/**
 * A new talk's record (lib/archive/talk-record.ts) is built field by field for speed: it must hold
 * exactly what spreading the feed data, its join keys and its words into one object gives.
 */
import { describe, expect, it } from 'vitest';
import { newRecord, wordsOf } from '@/lib/archive/talk-record';
import { matchKeysOf } from '@/lib/match/talk-keys';
import { feedTalk } from '../../support/talks';

const feedBookkeeping = {
  firstSeenAt: 5,
  lastSeenInFeedAt: 5,
  feedPosition: 3,
  releaseKey: 1_000_000,
  isNew: 1 as const,
  seenAt: 0,
};

describe('newRecord', () => {
  it('holds every field the spread form holds, with the same values', () => {
    const talk = feedTalk({
      title: 'Secure Boot für alle',
      speakers: ['Jürgen Müller', 'Ada'],
      scheduleUrl: 'https://pretalx.com/39c3/talk/ABC123/',
      tags: ['ABC123', '39c3', 'Security'],
      enclosure: { url: 'https://cdn.media.ccc.de/x.mp4', type: 'video/mp4', length: 10 },
    });
    const spread = { ...talk, ...matchKeysOf(talk), words: wordsOf(talk), ...feedBookkeeping };
    const record = newRecord(talk, feedBookkeeping);
    expect(record).toStrictEqual(spread);
    expect(Object.keys(record).sort()).toEqual(Object.keys(spread).sort());
  });

  it('adds the history fields only for history talks', () => {
    const talk = feedTalk();
    const history = newRecord(talk, { ...feedBookkeeping, isNew: 0, fromHistory: 1, releasedAt: 7 });
    expect(history).toMatchObject({ fromHistory: 1, releasedAt: 7 });
    expect('fromHistory' in newRecord(talk, feedBookkeeping)).toBe(false);
    expect('releasedAt' in newRecord(talk, feedBookkeeping)).toBe(false);
  });
});
