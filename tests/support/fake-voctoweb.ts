/**
 * A fake of media.ccc.de's public JSON API (voctoweb), in the shapes its views render
 * (docs/media-ccc-api.md), for unit tests (as a `fetch`) and browser tests (as a handler of the
 * fake internet). Four conferences, one of each kind a schedule page can belong to:
 * - `asg2023`: an older pretalx conference (cfp.all-systems-go.io/all-systems-go-2023/);
 * - `36c3`: an old congress with frab pages (fahrplan.events.ccc.de/congress/2019/Fahrplan/);
 * - `rc3`: a remote congress without a number (fahrplan.events.ccc.de/rc3/2020/Fahrplan/);
 * - `38c3`: a hub-era congress (events.ccc.de/congress/2024/hub/…).
 * Answers carry a weak ETag and honour If-None-Match with 304; every request is recorded.
 */
import { createHash } from 'node:crypto';

export interface FakeEventSpec {
  guid: string;
  title: string;
  persons: string[];
  /** The schedule page the event links to. */
  link: string;
  date: string;
  releaseDate: string;
  slug: string;
}

export interface FakeConference {
  acronym: string;
  title: string;
  scheduleUrl: string;
  link: string;
  lastReleasedAt: string;
  events: FakeEventSpec[];
}

const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const FAKE_CONFERENCES: FakeConference[] = [
  {
    acronym: 'asg2023',
    title: 'All Systems Go! 2023',
    scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2023/schedule/export/schedule.xml',
    link: 'https://all-systems-go.io/',
    lastReleasedAt: '2023-10-05T12:00:00.000+02:00',
    events: [
      {
        guid: guid(2301),
        title: 'Booting with systemd-boot and UKIs',
        persons: ['Lennart Example'],
        link: 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/UKI23A/',
        date: '2023-09-14T10:00:00.000+02:00',
        releaseDate: '2023-09-20T00:00:00.000+02:00',
        slug: 'asg2023-2301-booting-with-systemd-boot-and-ukis',
      },
      {
        guid: guid(2302),
        title: 'Measured boot for the rest of us',
        persons: ['Ada Beispiel'],
        link: 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/TPM23B/',
        date: '2023-09-14T11:00:00.000+02:00',
        releaseDate: '2023-09-21T00:00:00.000+02:00',
        slug: 'asg2023-2302-measured-boot-for-the-rest-of-us',
      },
    ],
  },
  {
    acronym: '36c3',
    title: '36th Chaos Communication Congress',
    scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/schedule.xml',
    link: 'https://events.ccc.de/congress/2019/',
    lastReleasedAt: '2020-01-15T12:00:00.000+01:00',
    events: [
      {
        guid: guid(10496),
        title: 'Open hardware for radio astronomy',
        persons: ['Robin Example', 'Alex Beispiel'],
        link: 'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496.html',
        date: '2019-12-28T16:00:00.000+01:00',
        releaseDate: '2019-12-29T00:00:00.000+01:00',
        slug: '36c3-10496-open-hardware-for-radio-astronomy',
      },
    ],
  },
  {
    acronym: 'rc3',
    title: 'rC3 remote Chaos Experience',
    scheduleUrl: 'https://fahrplan.events.ccc.de/rc3/2020/Fahrplan/schedule.xml',
    link: 'https://events.ccc.de/2020/09/04/rc3-remote-chaos-experience/',
    lastReleasedAt: '2021-01-10T12:00:00.000+01:00',
    events: [
      {
        guid: guid(11337),
        title: 'Open hardware for radio astronomy, remote edition',
        persons: ['Robin Example'],
        link: 'https://fahrplan.events.ccc.de/rc3/2020/Fahrplan/events/11337.html',
        date: '2020-12-28T16:00:00.000+01:00',
        releaseDate: '2020-12-29T00:00:00.000+01:00',
        slug: 'rc3-11337-open-hardware-for-radio-astronomy-remote-edition',
      },
    ],
  },
  {
    acronym: '38c3',
    title: '38th Chaos Communication Congress',
    scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2024/fahrplan/schedule.xml',
    link: 'https://events.ccc.de/congress/2024/',
    lastReleasedAt: '2025-01-20T12:00:00.000+01:00',
    events: [
      {
        guid: guid(3801),
        title: 'Windows BitLocker: Screwed without a Screwdriver',
        persons: ['Thomas Example'],
        link: 'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/',
        date: '2024-12-27T12:00:00.000+01:00',
        releaseDate: '2024-12-28T00:00:00.000+01:00',
        slug: '38c3-3801-windows-bitlocker-screwed-without-a-screwdriver',
      },
    ],
  },
];

