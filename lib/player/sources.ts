/**
 * What the player may play for one talk: its files (qualities, audio languages) and subtitles,
 * from media.ccc.de's API answer for the talk (`events/<guid>`, docs/media-ccc-api.md
 * "Recordings"), or only the feed's file when the API could not be asked. Built by the worker
 * (lib/player/load.ts), checked again by the page that plays it (`parsePlayerSources`): only
 * https files on media.ccc.de's own hosts ever reach a `<video>`.
 */
import { mediaUrl, parseHttpUrl } from '../http-url';
import type { ApiEvent, ApiRecording } from '../history/api-shapes';

export interface PlayerFile {
  url: string;
  /** `video/webm`, `video/mp4`, `audio/mpeg`, `audio/opus`, … as media.ccc.de names it. */
  mimeType: string;
  kind: 'video' | 'audio';
  /** ISO 639-2 code(s) of the audio: `deu`, `eng`, `deu-eng` (a file with both); '' unknown. */
  language: string;
  width: number;
  height: number;
  sizeBytes: number;
}

export interface PlayerSubtitle {
  url: string;
  /** ISO 639-2, e.g. `eng`. */
  language: string;
  format: 'vtt' | 'srt';
  /** voctoweb's state when the subtitle is not finished (`needs review`, …), '' otherwise. */
  note: string;
}

export interface PlayerSources {
  talkId: string;
  title: string;
  /** The talk's page on media.ccc.de, '' when none. */
  pageUrl: string;
  originalLanguage: string;
  durationSeconds: number;
  files: PlayerFile[];
  subtitles: PlayerSubtitle[];
  /** `api`: media.ccc.de's list of files; `feed`: only the feed's file (the API was not asked or failed). */
  from: 'api' | 'feed';
}

export const MAX_FILES = 30;
export const MAX_SUBTITLES = 30;
const PLAYABLE = /^(video|audio)\/[a-z0-9.+-]+(?:;codecs=[a-z0-9.]+)?$/;
const SUBTITLE_TYPES: Record<string, PlayerSubtitle['format']> = { 'text/vtt': 'vtt', 'application/x-subrip': 'srt' };
const LANGUAGE = /^[a-z]{3}(?:-[a-z]{3}){0,3}$/;
/** The site's own player hides these: a subtitle file that is a placeholder, not yet written. */
const PLACEHOLDER_STATE = 'todo';

/** A talk's page, only on media.ccc.de itself. */
export function pageUrlOf(value: unknown): string {
  const href = mediaUrl(value);
  return href && parseHttpUrl(href)?.hostname === 'media.ccc.de' ? href : '';
}

function playableFile(recording: ApiRecording): PlayerFile | null {
  const mimeType = recording.mimeType.toLowerCase();
  // Slides are videos too (folder `slides…`), but not the talk.
  if (!PLAYABLE.test(mimeType) || /slides/i.test(recording.folder)) return null;
  return {
    url: recording.url,
    mimeType,
    kind: mimeType.startsWith('audio/') ? 'audio' : 'video',
    language: LANGUAGE.test(recording.language) ? recording.language : '',
    width: recording.width,
    height: recording.height,
    sizeBytes: recording.sizeBytes,
  };
}

/**
 * Where a subtitle file can be read. voctoweb's own player takes WebVTT from its picture host,
 * the folder the talk's thumbnail is in, and SubRip through `https://media.ccc.de/srt/` plus the
 * file's path on the CDN (both sent with CORS headers); the API's `recording_url` names the CDN.
 */
function subtitleUrl(recording: ApiRecording, format: PlayerSubtitle['format'], thumbUrl: string): string {
  const file = parseHttpUrl(recording.url);
  if (!file) return '';
  if (format === 'srt') return mediaUrl(`https://media.ccc.de/srt${file.pathname}`);
  const thumb = parseHttpUrl(thumbUrl);
  if (thumb?.hostname === 'static.media.ccc.de' && recording.filename)
    return mediaUrl(new URL(recording.filename, thumb).href);
  return recording.url;
}

function subtitleOf(recording: ApiRecording, thumbUrl: string): PlayerSubtitle | null {
  const format = SUBTITLE_TYPES[recording.mimeType.toLowerCase()];
  if (!format || recording.state === PLACEHOLDER_STATE || !LANGUAGE.test(recording.language)) return null;
  const url = subtitleUrl(recording, format, thumbUrl);
  if (!url) return null;
  const note = recording.state && recording.state !== 'complete' ? recording.state : '';
  return { url, language: recording.language, format, note };
}

