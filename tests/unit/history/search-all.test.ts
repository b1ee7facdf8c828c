/**
 * The popup's "Search all of media.ccc.de", in the worker, against a fake of the API: what is
 * asked, what lands in the archive (history, never new), and what the popup is told when the API
 * fails (and then nothing is stored).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDb, type AftertalkDb } from '@/lib/archive/db';
import { countNewTalks, mergeFeedIntoArchive } from '@/lib/archive/merge';
import { API_BACKOFF_KEY } from '@/lib/history/client';
import { MAX_SEARCH_HITS, searchAll } from '@/lib/history/search-all';
import { searchTalks } from '@/lib/ui/queries';
import { fakeVoctowebAnswer, fakeVoctowebFetch, type FakeApiRequest } from '../../support/fake-voctoweb';
import { feedTalk, uniqueDbName } from '../../support/talks';

const NOW = Date.UTC(2026, 11, 6, 12);
const RADIO_36C3 = '00000000-0000-4000-8000-000000010496';
const RADIO_RC3 = '00000000-0000-4000-8000-000000011337';

let db: AftertalkDb;
let requests: FakeApiRequest[];
const deps = (fetchImpl: typeof fetch = fakeVoctowebFetch(requests)) => ({ db, fetchImpl, now: () => NOW });

/** A fetch answering every search with `events` (as the API renders them). */
const answering = (events: unknown[]) =>
  (async () =>
    new Response(JSON.stringify({ events }), {
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    })) as unknown as typeof fetch;

/** The fake API's rendering of its "radio astronomy" hits: the 36c3 talk, then the rC3 one. */
const radioEvents = () =>
  (JSON.parse(fakeVoctowebAnswer('/public/events/search?q=radio%20astronomy').body) as { events: { guid: string }[] })
    .events;

beforeEach(() => {
  fakeBrowser.reset();
  db = openDb(uniqueDbName());
  requests = [];
});
afterEach(async () => {
  await db.delete();
});

describe('searchAll', () => {
  it('asks media.ccc.de’s search once, and keeps every hit as history: never new, found by a later search', async () => {
    const { answer, merge } = await searchAll(deps(), 'radio astronomy');
    expect(requests.map((r) => r.path)).toEqual(['/public/events/search?q=radio%20astronomy']);
    expect(answer).toEqual({ ok: true, ids: [RADIO_36C3, RADIO_RC3] });
    expect(merge?.changedIds.sort()).toEqual([RADIO_36C3, RADIO_RC3].sort());
    expect(merge?.newIds).toEqual([]);
    const stored = await db.talks.bulkGet([RADIO_36C3, RADIO_RC3]);
    for (const talk of stored) expect(talk).toMatchObject({ fromHistory: 1, isNew: 0, conference: expect.any(String) });
    expect(stored[0]).toMatchObject({
      title: 'Open hardware for radio astronomy',
      conference: '36c3',
      url: 'https://media.ccc.de/v/36c3-10496-open-hardware-for-radio-astronomy',
    });
    expect(stored[0]?.enclosure?.url).toMatch(/^https:\/\/cdn\.media\.ccc\.de\/.+\.mp4$/);
    expect(await countNewTalks(db)).toBe(0);
    // The popup's own search (the archive's search index) finds them from now on.
    expect((await searchTalks(db, 'radio astronomy', 20)).map((talk) => talk.id).sort()).toEqual(
      [RADIO_36C3, RADIO_RC3].sort(),
    );
  });

  it('answers the hits in the API’s order, each once, at most 25', async () => {
    const [first, second] = radioEvents();
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...first,
      guid: `00000000-0000-4000-8000-${String(900 + i).padStart(12, '0')}`,
      title: `Radio astronomy, part ${i + 1}`,
    }));
    const { answer } = await searchAll(deps(answering([second, first, second, ...many])), 'radio');
    expect(answer.ok).toBe(true);
    const ids = answer.ok ? answer.ids : [];
    expect(ids.slice(0, 2)).toEqual([RADIO_RC3, RADIO_36C3]);
    // The API's page is 25 events; one of them was a repeat.
    expect(ids).toHaveLength(MAX_SEARCH_HITS - 1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await db.talks.count()).toBe(ids.length);
  });

  it('leaves a talk the feed brought as the feed wrote it, and still lists it', async () => {
    await mergeFeedIntoArchive(db, [feedTalk({ id: RADIO_36C3, title: 'Open hardware for radio astronomy' })], {
      feedUrl: 'https://media.ccc.de/podcast-hq.xml',
      now: NOW - 1000,
      validators: { etag: '', lastModified: '', bodyHash: '' },
    });
    const { answer } = await searchAll(deps(), 'radio astronomy');
    expect(answer).toEqual({ ok: true, ids: [RADIO_36C3, RADIO_RC3] });
    const feedTalkAfter = await db.talks.get(RADIO_36C3);
    expect(feedTalkAfter?.fromHistory).toBeUndefined();
    expect(feedTalkAfter?.conference).toBe('39c3');
  });

  it('answers an empty list when media.ccc.de finds nothing, and stores nothing', async () => {
    const { answer, merge } = await searchAll(deps(), 'no such talk anywhere');
    expect(answer).toEqual({ ok: true, ids: [] });
    expect(merge?.changedIds).toEqual([]);
    expect(await db.talks.count()).toBe(0);
  });

  it('answers busy after a 503, stores nothing, and asks nothing more while backing off', async () => {
    const failing = vi.fn(async () => new Response('<html>oops</html>', { status: 503 }));
    const { answer, merge } = await searchAll(deps(failing as unknown as typeof fetch), 'radio astronomy');
    expect(answer).toEqual({ ok: false, error: 'busy' });
    expect(merge).toBeNull();
    expect(await db.talks.count()).toBe(0);
    const backoff = (await fakeBrowser.storage.local.get(API_BACKOFF_KEY))[API_BACKOFF_KEY] as { until: number };
    expect(backoff.until).toBeGreaterThan(NOW);
    // Within the backoff the client asks nothing, and the popup hears "busy" again.
    expect((await searchAll(deps(), 'radio astronomy')).answer).toEqual({ ok: false, error: 'busy' });
    expect(requests).toEqual([]);
    expect(failing).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['no network', (async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch],
    ['a sign-in page', (async () => new Response('<!doctype html><title>Sign in</title>')) as unknown as typeof fetch],
    ['a 404', (async () => new Response('{"status":404}', { status: 404 })) as unknown as typeof fetch],
    ['an answer of the wrong shape', (async () => new Response('{"events":7}')) as unknown as typeof fetch],
  ])('answers unreachable for %s, and stores nothing', async (_, fetchImpl) => {
    const { answer, merge } = await searchAll(deps(fetchImpl), 'radio astronomy');
    expect(answer).toEqual({ ok: false, error: 'unreachable' });
    expect(merge).toBeNull();
    expect(await db.talks.count()).toBe(0);
  });

  it('never throws, also when the archive refuses the write', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    db.close();
    const { answer } = await searchAll(deps(), 'radio astronomy');
    expect(answer).toEqual({ ok: false, error: 'unreachable' });
    expect(console.warn).toHaveBeenCalled();
  });
});
