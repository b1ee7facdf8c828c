import { describe, expect, it } from 'vitest';
import { conferenceMatches, liveNow, livePartFor, reliveFor, sameTalk, talkOnAir } from '@/lib/live/join';
import { emptyLiveState, type LiveState, type SeenConference } from '@/lib/live/store';
import type { LiveTalk, ReliveItem } from '@/lib/live/types';

const NOW = Date.UTC(2026, 11, 28, 12, 0, 0);
const MIN = 60_000;

const talk = (over: Partial<LiveTalk> = {}): LiveTalk => ({
  title: 'Mesh radios for everyone',
  speaker: 'Ada Funk',
  guid: '',
  code: '',
  start: NOW - 10 * MIN,
  end: NOW + 30 * MIN,
  special: '',
  ...over,
});

const conference = (over: Partial<SeenConference> = {}): SeenConference => ({
  slug: '40c3',
  acronym: '40c3',
  title: '40th Chaos Communication Congress',
  startsAt: NOW - 24 * 60 * MIN,
  endsAt: NOW + 72 * 60 * MIN,
  streaming: true,
  seenAt: NOW,
  rooms: [
    {
      slug: 'saal-1',
      name: 'Saal 1',
      scheduleName: 'Saal 1',
      streamUrl: 'https://streaming.media.ccc.de/40c3/saal-1',
      current: talk(),
      next: null,
    },
    {
      slug: 'saal-2',
      name: 'Saal 2',
      scheduleName: 'Saal 2',
      streamUrl: 'https://streaming.media.ccc.de/40c3/saal-2',
      current: talk({ title: 'Pause', special: 'pause' }),
      next: talk({ title: 'Keeping old routers alive', start: NOW + 5 * MIN, end: NOW + 45 * MIN }),
    },
  ],
  ...over,
});

const item = (over: Partial<ReliveItem> = {}): ReliveItem => ({
  id: 42,
  guid: 'ab-12',
  code: '',
  title: 'Mesh radios for everyone',
  room: 'Saal 1',
  start: NOW - 50 * MIN,
  duration: 2400,
  status: 'recorded',
  pageUrl: 'https://streaming.media.ccc.de/40c3/relive/ab-12',
  releaseUrl: '',
  ...over,
});

function state(over: Partial<LiveState> = {}): LiveState {
  return {
    ...emptyLiveState(),
    conferences: [conference()],
    relive: { '40c3': { items: [item()], checkedAt: NOW } },
    ...over,
  };
}

describe('conferenceMatches', () => {
  it('joins the archive acronym and a page event, in any case', () => {
    const c = conference();
    expect(conferenceMatches(c, '40c3')).toBe(true);
    expect(conferenceMatches(c, '40C3')).toBe(true);
    expect(conferenceMatches(conference({ slug: 'congress2026' }), 'congress2026')).toBe(true);
    expect(conferenceMatches(c, '39c3')).toBe(false);
    expect(conferenceMatches(c, 'c3')).toBe(false);
    expect(conferenceMatches(conference({ acronym: 'asg2025', slug: 'asg2025' }), 'all-systems-go-2025')).toBe(true);
    expect(conferenceMatches(c, '')).toBe(false);
  });
});

describe('sameTalk', () => {
  it('lets a GUID both sides have decide alone', () => {
    expect(sameTalk({ title: 'A', guid: 'AB-12' }, { title: 'B', guid: 'ab-12' })).toBe(true);
    expect(
      sameTalk({ title: 'Mesh radios for everyone', guid: 'x' }, { title: 'Mesh radios for everyone', guid: 'y' }),
    ).toBe(false);
  });
  it('then the code, then a title long enough to be told apart', () => {
    expect(sameTalk({ title: 'A', code: 'XYZ' }, { title: 'B', code: 'xyz', guid: 'g' })).toBe(true);
    expect(sameTalk({ title: 'Mesh radios for everyone' }, { title: 'Mesh Radios for Everyone!', guid: 'g' })).toBe(
      true,
    );
    expect(sameTalk({ title: 'Opening' }, { title: 'Opening' })).toBe(false);
  });
});

describe('talkOnAir', () => {
  it('is the current talk during its slot, never a filler, and the next one once it began', () => {
    const [saal1, saal2] = conference().rooms;
    expect(talkOnAir(saal1!, NOW)?.title).toBe('Mesh radios for everyone');
    expect(talkOnAir(saal1!, NOW + 30 * MIN)).toBeNull();
    expect(talkOnAir(saal2!, NOW)).toBeNull();
    expect(talkOnAir(saal2!, NOW + 6 * MIN)?.title).toBe('Keeping old routers alive');
  });
});

describe('livePartFor', () => {
  const page = { title: 'Mesh radios for everyone', event: '40c3' };

  it('says live in the room during the slot, with the room stream', () => {
    expect(livePartFor(state(), page, NOW, false)).toEqual({
      kind: 'live',
      room: 'Saal 1',
      url: 'https://streaming.media.ccc.de/40c3/saal-1',
      end: NOW + 30 * MIN,
    });
  });

  it('gives the ReLive after the slot until the recording is in the archive', () => {
    expect(livePartFor(state(), page, NOW + 31 * MIN, false)).toEqual({
      kind: 'relive',
      room: 'Saal 1',
      url: 'https://streaming.media.ccc.de/40c3/relive/ab-12',
      status: 'recorded',
    });
    expect(livePartFor(state(), page, NOW + 31 * MIN, true)).toBeNull();
  });

  it('says nothing for another conference, another talk, or a ReLive not running yet', () => {
    expect(livePartFor(state(), { ...page, event: '39c3' }, NOW, false)).toBeNull();
    expect(livePartFor(state(), { title: 'Something else entirely', event: '40c3' }, NOW, false)).toBeNull();
    const waiting = state({ relive: { '40c3': { items: [item({ status: 'not_running' })], checkedAt: NOW } } });
    expect(livePartFor(waiting, page, NOW + 31 * MIN, false)).toBeNull();
  });

  it('prefers the GUID: a page whose GUID differs is not the ReLive of a same-titled talk', () => {
    expect(livePartFor(state(), { ...page, guid: 'zz-99' }, NOW + 31 * MIN, false)).toBeNull();
    expect(reliveFor(state(), { ...page, guid: 'AB-12' })?.id).toBe(42);
  });
});

describe('liveNow', () => {
  it('lists the rooms with a talk on air for the wanted conferences', () => {
    const list = liveNow(state(), NOW, () => true);
    expect(list).toEqual([
      {
        acronym: '40c3',
        title: '40th Chaos Communication Congress',
        rooms: [
          {
            name: 'Saal 1',
            url: 'https://streaming.media.ccc.de/40c3/saal-1',
            talk: expect.objectContaining({ speaker: 'Ada Funk' }),
          },
        ],
      },
    ]);
    expect(liveNow(state(), NOW, () => false)).toEqual([]);
    expect(liveNow(state(), NOW + 2 * 60 * MIN, () => true)).toEqual([]);
  });
});
