import { formatDate, formatDuration } from '@/lib/format';
import type { TalkSummary } from '@/lib/popup/first-screen';
import { safeHttpUrl } from '@/lib/http-url';
import { t } from '@/lib/i18n';

export interface TalkMarks {
  later: boolean;
  watched: boolean;
}

interface Props {
  talk: TalkSummary;
  onOpen: (talk: TalkSummary) => void;
  onMarkSeen?: (talk: TalkSummary) => void;
  /** The user's marks; without them (before they load) the row shows no mark buttons. */
  marks?: TalkMarks;
  onToggleLater?: (talk: TalkSummary, on: boolean) => void;
  onToggleWatched?: (talk: TalkSummary, on: boolean) => void;
}

/** One talk: thumbnail, title, conference, speakers, duration, date. Feed text renders as text. */
export function TalkRow({ talk, onOpen, onMarkSeen, marks, onToggleLater, onToggleWatched }: Props) {
  const href = safeHttpUrl(talk.url);
  const thumbnail = safeHttpUrl(talk.thumbnail);
  const facts = [talk.speakers.join(', '), formatDuration(talk.durationSeconds), formatDate(talk.date)].filter(Boolean);
  const classes = ['talk', talk.isNew ? 'talk--new' : '', marks?.watched ? 'talk--watched' : ''].filter(Boolean).join(' ');
  return (
    <li class={classes} data-talk-id={talk.id}>
      <div class="talk__thumb" aria-hidden="true">
        {thumbnail ? <img src={thumbnail} alt="" loading="lazy" decoding="async" width={96} height={54} referrerpolicy="no-referrer" /> : <span>{talk.conference.slice(0, 6)}</span>}
      </div>
      <div class="talk__body">
        <a class="talk__title" href={href || undefined} target="_blank" rel="noopener noreferrer" onClick={() => onOpen(talk)}>
          {talk.title}
        </a>
        <div class="talk__meta">
          {talk.conference && <span class="talk__conference">{talk.conference}</span>}
          {marks?.watched && <span class="talk__watched">{t('talk_watched')}</span>}
          {facts.map((fact) => (
            <span key={fact}>{fact}</span>
          ))}
        </div>
      </div>
      <div class="talk__actions">
        {talk.isNew === 1 && onMarkSeen && (
          <button type="button" class="talk__seen" title={t('talk_mark_seen')} aria-label={t('talk_mark_seen_label', talk.title)} onClick={() => onMarkSeen(talk)}>
            ✓
          </button>
        )}
        {marks && onToggleLater && (
          <button type="button" class="talk__mark" aria-pressed={marks.later} title={marks.later ? t('talk_on_later') : t('talk_later')} aria-label={t('talk_later_label', talk.title)} onClick={() => onToggleLater(talk, !marks.later)}>
            {marks.later ? '★' : '☆'}
          </button>
        )}
        {marks && onToggleWatched && (
          <button type="button" class="talk__mark" aria-pressed={marks.watched} title={marks.watched ? t('talk_watched') : t('talk_mark_watched')} aria-label={t('talk_watched_label', talk.title)} onClick={() => onToggleWatched(talk, !marks.watched)}>
            {marks.watched ? '●' : '○'}
          </button>
        )}
      </div>
    </li>
  );
}
