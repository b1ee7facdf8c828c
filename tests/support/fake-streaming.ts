/**
 * The VOC streaming site's two JSON sources for tests, in the shape its code writes them
 * (docs/live.md): `streams/v2.json` with one conference, its rooms and their current and next
 * talks, and a conference's ReLive index. Times are given by the test, relative to its own clock.
 */

export interface FakeStreamTalk {
  title: string;
  speaker?: string;
  guid?: string;
  code?: string;
  /** Epoch ms. */
  start: number;
  end: number;
  special?: 'pause' | 'gap' | 'daychange';
}

export interface FakeRoom {
  slug: string;
  display: string;
  schedulename?: string;
  current: FakeStreamTalk | null;
  next?: FakeStreamTalk | null;
}

export interface FakeStreamedConference {
  mandator: string;
  slug: string;
  title: string;
  startsAt: number;
  endsAt: number;
  streaming?: boolean;
  rooms: FakeRoom[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

function talkJson(talk: FakeStreamTalk | null | undefined) {
  if (!talk) return null;
  return {
    fstart: iso(talk.start).replace('+0000', '+00:00'),
    fend: iso(talk.end).replace('+0000', '+00:00'),
    tstart: hhmm(talk.start),
    tend: hhmm(talk.end),
    start: Math.round(talk.start / 1000),
    end: Math.round(talk.end / 1000),
    offset: 0,
    duration: Math.round((talk.end - talk.start) / 1000),
    ...(talk.special
      ? { special: talk.special }
      : {
          guid: talk.guid ?? '',
          code: talk.code ?? '',
          track: 'Hardware',
          title: talk.title,
          speaker: talk.speaker ?? '',
          room_known: true,
          optout: false,
          url: '',
        }),
    ...(talk.special ? { title: talk.title } : {}),
  };
}

export function streamsJson(conferences: FakeStreamedConference[]): string {
  return JSON.stringify(
    conferences.map((c) => ({
      mandator: c.mandator,
      conference: c.title,
      slug: c.slug,
      author: 'Chaos Computer Club',
      description: `${c.title}, streamed`,
      keywords: 'CCC, Congress',
      schedule: `https://fahrplan.example/${c.slug}/schedule.xml`,
      startsAt: iso(c.startsAt),
      endsAt: iso(c.endsAt),
      isCurrentlyStreaming: c.streaming ?? true,
      groups: [
        {
          group: 'Lecture Rooms',
          rooms: c.rooms.map((room) => ({
            guid: `${room.slug}-guid`,
            slug: room.slug,
            schedulename: room.schedulename ?? room.display,
            thumb: `https://static.c3voc.de/thumbnail/${room.slug}/thumb.jpeg`,
            poster: `https://static.c3voc.de/thumbnail/${room.slug}/poster.jpeg`,
            link: `https://streaming.media.ccc.de/${c.mandator}/${room.slug}`,
            display: room.display,
            stream: room.slug,
            talks: { current: talkJson(room.current), next: talkJson(room.next) },
            streams: [
              {
                slug: 'hd-native',
                display: `${room.display} FullHD Video`,
                type: 'video',
                isTranslated: false,
                videoSize: [1920, 1080],
                urls: {
                  hls: {
                    display: 'HLS',
                    tech: '1920x1080, h264',
                    url: `https://cdn.c3voc.de/hls/${room.slug}/native_hd.m3u8`,
                  },
                },
              },
            ],
          })),
        },
      ],
    })),
    null,
    2,
  );
}

export interface FakeReliveItem {
  id: number;
  guid: string;
  code?: string;
  title: string;
  room: string;
  /** Epoch ms. */
  start: number;
  duration: number;
  status: 'not_running' | 'live' | 'recorded' | 'released';
  release_url?: string;
}

export function reliveJson(acronym: string, items: FakeReliveItem[]): string {
  return JSON.stringify(
    items.map((item) => ({
      id: item.id,
      guid: item.guid,
      ...(item.code ? { code: item.code } : {}),
      title: item.title,
      room: item.room,
      start: Math.round(item.start / 1000),
      duration: item.duration,
      status: item.status,
      playlist: `//cdn.c3voc.de/relive/${acronym}/${item.id}/index.m3u8`,
      mp4: `//cdn.c3voc.de/relive/${acronym}/${item.id}/muxed.mp4`,
      thumbnail: `//cdn.c3voc.de/relive/${acronym}/${item.id}/thumb.jpg`,
      ...(item.release_url ? { release_url: item.release_url } : {}),
    })),
  );
}

/** Anything that answers a host and path (tests/e2e/fake-internet.ts `FakeInternet`). */
interface Answering {
  on(
    host: string,
    path: string,
    handler: (request: { headers: Record<string, string | string[] | undefined> }) => {
      status?: number;
      body?: string;
      headers?: Record<string, string>;
    },
  ): void;
}

/** Serves `body()` at `url` as JSON with a strong ETag, and 304 for a matching If-None-Match. */
export function serveJson(
  internet: Answering,
  url: string,
  body: () => string,
  contentType = 'application/json',
): void {
  const { host, pathname } = new URL(url);
  internet.on(host, pathname, (request): { status: number; body?: string; headers: Record<string, string> } => {
    const text = body();
    const etag = `"${text.length.toString(16)}-${[...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0) >>> 0}"`;
    if (request.headers['if-none-match'] === etag) return { status: 304, headers: { ETag: etag } };
    return { status: 200, body: text, headers: { 'Content-Type': contentType, ETag: etag } };
  });
}
