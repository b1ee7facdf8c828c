/** Labels for the video links a FOSDEM page offers itself. */
import { t } from '@/lib/i18n';
import type { VideoLink } from '@/lib/enrich/page/sites/types';

const VIDEO_LINK_KIND: Record<VideoLink['kind'], string> = { webm: 'WebM', mp4: 'MP4', vtt: '', other: '' };

export function videoLinkKindLabel(kind: VideoLink['kind']): string {
  if (kind === 'vtt') return t('video_link_subtitles');
  // The kind comes from the page: only this table's own keys name a label.
  return Object.hasOwn(VIDEO_LINK_KIND, kind) ? VIDEO_LINK_KIND[kind] : '';
}
