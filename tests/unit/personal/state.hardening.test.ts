import { describe, expect, it } from 'vitest';
import {
  emptyPersonalState,
  LIST_CAP,
  ListFullError,
  MAX_STAMP,
  mergePersonalState,
  mergeStampedMap,
  sanitisePersonalState,
  setStamped,
  setStampedByUser,
  valueOf,
  wouldOverfill,
  type StampedMap,
} from '@/lib/personal/state';
import { settingsOf } from '@/lib/personal/settings';

const T = Date.now() - 3_600_000;

function fullList(): StampedMap<1> {
  const map: StampedMap<1> = {};
  for (let i = 0; i < LIST_CAP; i++) map[`talk-${i}`] = { v: 1, t: T };
  return map;
}

describe('personal state: keys from elsewhere', () => {
  it('treats prototype names as ordinary keys, never as the prototype', () => {
    const map: StampedMap<1> = {};
    expect(valueOf(map, 'constructor')).toBeNull();
    expect(valueOf(map, 'toString')).toBeNull();
    expect(setStamped(map, 'constructor', 1, T)).toBe(true);
    expect(map.constructor).toEqual({ v: 1, t: T });
    expect(setStamped(map, 'toString', null, T)).toBe(false);
    expect(Object.keys(map)).toEqual(['constructor']);
  });

  it('keeps only known settings with the right types and sizes', () => {
    const state = sanitisePersonalState({
      settings: {
        feed: { v: 'constructor', t: T },
        junk: { v: ['x'.repeat(100)], t: T },
        toString: { v: 'x', t: T },
        gone: { v: null, t: T },
        pollMinutes: { v: 60, t: T },
        languages: { v: ['deu', '<b>'], t: T },
        notifyScope: { v: 'followed', t: T },
        notifications: { v: 'yes', t: T },
        customFeedUrl: { v: 'https://x.example/'.padEnd(3000, 'a'), t: T },
      },
    });
    expect(Object.keys(state.settings).sort()).toEqual(['notifyScope', 'pollMinutes']);
    expect(settingsOf(state)).toMatchObject({ feed: 'hq', pollMinutes: 60, notifyScope: 'followed' });
  });
});

describe('personal state: stamps', () => {
  it('refuses stamps above 2^52, where one more would no longer be later', () => {
    const state = sanitisePersonalState({
      watched: { a: { v: 1, t: MAX_STAMP + 1 }, b: { v: 1, t: MAX_STAMP }, c: { v: null, t: 2 ** 53 } },
    });
    expect(Object.keys(state.watched)).toEqual(['b']);
    expect(setStamped(state.watched, 'b', null, T)).toBe(true);
    expect(state.watched.b!.t).toBeGreaterThan(MAX_STAMP);
  });
});

describe('personal state: list caps', () => {
  it('refuses a user adding to a full list and changes nothing', () => {
    const map = fullList();
    expect(wouldOverfill(map, 'new')).toBe(true);
    expect(() => setStampedByUser(map, 'watchLater', 'new', 1, T + 1)).toThrow(ListFullError);
    expect(map.new).toBeUndefined();
    expect(Object.keys(map)).toHaveLength(LIST_CAP);
  });

  it('still lets the user remove, re-add what is there, and add once there is room', () => {
    const map = fullList();
    expect(setStampedByUser(map, 'watchLater', 'talk-1', 1, T + 1)).toBe(false);
    expect(setStampedByUser(map, 'watchLater', 'talk-1', null, T + 1)).toBe(true);
    expect(setStampedByUser(map, 'watchLater', 'new', 1, T + 2)).toBe(true);
    // A tombstone counts as no entry: re-adding talk-1 would now need room again.
    expect(() => setStampedByUser(map, 'watchLater', 'talk-1', 1, T + 3)).toThrow(ListFullError);
  });

  it('merges no new live entry past the cap, counts what it left out, keeps updates and removals', () => {
    const base = emptyPersonalState();
    base.watched = fullList();
    const incoming = emptyPersonalState();
    incoming.watched = {
      extra: { v: 1, t: T + 1 },
      'talk-2': { v: null, t: T + 1 },
      other: { v: 1, t: T + 2 },
    };
    const { state, full, changed } = mergePersonalState(base, incoming);
    expect(changed).toBe(true);
    expect(state.watched['talk-2']).toEqual({ v: null, t: T + 1 });
    // Removing talk-2 made room for one of the two new entries.
    const added = ['extra', 'other'].filter((key) => state.watched[key]);
    expect(added).toHaveLength(1);
    expect(full.watched).toBe(1);
  });

  it('caps with a smaller cap too, and leaves tombstones out of the count', () => {
    const { map, full } = mergeStampedMap<1>(
      { a: { v: 1, t: T }, dead: { v: null, t: T } },
      { b: { v: 1, t: T }, c: { v: 1, t: T }, d: { v: null, t: T } },
      { cap: 2 },
    );
    expect(Object.keys(map).sort()).toEqual(['a', 'b', 'd', 'dead']);
    expect(full).toBe(1);
  });
});

describe('personal state: waiting entries', () => {
  const query = (title: string, speakers: string[]) => ({
    query: {
      site: 'pretalx',
      title,
      speakers,
      scheduleUrl: 'https://pretalx.com/39c3/talk/ABCDEF/',
      event: 'ev\u202ent',
    },
  });

  it('strips bidi and invisible characters from waiting entries read from a file or another browser', () => {
    const state = sanitisePersonalState({
      waiting: {
        a: { v: query('Evil\u202etxt.exe\u200b  talk', ['Mal\u2066lory', '\u200b']), t: T },
        b: { v: query('\u202e\u200b', []), t: T },
      },
    });
    expect(state.waiting.a!.v).toEqual({
      query: {
        site: 'pretalx',
        title: 'Eviltxt.exe talk',
        speakers: ['Mallory'],
        scheduleUrl: 'https://pretalx.com/39c3/talk/ABCDEF/',
        event: 'evnt',
      },
    });
    expect(state.waiting.b).toBeUndefined();
  });
});
