/**
 * media.ccc.de's API answer for one talk (`/public/events/<guid>`) in voctoweb's shape, with the
 * recordings the player chooses from: two qualities of the original (English), a German
 * translation, an audio-only file, English subtitles (WebVTT, kept beside the thumbnail as
 * voctoweb does) and a German subtitle placeholder (state `todo`, which the site's own player hides).
 */
export interface PlayerEventSpec {
  guid: string;
  title: string;
  slug: string;
  /** The thumbnail on static.media.ccc.de: the subtitles live in its folder. */
  thumbUrl: string;
  /** The CDN folder of the conference's files. */
  cdnBase: string;
  durationSeconds?: number;
}

export const subtitleFileOf = (spec: PlayerEventSpec, language: string) => `${spec.slug}-${language}.vtt`;

/** Where the English subtitles of `spec` are read from (the thumbnail's folder). */
export const subtitleUrlOf = (spec: PlayerEventSpec, language = 'eng') =>
  new URL(subtitleFileOf(spec, language), spec.thumbUrl).href;

export const SUBTITLE_TEXT = 'WEBVTT\n\n00:00.000 --> 00:05.000\nHello from the subtitles\n';

export function playerEventJson(spec: PlayerEventSpec): Record<string, unknown> {
  const length = spec.durationSeconds ?? 6;
  const recording = (
    folder: string,
    mime: string,
    language: string,
    height: number,
    extra: Record<string, unknown> = {},
  ) => {
    const extension = mime === 'text/vtt' ? 'vtt' : mime === 'audio/mpeg' ? 'mp3' : 'webm';
    const filename =
      mime === 'text/vtt' ? subtitleFileOf(spec, language) : `${spec.slug}-${language}-${folder}.${extension}`;
    return {
      length: mime === 'text/vtt' ? null : length,
      mime_type: mime,
      language,
      filename,
      state: 'downloaded',
      folder,
      high_quality: height >= 720,
      width: height ? Math.round((height * 16) / 9) : 0,
      height,
      updated_at: '2025-09-26T10:00:00.000+02:00',
      label: `${language} ${height}p`,
      size: 1,
      recording_url: `${spec.cdnBase}/${folder}/${filename}`,
      url: `https://api.media.ccc.de/public/recordings/${spec.guid}-${folder}-${language}`,
      event_url: `https://api.media.ccc.de/public/events/${spec.guid}`,
      conference_url: 'https://api.media.ccc.de/public/conferences/asg2025',
      ...extra,
    };
  };
  return {
    guid: spec.guid,
    title: spec.title,
    subtitle: null,
    slug: spec.slug,
    link: null,
    description: 'A talk to play.',
    original_language: 'eng',
    persons: ['Lena Hoffmann'],
    tags: ['asg2025', 'asg2025-eng'],
    date: '2025-09-25T10:30:00.000+02:00',
    release_date: '2025-09-25T20:00:00.000+02:00',
    duration: length,
    length,
    thumb_url: spec.thumbUrl,
    frontend_link: `https://media.ccc.de/v/${spec.slug}`,
    conference_url: 'https://api.media.ccc.de/public/conferences/asg2025',
    recordings: [
      recording('webm-hd', 'video/webm', 'eng', 1080),
      recording('webm-sd', 'video/webm', 'eng', 576),
      recording('webm-hd', 'video/webm', 'deu', 1080, { filename: `${spec.slug}-deu-webm-hd.webm` }),
      recording('mp3', 'audio/mpeg', 'eng', 0),
      recording('subtitles', 'text/vtt', 'eng', 0, { state: 'complete' }),
      recording('subtitles', 'text/vtt', 'deu', 0, { state: 'todo' }),
    ],
  };
}
