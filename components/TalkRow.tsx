import { formatDate, formatDuration } from '@/lib/format';
import type { TalkSummary } from '@/lib/popup/first-screen';
import { safeHttpUrl } from '@/lib/http-url';

interface Props {
  talk: TalkSummary;
  onOpen: (talk: TalkSummary) => void;
  onMarkSeen?: (talk: TalkSummary) => void;
}

/** One talk: thumbnail, title, conference, speakers, duration, date. Feed text renders as text. */
export function TalkRow({ talk, onOpen, onMarkSeen }: Props) {
  const href = safeHttpUrl(talk.url);
  const thumbnail = safeHttpUrl(talk.thumbnail);
  const facts = [talk.speakers.join(', '), formatDuration(talk.durationSeconds), formatDate(talk.date)].filter(Boolean);
  return (
    <li class={`talk${talk.isNew ? ' talk--new' : ''}`} data-talk-id={talk.id}>
      <div class="talk__thumb" aria-hidden="true">
        {thumbnail ? <img src={thumbnail} alt="" loading="lazy" decoding="async" width={96} height={54} referrerpolicy="no-referrer" /> : <span>{talk.conference.slice(0, 6)}</span>}
      </div>
      <div class="talk__body">
        <a class="talk__title" href={href || undefined} target="_blank" rel="noopener noreferrer" onClick={() => onOpen(talk)}>
          {talk.title}
        </a>
        <div class="talk__meta">
          {talk.conference && <span class="talk__conference">{talk.conference}</span>}
          {facts.map((fact) => (
            <span key={fact}>{fact}</span>
          ))}
        </div>
      </div>
      {talk.isNew === 1 && onMarkSeen && (
        <button type="button" class="talk__seen" title="Mark as seen" aria-label={`Mark “${talk.title}” as seen`} onClick={() => onMarkSeen(talk)}>
          ✓
        </button>
      )}
    </li>
  );
}
