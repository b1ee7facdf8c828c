/**
 * What Aftertalk keeps of the VOC streaming site's two JSON sources (docs/live.md): the
 * conferences streamed now with their rooms and each room's current and next talk
 * (`streams/v2.json`), and a conference's ReLive recordings (`relive/<acronym>/index.json`).
 * Every string is plain, bounded text; every URL an https URL on the streaming hosts.
 */

/** The streaming site: room streams and ReLive pages. */
export const STREAMING_HOST = 'streaming.media.ccc.de';
/** The VOC's CDN: the ReLive indexes. */
export const RELIVE_HOST = 'cdn.c3voc.de';
export const STREAMS_URL = `https://${STREAMING_HOST}/streams/v2.json`;

/** A ReLive index's address for a conference acronym (`39c3`). */
export function reliveIndexUrl(acronym: string): string {
  return `https://${RELIVE_HOST}/relive/${encodeURIComponent(acronym)}/index.json`;
}

/** A slug as the streaming site uses it in paths (`39c3`, `saal-1`): what its routes accept. */
export const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A talk of a room's schedule: a real talk, or one of the site's fillers (pause, gap, day change). */
export interface LiveTalk {
  title: string;
  /** The speakers as the site joins them ("A, B"), '' when none. */
  speaker: string;
  /** The schedule's GUID and pretalx code, '' when the site gave none. */
  guid: string;
  code: string;
  /** Epoch ms. */
  start: number;
  end: number;
  /** `pause`, `gap`, `daychange` for fillers; '' for a talk. */
  special: string;
}

export interface LiveRoom {
  /** Path slug of the room's page (`saal-1`). */
  slug: string;
  /** The room's name as the site shows it ("Saal 1"). */
  name: string;
  /** The room's name in the schedule (ReLive items name rooms so). */
  scheduleName: string;
  /** https://streaming.media.ccc.de/<conference>/<room> */
  streamUrl: string;
  current: LiveTalk | null;
  next: LiveTalk | null;
}

export interface LiveConference {
  /** The site's folder for the conference, first path segment of its pages (`39c3`). */
  slug: string;
  /** The conference's acronym (`39c3`): the ReLive index's folder, usually the archive's acronym. */
  acronym: string;
  title: string;
  /** Epoch ms, 0 when the site did not say. */
  startsAt: number;
  endsAt: number;
  /** The site's own flag: some room is showing a talk right now (not a day change). */
  streaming: boolean;
  rooms: LiveRoom[];
}

export const RELIVE_STATUSES = ['not_running', 'live', 'recorded', 'released'] as const;
export type ReliveStatus = (typeof RELIVE_STATUSES)[number];

export interface ReliveItem {
  /** The index's numeric id. */
  id: number;
  guid: string;
  code: string;
  title: string;
  room: string;
  /** Epoch ms, 0 unknown. */
  start: number;
  /** Seconds. */
  duration: number;
  status: ReliveStatus;
  /** https://streaming.media.ccc.de/<conference>/relive/<guid> */
  pageUrl: string;
  /** The final release on media.ccc.de, '' until there is one. */
  releaseUrl: string;
}

/** What the box shows about the page's talk from the streams and ReLive. */
export type LivePart =
  | { kind: 'live'; room: string; url: string; end: number }
  | { kind: 'relive'; room: string; url: string; status: Exclude<ReliveStatus, 'not_running'> };

const LIVE_PART_STATUSES: readonly unknown[] = ['live', 'recorded', 'released'];

/** A link the box may show for live and ReLive: https on the streaming site only. */
export function isStreamingUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 300) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname === STREAMING_HOST && url.href === value;
  } catch {
    return false;
  }
}

/** Whether a value is a `LivePart`: the box's frame and the content script check the worker's answer with it. */
export function isLivePart(value: unknown): value is LivePart {
  if (!value || typeof value !== 'object') return false;
  const part = value as Record<string, unknown>;
  if (typeof part.room !== 'string' || part.room.length > 200 || !isStreamingUrl(part.url)) return false;
  if (part.kind === 'live') return typeof part.end === 'number' && Number.isFinite(part.end);
  return part.kind === 'relive' && LIVE_PART_STATUSES.includes(part.status);
}
