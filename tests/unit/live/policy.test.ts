import { describe, expect, it } from 'vitest';
import {
  DISCOVERY_MS,
  interestOf,
  LIVE_POLL_MINUTES,
  OVER_AFTER_MS,
  PAGE_INTEREST_MS,
  planLivePoll,
  RELIVE_AFTER_MS,
  RELIVE_GRACE_MS,
  type LiveInputs,
} from '@/lib/live/policy';
import { emptyLiveState, type LiveState, type SeenConference } from '@/lib/live/store';

const NOW = Date.UTC(2026, 11, 28, 12, 0, 0);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const conference = (over: Partial<SeenConference> = {}): SeenConference => ({
  slug: '40c3',
  acronym: '40c3',
  title: '40C3',
  startsAt: NOW - DAY,
  endsAt: NOW + 3 * DAY,
  streaming: true,
  seenAt: NOW - 5 * MIN,
  rooms: [],
  ...over,
});

function inputs(over: Partial<LiveInputs> = {}, state: Partial<LiveState> = {}): LiveInputs {
  return {
    now: NOW,
    reason: 'alarm',
    permitted: true,
    followed: new Set(['40c3']),
    scopeAll: false,
    state: { ...emptyLiveState(), ...state },
    newestTalk: () => 0,
    ...over,
  };
}

const live = { conferences: [conference()], lastAttemptAt: NOW - 5 * MIN };

describe('planLivePoll', () => {
  it('asks nothing without the permission, whatever is live', () => {
    expect(planLivePoll(inputs({ permitted: false }, live))).toEqual({ streams: false, relive: [], keepAlarm: false });
  });

  it('asks nothing when no wanted conference is live or may be', () => {
    expect(planLivePoll(inputs({ followed: new Set() }, live))).toEqual({
      streams: false,
      relive: [],
      keepAlarm: false,
    });
    expect(planLivePoll(inputs({ followed: new Set(['39c3']) }, live))).toMatchObject({ streams: false, relive: [] });
  });

  it('asks every 5 minutes while a followed conference is live, the streams and its ReLive index', () => {
    expect(planLivePoll(inputs({}, live))).toEqual({ streams: true, relive: [['40c3', '40c3']], keepAlarm: true });
    const soon = { ...live, lastAttemptAt: NOW - 2 * MIN, relive: { '40c3': { items: [], checkedAt: NOW - 2 * MIN } } };
    expect(planLivePoll(inputs({}, soon))).toEqual({ streams: false, relive: [], keepAlarm: true });
    expect(LIVE_POLL_MINUTES).toBe(5);
  });

  it('counts a conference live from an hour before its start to an hour after its end', () => {
    const before = { ...live, conferences: [conference({ streaming: false, startsAt: NOW + 50 * MIN })] };
    expect(planLivePoll(inputs({}, before)).streams).toBe(true);
    const early = { ...live, conferences: [conference({ streaming: false, startsAt: NOW + 2 * 60 * MIN })] };
    expect(planLivePoll(inputs({}, early)).streams).toBe(false);
  });

  it('waits for the backoff, keeping the alarm', () => {
    expect(planLivePoll(inputs({}, { ...live, nextTryAt: NOW + MIN }))).toEqual({
      streams: false,
      relive: [],
      keepAlarm: true,
    });
  });

  it('after the end: only the ReLive index, every 30 minutes, for 3 days', () => {
    const ended = conference({ streaming: false, startsAt: NOW - 5 * DAY, endsAt: NOW - DAY, seenAt: NOW - DAY });
    const after = {
      conferences: [ended],
      lastAttemptAt: NOW - 40 * MIN,
      relive: { '40c3': { items: [], checkedAt: NOW - RELIVE_AFTER_MS } },
    };
    expect(planLivePoll(inputs({}, after))).toEqual({ streams: false, relive: [['40c3', '40c3']], keepAlarm: true });
    const recent = { ...after, relive: { '40c3': { items: [], checkedAt: NOW - 10 * MIN } } };
    expect(planLivePoll(inputs({}, recent))).toEqual({ streams: false, relive: [], keepAlarm: true });
    const long = {
      ...after,
      conferences: [conference({ ...ended, endsAt: NOW - RELIVE_GRACE_MS - MIN, seenAt: NOW - RELIVE_GRACE_MS - MIN })],
    };
    expect(planLivePoll(inputs({}, long))).toEqual({ streams: false, relive: [], keepAlarm: false });
  });

  describe('finding out whether a conference went live', () => {
    it('looks when a page of a conference the archive does not know to be over opens, at most every 30 minutes', () => {
      const page = { pages: { '40c3': NOW - MIN } };
      expect(planLivePoll(inputs({ reason: 'page', followed: new Set() }, page)).streams).toBe(true);
      const asked = { ...page, lastAttemptAt: NOW - DISCOVERY_MS + 2 * MIN };
      expect(planLivePoll(inputs({ reason: 'page', followed: new Set() }, asked)).streams).toBe(false);
      // The alarm never discovers: it only follows what is known to be live.
      expect(planLivePoll(inputs({ reason: 'alarm', followed: new Set() }, page)).streams).toBe(false);
    });

    it('never for a conference whose newest talk in the archive is older than 14 days', () => {
      const over = inputs({
        reason: 'popup',
        followed: new Set(['39c3']),
        newestTalk: () => NOW - OVER_AFTER_MS - DAY,
      });
      expect(planLivePoll(over)).toEqual({ streams: false, relive: [], keepAlarm: false });
      const recent = inputs({ reason: 'popup', followed: new Set(['39c3']), newestTalk: () => NOW - DAY });
      expect(planLivePoll(recent).streams).toBe(true);
    });

    it('once when the permission was just given, for any wanted conference', () => {
      const over = inputs({ reason: 'granted', followed: new Set(['39c3']), newestTalk: () => NOW - 300 * DAY });
      expect(planLivePoll(over).streams).toBe(true);
      expect(planLivePoll({ ...over, followed: new Set() }).streams).toBe(false);
    });

    it('with "every streamed conference", when the popup opens', () => {
      expect(planLivePoll(inputs({ reason: 'popup', followed: new Set(), scopeAll: true })).streams).toBe(true);
      expect(planLivePoll(inputs({ reason: 'page', followed: new Set(), scopeAll: true })).streams).toBe(false);
    });
  });
});

describe('interestOf', () => {
  it('is the followed conferences and the pages open within the last hour', () => {
    const state = { ...emptyLiveState(), pages: { '38c3': NOW - PAGE_INTEREST_MS - 1, fosdem: NOW - MIN } };
    expect(interestOf({ followed: new Set(['40c3']), state, now: NOW }).sort()).toEqual(['40c3', 'fosdem']);
  });
});