const API = 'https://media.ccc.de/public';

function conferenceJson(conference: FakeConference) {
  return {
    acronym: conference.acronym,
    aspect_ratio: '16:9',
    updated_at: conference.lastReleasedAt,
    title: conference.title,
    schedule_url: conference.scheduleUrl,
    slug: `conferences/${conference.acronym}`,
    event_last_released_at: conference.lastReleasedAt,
    link: conference.link,
    description: null,
    webgen_location: `conferences/${conference.acronym}`,
    logo_url: `https://static.media.ccc.de/media/${conference.acronym}/logo.png`,
    images_url: `https://static.media.ccc.de/media/${conference.acronym}`,
    recordings_url: `https://cdn.media.ccc.de/${conference.acronym}`,
    url: `${API}/conferences/${conference.acronym}`,
  };
}

function eventJson(event: FakeEventSpec, conference: FakeConference, withRecordings: boolean) {
  const base = {
    guid: event.guid,
    title: event.title,
    subtitle: null,
    slug: event.slug,
    link: event.link,
    description: `What ${event.title} is about.`,
    original_language: 'eng',
    persons: event.persons,
    tags: [conference.acronym, 'Talk'],
    view_count: 42,
    promoted: false,
    date: event.date,
    release_date: event.releaseDate,
    updated_at: event.releaseDate,
    length: 2400,
    duration: 2400,
    thumb_url: `https://static.media.ccc.de/media/${conference.acronym}/${event.slug}.jpg`,
    poster_url: `https://static.media.ccc.de/media/${conference.acronym}/${event.slug}_preview.jpg`,
    timeline_url: null,
    thumbnails_url: null,
    frontend_link: `https://media.ccc.de/v/${event.slug}`,
    url: `${API}/events/${event.guid}`,
    conference_title: conference.title,
    conference_url: `${API}/conferences/${conference.acronym}`,
    related: [],
  };
  if (!withRecordings) return base;
  const recording = (folder: string, mime: string, width: number, size: number) => ({
    size,
    length: 2400,
    mime_type: mime,
    language: 'eng',
    filename: `${event.slug}-${folder}.${mime.split('/')[1]}`,
    state: 'new',
    folder,
    high_quality: folder.endsWith('hd'),
    width,
    height: width === 1920 ? 1080 : 576,
    updated_at: event.releaseDate,
    recording_url: `https://cdn.media.ccc.de/congress/${conference.acronym}/${folder}/${event.slug}.${mime.split('/')[1]}`,
    url: `${API}/recordings/${event.guid}-${folder}`,
    event_url: `${API}/events/${event.guid}`,
    conference_url: `${API}/conferences/${conference.acronym}`,
  });
  return {
    ...base,
    recordings: [recording('h264-hd', 'video/mp4', 1920, 512), recording('webm-sd', 'video/webm', 720, 200)],
  };
}

/**
 * `count` more events, spread over generated conferences of 200 talks each (`gen1`, `gen2`, …):
 * the whole-catalogue import's material, for tests and the benchmark.
 */
export function generatedConferences(count: number): FakeConference[] {
  const conferences: FakeConference[] = [];
  for (let n = 0; n < count; n++) {
    const c = Math.floor(n / 200) + 1;
    if (!conferences[c - 1]) {
      const year = 2000 + (c % 24);
      conferences.push({
        acronym: `gen${c}`,
        title: `Generated conference ${c}`,
        scheduleUrl: `https://cfp.example.org/gen-${c}/schedule/export/schedule.xml`,
        link: '',
        lastReleasedAt: `${year}-06-01T00:00:00.000+02:00`,
        events: [],
      });
    }
    const conference = conferences[c - 1]!;
    const code = (n + 100000).toString(36).toUpperCase().padStart(6, 'A');
    conference.events.push({
      guid: guid(1_000_000 + n),
      title: `Generated talk ${n} about ${['kernels', 'maps', 'radio', 'builds', 'privacy'][n % 5]}`,
      persons: [`Speaker ${n % 997}`],
      link: `https://cfp.example.org/gen-${c}/talk/${code}/`,
      date: conference.lastReleasedAt.replace('06-01', '05-20'),
      releaseDate: conference.lastReleasedAt,
      slug: `gen${c}-${n}-generated-talk-${n}`,
    });
  }
  return conferences;
}

