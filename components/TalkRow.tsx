import { memo } from 'preact/compat';
import { formatDate, formatDuration } from '@/lib/format';
import type { TalkSummary } from '@/lib/ui/first-screen';
import { mediaUrl } from '@/lib/http-url';
import { pageUrlOf } from '@/lib/player/sources';
import { t } from '@/lib/i18n';

export interface TalkMarks {
  later: boolean;
  watched: boolean;
}

/** Row props every list of the popup shares: the user's marks and what the row's buttons do. */
export interface RowKit {
  marksOf: (talk: TalkSummary) => TalkMarks | undefined;
  onOpen: (talk: TalkSummary) => void;
  onToggleLater: (talk: TalkSummary, on: boolean) => void;
  onToggleWatched: (talk: TalkSummary, on: boolean) => void;
  /** Opens the popup's player for the talk (components/player/). */
  onPlay?: (talk: TalkSummary) => void;
  /** The talk whose player is open ('' none). */
  playingId?: string;
  /** The custom feed's host, whose links and pictures are shown beside media.ccc.de's ('' none). */
  ownHost?: string;
}

interface Props {
  talk: TalkSummary;
  onOpen: (talk: TalkSummary) => void;
  onMarkSeen?: (talk: TalkSummary) => void;
  /** The user's marks; without them (before they load) the row shows no mark buttons. */
  marks?: TalkMarks;
  onToggleLater?: (talk: TalkSummary, on: boolean) => void;
  onToggleWatched?: (talk: TalkSummary, on: boolean) => void;
  onPlay?: (talk: TalkSummary) => void;
  playingId?: string;
  /** See `RowKit.ownHost`. */
  ownHost?: string;
}

/**
 * Rows are re-rendered only when what they show changed: a keystroke in the search field renders
 * the popup again, and most of the rows it lists are the same talks as a moment before (each
 * read afresh, so as new objects). Callbacks must be stable (the popup passes stable ones).
 */
function sameRow(a: Props, b: Props): boolean {
  const x = a.talk;
  const y = b.talk;
  return (
    x.id === y.id &&
    x.title === y.title &&
    x.conference === y.conference &&
    x.url === y.url &&
    x.thumbnail === y.thumbnail &&
    x.durationSeconds === y.durationSeconds &&
    x.date === y.date &&
    x.isNew === y.isNew &&
    x.speakers.join('\n') === y.speakers.join('\n') &&
    a.marks?.later === b.marks?.later &&
    a.marks?.watched === b.marks?.watched &&
    a.onOpen === b.onOpen &&
    a.onMarkSeen === b.onMarkSeen &&
    a.onToggleLater === b.onToggleLater &&
    a.onToggleWatched === b.onToggleWatched &&
    a.onPlay === b.onPlay &&
    (a.playingId === x.id) === (b.playingId === y.id) &&
    a.ownHost === b.ownHost
  );
}

/** One talk: thumbnail, title, conference, speakers, duration, date. Feed text renders as text. */
export const TalkRow = memo(TalkRowView, sameRow);

function TalkRowView({
  talk,
  onOpen,
  onMarkSeen,
  marks,
  onToggleLater,
  onToggleWatched,
  onPlay,
  playingId,
  ownHost,
}: Props) {
  // Checked again as shown: a link or picture off media.ccc.de (and the custom feed's host) is
  // neither linked nor loaded, whatever an older version stored.
  const href = mediaUrl(talk.url, ownHost);
  const thumbnail = mediaUrl(talk.thumbnail, ownHost);
  const facts = [talk.speakers.join(', '), formatDuration(talk.durationSeconds), formatDate(talk.date)].filter(Boolean);
  const classes = ['talk', talk.isNew ? 'talk--new' : '', marks?.watched ? 'talk--watched' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li class={classes} data-talk-id={talk.id}>
      <div class="talk__thumb" aria-hidden="true">
        {/* `src` last: attributes are set in this order, and a browser that starts the request as `src` is
            set would otherwise load eagerly and with a referrer (Chromium waits a microtask). */}
        {thumbnail ? (
          <img
            alt=""
            loading="lazy"
            decoding="async"
            width={96}
            height={54}
            referrerpolicy="no-referrer"
            src={thumbnail}
          />
        ) : (
          <span>{talk.conference.slice(0, 6)}</span>
        )}
      </div>
      <div class="talk__body">
        <a
          class="talk__title"
          href={href || undefined}
          target="_blank"
          rel="noopener noreferrer"
          onClick={() => onOpen(talk)}
        >
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
        {onPlay && pageUrlOf(talk.url) && (
          <button
            type="button"
            class="talk__play"
            aria-expanded={playingId === talk.id}
            aria-controls={playingId === talk.id ? 'popup-player' : undefined}
            title={t('player_play')}
            aria-label={t('player_play_label', talk.title)}
            onClick={() => onPlay(talk)}
          >
            ▶
          </button>
        )}
        {talk.isNew === 1 && onMarkSeen && (
          <button
            type="button"
            class="talk__seen"
            title={t('talk_mark_seen')}
            aria-label={t('talk_mark_seen_label', talk.title)}
            onClick={() => onMarkSeen(talk)}
          >
            ✓
          </button>
        )}
        {marks && onToggleLater && (
          <button
            type="button"
            class="talk__mark"
            aria-pressed={marks.later}
            title={marks.later ? t('talk_on_later') : t('talk_later')}
            aria-label={t('talk_later_label', talk.title)}
            onClick={() => onToggleLater(talk, !marks.later)}
          >
            {marks.later ? '★' : '☆'}
          </button>
        )}
        {marks && onToggleWatched && (
          <button
            type="button"
            class="talk__mark"
            aria-pressed={marks.watched}
            title={marks.watched ? t('talk_watched') : t('talk_mark_watched')}
            aria-label={t('talk_watched_label', talk.title)}
            onClick={() => onToggleWatched(talk, !marks.watched)}
          >
            {marks.watched ? '●' : '○'}
          </button>
        )}
      </div>
    </li>
  );
}
