import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyPersonalState, mergePersonalState, setStamped, type PersonalState } from '@/lib/personal/state';
import { loadPersonal, updatePersonal } from '@/lib/personal/store';
import {
  decodeFromSync,
  describeMirrorStatus,
  encodeForSync,
  loadMirrorStatus,
  pullFromSync,
  pushToSync,
  saveMirrorStatus,
  type SyncArea,
} from '@/lib/personal/sync-mirror';

beforeEach(() => fakeBrowser.reset());

/** Recent enough that `updatePersonal` keeps the tombstones. */
const T = Date.now() - 3_600_000;
const size = (key: string, value: unknown) => key.length + JSON.stringify(value).length;

/** A storage.sync stand-in that rejects like Chrome once an item or the whole area is too big. */
function fakeSyncArea(quotaBytes = 102_400) {
  const data = new Map<string, unknown>();
  const area = {
    data,
    async get(_keys: null) {
      return structuredClone(Object.fromEntries(data));
    },
    async set(items: Record<string, unknown>) {
      const next = new Map([...data, ...Object.entries(structuredClone(items))]);
      if ([...next].some(([k, v]) => size(k, v) > 8192)) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      if ([...next].reduce((sum, [k, v]) => sum + size(k, v), 0) > quotaBytes)
        throw new Error('QUOTA_BYTES quota exceeded');
      for (const [k, v] of next) data.set(k, v);
    },
    async remove(keys: string[]) {
      for (const key of keys) data.delete(key);
    },
  };
  return area satisfies SyncArea;
}

const guid = (i: number) => `${String(i).padStart(8, '0')}-aaaa-bbbb-cccc-dddddddddddd`;

function sampleState(): PersonalState {
  const state = emptyPersonalState();
  state.settings = {
    feed: { v: 'hq', t: T },
    languages: { v: ['de', 'en'], t: T + 1 },
    notifyScope: { v: null, t: T + 2 },
  };
  state.conferences = { '39c3': { v: 'follow', t: T }, fosdem: { v: 'mute', t: T + 5 }, gone: { v: null, t: T + 6 } };
  state.watchLater = { a: { v: 1, t: T + 3 }, b: { v: null, t: T + 4 } };
  state.watched = { c: { v: 1, t: T + 7 } };
  const query = {
    site: 'pretalx' as const,
    title: 'Talk <with> ünïcode',
    speakers: ['Ada'],
    scheduleUrl: 'https://example.org/talk/1',
  };
  state.waiting = { 'https://example.org/talk/1': { v: { query }, t: T + 8 } };
  return state;
}

/** Replaces this (fake) browser's local state. */
const setLocal = (state: PersonalState) =>
  updatePersonal((draft) => (Object.assign(draft, structuredClone(state)), true));

describe('encodeForSync / decodeFromSync', () => {
  it('round-trips every kind, tombstones included, and packs equal states equally', () => {
    const state = sampleState();
    const { items, left } = encodeForSync(state);
    expect(decodeFromSync(items)).toEqual(state);
    expect(Object.values(left).every((n) => n === 0)).toBe(true);
    expect(items['ps:watchLater:0']).toEqual([
      ['a', T + 3, 1],
      ['b', T + 4],
    ]);
    const reordered = { ...state, watchLater: { b: state.watchLater.b!, a: state.watchLater.a! } };
    expect(JSON.stringify(encodeForSync(reordered).items)).toBe(JSON.stringify(items));
  });

  it('stays within the item size and the budget, keeping the most valuable entries', () => {
    const state = sampleState();
    for (let i = 0; i < 5000; i++) state.watched[guid(i)] = { v: 1, t: T + 100 + i };
    for (let i = 0; i < 50; i++) state.watchLater[`later-${i}`] = { v: 1, t: T + i };
    const { items, left } = encodeForSync(state);
    const sizes = Object.entries(items).map(([k, v]) => size(k, v));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(90_000);

    const synced = decodeFromSync(items);
    expect(synced.settings).toEqual(state.settings);
    expect(synced.conferences).toEqual(state.conferences);
    expect(synced.waiting).toEqual(state.waiting);
    expect(synced.watchLater).toEqual(state.watchLater);
    const keptWatched = Object.keys(synced.watched).length;
    expect(left.watched).toBe(5001 - keptWatched);
    expect(left.watched).toBeGreaterThan(3000);
    // The newest marks go, the oldest (and the older plain entry `c`) stay behind.
    expect(synced.watched[guid(4999)]).toBeDefined();
    expect(synced.watched[guid(0)]).toBeUndefined();
    expect(synced.watched.c).toBeUndefined();
  });

  it('skips garbage item by item without losing the good entries', () => {
    const items: Record<string, unknown> = {
      'ps:watched:0': 'not an array',
      'ps:watched:1': [
        ['good', T, 1],
        5,
        [1, 2],
        ['bad-t', 'yesterday', 1],
        ['wrong-value', T, 2],
        ['__proto__', T, 1],
        ['constructor', T, 1],
        ['x'.repeat(100_000), T, 1],
        ['gone', T],
      ],
      'ps:watched:2': { good: [T, 1] },
      'ps:conferences:0': [
        ['39c3', T, 'follow'],
        ['other', T, 'like'],
        ['x', -1, 'follow'],
      ],
      'ps:bogus:0': [['k', T, 1]],
      'ps:__proto__:0': [['k', T, 1]],
      unrelated: [['k', T, 1]],
    };
    const state = decodeFromSync(items);
    expect(state.watched).toEqual({ good: { v: 1, t: T }, constructor: { v: 1, t: T }, gone: { v: null, t: T } });
    expect(Object.getPrototypeOf(state.watched)).toBe(Object.prototype);
    expect(state.conferences).toEqual({ '39c3': { v: 'follow', t: T } });
    expect(decodeFromSync(null as never)).toEqual(emptyPersonalState());
  });
});

