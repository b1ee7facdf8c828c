/**
 * Subtitles for the player's `<track>`: read as text from media.ccc.de (WebVTT, or SubRip turned
 * into WebVTT as media.ccc.de's own player does) and handed to the video as a `blob:` URL. A
 * `<track>` from another host would need the video itself in CORS mode, which the mirrors that
 * serve the files do not all allow. The browser parses the text as WebVTT only: cue text is
 * shown as text, never run.
 */
import { mediaUrl } from '../http-url';
import type { PlayerSubtitle } from './sources';

/** Subtitles of a long talk are a few hundred kB; more is not a subtitle file. */
export const MAX_SUBTITLE_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 20_000;

/** SubRip to WebVTT: the header, `,` → `.` in the times, SubRip's `{i}` tags as `<i>`. */
export function srtToVtt(text: string): string {
  const body = text
    .replace(/^\ufeff/, '')
    .replace(/\r\n|\r/g, '\n')
    .replace(/\{\\?([ibu])1?\}/g, '<$1>')
    .replace(/\{\\?\/?([ibu])0?\}/g, '</$1>')
    .replace(/(\d\d:\d\d:\d\d),(\d\d\d)/g, '$1.$2');
  return `WEBVTT\n\n${body}\n\n`;
}

/** The text as WebVTT, or null when it is neither WebVTT nor SubRip (an error page, say). */
export function asWebVtt(text: string, format: PlayerSubtitle['format']): string | null {
  const trimmed = text.replace(/^\ufeff/, '');
  if (/^WEBVTT(?:[ \t\n\r]|$)/.test(trimmed)) return trimmed;
  if (format === 'srt' && /^\s*\d+\s*\r?\n\d\d:\d\d:\d\d,\d\d\d --> /.test(trimmed)) return srtToVtt(trimmed);
  return null;
}

/** Reads a subtitle file (only on media.ccc.de's hosts) as WebVTT text, or null. */
export async function loadSubtitle(subtitle: PlayerSubtitle, fetchImpl: typeof fetch = fetch): Promise<string | null> {
  const url = mediaUrl(subtitle.url);
  if (!url) return null;
  try {
    const response = await fetchImpl(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) return null;
    const declared = Number(response.headers.get('content-length'));
    if (declared > MAX_SUBTITLE_BYTES) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_SUBTITLE_BYTES) return null;
    return asWebVtt(new TextDecoder('utf-8').decode(bytes), subtitle.format);
  } catch {
    return null;
  }
}
