import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyLiveState, LIVE_KEY, readLiveState, sanitiseLiveState, updateLiveState } from '@/lib/live/store';

beforeEach(() => fakeBrowser.reset());

describe('sanitiseLiveState', () => {
  it('gives an empty state for nothing or garbage', () => {
    for (const raw of [undefined, null, 'x', [], 42]) expect(sanitiseLiveState(raw)).toEqual(emptyLiveState());
  });
  it('drops the fields and entries of the wrong shape, one at a time', () => {
    const state = sanitiseLiveState({
      conferences: [{ slug: '40c3', acronym: '40c3', rooms: [] }, { slug: 5 }, null],
      relive: { '40c3': { items: [], checkedAt: 1 }, bad: { items: 'x' } },
      validators: { u: { etag: 'e', lastModified: '' }, v: { etag: 1 } },
      pages: { '40c3': 5, x: 'soon' },
      lastAttemptAt: 'yesterday',
      error: 'e'.repeat(1000),
      told: ['a', 3],
    });
    expect(state.conferences).toHaveLength(1);
    expect(Object.keys(state.relive)).toEqual(['40c3']);
    expect(Object.keys(state.validators)).toEqual(['u']);
    expect(state.pages).toEqual({ '40c3': 5 });
    expect(state.lastAttemptAt).toBe(0);
    expect(state.error).toHaveLength(300);
    expect(state.told).toEqual(['a']);
  });
});

describe('updateLiveState', () => {
  it('reads, changes and writes one change after the other', async () => {
    await Promise.all([updateLiveState((s) => void s.told.push('a')), updateLiveState((s) => void s.told.push('b'))]);
    expect((await readLiveState()).told).toEqual(['a', 'b']);
    await fakeBrowser.storage.local.set({ [LIVE_KEY]: 'garbage' });
    expect(await readLiveState()).toEqual(emptyLiveState());
  });
});
