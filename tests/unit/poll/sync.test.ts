import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import { saveSettings } from '@/lib/personal/settings';
import { syncFeed } from '@/lib/poll/sync';
// The badge is the background's to set after a poll: poll/ never tells (lib/background.ts).
import { pollAndTell } from '@/lib/background';
import { feedXml, type ItemSpec } from '../../support/feed-xml';
import { uniqueDbName } from '../../support/talks';
import type { StoredTalk } from '@/lib/archive/talk';
import { generateFeed } from '../../fixtures/feed/generate';

const HQ = 'https://media.ccc.de/podcast-hq.xml';
const base: ItemSpec[] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
const plusTwo: ItemSpec[] = [
  { id: 'new1', title: 'Fresh one (asg2025)' },
  { id: 'new2', title: 'Fresh two (39c3)' },
  ...base,
];

/** A fetch that answers like media.ccc.de: ETag per body, 304 on a matching If-None-Match. */
function fakeServer(responses: Array<() => Response>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const impl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), headers: { ...(init?.headers as Record<string, string>) } });
    const next = responses.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next();
  });
  return { impl: impl as unknown as typeof fetch, calls };
}
const feedResponse =
  (items: ItemSpec[], etag = `W/"${items.length}"`) =>
  () =>
    new Response(feedXml(items), { status: 200, headers: { ETag: etag } });

let db: AftertalkDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = openDb(uniqueDbName());
});
afterEach(async () => {
  await db.delete();
});

const badge = () => fakeBrowser.action.getBadgeText({});

describe('syncFeed', () => {
  it('first sync stores every talk as known and leaves the badge empty', async () => {
    const server = fakeServer([feedResponse(base)]);
    const status = await pollAndTell({ db, fetchImpl: server.impl, now: () => 1000 });
    expect(status).toMatchObject({
      running: false,
      lastError: null,
      lastSuccessAt: 1000,
      lastResult: { added: 3, notModified: false },
    });
    expect(await db.talks.count()).toBe(3);
    expect(await badge()).toBe('');
    expect(server.calls[0]!.url).toBe(HQ);
  });

  it('a second poll with two new talks sets the badge to 2', async () => {
    const server = fakeServer([feedResponse(base), feedResponse(plusTwo)]);
    await pollAndTell({ db, fetchImpl: server.impl });
    const status = await pollAndTell({ db, fetchImpl: server.impl });
    expect(status.lastResult).toMatchObject({ added: 2 });
    expect(await badge()).toBe('2');
  });

  it('sends the stored ETag and treats 304 as unchanged without writing', async () => {
    const server = fakeServer([feedResponse(base, 'W/"abc"'), () => new Response(null, { status: 304 })]);
    await syncFeed({ db, fetchImpl: server.impl });
    const before = await db.feeds.get(HQ);
    const status = await syncFeed({ db, fetchImpl: server.impl, now: () => 5000 });
    expect(server.calls[1]!.headers['If-None-Match']).toBe('W/"abc"');
    expect(server.calls[1]!.headers['If-Modified-Since']).toBeUndefined();
    expect(status).toMatchObject({ lastSuccessAt: 5000, lastResult: { notModified: true, added: 0 } });
    expect(await db.feeds.get(HQ)).toEqual(before);
  });

  it('sends If-Modified-Since only when the server gave Last-Modified', async () => {
    const lastModified = 'Sat, 21 Nov 2026 10:00:00 GMT';
    const server = fakeServer([
      () => new Response(feedXml(base), { headers: { 'Last-Modified': lastModified } }),
      () => new Response(null, { status: 304 }),
    ]);
    await syncFeed({ db, fetchImpl: server.impl });
    await syncFeed({ db, fetchImpl: server.impl });
    expect(server.calls[1]!.headers['If-Modified-Since']).toBe(lastModified);
  });

  it('does not parse a 200 whose body is the same as the last one', async () => {
    const server = fakeServer([feedResponse(base, 'W/"one"'), feedResponse(base, 'W/"two"')]);
    await syncFeed({ db, fetchImpl: server.impl });
    const parse = vi.spyOn(XMLParser.prototype, 'parse');
    const status = await syncFeed({ db, fetchImpl: server.impl });
    expect(parse).not.toHaveBeenCalled();
    expect(status.lastResult?.notModified).toBe(true);
  });

  it('keeps archive and badge when the feed fails, and says since when', async () => {
    const server = fakeServer([
      feedResponse(base),
      feedResponse(plusTwo),
      () => new Response('oops', { status: 500, statusText: 'Internal Server Error' }),
      () => new Response('<rss><channel><item><title>broken', { status: 200 }),
    ]);
    await pollAndTell({ db, fetchImpl: server.impl });
    await pollAndTell({ db, fetchImpl: server.impl });
    const failed = await pollAndTell({ db, fetchImpl: server.impl, now: () => 7000 });
    expect(failed.lastError).toMatchObject({
      kind: 'http',
      message: 'media.ccc.de answered 500 (Internal Server Error).',
    });
    expect(failed.failingSince).toBe(7000);
    const garbage = await pollAndTell({ db, fetchImpl: server.impl, now: () => 9000 });
    expect(garbage.lastError?.kind).toBe('malformed');
    expect(garbage.failingSince).toBe(7000);
    expect(await db.talks.count()).toBe(5);
    expect(await badge()).toBe('2');
  });

  it('reports a network failure in plain words', async () => {
    const server = fakeServer([]);
    const status = await syncFeed({ db, fetchImpl: server.impl });
    expect(status.lastError).toMatchObject({ kind: 'network' });
    expect(status.lastError?.message).toMatch(/^Feed unreachable \(media\.ccc\.de\)/);
  });

  it('runs one poll when two are asked for at once', async () => {
    const server = fakeServer([feedResponse(base), feedResponse(plusTwo)]);
    const [first, second] = await Promise.all([
      syncFeed({ db, fetchImpl: server.impl }),
      syncFeed({ db, fetchImpl: server.impl }),
    ]);
    expect(server.calls).toHaveLength(1);
    expect(first).toEqual(second);
  });

  it('polls the feed the user chose', async () => {
    await saveSettings({ feed: 'audio' });
    const server = fakeServer([feedResponse(base)]);
    await syncFeed({ db, fetchImpl: server.impl });
    expect(server.calls[0]!.url).toBe('https://media.ccc.de/podcast-audio-only.xml');
  });

  it('rejects a body larger than the cap before reading it all', async () => {
    const huge = () => new Response('x', { headers: { 'Content-Length': String(60 * 1024 * 1024) } });
    const status = await syncFeed({ db, fetchImpl: fakeServer([huge]).impl });
    expect(status.lastError?.kind).toBe('too-large');
  });
});