describe('pushToSync / pullFromSync', () => {
  it('makes two browsers converge, the later change winning', async () => {
    const a = emptyPersonalState();
    a.watched = { onlyA: { v: 1, t: T } };
    a.watchLater = { z: { v: 1, t: T + 30 }, w: { v: null, t: T + 50 } };
    a.conferences = { '39c3': { v: 'follow', t: T + 5 } };
    a.settings = { feed: { v: 'hq', t: T + 9 } };
    let b = emptyPersonalState();
    b.watched = { onlyB: { v: 1, t: T + 20 } };
    b.watchLater = { z: { v: null, t: T + 40 }, w: { v: 1, t: T + 45 } };
    b.conferences = { '39c3': { v: 'mute', t: T + 6 } };
    b.settings = { feed: { v: 'lq', t: T + 8 } };
    const area = fakeSyncArea();

    await setLocal(a); // Browser A is the one with the (fake) local storage.
    expect((await pushToSync(await loadPersonal(), area)).ok).toBe(true);
    b = mergePersonalState(b, decodeFromSync(await area.get(null))).state; // Browser B pulls…
    expect((await pushToSync(b, area)).ok).toBe(true); // …and pushes.
    expect(await pullFromSync(area)).toBe(true);

    const final = await loadPersonal();
    expect(final).toEqual(b);
    expect(final.watched).toEqual({ onlyA: { v: 1, t: T }, onlyB: { v: 1, t: T + 20 } });
    expect(final.watchLater).toEqual({ z: { v: null, t: T + 40 }, w: { v: null, t: T + 50 } });
    expect(final.conferences['39c3']!.v).toBe('mute');
    expect(final.settings.feed!.v).toBe('hq');
    expect(await pullFromSync(area)).toBe(false);
  });

  it('never deletes an entry that was left out of sync for lack of room', async () => {
    const a = emptyPersonalState();
    for (let i = 0; i < 4000; i++) a.watched[guid(i)] = { v: 1, t: T + i };
    let b = emptyPersonalState();
    b.watched = { [guid(0)]: { v: 1, t: T }, bOld: { v: 1, t: T - 1 } };
    const area = fakeSyncArea();

    await setLocal(a);
    const status = await pushToSync(await loadPersonal(), area);
    expect(status.ok).toBe(true);
    expect(status.left.watched).toBeGreaterThan(0);
    expect(decodeFromSync(await area.get(null)).watched[guid(0)]).toBeUndefined();

    b = mergePersonalState(b, decodeFromSync(await area.get(null))).state;
    expect(b.watched[guid(0)]).toEqual({ v: 1, t: T });
    expect(b.watched.bOld).toEqual({ v: 1, t: T - 1 });
    b.watched.bNew = { v: 1, t: T + 10_000 };
    await pushToSync(b, area);
    expect(await pullFromSync(area)).toBe(true);
    const local = await loadPersonal();
    expect(local.watched.bNew).toEqual({ v: 1, t: T + 10_000 });
    expect(Object.keys(local.watched)).toHaveLength(4001);
    expect(local.watched[guid(0)]).toEqual({ v: 1, t: T });
  });

  it('writes only what changed, and nothing for an unchanged state', async () => {
    const state = sampleState();
    for (let i = 0; i < 1000; i++) state.watched[guid(i)] = { v: 1, t: T + 100 + i };
    const area = fakeSyncArea();
    const set = vi.spyOn(area, 'set');
    const remove = vi.spyOn(area, 'remove');

    await pushToSync(state, area);
    expect(set).toHaveBeenCalledTimes(1);
    expect(remove).not.toHaveBeenCalled();
    await pushToSync(structuredClone(state), area);
    expect(set).toHaveBeenCalledTimes(1);
    expect(remove).not.toHaveBeenCalled();

    state.watched[guid(1000)] = { v: 1, t: T + 5000 }; // The usual change: a new mark, laid out last.
    await pushToSync(state, area);
    expect(set).toHaveBeenCalledTimes(2);
    const lastWatched = Object.keys(encodeForSync(state).items)
      .filter((k) => k.startsWith('ps:watched:'))
      .at(-1);
    expect(Object.keys(set.mock.calls[1]![0])).toEqual([lastWatched]);
    expect(decodeFromSync(Object.fromEntries(area.data))).toEqual(state);

    state.watched = {};
    await pushToSync(state, area);
    expect(remove).toHaveBeenCalledTimes(1);
    expect(remove.mock.calls[0]![0].every((k) => k.startsWith('ps:watched:'))).toBe(true);
    expect([...area.data.keys()].some((k) => k.startsWith('ps:watched:'))).toBe(false);
  });

  it('reports a full or missing sync area without throwing or touching local data', async () => {
    await setLocal(sampleState());
    const before = await fakeBrowser.storage.local.get(null);

    const full = await pushToSync(sampleState(), fakeSyncArea(200));
    expect(full).toMatchObject({ ok: false, error: 'QUOTA_BYTES quota exceeded' });

    const broken = { get: () => Promise.reject(new Error('Sync is disabled')), set: vi.fn(), remove: vi.fn() };
    expect(await pushToSync(sampleState(), broken)).toMatchObject({ ok: false, error: 'Sync is disabled' });
    expect(await pullFromSync(broken)).toBe(false);

    const storage = fakeBrowser.storage as { sync?: unknown };
    const sync = storage.sync;
    storage.sync = undefined; // Like Firefox without sync support.
    try {
      const missing = await pushToSync(sampleState());
      expect(missing.ok).toBe(false);
      expect(missing.error).toMatch(/no sync storage/);
      expect(await pullFromSync()).toBe(false);
    } finally {
      storage.sync = sync;
    }
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('uses browser.storage.sync by default', async () => {
    const state = sampleState();
    expect((await pushToSync(state)).ok).toBe(true);
    expect(decodeFromSync(await fakeBrowser.storage.sync.get(null))).toEqual(state);
    expect(await pullFromSync()).toBe(true);
    expect(await loadPersonal()).toEqual(state);
  });
});

describe('mirror status', () => {
  it('is saved, loaded and described', async () => {
    expect(await loadMirrorStatus()).toBeUndefined();
    const left = { settings: 0, conferences: 0, watchLater: 0, watched: 312, waiting: 0 };
    await saveMirrorStatus({ ok: true, at: 5, left });
    const status = await loadMirrorStatus();
    expect(status).toEqual({ ok: true, at: 5, left });
    expect(describeMirrorStatus(status)).toBe(
      'Kept in your browser’s sync storage, but its room is full, so these stay on this browser only: 312 older Watched marks.',
    );
    expect(describeMirrorStatus({ ok: true, at: 5, left: { ...left, watched: 0 } })).toBe(
      'Kept in your browser’s sync storage: with browser sync on, it follows you to your other browsers.',
    );
    expect(describeMirrorStatus({ ok: true, at: 5, left: { ...left, watchLater: 1 } })).toMatch(
      /these stay on this browser only: 1 older Watch later entry and 312 older Watched marks\.$/,
    );
    expect(describeMirrorStatus({ ok: false, at: 5, error: 'QUOTA_BYTES quota exceeded', left })).toBe(
      'Sync is not available here: QUOTA_BYTES quota exceeded, your lists stay on this browser.',
    );
    expect(describeMirrorStatus(undefined)).toMatch(/not synced/i);
  });
});

describe('stamps from storage.sync', () => {
  it('refuses stamps above 2^52 and counts one more than a day ahead as now', () => {
    const now = Date.now();
    const state = decodeFromSync(
      {
        'ps:watched:0': [
          ['huge', 2 ** 53],
          ['max', 2 ** 52 + 1, 1],
          ['ahead', now + 2 * 24 * 3600 * 1000, 1],
          ['skewed', now + 3_600_000, 1],
        ],
        'ps:settings:0': [['notifications', 4e15, true]],
      },
      now,
    );
    expect(state.watched).toEqual({ ahead: { v: 1, t: now }, skewed: { v: 1, t: now + 3_600_000 } });
    expect(state.settings.notifications).toEqual({ v: true, t: now });
  });

  it('lets the user win again over a tombstone synced with a huge stamp', async () => {
    const area = fakeSyncArea();
    await area.set({ 'ps:watchLater:0': [['talk', 2 ** 53]] });
    await updatePersonal((draft, now) => {
      draft.watchLater.talk = { v: 1, t: now - 1000 };
      return true;
    });
    await pullFromSync(area);
    expect((await loadPersonal()).watchLater.talk!.v).toBe(1);
    // Even a far-future stamp within 2^52 stops winning once the user acts after it.
    await area.set({ 'ps:watchLater:0': [['talk', 4e15]] });
    await pullFromSync(area);
    const pulled = (await loadPersonal()).watchLater.talk!;
    expect(pulled.v).toBeNull();
    expect(pulled.t).toBeLessThanOrEqual(Date.now());
    await updatePersonal((draft, now) => setStamped(draft.watchLater, 'talk', 1, now));
    await pushToSync(await loadPersonal(), area);
    await pullFromSync(area);
    expect((await loadPersonal()).watchLater.talk!.v).toBe(1);
  });
});
