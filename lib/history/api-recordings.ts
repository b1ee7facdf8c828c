/**
 * The `recordings` of one event in media.ccc.de's JSON API (voctoweb's `public/shared/_recording`
 * view; docs/media-ccc-api.md "Recordings"), read into checked, bounded records. Used by the
 * history import (its enclosure, lib/history/api-shapes.ts) and by the player (lib/player/), which
 * also offers other qualities, languages and subtitles.
 *
 * A recording's file is kept only from media.ccc.de's own hosts over https: a tampered answer
 * must not make the extension load anything from a host of its choosing.
 */
import { MEDIA_HOSTS, parseHttpUrl, safeHttpUrl } from '../http-url';
import { cleanInline } from '../text';

export interface ApiRecording {
  /** The file: https on media.ccc.de's own hosts (recordings elsewhere are dropped). */
  url: string;
  mimeType: string;
  /** ISO 639-2 code(s) of the audio, e.g. `deu-eng` for a file with both; '' unknown. */
  language: string;
  highQuality: boolean;
  /** Pixels, 0 unknown (and for audio). */
  width: number;
  height: number;
  /** voctoweb sends `size` in MB, rounded: this is size × 1024², 0 unknown. */
  sizeBytes: number;
  /** `h264-hd`, `webm-sd`, `mp3`, … */
  folder: string;
  /** The file's name (no path); voctoweb keeps subtitles under it on its picture host. '' when odd. */
  filename: string;
  /** `new`, `downloading`, `downloaded`, `complete`, `todo` (a subtitle placeholder), … ('' unknown). */
  state: string;
  /** Seconds, 0 unknown. */
  lengthSeconds: number;
}

export const MAX_RECORDINGS = 50;
/** At most this many times the cap is looked at: 10,000 broken recordings cost nothing. */
const LOOK_FACTOR = 4;
const MB = 1024 * 1024;
/** A recording of more than 1 TB, or a picture wider than this, is a broken value. */
const MAX_SIZE_MB = 1024 * 1024;
const MAX_PIXELS = 32_768;
const MAX_LENGTH_SECONDS = 7 * 24 * 3600;
/** A plain file name: what voctoweb accepts (no path) and nothing that would change a URL's meaning. */
const FILENAME = /^[A-Za-z0-9][A-Za-z0-9._~+()-]{0,254}$/;
const STATE = /^[a-z_ -]{1,30}$/;

/** Shared with api-shapes.ts, which reads the rest of the API's answers by the same rules. */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const textOf = (value: unknown, max: number): string =>
  typeof value === 'string' ? cleanInline(value, max) : '';

/** A whole number in 0..max, else 0 (strings, fractions, negatives, NaN and the like). */
export const countOf = (value: unknown, max: number): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max ? value : 0;

/**
 * https on media.ccc.de's own hosts (`MEDIA_HOSTS`: pages, pictures, files), default port, no
 * user name; else ''. The same rule as for the built-in feeds' links (lib/poll/feed/normalise.ts).
 */
export function mediaCccUrl(value: unknown): string {
  const href = safeHttpUrl(value);
  const url = href ? parseHttpUrl(href) : null;
  if (!url || url.protocol !== 'https:' || url.port || url.username || url.password) return '';
  return MEDIA_HOSTS.includes(url.hostname) ? href : '';
}

function sizeBytesOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= MAX_SIZE_MB
    ? Math.round(value * MB)
    : 0;
}

function recordingOf(value: unknown): ApiRecording | null {
  if (!isObject(value)) return null;
  const url = mediaCccUrl(value.recording_url);
  if (!url) return null;
  const filename = typeof value.filename === 'string' && FILENAME.test(value.filename) ? value.filename : '';
  const state = typeof value.state === 'string' && STATE.test(value.state) ? value.state : '';
  return {
    url,
    mimeType: textOf(value.mime_type, 100),
    language: textOf(value.language, 40),
    highQuality: value.high_quality === true,
    width: countOf(value.width, MAX_PIXELS),
    height: countOf(value.height, MAX_PIXELS),
    sizeBytes: sizeBytesOf(value.size),
    folder: textOf(value.folder, 100),
    filename,
    state,
    lengthSeconds: countOf(value.length, MAX_LENGTH_SECONDS),
  };
}

/** The first MAX_RECORDINGS good recordings of an event's `recordings` list. */
export function recordingsOf(list: unknown[]): ApiRecording[] {
  const kept: ApiRecording[] = [];
  const end = Math.min(list.length, MAX_RECORDINGS * LOOK_FACTOR);
  for (let i = 0; i < end && kept.length < MAX_RECORDINGS; i++) {
    const recording = recordingOf(list[i]);
    if (recording) kept.push(recording);
  }
  return kept;
}
