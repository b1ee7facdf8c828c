import { describe, expect, it } from 'vitest';
import {
  emptyPersonalState,
  forgetOldTombstones,
  liveEntries,
  mergePersonalState,
  sanitisePersonalState,
  setStamped,
  TOMBSTONE_DAYS,
} from '@/lib/personal/state';

function device() {
  return emptyPersonalState();
}

describe('personal state merge (two browsers)', () => {
  it('keeps what either side added, per entry', () => {
    const laptop = device();
    const desktop = device();
    setStamped(laptop.watchLater, 'a', 1, 10);
    setStamped(desktop.watchLater, 'b', 1, 11);
    setStamped(desktop.conferences, '39c3', 'follow', 12);
    const merged = mergePersonalState(laptop, desktop).state;
    expect(liveEntries(merged.watchLater).map(([id]) => id)).toEqual(['b', 'a']);
    expect(merged.conferences['39c3']?.v).toBe('follow');
  });
  it('lets the later change of one entry win, in either merge order', () => {
    const laptop = device();
    const desktop = device();
    setStamped(laptop.conferences, 'froscon2025', 'follow', 10);
    setStamped(desktop.conferences, 'froscon2025', 'mute', 20);
    expect(mergePersonalState(laptop, desktop).state.conferences.froscon2025?.v).toBe('mute');
    expect(mergePersonalState(desktop, laptop).state.conferences.froscon2025?.v).toBe('mute');
  });
  it('a later removal beats an earlier add, and an add after the removal beats it', () => {
    const laptop = device();
    const desktop = device();
    setStamped(laptop.watched, 'x', 1, 10);
    setStamped(desktop.watched, 'x', 1, 10);
    setStamped(desktop.watched, 'x', null, 20);
    expect(mergePersonalState(laptop, desktop).state.watched.x?.v).toBeNull();
    setStamped(laptop.watched, 'x', null, 15);
    setStamped(laptop.watched, 'x', 1, 30);
    expect(mergePersonalState(desktop, laptop).state.watched.x?.v).toBe(1);
  });
  it('settles a tie the same way on both sides', () => {
    const a = device();
    const b = device();
    a.settings.pollMinutes = { v: 60, t: 5 };
    b.settings.pollMinutes = { v: 15, t: 5 };
    expect(mergePersonalState(a, b).state.settings.pollMinutes).toEqual(
      mergePersonalState(b, a).state.settings.pollMinutes,
    );
  });
  it('an import ignores removals: it adds, it never deletes', () => {
    const here = device();
    setStamped(here.watchLater, 'keep', 1, 10);
    const file = device();
    file.watchLater.keep = { v: null, t: 99 };
    expect(mergePersonalState(here, file, { ignoreRemovals: true }).state.watchLater.keep?.v).toBe(1);
  });
  it('reports whether anything changed', () => {
    const a = device();
    setStamped(a.watchLater, 'x', 1, 10);
    expect(mergePersonalState(a, structuredClone(a)).changed).toBe(false);
  });
  it('never stamps a local change earlier than what is stored (a clock that went back)', () => {
    const a = device();
    setStamped(a.watchLater, 'x', 1, 1000);
    setStamped(a.watchLater, 'x', null, 500);
    expect(a.watchLater.x).toEqual({ v: null, t: 1001 });
  });
  it('forgets old tombstones, keeps recent ones and every live entry', () => {
    const a = device();
    const day = 24 * 3600 * 1000;
    a.watched.gone = { v: null, t: 0 };
    a.watched.recent = { v: null, t: TOMBSTONE_DAYS * day };
    a.watched.live = { v: 1, t: 0 };
    expect(forgetOldTombstones(a, (TOMBSTONE_DAYS + 1) * day)).toBe(true);
    expect(Object.keys(a.watched).sort()).toEqual(['live', 'recent']);
  });
  it('drops malformed entries one by one when reading stored or synced data', () => {
    const state = sanitisePersonalState({
      watchLater: { good: { v: 1, t: 1 }, bad: { v: 'yes', t: 1 }, noStamp: { v: 1 } },
      conferences: JSON.parse(
        '{"__proto__": {"v": "mute", "t": 1}, "39c3": {"v": "follow", "t": 2}, "x": {"v": "shout", "t": 2}}',
      ),
      waiting: {
        'https://x/': {
          v: { query: { site: 'pretalx', title: 't', speakers: [], scheduleUrl: 'javascript:alert(1)' } },
          t: 1,
        },
      },
      watched: 'not a map',
    });
    expect(Object.keys(state.watchLater)).toEqual(['good']);
    expect(Object.keys(state.conferences)).toEqual(['39c3']);
    expect(state.waiting).toEqual({});
    expect(state.watched).toEqual({});
  });
});
