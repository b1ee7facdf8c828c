import { describe, expect, it } from 'vitest';
import { LIMITS, LiveShapeError, parseReliveIndex, parseStreams } from '@/lib/live/parse';
import { reliveJson, streamsJson, type FakeStreamedConference } from '../../support/fake-streaming';

const NOW = Date.UTC(2026, 11, 28, 12, 0, 0);
const MIN = 60_000;

function congress(overrides: Partial<FakeStreamedConference> = {}): FakeStreamedConference {
  return {
    mandator: '40c3',
    slug: '40c3',
    title: '40th Chaos Communication Congress',
    startsAt: NOW - 24 * 60 * MIN,
    endsAt: NOW + 3 * 24 * 60 * MIN,
    rooms: [
      {
        slug: 'saal-1',
        display: 'Saal 1',
        schedulename: 'Saal One',
        current: {
          title: 'Mesh radios for everyone',
          speaker: 'Ada Funk',
          guid: 'AB-12',
          code: 'XYZ123',
          start: NOW - 10 * MIN,
          end: NOW + 30 * MIN,
        },
        next: { title: 'Keeping old routers alive', start: NOW + 35 * MIN, end: NOW + 75 * MIN },
      },
      {
        slug: 'saal-2',
        display: 'Saal 2',
        current: { title: 'Pause', start: NOW, end: NOW + 5 * MIN, special: 'pause' },
      },
    ],
    ...overrides,
  };
}

const parsed = (conferences: FakeStreamedConference[]) => parseStreams(JSON.parse(streamsJson(conferences)));

describe('parseStreams', () => {
  it('reads a conference, its rooms and their current and next talks as the site writes them', () => {
    const [conference] = parsed([congress()]);
    expect(conference).toMatchObject({
      slug: '40c3',
      acronym: '40c3',
      title: '40th Chaos Communication Congress',
      startsAt: NOW - 24 * 60 * MIN,
      endsAt: NOW + 3 * 24 * 60 * MIN,
      streaming: true,
    });
    expect(conference!.rooms[0]).toEqual({
      slug: 'saal-1',
      name: 'Saal 1',
      scheduleName: 'Saal One',
      streamUrl: 'https://streaming.media.ccc.de/40c3/saal-1',
      current: {
        title: 'Mesh radios for everyone',
        speaker: 'Ada Funk',
        guid: 'ab-12',
        code: 'xyz123',
        start: NOW - 10 * MIN,
        end: NOW + 30 * MIN,
        special: '',
      },
      next: {
        title: 'Keeping old routers alive',
        speaker: '',
        guid: '',
        code: '',
        start: NOW + 35 * MIN,
        end: NOW + 75 * MIN,
        special: '',
      },
    });
    expect(conference!.rooms[1]!.current).toMatchObject({ special: 'pause', title: 'Pause' });
  });

  it('links rooms under the site folder (`mandator`), and falls back to `slug` without one', () => {
    const json = JSON.parse(streamsJson([congress({ mandator: 'congress2026', slug: '40C3' })]));
    expect(parseStreams(json)[0]).toMatchObject({ slug: 'congress2026', acronym: '40c3' });
    expect(parseStreams(json)[0]!.rooms[0]!.streamUrl).toBe('https://streaming.media.ccc.de/congress2026/saal-1');
    delete json[0].mandator;
    expect(parseStreams(json)[0]).toMatchObject({ slug: '40C3', acronym: '40c3' });
  });

  it('takes times from `fstart`/`fend` when the epoch seconds are missing, and drops a talk without any', () => {
    const json = JSON.parse(streamsJson([congress()]));
    const room = json[0].groups[0].rooms[0];
    delete room.talks.current.start;
    delete room.talks.current.end;
    expect(parseStreams(json)[0]!.rooms[0]!.current).toMatchObject({ start: NOW - 10 * MIN, end: NOW + 30 * MIN });
    delete room.talks.current.fstart;
    expect(parseStreams(json)[0]!.rooms[0]!.current).toBeNull();
  });

  it('refuses an answer that is not a list', () => {
    for (const value of [null, {}, 'html', 42, { conferences: [] }])
      expect(() => parseStreams(value)).toThrow(LiveShapeError);
    expect(parseStreams([])).toEqual([]);
  });

  it('drops what has the wrong shape, one entry at a time', () => {
    const json = JSON.parse(streamsJson([congress()]));
    json.push('nonsense', null, { slug: '../etc', groups: [] }, { mandator: 'x/y' });
    json[0].groups.push({ group: 'broken', rooms: 'none' }, null);
    json[0].groups[0].rooms.push(
      { slug: 'a b', display: 'Bad slug' },
      { slug: '__proto__', display: 'Prototype' },
      { slug: 'saal-1', display: 'Duplicate' },
      { slug: 'ok-room', display: 12, talks: { current: { title: 'x', start: 'soon', end: 5 } } },
    );
    json[0].groups[0].rooms[0].talks.next = { title: 'Backwards', start: NOW / 1000, end: NOW / 1000 - 60 };
    const conferences = parseStreams(json);
    expect(conferences.map((c) => c.slug)).toEqual(['40c3']);
    expect(conferences[0]!.rooms.map((r) => [r.slug, r.name, r.current])).toEqual([
      ['saal-1', 'Saal 1', expect.objectContaining({ title: 'Mesh radios for everyone' })],
      ['saal-2', 'Saal 2', expect.objectContaining({ special: 'pause' })],
      ['ok-room', 'ok-room', null],
    ]);
    expect(conferences[0]!.rooms[0]!.next).toBeNull();
  });

  it('keeps hostile text as plain, bounded text and never takes a link from the answer', () => {
    const json = JSON.parse(
      streamsJson([
        congress({
          title: '<script>alert(1)</script>Congress\u202e',
          rooms: [
            {
              slug: 'saal-1',
              display: '<b>Saal</b> &amp; 1',
              current: {
                title: 'x'.repeat(5000),
                speaker: 'Eve\u200b<img src=x onerror=alert(1)>',
                start: NOW,
                end: NOW + MIN,
              },
            },
          ],
        }),
      ]),
    );
    json[0].groups[0].rooms[0].link = 'javascript:alert(1)';
    const [conference] = parseStreams(json);
    // Markup goes as in feed text; its words stay words, and the bidi override is gone.
    expect(conference!.title).toBe('alert(1) Congress');
    expect(conference!.rooms[0]!.name).toBe('Saal & 1');
    expect(conference!.rooms[0]!.streamUrl).toBe('https://streaming.media.ccc.de/40c3/saal-1');
    expect(conference!.rooms[0]!.current!.title.length).toBeLessThanOrEqual(LIMITS.title);
    expect(conference!.rooms[0]!.current!.speaker).toBe('Eve');
  });

  it('bounds the number of conferences and rooms', () => {
    const many = Array.from({ length: LIMITS.conferences + 10 }, (_, i) =>
      congress({ mandator: `c${i}`, slug: `c${i}` }),
    );
    expect(parsed(many)).toHaveLength(LIMITS.conferences);
  });
});

