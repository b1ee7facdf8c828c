/**
 * Asking media.ccc.de's archive for a schedule page's talk, against a fake of its API: what is
 * asked (and how little), what lands in the archive, and what the page is told afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDb, type AftertalkDb } from '@/lib/archive/db';
import { countNewTalks, mergeFeedIntoArchive } from '@/lib/archive/merge';
import type { SessionQuery } from '@/lib/enrich/lookup-types';
import { API_BACKOFF_KEY } from '@/lib/history/client';
import { missingRecording } from '@/lib/history/page-check';
import { reachBack } from '@/lib/history/reach-back';
import { findRecording } from '@/lib/match/find-recording';
import { fakeVoctowebFetch, type FakeApiRequest } from '../../support/fake-voctoweb';
import { feedTalk, uniqueDbName } from '../../support/talks';

const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 24 * 60 * 60 * 1000;
const asgPage: SessionQuery = {
  site: 'pretalx',
  title: 'Booting with systemd-boot and UKIs',
  speakers: ['Lennart Example'],
  scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/UKI23A/',
  code: 'UKI23A',
  event: 'all-systems-go-2023',
};
const frabPage: SessionQuery = {
  site: 'ccc-hub',
  title: 'Open hardware for radio astronomy',
  speakers: ['Robin Example', 'Alex Beispiel'],
  scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496.html/',
  event: '36c3',
  scheduleId: '10496',
};

let db: AftertalkDb;
let requests: FakeApiRequest[];
let clock: number;
const deps = (fetchImpl: typeof fetch = fakeVoctowebFetch(requests)) => ({ db, fetchImpl, now: () => clock });
const paths = () => requests.map((r) => r.path);

beforeEach(() => {
  fakeBrowser.reset();
  db = openDb(uniqueDbName());
  requests = [];
  clock = NOW;
});
afterEach(async () => {
  await db.delete();
});

describe('reachBack', () => {
  it('imports an older pretalx conference once and finds the page’s talk, with its files, as history', async () => {
    const { check, merges } = await reachBack(deps(), asgPage);
    expect(check).toMatchObject({ outcome: 'found', recent: false });
    expect(paths()).toEqual([
      '/public/conferences',
      '/public/conferences/asg2023',
      '/public/events/00000000-0000-4000-8000-000000002301',
    ]);
    expect(merges.flatMap((m) => m.changedIds)).toContain('00000000-0000-4000-8000-000000002301');
    const found = await findRecording(db, asgPage);
    expect(found).toMatchObject({ confidence: 'sure', talk: { fromHistory: 1, isNew: 0 } });
    expect(found?.talk.enclosure?.url).toMatch(/^https:\/\/cdn\.media\.ccc\.de\/.+\.mp4$/);
    expect(await db.talks.count()).toBe(2);
    expect(await countNewTalks(db)).toBe(0);
  });

  it('asks nothing again about the same page for a week, and not for the conference’s other pages', async () => {
    await reachBack(deps(), asgPage);
    requests.length = 0;
    await reachBack(deps(), asgPage);
    expect(paths()).toEqual([]);
    const other: SessionQuery = {
      ...asgPage,
      title: 'Measured boot for the rest of us',
      speakers: ['Ada Beispiel'],
      scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/TPM23B/',
      code: 'TPM23B',
    };
    clock += DAY;
    await reachBack(deps(), other);
    // The conference's talks are there already: only the files of the page's talk are fetched.
    expect(paths()).toEqual(['/public/events/00000000-0000-4000-8000-000000002302']);
  });

  it('asks again after a week, conditionally', async () => {
    await reachBack(deps(), asgPage);
    requests.length = 0;
    clock += 8 * DAY;
    await reachBack(deps(), asgPage);
    expect(requests.slice(0, 2).map((r) => [r.path, r.ifNoneMatch !== ''])).toEqual([
      ['/public/conferences', true],
      ['/public/conferences/asg2023', true],
    ]);
  });

  it('finds an old frab page’s talk through its congress', async () => {
    const { check } = await reachBack(deps(), frabPage);
    expect(check.outcome).toBe('found');
    expect(paths()).toContain('/public/conferences/36c3');
    expect((await findRecording(db, frabPage))?.talk.title).toBe('Open hardware for radio astronomy');
  });

  it('finds a talk of a congress without a number (rC3) by its Fahrplan folder', async () => {
    const rc3: SessionQuery = {
      site: 'ccc-hub',
      title: 'Open hardware for radio astronomy, remote edition',
      speakers: ['Robin Example'],
      scheduleUrl: 'https://fahrplan.events.ccc.de/rc3/2020/Fahrplan/events/11337.html/',
      scheduleId: '11337',
    };
    expect((await reachBack(deps(), rc3)).check.outcome).toBe('found');
    expect(paths()).toContain('/public/conferences/rc3');
  });

  it('asks for exactly one talk when the page gave its GUID', async () => {
    const withGuid = {
      ...asgPage,
      scheduleUrl: 'https://example.org/elsewhere/talk/UKI23A/',
      guid: '00000000-0000-4000-8000-000000002301',
    };
    expect((await reachBack(deps(), withGuid)).check.outcome).toBe('found');
    expect(paths()).toEqual(['/public/events/00000000-0000-4000-8000-000000002301']);
  });

  it('takes a search hit only with a shared speaker (or the same page), never by its title alone', async () => {
    const unknownHost = {
      ...asgPage,
      scheduleUrl: 'https://talks.example.org/asg/talk/UKI23A/',
      event: 'asg',
    };
    const stranger = { ...unknownHost, speakers: ['Someone Else'] };
    expect((await reachBack(deps(), stranger)).check.outcome).toBe('not-found');
    expect(paths()).toEqual([
      '/public/conferences',
      '/public/events/search?q=Booting%20with%20systemd-boot%20and%20UKIs',
    ]);
    expect(await db.talks.count()).toBe(0);
    const speaker = { ...unknownHost, scheduleUrl: 'https://talks.example.org/asg/talk/UKI23B/' };
    expect((await reachBack(deps(), speaker)).check.outcome).toBe('found');
    expect(await db.talks.count()).toBe(1);
  });

  it('tells an older page without a recording that media.ccc.de has none, and promises nothing', async () => {
    const missing = { ...asgPage, title: 'A talk that was never recorded', speakers: ['Nobody'], code: 'NOREC1' };
    missing.scheduleUrl = 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/NOREC1/';
    expect((await reachBack(deps(), missing)).check).toMatchObject({ outcome: 'not-found', recent: false });
    expect(await missingRecording(db, missing, { lookUpOlder: true, now: clock })).toBe('none');
  });

  it('leaves the archive as it was, says it could not ask, and backs off when the API fails', async () => {
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'kept' })], {
      feedUrl: 'f',
      now: 1,
      validators: { etag: '', lastModified: '', bodyHash: 'x' },
    });
    const failing = (async () => new Response('<html>oops</html>', { status: 503 })) as unknown as typeof fetch;
    expect((await reachBack(deps(failing), asgPage)).check.outcome).toBe('unreachable');
    expect(await db.talks.count()).toBe(1);
    expect(await missingRecording(db, asgPage, { lookUpOlder: true, now: clock })).toBe('unknown');
    const backoff = (await fakeBrowser.storage.local.get(API_BACKOFF_KEY))[API_BACKOFF_KEY] as { until: number };
    expect(backoff.until).toBeGreaterThan(clock);
    // Within the backoff nothing is asked, about any page.
    clock += 60 * 1000;
    expect((await reachBack(deps(), frabPage)).check.outcome).toBe('unreachable');
    expect(paths()).toEqual([]);
  });

  it('refuses an answer that is a web page, storing nothing', async () => {
    const page = (async () =>
      new Response('<!doctype html><title>Sign in</title>', {
        status: 200,
        headers: { 'Content-Type': 'text/html' },
      })) as unknown as typeof fetch;
    expect((await reachBack(deps(page), asgPage)).check.outcome).toBe('unreachable');
    expect(await db.talks.count()).toBe(0);
  });
});

describe('reachBack and a page that reloads itself under ever new URLs', () => {
  it('asks about at most 60 pages an hour', async () => {
    for (let i = 0; i < 60; i++)
      await db.meta.put({
        key: `historyPage:https://spam.example.org/ev/talk/X${i}/`,
        value: { checkedAt: clock - 60_000, outcome: 'not-found', recent: true },
      });
    expect((await reachBack(deps(), asgPage)).check.outcome).toBe('unreachable');
    expect(paths()).toEqual([]);
    clock += 60 * 60 * 1000;
    expect((await reachBack(deps(), asgPage)).check.outcome).toBe('found');
  });
});
