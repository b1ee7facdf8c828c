/**
 * Which file the player starts with, and what else it offers: the audio languages (the original,
 * a translation, or one file with both), the qualities in each, the subtitles. Pure functions of
 * the talk's sources and of what the browser says it can play.
 */
import type { PlayerFile, PlayerSources, PlayerSubtitle } from './sources';

/** Whether the browser can play a file of this type (`HTMLMediaElement.canPlayType`, with codecs). */
export type CanPlay = (file: PlayerFile) => boolean;

/**
 * The codecs media.ccc.de encodes each type with, to ask the browser precisely: a browser
 * without H.264 still says "maybe" to a bare `video/mp4`.
 */
const CODECS: Record<string, string> = {
  'video/mp4': 'video/mp4; codecs="avc1.640028, mp4a.40.2"',
  'video/webm': 'video/webm; codecs="vp9, opus"',
  'video/webm;codecs=av01': 'video/webm; codecs="av01.0.08M.08, opus"',
  'video/ogg': 'video/ogg; codecs="theora, vorbis"',
  'audio/mpeg': 'audio/mpeg',
  'audio/opus': 'audio/ogg; codecs="opus"',
  'audio/ogg': 'audio/ogg; codecs="vorbis"',
};

/** `canPlayType` as a `CanPlay`: anything but '' counts (the codecs are named, so "maybe" is an answer). */
export function canPlayWith(media: Partial<Pick<HTMLMediaElement, 'canPlayType'>>): CanPlay {
  // No media element worth the name (a DOM without media): nothing plays.
  return (file) =>
    typeof media.canPlayType === 'function' && media.canPlayType(CODECS[file.mimeType] ?? file.mimeType) !== '';
}

/** Formats in the order media.ccc.de's own player prefers them, when two files are equally good. */
const FORMAT_ORDER = ['video/mp4', 'video/webm', 'video/webm;codecs=av01', 'video/ogg', 'audio/opus', 'audio/mpeg'];

const formatRank = (file: PlayerFile) => {
  const index = FORMAT_ORDER.indexOf(file.mimeType);
  return index < 0 ? FORMAT_ORDER.length : index;
};

/**
 * The audio languages, the talk's original first, then files that hold the original with a
 * translation (`deu-eng`), then translations, each group in code order.
 */
export function languagesOf(files: readonly PlayerFile[], original: string): string[] {
  const codes = [...new Set(files.map((file) => file.language))];
  const group = (code: string) =>
    code === '' ? 3 : code === original ? 0 : original && code.split('-')[0] === original ? 1 : 2;
  return codes.sort((a, b) => group(a) - group(b) || a.localeCompare(b));
}

/** Video before audio, then taller pictures first, then the preferred format. */
export function byQuality(a: PlayerFile, b: PlayerFile): number {
  if (a.kind !== b.kind) return a.kind === 'video' ? -1 : 1;
  return b.height - a.height || formatRank(a) - formatRank(b);
}

/** The files in `language` the browser can play, best first. */
export function qualitiesOf(files: readonly PlayerFile[], language: string, canPlay: CanPlay): PlayerFile[] {
  return files.filter((file) => file.language === language && canPlay(file)).sort(byQuality);
}

export interface StartPreferences {
  /** The audio language the user chose last time, '' for the talk's original. */
  language?: string;
  /** The tallest picture to start with (the popup is small: no need for 1080p there). */
  maxHeight: number;
}

/**
 * The file to start with: in the preferred language when there is one the browser can play,
 * else the original, else any; the best quality up to `maxHeight`, else the smallest above it.
 * Null when the browser can play none of the files.
 */
export function startFile(sources: PlayerSources, canPlay: CanPlay, preferences: StartPreferences): PlayerFile | null {
  const languages = languagesOf(sources.files, sources.originalLanguage);
  const wanted = preferences.language && languages.includes(preferences.language) ? [preferences.language] : [];
  for (const language of [...wanted, ...languages]) {
    const qualities = qualitiesOf(sources.files, language, canPlay);
    if (qualities.length === 0) continue;
    const fitting = qualities.find((file) => file.kind === 'video' && file.height <= preferences.maxHeight);
    return fitting ?? qualities.filter((file) => file.kind === 'video').at(-1) ?? qualities[0]!;
  }
  return null;
}

/**
 * The same quality in another language: the file of the same kind, height and type, else the
 * nearest height, else the best there is. Null when the browser can play nothing in it.
 */
export function switchLanguage(
  files: readonly PlayerFile[],
  current: PlayerFile,
  language: string,
  canPlay: CanPlay,
): PlayerFile | null {
  const qualities = qualitiesOf(files, language, canPlay);
  const sameKind = qualities.filter((file) => file.kind === current.kind);
  const exact = sameKind.find((file) => file.height === current.height && file.mimeType === current.mimeType);
  if (exact) return exact;
  const nearest = [...sameKind].sort(
    (a, b) => Math.abs(a.height - current.height) - Math.abs(b.height - current.height),
  )[0];
  return nearest ?? qualities[0] ?? null;
}

/** The subtitles to offer: one per language and format, finished ones before drafts, WebVTT before SubRip. */
export function subtitlesOf(subtitles: readonly PlayerSubtitle[]): PlayerSubtitle[] {
  const seen = new Set<string>();
  return [...subtitles]
    .sort(
      (a, b) =>
        a.language.localeCompare(b.language) ||
        Number(!!a.note) - Number(!!b.note) ||
        Number(a.format === 'srt') - Number(b.format === 'srt'),
    )
    .filter((subtitle) => {
      if (seen.has(subtitle.language)) return false;
      seen.add(subtitle.language);
      return true;
    });
}

/** The type as people know it: `WebM`, `MP4`, `Opus`, … */
export function formatName(mimeType: string): string {
  const names: Record<string, string> = {
    'video/mp4': 'MP4',
    'video/webm': 'WebM',
    'video/webm;codecs=av01': 'AV1',
    'video/ogg': 'Ogg',
    'audio/mpeg': 'MP3',
    'audio/opus': 'Opus',
    'audio/ogg': 'Ogg',
  };
  return names[mimeType] ?? mimeType.split('/')[1]?.toUpperCase() ?? mimeType;
}

/** A language code as a name in the UI's language (`deu` → "German"), the code itself when unknown. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    const names = new Intl.DisplayNames([uiLanguage, 'en'], { type: 'language', fallback: 'code' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** `deu-eng` → "German + English". */
export function languagesName(codes: string, uiLanguage: string): string {
  return codes
    .split('-')
    .map((code) => languageName(code, uiLanguage))
    .join(' + ');
}
