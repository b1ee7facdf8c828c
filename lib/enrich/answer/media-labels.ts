/**
 * Short human labels for media files: "MP4", "1.2 GB", "Download video (MP4, 1.2 GB)". Made in
 * the background (lib/enrich/answer/talk-card.ts), which has Intl ready: a page's first number
 * format costs the content script 30 to 60 ms.
 */
import { t } from '../../i18n';
import { formatFileSize } from '../../format';

const FORMAT_BY_TYPE: Record<string, string> = {
  'video/mp4': 'MP4',
  'video/webm': 'WebM',
  'video/ogg': 'Ogg',
  'audio/mpeg': 'MP3',
  'audio/mp3': 'MP3',
  'audio/opus': 'Opus',
  'audio/ogg': 'Ogg',
  'audio/mp4': 'M4A',
  'audio/x-m4a': 'M4A',
  'audio/flac': 'FLAC',
};

/** media.ccc.de enclosures carry a type; the extension is the fallback when it is missing. */
const FORMAT_BY_EXTENSION: Record<string, [format: string, kind: 'video' | 'audio']> = {
  mp4: ['MP4', 'video'],
  webm: ['WebM', 'video'],
  mp3: ['MP3', 'audio'],
  opus: ['Opus', 'audio'],
  ogg: ['Ogg', 'audio'],
  m4a: ['M4A', 'audio'],
};

function extensionOf(url: string): string {
  try {
    return /\.([a-z0-9]{2,4})$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';
  } catch {
    return '';
  }
}

export function mediaFormat(
  fileType: string,
  fileUrl: string,
): { format: string; kind: 'video' | 'audio' | 'recording' } {
  const type = fileType.split(';')[0]?.trim().toLowerCase() ?? '';
  const byExtension = FORMAT_BY_EXTENSION[extensionOf(fileUrl)];
  const kind = type.startsWith('video/')
    ? 'video'
    : type.startsWith('audio/')
      ? 'audio'
      : (byExtension?.[1] ?? 'recording');
  // Own keys only: the type is the feed's text, and `constructor` is on every object.
  const byType = Object.hasOwn(FORMAT_BY_TYPE, type) ? FORMAT_BY_TYPE[type] : undefined;
  return { format: byType ?? byExtension?.[0] ?? '', kind };
}

export function downloadLabel(fileType: string, fileUrl: string, fileBytes: number): string {
  const { format, kind } = mediaFormat(fileType, fileUrl);
  const details = [format, formatFileSize(fileBytes)].filter(Boolean).join(', ');
  const label =
    kind === 'video' ? t('download_video') : kind === 'audio' ? t('download_audio') : t('download_recording');
  return details ? t('download_with_details', label, details) : label;
}
