import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runLivePoll } from '@/lib/live/poll';
import { readLiveState, updateLiveState } from '@/lib/live/store';
import { reliveJson, streamsJson, type FakeStreamedConference } from '../../support/fake-streaming';

const NOW = Date.UTC(2026, 11, 28, 12, 0, 0);
const MIN = 60_000;
const STREAMS = 'https://streaming.media.ccc.de/streams/v2.json';
const RELIVE = 'https://cdn.c3voc.de/relive/40c3/index.json';

const congress: FakeStreamedConference = {
  mandator: '40c3',
  slug: '40c3',
  title: '40th Chaos Communication Congress',
  startsAt: NOW - 24 * 60 * MIN,
  endsAt: NOW + 72 * 60 * MIN,
  rooms: [
    {
      slug: 'saal-1',
      display: 'Saal 1',
      current: { title: 'Mesh radios for everyone', start: NOW - MIN, end: NOW + 30 * MIN },
    },
  ],
};
const RELIVE_BODY = reliveJson('40c3', [
  {
    id: 1,
    guid: 'ab-12',
    title: 'Mesh radios for everyone',
    room: 'Saal 1',
    start: NOW - 60 * MIN,
    duration: 1800,
    status: 'recorded',
  },
]);

type Reply = { status?: number; body?: string; headers?: Record<string, string> } | 'offline';

/** A fetch answering by URL from a script of replies; records each request's URL and headers. */
function server(script: Record<string, Reply[]>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const impl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), headers: { ...(init?.headers as Record<string, string>) } });
    const reply = script[String(url)]?.shift();
    if (!reply || reply === 'offline') throw new TypeError('Failed to fetch');
    return new Response(reply.status === 304 ? null : (reply.body ?? ''), {
      status: reply.status ?? 200,
      headers: { 'Content-Type': 'application/json', ...reply.headers },
    });
  });
  return { impl: impl as unknown as typeof fetch, calls };
}

const deps = (impl: typeof fetch, now = NOW) => ({
  fetchImpl: impl,
  now: () => now,
  random: () => 0.5,
  interest: ['40c3'],
});
const PLAN = { streams: true, relive: [] as [string, string][], keepAlarm: true };

beforeEach(() => fakeBrowser.reset());

