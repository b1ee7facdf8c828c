import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getDb } from '@/lib/archive/db';
import { formatCount } from '@/lib/format';
import { send } from '@/lib/messages';
import { listFullMessage, setConferenceMark, setWatched, setWatchLater } from '@/lib/personal/actions';
import { ownMediaHost } from '@/lib/personal/settings';
import type { ConferenceMark } from '@/lib/personal/state';
import { isSyncRunning } from '@/lib/poll/status';
import { type TalkSummary } from '@/lib/ui/first-screen';
import { handlePopupKey } from '@/lib/ui/keyboard';
import { warmSearch } from '@/lib/ui/queries';
import { describeSyncStatus } from '@/lib/ui/status-text';
import { usePersonal, type PersonalView } from '@/lib/ui/use-personal';
import { LATEST_PAGE, SEARCH_PAGE, usePopupLists } from '@/lib/ui/use-popup-lists';
import { useSearchAll } from '@/lib/ui/use-search-all';
import { useSyncStatus } from '@/lib/ui/use-sync-status';
import { useVisibleFirst } from '@/lib/ui/visible-first';
import { EnableSiteBanner } from './EnableSiteBanner';
import { LiveNow } from './LiveNow';
import { PlayerLoading } from './player/PlayerLoading';
import { usePlayerCode } from './player/use-player-code';
import { MoreButton } from './MoreButton';
import { StatusBar } from './StatusBar';
import { SearchAll } from './SearchAll';
import { TalkRow, type RowKit } from './TalkRow';
import { WaitingList } from './WaitingList';
import { t, tp } from '@/lib/i18n';

type View = 'talks' | 'later' | 'waiting';

