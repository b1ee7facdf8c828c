import { formatCount } from '@/lib/format';
import { t, tp } from '@/lib/i18n';
import { FEW_RESULTS, type SearchAllView } from '@/lib/ui/use-search-all';
import { TalkRow, type RowKit } from './TalkRow';

/**
 * Below the popup's search results: when the archive has few talks for the words, a button that
 * searches all of media.ccc.de (saying that the words are sent there), then what it found, under
 * a heading that says where the talks came from. One status line, read out politely, says what
 * is going on: searching, found, nothing found, or failed.
 */
export function SearchAll({
  view,
  localCount,
  kit,
}: {
  view: SearchAllView;
  /** How many talks the local search found; undefined while it is still asking. */
  localCount: number | undefined;
  kit: RowKit;
}) {
  const { words, phase, talks } = view;
  if (!words) return null;
  // After a failure the button stays, to try again; after an answer there is nothing more to ask.
  const offered = localCount !== undefined && localCount < FEW_RESULTS && (phase === 'idle' || phase === 'failed');
  const hits = phase === 'found' && talks ? talks : null;
  const status =
    phase === 'searching'
      ? t('popup_search_all_searching')
      : phase === 'failed'
        ? t('popup_search_all_failed')
        : hits
          ? hits.length
            ? tp('popup_search_all_found', hits.length, formatCount(hits.length))
            : t('popup_search_all_none', words)
          : '';
  return (
    <div class="search-all">
      {hits && hits.length > 0 && (
        <h2 id="search-all-heading" class="search-all__heading">
          {t('popup_search_all_heading')}
        </h2>
      )}
      {/* Always in the page, so a screen reader announces each change of its text. */}
      <p
        class={phase === 'failed' ? 'search-all__status search-all__status--error' : 'search-all__status'}
        role="status"
        aria-live="polite"
      >
        {status}
      </p>
      {hits && hits.length > 0 && (
        <ul class="talks" aria-labelledby="search-all-heading" data-testid="search-all-results">
          {hits.map((talk) => (
            <TalkRow key={talk.id} talk={talk} marks={kit.marksOf(talk)} {...kit} />
          ))}
        </ul>
      )}
      {offered && (
        <div class="search-all__offer">
          <button type="button" class="button button--quiet search-all__button" onClick={view.start}>
            {t('popup_search_all_button', words)}
          </button>
          <p class="search-all__note">{t('popup_search_all_note')}</p>
        </div>
      )}
    </div>
  );
}