describe('parseReliveIndex', () => {
  const items = () =>
    JSON.parse(
      reliveJson('40c3', [
        {
          id: 42,
          guid: 'AB-12',
          code: 'XYZ123',
          title: 'Mesh radios for everyone',
          room: 'Saal 1',
          start: NOW - 60 * MIN,
          duration: 2400,
          status: 'recorded',
        },
        {
          id: 43,
          guid: 'cd-34',
          title: 'Released one',
          room: 'Saal 2',
          start: NOW - 600 * MIN,
          duration: 1800,
          status: 'released',
          release_url: 'https://media.ccc.de/v/40c3-43-released-one',
        },
        {
          id: 44,
          guid: 'ef-56',
          title: 'Not yet',
          room: 'Saal 1',
          start: NOW + 60 * MIN,
          duration: 1800,
          status: 'not_running',
        },
      ]),
    );

  it('reads the fields the site uses, with the ReLive page under the conference folder', () => {
    expect(parseReliveIndex(items(), '40c3')).toEqual([
      {
        id: 42,
        guid: 'ab-12',
        code: 'xyz123',
        title: 'Mesh radios for everyone',
        room: 'Saal 1',
        start: NOW - 60 * MIN,
        duration: 2400,
        status: 'recorded',
        pageUrl: 'https://streaming.media.ccc.de/40c3/relive/ab-12',
        releaseUrl: '',
      },
      expect.objectContaining({ status: 'released', releaseUrl: 'https://media.ccc.de/v/40c3-43-released-one' }),
      expect.objectContaining({ status: 'not_running', guid: 'ef-56' }),
    ]);
  });

  it('links by code, then by id, when an item has no GUID', () => {
    const json = items();
    json[0].guid = '';
    json[1].guid = null;
    const [first, second] = parseReliveIndex(json, '40c3');
    expect(first!.pageUrl).toBe('https://streaming.media.ccc.de/40c3/relive/xyz123');
    expect(second!.pageUrl).toBe('https://streaming.media.ccc.de/40c3/relive/43');
  });

  it('drops unknown statuses, missing ids, releases off media.ccc.de and odd durations', () => {
    const json = items();
    json[0].status = 'processing';
    json[1].release_url = 'javascript:alert(1)';
    json[2].duration = -5;
    json.push({ title: 'no id, no guid', status: 'recorded' }, 'x', null, { id: 7, guid: '../../x', status: 'live' });
    const parsed = parseReliveIndex(json, '40c3');
    // The last one keeps its id: the site's route takes an id when there is no GUID.
    expect(parsed.map((item) => item.guid)).toEqual(['cd-34', 'ef-56', '']);
    expect(parsed[2]!.pageUrl).toBe('https://streaming.media.ccc.de/40c3/relive/7');
    expect(parsed[0]!.releaseUrl).toBe('');
    expect(parsed[1]!.duration).toBe(0);
    json[1].release_url = 'https://evil.example/v/x';
    expect(parseReliveIndex(json, '40c3')[0]!.releaseUrl).toBe('');
  });

  it('refuses an answer that is not a list, and a folder that is no slug', () => {
    expect(() => parseReliveIndex({ talks: [] }, '40c3')).toThrow(LiveShapeError);
    expect(parseReliveIndex(items(), '../x')).toEqual([]);
  });
});
