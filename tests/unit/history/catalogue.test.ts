/**
 * The whole-catalogue import against a fake of media.ccc.de's API with 600 generated talks
 * (3 pages of 256): what it costs, that it lands every talk as history, and that it survives a
 * killed worker, a stop and a failing server without losing or duplicating anything, and that it
 * leaves the search index in one piece.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDb, SEARCH_INDEX_KEY, type AftertalkDb } from '@/lib/archive/db';
import { countNewTalks } from '@/lib/archive/merge';
import { readSearchSnapshot } from '@/lib/archive/search-store';
import {
  cancelCatalogue,
  estimateCatalogue,
  readCatalogueImport,
  resumeCatalogue,
  startCatalogue,
} from '@/lib/history/catalogue';
import { fakeVoctowebFetch, generatedConferences, type FakeApiRequest } from '../../support/fake-voctoweb';
import { uniqueDbName } from '../../support/talks';

const world = generatedConferences(600);
let db: AftertalkDb;
let requests: FakeApiRequest[];
const api = () => fakeVoctowebFetch(requests, world);
const noPause = async () => undefined;
const segmentsOfSearch = async () =>
  ((await db.meta.get(SEARCH_INDEX_KEY))?.value as { segments: unknown[] }).segments.length;
const pages = () => requests.map((r) => r.path).filter((p) => p.startsWith('/public/events?page='));

beforeEach(() => {
  fakeBrowser.reset();
  db = openDb(uniqueDbName());
  requests = [];
});
afterEach(async () => {
  await db.delete();
});

describe('the whole-catalogue import', () => {
  it('says what it costs from one tiny request', async () => {
    const estimate = await estimateCatalogue({ fetchImpl: api() });
    expect(estimate).toMatchObject({ talks: 600, requests: 3 });
    expect(estimate.downloadBytes).toBeGreaterThan(0);
    expect(estimate.storageBytes).toBeGreaterThan(estimate.downloadBytes);
    expect(requests.map((r) => r.path)).toEqual(['/public/events?page=1&per_page=1']);
  });

  it('reads every page once and keeps every talk as history, none of it new', async () => {
    await startCatalogue(1000);
    const merged: number[] = [];
    const end = await resumeCatalogue({
      db,
      fetchImpl: api(),
      sleep: noPause,
      onMerged: (merge) => void merged.push(merge.changedIds.length),
    });
    expect(end).toMatchObject({ state: 'done', total: 600, done: 600, nextPage: 4 });
    expect(pages()).toEqual([
      '/public/events?page=1&per_page=256',
      '/public/events?page=2&per_page=256',
      '/public/events?page=3&per_page=256',
    ]);
    expect(merged).toEqual([256, 256, 88]);
    expect(await db.talks.count()).toBe(600);
    expect(await db.talks.filter((talk) => talk.fromHistory !== 1).count()).toBe(0);
    expect(await countNewTalks(db)).toBe(0);
    expect(await readCatalogueImport()).toEqual(end);
  });

  it('leaves the search index as one segment when it ends, done or cancelled, holding every talk', async () => {
    // 800 talks in pages of 256, 256, 256 and 32: the merges fold their segments as a binary
    // counter does, so two are left after the third page and after the fourth.
    const bigger = generatedConferences(800);
    const seen: number[] = [];
    await startCatalogue();
    const cancelAfterThird = async () => {
      seen.push(await segmentsOfSearch());
      if (seen.length === 3) await cancelCatalogue();
    };
    const stopped = await resumeCatalogue({
      db,
      fetchImpl: fakeVoctowebFetch(requests, bigger),
      sleep: cancelAfterThird,
    });
    expect(stopped).toMatchObject({ state: 'cancelled', done: 768 });
    expect(seen).toEqual([1, 1, 2]);
    expect(await segmentsOfSearch()).toBe(1);
    expect((await readSearchSnapshot(db.meta))?.ids).toHaveLength(768);
    await startCatalogue();
    const end = await resumeCatalogue({ db, fetchImpl: fakeVoctowebFetch(requests, bigger), sleep: noPause });
    expect(end).toMatchObject({ state: 'done', done: 800 });
    expect(await segmentsOfSearch()).toBe(1);
    expect((await readSearchSnapshot(db.meta))?.ids).toHaveLength(800);
  });

  it('carries on where a killed worker stopped, without duplicating a talk', async () => {
    await startCatalogue();
    const good = api();
    let calls = 0;
    // The worker dies while the third page is on its way: its request never answers.
    const dying = (async (input: string | URL | Request, init?: RequestInit) => {
      if (++calls === 3) throw new TypeError('Failed to fetch');
      return good(input, init);
    }) as typeof fetch;
    const stopped = await resumeCatalogue({ db, fetchImpl: dying, sleep: noPause });
    expect(stopped).toMatchObject({ state: 'running', nextPage: 3, done: 512, failures: 1 });
    expect(await db.talks.count()).toBe(512);
    const end = await resumeCatalogue({ db, fetchImpl: api(), sleep: noPause });
    expect(end).toMatchObject({ state: 'done', done: 600, failures: 0 });
    expect(await db.talks.count()).toBe(600);
  });

  it('stops after the page in flight when cancelled, and continues from there when asked', async () => {
    await startCatalogue();
    const stopAfterFirst = async () => void (await cancelCatalogue());
    const stopped = await resumeCatalogue({ db, fetchImpl: api(), sleep: stopAfterFirst });
    expect(stopped).toMatchObject({ state: 'cancelled', nextPage: 2, done: 256 });
    expect(pages()).toHaveLength(1);
    expect(await db.talks.count()).toBe(256);
    expect(await startCatalogue()).toMatchObject({ state: 'running', nextPage: 2 });
    const end = await resumeCatalogue({ db, fetchImpl: api(), sleep: noPause });
    expect(end).toMatchObject({ state: 'done', done: 600 });
    expect(pages()).toHaveLength(3);
  });

  it('gives up after failing again and again, keeping what landed, and says so', async () => {
    await startCatalogue();
    const broken = (async () =>
      new Response('<!doctype html><p>Bad gateway</p>', {
        status: 200,
        headers: { 'Content-Type': 'text/html' },
      })) as unknown as typeof fetch;
    let state = await readCatalogueImport();
    for (let i = 0; i < 8 && state.state === 'running'; i++)
      state = await resumeCatalogue({ db, fetchImpl: broken, sleep: noPause });
    expect(state).toMatchObject({ state: 'failed', failures: 8, done: 0 });
    expect(await db.talks.count()).toBe(0);
    expect(await startCatalogue()).toMatchObject({ state: 'running', failures: 0 });
  });

  it('does nothing when no import is running', async () => {
    expect(await resumeCatalogue({ db, fetchImpl: api(), sleep: noPause })).toMatchObject({ state: 'idle' });
    expect(requests).toEqual([]);
  });
});

describe('the whole-catalogue import and a server that asks for a pause', () => {
  it('waits out the backoff after a 503 without counting it as another failure', async () => {
    await startCatalogue();
    const busy = (async () =>
      new Response('{}', { status: 503, headers: { 'Retry-After': '120' } })) as unknown as typeof fetch;
    const first = await resumeCatalogue({ db, fetchImpl: busy, sleep: noPause });
    expect(first).toMatchObject({ state: 'running', failures: 1 });
    const again = await resumeCatalogue({ db, fetchImpl: busy, sleep: noPause, now: () => Date.now() + 1000 });
    expect(again).toMatchObject({ state: 'running', failures: 1 });
  });
});