describe('runLivePoll', () => {
  it('keeps the streamed conferences and asks at once for the ReLive index of a wanted one it lists', async () => {
    const { impl, calls } = server({
      [STREAMS]: [{ body: streamsJson([congress]), headers: { ETag: '"s1"' } }],
      [RELIVE]: [{ body: RELIVE_BODY, headers: { 'Last-Modified': 'Mon, 28 Dec 2026 11:00:00 GMT' } }],
    });
    const state = await runLivePoll(PLAN, deps(impl));
    expect(calls.map((c) => c.url)).toEqual([STREAMS, RELIVE]);
    expect(state.conferences.map((c) => [c.acronym, c.seenAt])).toEqual([['40c3', NOW]]);
    expect(state.relive['40c3']!.items.map((i) => i.pageUrl)).toEqual([
      'https://streaming.media.ccc.de/40c3/relive/ab-12',
    ]);
    expect(state).toMatchObject({ error: '', failures: 0, nextTryAt: 0, checkedAt: NOW, lastAttemptAt: NOW });
    expect(state.validators[STREAMS]).toEqual({ etag: '"s1"', lastModified: '' });
  });

  it('sends the validators back and keeps what it had on a 304', async () => {
    const first = server({
      [STREAMS]: [{ body: streamsJson([congress]), headers: { ETag: '"s1"' } }],
      [RELIVE]: [{ body: RELIVE_BODY, headers: { ETag: '"r1"' } }],
    });
    await runLivePoll(PLAN, deps(first.impl));
    const second = server({ [STREAMS]: [{ status: 304 }], [RELIVE]: [{ status: 304 }] });
    const later = NOW + 5 * MIN;
    const state = await runLivePoll({ ...PLAN, relive: [['40c3', '40c3']] }, deps(second.impl, later));
    expect(second.calls.map((c) => c.headers['If-None-Match'] ?? c.headers['if-none-match'])).toEqual(['"s1"', '"r1"']);
    expect(state.conferences[0]!.seenAt).toBe(later);
    expect(state.relive['40c3']!.items).toHaveLength(1);
    expect(state.relive['40c3']!.checkedAt).toBe(later);
  });

  it.each([
    [
      'a 404',
      { status: 404, body: 'not found' },
      'streaming.media.ccc.de answered 404; Live now shows what it said before.',
    ],
    [
      'an HTML page',
      { body: '<!doctype html><p>Maintenance</p>', headers: { 'Content-Type': 'text/html' } },
      'streaming.media.ccc.de sent something other than its usual list; it was ignored.',
    ],
    [
      'cut-off JSON',
      { body: streamsJson([congress]).slice(0, 200) },
      'streaming.media.ccc.de sent something other than its usual list; it was ignored.',
    ],
    [
      'an object for a list',
      { body: '{"conferences": []}' },
      'streaming.media.ccc.de sent something other than its usual list; it was ignored.',
    ],
  ])('ignores %s, keeps the last good answer, says why and does not back off', async (_name, reply, message) => {
    await updateLiveState((s) => {
      s.conferences = [
        {
          slug: 'old',
          acronym: 'old',
          title: 'Old',
          startsAt: 0,
          endsAt: 0,
          streaming: true,
          seenAt: NOW - MIN,
          rooms: [],
        },
      ];
    });
    const { impl } = server({ [STREAMS]: [reply] });
    const state = await runLivePoll(PLAN, { ...deps(impl), interest: [] });
    expect(state.conferences.map((c) => c.slug)).toEqual(['old']);
    expect(state).toMatchObject({ error: message, failures: 0, nextTryAt: 0 });
  });

  it('backs off after a 503 or a lost connection, and asks nothing more in that check', async () => {
    const { impl, calls } = server({ [STREAMS]: [{ status: 503 }, 'offline'] });
    const state = await runLivePoll({ ...PLAN, relive: [['40c3', '40c3']] }, deps(impl));
    expect(calls.map((c) => c.url)).toEqual([STREAMS]);
    expect(state.failures).toBe(1);
    // 2 minutes (the first step of lib/poll/backoff.ts) with the middle of the jitter.
    expect(state.nextTryAt).toBe(NOW + 2 * MIN);
    const again = await runLivePoll(PLAN, deps(impl, NOW + 3 * MIN));
    expect(again.failures).toBe(2);
    expect(again.error).toBe('streaming.media.ccc.de could not be reached; Live now shows what it said before.');
  });

  it('keeps a missing ReLive index as none, without calling it an error', async () => {
    const { impl } = server({ [STREAMS]: [{ body: streamsJson([congress]) }], [RELIVE]: [{ status: 404 }] });
    const state = await runLivePoll(PLAN, deps(impl));
    expect(state.relive['40c3']).toEqual({ items: [], checkedAt: NOW });
    expect(state.error).toBe('');
    expect(state.conferences).toHaveLength(1);
  });

  it('says so when the ReLive index is HTML', async () => {
    const { impl } = server({
      [STREAMS]: [{ body: streamsJson([congress]) }],
      [RELIVE]: [{ body: '<html>oops</html>', headers: { 'Content-Type': 'text/html' } }],
    });
    const state = await runLivePoll(PLAN, deps(impl));
    expect(state.error).toBe('cdn.c3voc.de sent something other than its usual list; it was ignored.');
    expect(state).toMatchObject({ failures: 0, nextTryAt: 0 });
  });

  it('keeps a conference that left the list for its ReLive days, then forgets it', async () => {
    const { impl } = server({
      [STREAMS]: [{ body: streamsJson([congress]) }, { body: '[]' }, { body: '[]' }],
      [RELIVE]: [{ body: RELIVE_BODY }, { body: RELIVE_BODY }],
    });
    await runLivePoll(PLAN, deps(impl));
    expect((await runLivePoll(PLAN, { ...deps(impl, NOW + 60 * MIN), interest: [] })).conferences).toHaveLength(1);
    expect(
      (await runLivePoll(PLAN, { ...deps(impl, NOW + 5 * 24 * 60 * MIN), interest: [] })).conferences,
    ).toHaveLength(0);
    expect((await readLiveState()).relive['40c3']!.items).toHaveLength(1);
  });
});
