import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mergeFeedIntoArchive } from '@/lib/archive/merge';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import { announceMerge } from '@/lib/tell/announce';
import type { Notice } from '@/lib/tell/notifications';
import { emptyPersonalState, liveKeys, setStamped, type WaitingQuery } from '@/lib/personal/state';
import { loadPersonal, updatePersonal } from '@/lib/personal/store';
import { findFulfilledWaits, waitingQueryOf } from '@/lib/personal/waiting';
import { saveSettings } from '@/lib/personal/settings';
import type { TalkFeedData } from '@/lib/archive/talk';
import { feedTalk, uniqueDbName } from '../../support/talks';

let db: AftertalkDb;
let syncs = 0;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDb(uniqueDbName());
  syncs = 0;
  // A first import, so later syncs bring new talks.
  await sync(
    feedTalk({
      id: 'old-title-twin',
      title: 'Reproducible builds at scale',
      speakers: ['Someone Else'],
      conference: 'democon2025',
    }),
  );
});
afterEach(() => db.delete());

function sync(...talks: TalkFeedData[]) {
  syncs++;
  return mergeFeedIntoArchive(db, talks, {
    feedUrl: 'f',
    now: syncs * 1000,
    validators: { etag: '', lastModified: '', bodyHash: String(syncs) },
  });
}

const PAGE: WaitingQuery = waitingQueryOf({
  site: 'pretalx',
  title: 'Reproducible builds at scale',
  speakers: ['Mara Jensen'],
  scheduleUrl: 'https://pretalx.com/democon-2026/talk/RB7QXA/',
  code: 'RB7QXA',
  event: 'democon-2026',
  abstract: 'left out of the waiting entry',
});

async function wait(query: WaitingQuery = PAGE) {
  await updatePersonal((draft, now) => setStamped(draft.waiting, query.scheduleUrl, { query }, now), 500);
}

const recording = (extra: Partial<TalkFeedData>) =>
  feedTalk({
    id: 'rb-2026',
    title: 'Reproducible builds at scale',
    speakers: ['Mara Jensen'],
    conference: 'democon2026',
    tags: ['RB7QXA'],
    ...extra,
  });

describe('the waiting list matcher', () => {
  it('keeps what recognises the talk later, not the abstract', () => {
    expect(PAGE).toEqual({
      site: 'pretalx',
      title: 'Reproducible builds at scale',
      speakers: ['Mara Jensen'],
      scheduleUrl: 'https://pretalx.com/democon-2026/talk/RB7QXA/',
      code: 'RB7QXA',
      event: 'democon-2026',
    });
  });

  it.each([
    [
      'its GUID',
      { ...PAGE, guid: 'c0ffee00-1111-2222-3333-444455556666' },
      { id: 'c0ffee00-1111-2222-3333-444455556666', tags: [] },
    ],
    ['its schedule URL', PAGE, { scheduleUrl: 'https://pretalx.com/democon-2026/talk/RB7QXA/', tags: [] }],
    ['its pretalx code', PAGE, {}],
    ['its title and a speaker', { ...PAGE, code: undefined }, { tags: [] }],
  ] as const)('finds a recording by %s', async (_, query, extra) => {
    await wait(query as WaitingQuery);
    const merge = await sync(recording(extra as Partial<TalkFeedData>));
    const found = await findFulfilledWaits(db, await loadPersonal(), merge.changedIds);
    expect(found.map((f) => [f.key, f.talk.id])).toEqual([
      [PAGE.scheduleUrl, (extra as { id?: string }).id ?? 'rb-2026'],
    ]);
  });

  it('is not fooled by the same title alone, by another speaker', async () => {
    await wait({ ...PAGE, code: undefined });
    const merge = await sync(recording({ speakers: ['Not Mara'], tags: [] }));
    expect(await findFulfilledWaits(db, await loadPersonal(), merge.changedIds)).toEqual([]);
  });

  it('is not fooled by the same code at another event on another host', async () => {
    await wait();
    const merge = await sync(
      recording({
        title: 'Something else',
        speakers: ['X'],
        conference: 'otherconf',
        scheduleUrl: 'https://cfp.other.example/otherconf/talk/RB7QXA/',
      }),
    );
    expect(await findFulfilledWaits(db, await loadPersonal(), merge.changedIds)).toEqual([]);
  });

  it('only takes talks the sync brought or changed, never an old look-alike', async () => {
    await sync(recording({}));
    await wait();
    const merge = await sync(feedTalk({ id: 'unrelated' }));
    expect(await findFulfilledWaits(db, await loadPersonal(), merge.changedIds)).toEqual([]);
  });
});

describe('announcing a sync', () => {
  async function announce(merge: { newIds: string[]; changedIds: string[] }) {
    const shown: Notice[] = [];
    await announceMerge(db, merge, 10_000, async (notice) => void shown.push(notice));
    return shown;
  }

  it('announces an awaited recording even from a muted conference, moves it to Watch later and ends the wait', async () => {
    await wait();
    await updatePersonal((draft, now) => setStamped(draft.conferences, 'democon2026', 'mute', now));
    const shown = await announce(await sync(recording({}), feedTalk({ id: 'other-new', conference: 'democon2026' })));
    expect(shown.map((n) => n.title)).toEqual(['Recording published']);
    const state = await loadPersonal();
    expect([...liveKeys(state.watchLater)]).toEqual(['rb-2026']);
    expect(liveKeys(state.waiting).size).toBe(0);
  });

  it('sends one summary for the new talks of a sync, none for muted or unwanted ones', async () => {
    await updatePersonal((draft, now) => setStamped(draft.conferences, 'froscon2025', 'mute', now));
    await saveSettings({ languages: ['eng'] });
    const shown = await announce(
      await sync(
        feedTalk({ id: 'a', conference: '39c3' }),
        feedTalk({ id: 'b', conference: '39c3' }),
        feedTalk({ id: 'c', conference: 'asg2025' }),
        feedTalk({ id: 'muted', conference: 'froscon2025' }),
        feedTalk({ id: 'german', conference: '39c3', language: 'deu' }),
      ),
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: '3 new talks', message: '2 new talks from 39c3, 1 from asg2025' });
  });

  it('stays silent on a first import, with notifications off, and in quiet mode', async () => {
    const fresh = openDb(uniqueDbName());
    const first = await mergeFeedIntoArchive(fresh, [feedTalk({ id: 'x' })], {
      feedUrl: 'g',
      now: 1,
      validators: { etag: '', lastModified: '', bodyHash: '1' },
    });
    expect(first.newIds).toEqual([]);
    await fresh.delete();
    await saveSettings({ notifications: false });
    expect(await announce(await sync(feedTalk({ id: 'n1' })))).toEqual([]);
    await saveSettings({ notifications: true, quietUntil: 20_000 });
    expect(await announce(await sync(feedTalk({ id: 'n2' })))).toEqual([]);
  });

  it('a notification that fails loses nothing else', async () => {
    await wait();
    await announceMerge(db, await sync(recording({})), 10_000, async () => {
      throw new Error('notifications disabled by the OS');
    });
    expect([...liveKeys((await loadPersonal()).watchLater)]).toEqual(['rb-2026']);
  });

  it('starts from an empty personal state', () => {
    expect(emptyPersonalState().waiting).toEqual({});
  });
});