export interface FeedFile {
  url: string;
  type: string;
}

export interface TalkBasics {
  id: string;
  title: string;
  url: string;
  language: string;
  durationSeconds: number;
  enclosure: FeedFile | null;
}

/** The feed's file as the one thing to play (or nothing, for a file off media.ccc.de or no video). */
export function sourcesFromFeed(talk: TalkBasics): PlayerSources {
  const url = talk.enclosure ? mediaUrl(talk.enclosure.url) : '';
  const file = url
    ? playableFile({
        url,
        mimeType: talk.enclosure!.type,
        language: talk.language,
        highQuality: true,
        width: 0,
        height: 0,
        sizeBytes: 0,
        folder: '',
        filename: '',
        state: '',
        lengthSeconds: 0,
      })
    : null;
  return {
    talkId: talk.id,
    title: talk.title,
    pageUrl: pageUrlOf(talk.url),
    originalLanguage: LANGUAGE.test(talk.language) ? talk.language : '',
    durationSeconds: talk.durationSeconds,
    files: file ? [file] : [],
    subtitles: [],
    from: 'feed',
  };
}

/** The API's files and subtitles for the talk; the feed's file when the API lists nothing playable. */
export function sourcesFromApi(talk: TalkBasics, event: ApiEvent): PlayerSources {
  const recordings = event.recordings ?? [];
  const files = recordings.map(playableFile).filter((file): file is PlayerFile => !!file);
  if (files.length === 0) return sourcesFromFeed(talk);
  const subtitles = recordings
    .map((recording) => subtitleOf(recording, event.thumbUrl))
    .filter((subtitle): subtitle is PlayerSubtitle => !!subtitle);
  const original = LANGUAGE.test(event.originalLanguage) ? event.originalLanguage : talk.language;
  return {
    talkId: talk.id,
    title: talk.title || event.title,
    pageUrl: pageUrlOf(event.frontendLink) || pageUrlOf(talk.url),
    originalLanguage: LANGUAGE.test(original) ? original : '',
    durationSeconds: event.durationSeconds || talk.durationSeconds,
    files: files.slice(0, MAX_FILES),
    subtitles: subtitles.slice(0, MAX_SUBTITLES),
    from: 'api',
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object';
const text = (value: unknown, max: number): string => (typeof value === 'string' && value.length <= max ? value : '');
const count = (value: unknown): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;

function fileOf(value: unknown): PlayerFile | null {
  if (!isObject(value)) return null;
  const url = mediaUrl(value.url);
  const mimeType = text(value.mimeType, 100);
  if (!url || !url.startsWith('https:') || !PLAYABLE.test(mimeType)) return null;
  const language = text(value.language, 40);
  return {
    url,
    mimeType,
    kind: mimeType.startsWith('audio/') ? 'audio' : 'video',
    language: LANGUAGE.test(language) ? language : '',
    width: count(value.width),
    height: count(value.height),
    sizeBytes: count(value.sizeBytes),
  };
}

function subtitleFrom(value: unknown): PlayerSubtitle | null {
  if (!isObject(value)) return null;
  const url = mediaUrl(value.url);
  const language = text(value.language, 40);
  const format = value.format === 'vtt' || value.format === 'srt' ? value.format : null;
  if (!url || !url.startsWith('https:') || !format || !LANGUAGE.test(language)) return null;
  return { url, language, format, note: text(value.note, 30) };
}

/**
 * The worker's answer as the playing page accepts it, or null: a wrong shape plays nothing, and
 * a file or subtitle off media.ccc.de's hosts is dropped, whatever the worker was told.
 */
export function parsePlayerSources(value: unknown): PlayerSources | null {
  if (!isObject(value) || !Array.isArray(value.files) || !Array.isArray(value.subtitles)) return null;
  const talkId = text(value.talkId, 300);
  if (!talkId || (value.from !== 'api' && value.from !== 'feed')) return null;
  const language = text(value.originalLanguage, 40);
  return {
    talkId,
    title: text(value.title, 1000),
    pageUrl: pageUrlOf(value.pageUrl),
    originalLanguage: LANGUAGE.test(language) ? language : '',
    durationSeconds: count(value.durationSeconds),
    files: value.files
      .slice(0, MAX_FILES)
      .map(fileOf)
      .filter((file): file is PlayerFile => !!file),
    subtitles: value.subtitles
      .slice(0, MAX_SUBTITLES)
      .map(subtitleFrom)
      .filter((subtitle): subtitle is PlayerSubtitle => !!subtitle),
    from: value.from,
  };
}