export function Popup() {
  const db = getDb();
  const { status, progress, loaded } = useSyncStatus();
  const personal = usePersonal();
  const [view, setView] = useState<View>('talks');
  const [query, setQuery] = useState('');
  const [latestLimit, setLatestLimit] = useState(LATEST_PAGE);
  const [searchLimit, setSearchLimit] = useState(SEARCH_PAGE);
  const trimmed = query.trim();

  const { newGroups, hiddenNew, latest, total, results, laterIds, laterTalks, painted, shown } = usePopupLists({
    db,
    status,
    personal,
    view,
    search: trimmed,
    latestLimit,
    searchLimit,
  });

  const searchAll = useSearchAll(db, trimmed);
  // While media.ccc.de is searched, the local results stay as they were: the worker stores the hits
  // a moment before it answers, and they would flash up in this list before moving below.
  const resultsBefore = useRef(results);
  if (searchAll.phase !== 'searching') resultsBefore.current = results;
  const localSearch = searchAll.phase === 'searching' ? resultsBefore.current : results;
  // media.ccc.de's hits for these words are listed under their own heading, not twice.
  const fromArchive = searchAll.phase === 'found' ? new Set(searchAll.ids) : null;
  const localResults =
    fromArchive && localSearch ? localSearch.filter((talk) => !fromArchive.has(talk.id)) : localSearch;

  const running = isSyncRunning(status);
  const line = useMemo(() => describeSyncStatus(status, progress), [status, progress]);
  const newCount = newGroups?.reduce((n, g) => n + g.talks.length, 0) ?? 0;
  const markSeen = useCallback((talk: TalkSummary) => void send({ type: 'talks-seen', ids: [talk.id] }), []);
  const markAllSeen = useCallback(() => void send({ type: 'talks-seen', ids: 'all' }), []);
  const refresh = useCallback(() => void send({ type: 'sync-now' }), []);
  const markWatchedOnOpen = personal?.settings.markWatchedOnOpen ?? false;
  // Stable callbacks (rows skip re-rendering when nothing they show changed, components/TalkRow.tsx)
  // that always act on the latest settings.
  const openRef = useRef(markWatchedOnOpen);
  openRef.current = markWatchedOnOpen;
  // A list at its cap (lib/personal/state.ts LIST_CAP) refuses the action; the popup says why.
  const [notice, setNotice] = useState<string | null>(null);
  const handlers = useMemo(() => {
    const settle = (action: Promise<unknown>) =>
      void action.then(
        () => setNotice(null),
        (error: unknown) => setNotice(listFullMessage(error)),
      );
    return {
      onOpen: (talk: TalkSummary) => {
        if (talk.isNew) markSeen(talk);
        if (openRef.current) settle(setWatched(talk.id, true));
      },
      onToggleLater: (talk: TalkSummary, on: boolean) => settle(setWatchLater(talk.id, on)),
      onToggleWatched: (talk: TalkSummary, on: boolean) => settle(setWatched(talk.id, on)),
      onMarkConference: (conference: string, mark: ConferenceMark | null) =>
        settle(setConferenceMark(conference, mark)),
    };
  }, [markSeen]);
  // The popup's player: one talk at a time, above the lists, until closed (or the popup closes).
  const [playing, setPlaying] = useState<TalkSummary | null>(null);
  const Player = usePlayerCode(!!playing);
  const playedRef = useRef({ markWatched: true, watched: false });
  playedRef.current = {
    markWatched: personal?.settings.markWatchedWhenPlayed ?? true,
    watched: !!playing && !!personal?.watched.has(playing.id),
  };
  const onPlay = useCallback(
    (talk: TalkSummary) => {
      setPlaying((current) => (current?.id === talk.id ? null : talk));
      if (talk.isNew) markSeen(talk);
    },
    [markSeen],
  );
  const closePlayer = useCallback(() => {
    const id = playing?.id;
    setPlaying(null);
    // Focus goes back to the row's Play button.
    if (id)
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`[data-talk-id="${CSS.escape(id)}"] .talk__play`)?.focus(),
      );
  }, [playing]);
  const kit: RowKit = {
    marksOf: (talk) => personal && { later: personal.watchLater.has(talk.id), watched: personal.watched.has(talk.id) },
    ...handlers,
    onPlay,
    playingId: playing?.id ?? '',
    ownHost: personal ? ownMediaHost(personal.settings) : '',
  };
  const moreLatest = useCallback(() => setLatestLimit((n) => n + LATEST_PAGE), []);
  const moreResults = useCallback(() => setSearchLimit((n) => n + SEARCH_PAGE), []);
  const waitingCount = personal?.waiting.length ?? 0;
  const listRef = useRef<HTMLElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) =>
      listRef.current && handlePopupKey(event, listRef.current, searchRef.current, { refresh, markAllSeen });
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [refresh, markAllSeen]);

  return (
    <div class="popup">
      <header class="popup__header">
        <h1>Aftertalk</h1>
        <button
          type="button"
          class="button"
          onClick={refresh}
          disabled={running}
          aria-busy={running}
          aria-keyshortcuts="r"
          title={t('popup_refresh_title')}
        >
          {running ? t('popup_checking') : t('popup_refresh')}
        </button>
        <a
          class="icon-link"
          href="/options.html"
          target="_blank"
          title={t('popup_settings')}
          aria-label={t('popup_settings')}
        >
          ⚙
        </a>
      </header>
      {loaded && <StatusBar line={line} />}
      {notice && (
        <p class="notice notice--error" role="alert" data-testid="list-full">
          {notice}
        </p>
      )}
      <EnableSiteBanner />
      <input
        ref={searchRef}
        class="search"
        type="search"
        placeholder={total ? tp('popup_search_placeholder', total, formatCount(total)) : t('popup_search_talks')}
        aria-keyshortcuts="/"
        title={t('popup_search_title')}
        aria-label={t('popup_search_label')}
        value={query}
        onFocus={() => warmSearch(db)}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setSearchLimit(SEARCH_PAGE);
        }}
      />
      {!trimmed && (
        <nav class="tabs" role="tablist" aria-label={t('popup_lists')}>
          <Tab id="talks" current={view} onSelect={setView} label={t('popup_tab_talks')} count={newCount} />
          <Tab id="later" current={view} onSelect={setView} label={t('popup_tab_later')} count={laterIds.length} />
          <Tab id="waiting" current={view} onSelect={setView} label={t('popup_tab_waiting')} count={waitingCount} />
        </nav>
      )}
      {playing && (
        <div id="popup-player" class="popup__player">
          {!Player && <PlayerLoading />}
          {Player && (
            <Player
              key={playing.id}
              place="popup"
              talk={{
                id: playing.id,
                title: playing.title,
                url: playing.url,
                fileUrl: '',
                fileType: '',
                language: '',
                durationSeconds: playing.durationSeconds,
                poster: playing.thumbnail,
              }}
              loadSources={(talkId) => send({ type: 'player-sources', talkId })}
              onPlayed={() => {
                const { markWatched, watched } = playedRef.current;
                if (markWatched && !watched) void setWatched(playing.id, true).catch(() => undefined);
              }}
              onClose={closePlayer}
            />
          )}
        </div>
      )}
      <main class="popup__lists" ref={listRef}>
        <div
          id="popup-list"
          role={trimmed ? undefined : 'tabpanel'}
          aria-labelledby={trimmed ? undefined : `tab-${view}`}
        >
          {trimmed ? (
            <>
              <SearchResults
                results={localResults}
                limit={searchLimit}
                kit={kit}
                onMore={moreResults}
                quietWhenEmpty={!!searchAll.talks?.length}
              />
              <SearchAll view={searchAll} localCount={results?.length} kit={kit} />
            </>
          ) : view === 'later' ? (
            <WatchLaterList
              talks={laterTalks}
              kit={kit}
              missing={laterTalks ? laterIds.length - laterTalks.length : 0}
            />
          ) : view === 'waiting' ? (
            <WaitingList entries={personal?.waiting ?? []} />
          ) : (
            <>
              <LiveNow personal={personal} />
              {newCount > 0 && (
                <section aria-labelledby="new-heading" data-testid="new-talks">
                  <div class="section-head">
                    <h2 id="new-heading">{t('popup_new_talks', formatCount(newCount))}</h2>
                    <button
                      type="button"
                      class="link-button"
                      onClick={markAllSeen}
                      aria-keyshortcuts="m"
                      title={t('popup_mark_all_seen_title')}
                    >
                      {t('popup_mark_all_seen')}
                    </button>
                  </div>
                  {shown.groups!.map((group) => (
                    <div class="group" key={group.conference}>
                      <ConferenceHead
                        conference={group.conference}
                        personal={personal}
                        onMark={handlers.onMarkConference}
                      />
                      <ul class="talks">
                        {group.talks.map((talk) => (
                          <TalkRow key={talk.id} talk={talk} onMarkSeen={markSeen} marks={kit.marksOf(talk)} {...kit} />
                        ))}
                      </ul>
                    </div>
                  ))}
                </section>
              )}
              {hiddenNew > 0 && (
                <p class="hint-line" data-testid="hidden-new">
                  {tp('popup_hidden_new', hiddenNew, formatCount(hiddenNew))}{' '}
                  <a href="/options.html#conferences" target="_blank">
                    {t('popup_change')}
                  </a>
                </p>
              )}
              <section aria-labelledby="latest-heading" data-testid="latest-talks">
                <h2 id="latest-heading">{t('popup_latest')}</h2>
                {latest && latest.length > 0 ? (
                  <ul class="talks">
                    {shown.latest!.map((talk) => (
                      <TalkRow key={talk.id} talk={talk} marks={kit.marksOf(talk)} {...kit} />
                    ))}
                  </ul>
                ) : (
                  <p class="empty">
                    {total === 0
                      ? running
                        ? t('popup_fetching')
                        : t('popup_no_talks')
                      : newCount > 0
                        ? t('popup_all_above')
                        : ''}
                  </p>
                )}
                {painted &&
                  latest &&
                  total !== undefined &&
                  latest.length >= latestLimit &&
                  latest.length + newCount < total && <MoreButton onMore={moreLatest} />}
              </section>
            </>
          )}
        </div>
      </main>
    </div>
  );
}

