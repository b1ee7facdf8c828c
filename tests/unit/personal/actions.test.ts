import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listFullMessage, setConferenceMark, setWatched, setWatchLater } from '@/lib/personal/actions';
import { LIST_CAP, liveKeys } from '@/lib/personal/state';
import { loadPersonal, updatePersonal } from '@/lib/personal/store';

beforeEach(() => fakeBrowser.reset());

async function fill(kind: 'watchLater' | 'watched' | 'conferences') {
  await updatePersonal((draft, now) => {
    for (let i = 0; i < LIST_CAP; i++)
      (draft[kind] as Record<string, unknown>)[`k${i}`] = { v: kind === 'conferences' ? 'mute' : 1, t: now };
    return true;
  });
}

describe('user actions on a full list', () => {
  it('refuse adding, say so in plain words, and change nothing', async () => {
    await fill('watchLater');
    const error = await setWatchLater('new', true).catch((e: unknown) => e);
    expect(listFullMessage(error)).toBe(
      'Watch later is full (5,000 talks). Remove some to add more; nothing was changed.',
    );
    expect(liveKeys((await loadPersonal()).watchLater).has('new')).toBe(false);
    // Removing works, and then there is room again.
    await setWatchLater('k1', false);
    await setWatchLater('new', true);
    expect(liveKeys((await loadPersonal()).watchLater).has('new')).toBe(true);
  });

  it('name the list that is full', async () => {
    await fill('watched');
    expect(listFullMessage(await setWatched('new', true).catch((e: unknown) => e))).toMatch(
      /^The Watched list is full/,
    );
    await fill('conferences');
    expect(listFullMessage(await setConferenceMark('new', 'follow').catch((e: unknown) => e))).toMatch(
      /conferences Aftertalk keeps \(5,000\)/,
    );
    expect(listFullMessage(new Error('disk full'))).toBeNull();
  });
});