describe('syncFeed: incremental parsing', () => {
  /** The feed's part of a stored talk: what a full and an incremental import must agree on. */
  const strip = ({
    firstSeenAt: _1,
    lastSeenInFeedAt: _2,
    feedPosition: _3,
    releaseKey: _4,
    isNew: _5,
    seenAt: _6,
    ...feedData
  }: StoredTalk) => feedData;

  it('parses only changed items, and ends with the same archive as a full import', async () => {
    const before = generateFeed({ items: 300, seed: 9 });
    // Five new talks on top, and one existing talk edited (its title).
    const shifted = generateFeed({ items: 305, seed: 9, startIndex: -5 });
    const tenth = shifted.split('<item>', 11).join('<item>').length;
    const after = shifted.slice(0, tenth) + shifted.slice(tenth).replace(/<title>/, '<title>Edited: ');
    const server = fakeServer([() => new Response(before), () => new Response(after)]);
    await syncFeed({ db, fetchImpl: server.impl });
    const second = await syncFeed({ db, fetchImpl: server.impl });
    // The five new items and the edited one; 299 byte-identical items are not parsed again.
    expect(second.lastResult).toMatchObject({ added: 5, updated: 1, total: 305, parsed: 6 });

    const fresh = openDb(uniqueDbName());
    await syncFeed({ db: fresh, fetchImpl: fakeServer([() => new Response(after)]).impl });
    const incremental = (await db.talks.toArray()).map(strip);
    const full = (await fresh.talks.toArray()).map(strip);
    expect(incremental).toEqual(full);
    expect((await db.feeds.get(HQ))?.itemCount).toBe(305);
    await fresh.delete();
  });

  it('still refuses a broken document on an incremental poll and keeps the archive', async () => {
    const before = generateFeed({ items: 50, seed: 9 });
    const cut = generateFeed({ items: 55, seed: 9, startIndex: -5 }).slice(0, -200);
    const server = fakeServer([() => new Response(before), () => new Response(cut)]);
    await syncFeed({ db, fetchImpl: server.impl });
    const status = await syncFeed({ db, fetchImpl: server.impl });
    expect(status.lastError?.kind).toBe('malformed');
    expect(await db.talks.count()).toBe(50);
  });

  it('skips a new item that is not well-formed, and keeps polling past it', async () => {
    const before = generateFeed({ items: 50, seed: 9 });
    const broken = generateFeed({ items: 51, seed: 9, startIndex: -1 }).replace(/<item>\s*<title>/, '<item><title><b>');
    const server = fakeServer([
      () => new Response(before),
      () => new Response(broken),
      () =>
        new Response(
          generateFeed({ items: 52, seed: 9, startIndex: -2 }).replace(/<item>\s*<title>/, '<item><title><b>'),
        ),
    ]);
    await syncFeed({ db, fetchImpl: server.impl });
    const status = await syncFeed({ db, fetchImpl: server.impl });
    expect(status.lastError).toBeNull();
    expect(status.lastResult).toMatchObject({ added: 0, skipped: 1 });
    expect(await db.talks.count()).toBe(50);
    // The next good new item lands while the broken one stays in the feed.
    const next = await syncFeed({ db, fetchImpl: server.impl });
    expect(next.lastError).toBeNull();
    expect(await db.talks.count()).toBe(51);
  });

  it('stores a rotated ETag for an identical body, so the next poll is conditional on it', async () => {
    const body = feedXml(base);
    const server = fakeServer([
      () => new Response(body, { headers: { ETag: 'W/"one"' } }),
      () => new Response(body, { headers: { ETag: 'W/"two"' } }),
      () => new Response(null, { status: 304 }),
    ]);
    await syncFeed({ db, fetchImpl: server.impl });
    const second = await syncFeed({ db, fetchImpl: server.impl });
    expect(second.lastResult).toMatchObject({ notModified: true });
    await syncFeed({ db, fetchImpl: server.impl });
    expect(server.calls[2]!.headers['If-None-Match'] ?? server.calls[2]!.headers['if-none-match']).toBe('W/"two"');
  });
});