function Tab({
  id,
  current,
  onSelect,
  label,
  count,
}: {
  id: View;
  current: View;
  onSelect: (view: View) => void;
  label: string;
  count: number;
}) {
  const selected = id === current;
  return (
    <button
      type="button"
      role="tab"
      class="tab"
      id={`tab-${id}`}
      aria-selected={selected}
      aria-controls="popup-list"
      onClick={() => onSelect(id)}
    >
      {label}
      {count > 0 && <span class="tab__count">{formatCount(count)}</span>}
    </button>
  );
}

/** A conference heading in the new list, with Follow (listed first) and Mute (never counted). */
function ConferenceHead({
  conference,
  personal,
  onMark,
}: {
  conference: string;
  personal: PersonalView | undefined;
  onMark: (conference: string, mark: ConferenceMark | null) => void;
}) {
  const followed = personal?.audience.followed.has(conference) ?? false;
  return (
    <div class="group__head">
      <h3>{conference || t('popup_other_conference')}</h3>
      {conference && personal && (
        <>
          <button
            type="button"
            class="chip"
            aria-pressed={followed}
            title={followed ? t('conference_unfollow_title', conference) : t('conference_follow_title', conference)}
            onClick={() => onMark(conference, followed ? null : 'follow')}
          >
            {followed ? t('conference_following') : t('conference_follow')}
          </button>
          <button
            type="button"
            class="chip"
            title={t('conference_mute_title', conference)}
            onClick={() => onMark(conference, 'mute')}
          >
            {t('conference_mute')}
          </button>
        </>
      )}
    </div>
  );
}