export interface FakeApiRequest {
  path: string;
  ifNoneMatch: string;
}

export interface FakeAnswer {
  status: number;
  body: string;
  etag: string;
  /** Paging headers of `events?page=` (`Total`, `Per-Page`, `Link`). */
  headers: Record<string, string>;
}

/** The API's answer to one request; `world` is what it knows (the four conferences by default). */
export function fakeVoctowebAnswer(path: string, ifNoneMatch = '', world = FAKE_CONFERENCES): FakeAnswer {
  const url = new URL(path, 'https://media.ccc.de');
  const route = url.pathname.replace(/^\/public\//, '').replace(/\.json$/, '');
  let status = 200;
  let json: unknown;
  const conference = (acronym: string) => world.find((c) => c.acronym === acronym);
  const allEvents = world.flatMap((c) => c.events.map((event) => ({ event, conference: c })));
  const headers: Record<string, string> = {};
  if (route === 'conferences') {
    json = { conferences: world.map(conferenceJson) };
  } else if (route === 'events') {
    // voctoweb's events index: every event without recordings, paged, counted in `Total`.
    const perPage = Math.min(256, Math.max(1, Number(url.searchParams.get('per_page') ?? 50) || 50));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const slice = allEvents.slice((page - 1) * perPage, page * perPage);
    json = { events: slice.map(({ event, conference: c }) => eventJson(event, c, false)) };
    const last = Math.max(1, Math.ceil(allEvents.length / perPage));
    Object.assign(headers, {
      Total: String(allEvents.length),
      'Per-Page': String(perPage),
      Link: `<${API}/events?page=${last}&per_page=${perPage}>; rel="last"`,
    });
  } else if (route.startsWith('conferences/')) {
    const found = conference(decodeURIComponent(route.slice('conferences/'.length)));
    if (found) json = { ...conferenceJson(found), events: found.events.map((e) => eventJson(e, found, false)) };
    else [status, json] = [404, { status: 404, error: 'Not Found' }];
  } else if (route === 'events/search') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    const hits = allEvents.filter(({ event }) => q && event.title.toLowerCase().includes(q));
    json = { events: hits.map(({ event, conference: c }) => eventJson(event, c, true)) };
  } else if (route.startsWith('events/')) {
    const id = decodeURIComponent(route.slice('events/'.length));
    const hit = allEvents.find(({ event }) => event.guid === id || event.slug === id);
    if (hit) json = eventJson(hit.event, hit.conference, true);
    else [status, json] = [404, { status: 404, error: 'Not Found' }];
  } else {
    [status, json] = [404, { status: 404, error: 'Not Found' }];
  }
  const body = JSON.stringify(json);
  const etag = `W/"${createHash('md5').update(body).digest('hex')}"`;
  if (status === 200 && ifNoneMatch === etag) return { status: 304, body: '', etag, headers };
  return { status, body, etag, headers };
}

/** The fake API as a `fetch` for unit tests, recording each request it answers. */
export function fakeVoctowebFetch(requests: FakeApiRequest[] = [], world = FAKE_CONFERENCES): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const headers = new Headers(init?.headers);
    const ifNoneMatch = headers.get('If-None-Match') ?? '';
    requests.push({ path: url.pathname + url.search, ifNoneMatch });
    const answer = fakeVoctowebAnswer(url.pathname + url.search, ifNoneMatch, world);
    return new Response(answer.status === 304 ? null : answer.body, {
      status: answer.status,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ETag: answer.etag, ...answer.headers },
    });
  }) as typeof fetch;
}
