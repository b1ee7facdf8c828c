import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkLive, forgetLive, LIVE_ALARM, notePageOpen, type LiveContext } from '@/lib/live/service';
import { readLiveState } from '@/lib/live/store';
import { streamsJson } from '../../support/fake-streaming';

const NOW = Date.UTC(2026, 11, 28, 12, 0, 0);
const MIN = 60_000;

const context = (over: Partial<LiveContext> = {}): LiveContext => ({
  permitted: true,
  followed: new Set(),
  scopeAll: false,
  newestTalks: async () => new Map(),
  ...over,
});

function fetchOf(body: string) {
  return vi.fn(async () => new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }));
}

const live = streamsJson([
  {
    mandator: '40c3',
    slug: '40c3',
    title: '40C3',
    startsAt: NOW - 24 * 60 * MIN,
    endsAt: NOW + 72 * 60 * MIN,
    rooms: [
      {
        slug: 'saal-1',
        display: 'Saal 1',
        current: { title: 'Mesh radios for everyone', start: NOW - MIN, end: NOW + 30 * MIN },
      },
    ],
  },
]);

beforeEach(() => fakeBrowser.reset());

describe('checkLive', () => {
  it('asks nothing and sets no alarm when nothing is wanted', async () => {
    const fetchImpl = fetchOf(live);
    await checkLive('popup', context(), { fetchImpl: fetchImpl as unknown as typeof fetch, now: () => NOW });
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(await fakeBrowser.alarms.get(LIVE_ALARM)).toBeUndefined();
  });

  it('finds a conference live from an open page, then keeps a 5-minute alarm; without it, clears the alarm', async () => {
    await notePageOpen('40C3', NOW - MIN);
    const fetchImpl = fetchOf(live);
    const state = await checkLive('page', context(), {
      fetchImpl: fetchImpl as unknown as typeof fetch,
      now: () => NOW,
    });
    expect(state.conferences.map((c) => c.acronym)).toEqual(['40c3']);
    expect((await fakeBrowser.alarms.get(LIVE_ALARM))?.periodInMinutes).toBe(5);
    // The user took the permission back: nothing more, and the alarm goes.
    await checkLive('alarm', context({ permitted: false }), {
      fetchImpl: fetchImpl as unknown as typeof fetch,
      now: () => NOW + 10 * MIN,
    });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(await fakeBrowser.alarms.get(LIVE_ALARM)).toBeUndefined();
  });

  it('shares one running check between callers', async () => {
    await notePageOpen('40c3', NOW);
    const fetchImpl = fetchOf(live);
    const deps = { fetchImpl: fetchImpl as unknown as typeof fetch, now: () => NOW };
    await Promise.all([checkLive('page', context(), deps), checkLive('page', context(), deps)]);
    // One streams request and one ReLive index request (answered with the same body: a list, but no items).
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });
});

describe('notePageOpen', () => {
  it('keeps an open page’s event, at most every 15 minutes', async () => {
    expect(await notePageOpen('40C3', NOW)).toBe(true);
    expect(await notePageOpen('40c3', NOW + MIN)).toBe(false);
    expect((await readLiveState()).pages).toEqual({ '40c3': NOW });
  });
  it('refuses names that could become a property of the store', async () => {
    for (const name of ['__proto__', 'constructor ', '', 'a/b', 'x'.repeat(200)])
      expect(await notePageOpen(name, NOW)).toBe(false);
    expect((await readLiveState()).pages).toEqual({});
  });
});

describe('forgetLive', () => {
  it('clears the alarm and what the hosts said, once the user took the permission back', async () => {
    await notePageOpen('40c3', NOW);
    await checkLive('page', context(), { fetchImpl: fetchOf(live) as unknown as typeof fetch, now: () => NOW });
    expect(await fakeBrowser.alarms.get(LIVE_ALARM)).toBeDefined();
    await forgetLive();
    expect(await fakeBrowser.alarms.get(LIVE_ALARM)).toBeUndefined();
    expect((await readLiveState()).conferences).toEqual([]);
  });
});