function WatchLaterList({
  talks,
  kit,
  missing,
}: {
  talks: TalkSummary[] | null | undefined;
  kit: RowKit;
  missing: number;
}) {
  const count = useVisibleFirst(idsOf(talks));
  if (!talks) return null;
  return (
    <section aria-labelledby="later-heading" data-testid="watch-later">
      <h2 id="later-heading">{t('popup_later_heading', formatCount(talks.length))}</h2>
      {talks.length === 0 ? (
        <p class="empty">{t('popup_later_empty')}</p>
      ) : (
        <ul class="talks">
          {talks.slice(0, count).map((talk) => (
            <TalkRow key={talk.id} talk={talk} marks={kit.marksOf(talk)} {...kit} />
          ))}
        </ul>
      )}
      {missing > 0 && <p class="hint-line">{t('popup_later_missing', formatCount(missing))}</p>}
    </section>
  );
}

function SearchResults({
  results,
  limit,
  kit,
  onMore,
  quietWhenEmpty,
}: {
  results: TalkSummary[] | null | undefined;
  limit: number;
  kit: RowKit;
  onMore: () => void;
  /** Say nothing when empty: media.ccc.de's hits, now in the archive, are listed below. */
  quietWhenEmpty: boolean;
}) {
  const count = useVisibleFirst(idsOf(results));
  if (!results) return null;
  if (results.length === 0) return quietWhenEmpty ? null : <p class="empty">{t('popup_no_match')}</p>;
  return (
    <section aria-label={t('popup_search_results')} data-testid="search-results">
      <ul class="talks">
        {results.slice(0, count).map((talk) => (
          <TalkRow key={talk.id} talk={talk} marks={kit.marksOf(talk)} {...kit} />
        ))}
      </ul>
      {count === results.length && results.length >= limit && (
        <MoreButton onMore={onMore} label={t('popup_more_results')} />
      )}
    </section>
  );
}

const idsOf = (talks: readonly TalkSummary[] | null | undefined): string[] => talks?.map((talk) => talk.id) ?? [];
