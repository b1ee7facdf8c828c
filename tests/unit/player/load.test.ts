/**
 * The worker's side of the player: the talk from the archive, its files from media.ccc.de's API
 * (a scripted fetch), and the feed's file whenever the API cannot answer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDb, type AftertalkDb } from '@/lib/archive/db';
import { mergeFeedIntoArchive } from '@/lib/archive/merge';
import { API_BACKOFF_KEY } from '@/lib/history/client';
import { eventPathOf, forgetPlayerSources, loadPlayerSources } from '@/lib/player/load';
import { playerEventJson, type PlayerEventSpec } from '../../support/player-event';
import { feedTalk, uniqueDbName } from '../../support/talks';

const GUID = '0b6c1a36-5d7e-4f6b-9f0e-asg2025000a2';
const SLUG = 'asg2025-55012-systemd-boot';
const SPEC: PlayerEventSpec = {
  guid: GUID,
  title: 'systemd-boot in practice',
  slug: SLUG,
  thumbUrl: 'https://static.media.ccc.de/media/conferences/asg/2025/55012-hd.jpg',
  cdnBase: 'https://cdn.media.ccc.de/events/asg/2025',
};
const ENCLOSURE = `https://cdn.media.ccc.de/congress/2025/h264-hd/${SLUG}.mp4`;

let db: AftertalkDb;
let asked: string[];

function answering(status: number, body: string, contentType = 'application/json; charset=utf-8') {
  return (async (input: RequestInfo | URL) => {
    asked.push(String(input));
    return new Response(body, { status, headers: { 'Content-Type': contentType } });
  }) as typeof fetch;
}

const load = (fetchImpl: typeof fetch, id = GUID) => loadPlayerSources({ db, api: { fetchImpl } }, id);

beforeEach(async () => {
  fakeBrowser.reset();
  forgetPlayerSources();
  asked = [];
  db = openDb(uniqueDbName());
  await mergeFeedIntoArchive(
    db,
    [
      feedTalk({
        id: GUID,
        title: 'systemd-boot in practice',
        slug: SLUG,
        url: `https://media.ccc.de/v/${SLUG}`,
        language: 'eng',
        enclosure: { url: ENCLOSURE, type: 'video/mp4', length: 1 },
      }),
      feedTalk({
        id: `slug:${SLUG}-2`,
        idSource: 'slug',
        slug: `${SLUG}-2`,
        url: `https://media.ccc.de/v/${SLUG}-2`,
        enclosure: { url: ENCLOSURE, type: 'video/mp4', length: 1 },
      }),
    ],
    { feedUrl: 'f', now: 1, validators: { etag: '', lastModified: '', bodyHash: '1' } },
  );
});
afterEach(() => db.delete());

describe('the player’s files, in the worker', () => {
  it('asks media.ccc.de’s API for the talk by its GUID and answers every file and subtitle', async () => {
    const sources = await load(answering(200, JSON.stringify(playerEventJson(SPEC))));
    expect(asked).toEqual([`https://media.ccc.de/public/events/${GUID}`]);
    expect(sources?.from).toBe('api');
    expect(sources?.files).toHaveLength(4);
    expect(sources?.subtitles).toHaveLength(1);
    // Asked once: closing and opening the player again takes the answer kept in memory.
    await load(answering(500, ''));
    expect(asked).toHaveLength(1);
  });

  it('asks by slug for a talk without a GUID, and not at all for a talk it cannot name', () => {
    expect(eventPathOf({ id: 'x', idSource: 'slug', slug: 'ärger-(2)' })).toBe('events/%C3%A4rger-(2)');
    expect(eventPathOf({ id: 'x', idSource: 'slug', slug: 'a b' })).toBe('');
    expect(eventPathOf({ id: 'x', idSource: 'slug', slug: '..' })).toBe('');
    expect(eventPathOf({ id: 'enclosure:https://x', idSource: 'enclosure', slug: '' })).toBe('');
    expect(eventPathOf({ id: '../conferences', idSource: 'guid', slug: '' })).toBe('');
  });

  it.each([
    ['a 404', 404, '{"message":"not found"}', 'application/json'],
    ['a 500', 500, 'oops', 'text/plain'],
    ['an HTML page', 200, '<!doctype html><title>Maintenance</title>', 'application/json'],
    ['cut-off JSON', 200, '{"guid": "0b6c', 'application/json'],
    ['a wrong shape', 200, '[1, 2, 3]', 'application/json'],
    [
      'hostile files only',
      200,
      JSON.stringify({
        ...playerEventJson(SPEC),
        recordings: [{ recording_url: 'javascript:alert(1)', mime_type: 'video/webm' }],
      }),
      'application/json',
    ],
  ])('plays the feed’s file after %s, and keeps nothing of it', async (_, status, body, type) => {
    const sources = await load(answering(status, body, type));
    expect(sources?.from).toBe('feed');
    expect(sources?.files.map((file) => file.url)).toEqual([ENCLOSURE]);
    expect(sources?.pageUrl).toBe(`https://media.ccc.de/v/${SLUG}`);
    // Not kept: the next opening asks again (unless the API asked us to wait).
    await load(answering(200, JSON.stringify(playerEventJson(SPEC))));
    expect(asked.length).toBeGreaterThanOrEqual(status === 500 ? 1 : 2);
  });

  it('asks nothing while the API’s backoff runs, and plays the feed’s file', async () => {
    await fakeBrowser.storage.local.set({ [API_BACKOFF_KEY]: { until: Date.now() + 60_000, failures: 1 } });
    const sources = await load(answering(200, JSON.stringify(playerEventJson(SPEC))));
    expect(asked).toEqual([]);
    expect(sources?.from).toBe('feed');
  });

  it('answers null for a talk the archive does not hold', async () => {
    expect(await load(answering(200, '{}'), 'nope')).toBeNull();
    expect(asked).toEqual([]);
  });
});
