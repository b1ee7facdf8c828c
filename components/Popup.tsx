import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { handlePopupKey } from '@/lib/popup/keyboard';
import { getDb } from '@/lib/db';
import { formatCount } from '@/lib/format';
import { mark, markOnce, PERF_MARKS } from '@/lib/perf-marks';
import { sendToBackground } from '@/lib/messages';
import { setConferenceMark, setWatched, setWatchLater } from '@/lib/personal/actions';
import { countTalks, loadLatestTalks, loadNewTalkGroups, loadTalksById, searchTalks } from '@/lib/popup/queries';
import { describeSyncStatus } from '@/lib/popup/status-text';
import { readFirstScreen, type SummaryGroup, type TalkSummary, writeFirstScreen } from '@/lib/popup/first-screen';
import { useLiveQuery } from '@/lib/use-live-query';
import { usePersonal, type PersonalView } from '@/lib/use-personal';
import { useSyncStatus } from '@/lib/use-sync-status';
import { isSyncRunning } from '@/lib/sync-status';
import { MoreButton } from './MoreButton';
import { StatusBar } from './StatusBar';
import { EnableSiteBanner } from './EnableSiteBanner';
import { TalkRow, type TalkMarks } from './TalkRow';
import { WaitingList } from './WaitingList';

const PAGE = 40;

type View = 'talks' | 'later' | 'waiting';

/** Row props every list shares: the user's marks and what the row's buttons do. */
interface RowKit {
  marksOf: (talk: TalkSummary) => TalkMarks | undefined;
  onOpen: (talk: TalkSummary) => void;
  onToggleLater: (talk: TalkSummary, on: boolean) => void;
  onToggleWatched: (talk: TalkSummary, on: boolean) => void;
}

/** Changes whenever an audience rule changes, so the new-talk list is queried again. */
function audienceKey(personal: PersonalView | undefined): string {
  if (!personal) return '';
  const { followed, muted, languages } = personal.audience;
  return JSON.stringify([[...followed], [...muted], [...languages]]);
}

export function Popup() {
  const db = getDb();
  const { status, progress, loaded } = useSyncStatus();
  const personal = usePersonal();
  const [view, setView] = useState<View>('talks');
  const [query, setQuery] = useState('');
  const [latestLimit, setLatestLimit] = useState(PAGE);
  const [searchLimit, setSearchLimit] = useState(PAGE);
  const trimmed = query.trim();

  // Painted from the last opening until the live queries answer (lib/popup/first-screen.ts).
  const remembered = useMemo(() => readFirstScreen(), []);
  const rules = audienceKey(personal);
  const liveNew = useLiveQuery(() => (personal ? loadNewTalkGroups(db, personal.audience) : Promise.resolve(undefined)), [status.lastSuccessAt, rules]);
  const liveLatest = useLiveQuery(() => loadLatestTalks(db, latestLimit), [latestLimit, status.lastSuccessAt]);
  const liveTotal = useLiveQuery(() => countTalks(db), [status.lastSuccessAt]);
  const newGroups: SummaryGroup[] | undefined = liveNew?.groups ?? remembered?.newGroups;
  const latest: TalkSummary[] | undefined = liveLatest ?? remembered?.latest;
  const total = liveTotal ?? remembered?.total;
  useEffect(() => {
    if (liveNew && liveLatest && liveTotal !== undefined && latestLimit === PAGE) {
      writeFirstScreen({ newGroups: liveNew.groups, latest: liveLatest, total: liveTotal });
    }
  }, [liveNew, liveLatest, liveTotal, latestLimit]);
  const results = useLiveQuery(() => (trimmed ? searchTalks(db, trimmed, searchLimit) : Promise.resolve(null)), [trimmed, searchLimit]);
  const laterIds = personal?.watchLaterOrder ?? [];
  const laterTalks = useLiveQuery(() => (view === 'later' ? loadTalksById(db, laterIds) : Promise.resolve(null)), [view, laterIds.join('\n')]);

  useEffect(() => {
    if (latest) markOnce(PERF_MARKS.popupFirstList);
  }, [latest]);
  useEffect(() => {
    if (results !== undefined && trimmed) mark(PERF_MARKS.searchRendered, { query: trimmed });
    // Only when results arrive: `trimmed` changes first, before its results are there.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results]);

  const running = isSyncRunning(status);
  const line = useMemo(() => describeSyncStatus(status, progress), [status, progress]);
  const newCount = newGroups?.reduce((n, g) => n + g.talks.length, 0) ?? 0;

  const markSeen = useCallback((talk: TalkSummary) => void sendToBackground({ type: 'talks-seen', ids: [talk.id] }), []);
  const markAllSeen = useCallback(() => void sendToBackground({ type: 'talks-seen', ids: 'all' }), []);
  const refresh = useCallback(() => void sendToBackground({ type: 'sync-now' }), []);
  const markWatchedOnOpen = personal?.settings.markWatchedOnOpen ?? false;
  const kit: RowKit = {
    marksOf: (talk) => personal && { later: personal.watchLater.has(talk.id), watched: personal.watched.has(talk.id) },
    onOpen: (talk) => {
      if (talk.isNew) markSeen(talk);
      if (markWatchedOnOpen) void setWatched(talk.id, true);
    },
    onToggleLater: (talk, on) => void setWatchLater(talk.id, on),
    onToggleWatched: (talk, on) => void setWatched(talk.id, on),
  };
  const moreLatest = useCallback(() => setLatestLimit((n) => n + PAGE), []);
  const moreResults = useCallback(() => setSearchLimit((n) => n + PAGE), []);
  const waitingCount = personal?.waiting.length ?? 0;
  const listRef = useRef<HTMLElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => listRef.current && handlePopupKey(event, listRef.current, searchRef.current, { refresh, markAllSeen });
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [refresh, markAllSeen]);

  return (
    <div class="popup">
      <header class="popup__header">
        <h1>Aftertalk</h1>
        <button type="button" class="button" onClick={refresh} disabled={running} aria-busy={running} aria-keyshortcuts="r" title="Check the feed now (r)">
          {running ? 'Checking…' : 'Refresh'}
        </button>
        <a class="icon-link" href="/options.html" target="_blank" title="Settings" aria-label="Settings">
          ⚙
        </a>
      </header>
      {loaded && <StatusBar line={line} />}
      <EnableSiteBanner />
      <input
        ref={searchRef}
        class="search"
        type="search"
        placeholder={total ? `Search ${formatCount(total)} talks by title, speaker, conference` : 'Search talks'}
        aria-keyshortcuts="/"
        title="Search (/). In the lists: ↑ ↓ move, Enter opens, r refreshes, m marks all seen"
        aria-label="Search the archive"
        value={query}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setSearchLimit(PAGE);
        }}
      />
      {!trimmed && (
        <nav class="tabs" role="tablist" aria-label="Lists">
          <Tab id="talks" current={view} onSelect={setView} label="Talks" count={newCount} />
          <Tab id="later" current={view} onSelect={setView} label="Watch later" count={laterIds.length} />
          <Tab id="waiting" current={view} onSelect={setView} label="Waiting" count={waitingCount} />
        </nav>
      )}
      <main class="popup__lists" ref={listRef}>
        <div id="popup-list" role={trimmed ? undefined : 'tabpanel'} aria-labelledby={trimmed ? undefined : `tab-${view}`}>
          {trimmed ? (
            <SearchResults results={results} limit={searchLimit} kit={kit} onMore={moreResults} />
          ) : view === 'later' ? (
            <WatchLaterList talks={laterTalks} kit={kit} missing={laterTalks ? laterIds.length - laterTalks.length : 0} />
          ) : view === 'waiting' ? (
            <WaitingList entries={personal?.waiting ?? []} />
          ) : (
            <>
              {newCount > 0 && (
                <section aria-labelledby="new-heading" data-testid="new-talks">
                  <div class="section-head">
                    <h2 id="new-heading">New talks ({newCount})</h2>
                    <button type="button" class="link-button" onClick={markAllSeen} aria-keyshortcuts="m" title="Mark all seen (m)">
                      Mark all seen
                    </button>
                  </div>
                  {newGroups!.map((group) => (
                    <div class="group" key={group.conference}>
                      <ConferenceHead conference={group.conference} personal={personal} />
                      <ul class="talks">
                        {group.talks.map((talk) => (
                          <TalkRow key={talk.id} talk={talk} onMarkSeen={markSeen} marks={kit.marksOf(talk)} {...kit} />
                        ))}
                      </ul>
                    </div>
                  ))}
                </section>
              )}
              {(liveNew?.hidden ?? 0) > 0 && (
                <p class="hint-line" data-testid="hidden-new">
                  {formatCount(liveNew!.hidden)} new {liveNew!.hidden === 1 ? 'talk' : 'talks'} from muted conferences or other languages not listed.{' '}
                  <a href="/options.html#conferences" target="_blank">
                    Change
                  </a>
                </p>
              )}
              <section aria-labelledby="latest-heading" data-testid="latest-talks">
                <h2 id="latest-heading">Latest releases</h2>
                {latest && latest.length > 0 ? (
                  <ul class="talks">
                    {latest.map((talk) => (
                      <TalkRow key={talk.id} talk={talk} marks={kit.marksOf(talk)} {...kit} />
                    ))}
                  </ul>
                ) : (
                  <p class="empty">{total === 0 ? (running ? 'Fetching the list of recorded talks…' : 'No talks stored yet. Use Refresh to check the feed.') : newCount > 0 ? 'All recent talks are listed above.' : ''}</p>
                )}
                {latest && total !== undefined && latest.length >= latestLimit && latest.length + newCount < total && <MoreButton onMore={moreLatest} />}
              </section>
            </>
          )}
        </div>
      </main>
    </div>
  );
}

function Tab({ id, current, onSelect, label, count }: { id: View; current: View; onSelect: (view: View) => void; label: string; count: number }) {
  const selected = id === current;
  return (
    <button type="button" role="tab" class="tab" id={`tab-${id}`} aria-selected={selected} aria-controls="popup-list" onClick={() => onSelect(id)}>
      {label}
      {count > 0 && <span class="tab__count">{formatCount(count)}</span>}
    </button>
  );
}

/** A conference heading in the new list, with Follow (listed first) and Mute (never counted). */
function ConferenceHead({ conference, personal }: { conference: string; personal: PersonalView | undefined }) {
  const followed = personal?.audience.followed.has(conference) ?? false;
  return (
    <div class="group__head">
      <h3>{conference || 'Other'}</h3>
      {conference && personal && (
        <>
          <button type="button" class="chip" aria-pressed={followed} title={followed ? `Stop following ${conference}` : `Follow ${conference}: listed first`} onClick={() => void setConferenceMark(conference, followed ? null : 'follow')}>
            {followed ? '★ Following' : '☆ Follow'}
          </button>
          <button type="button" class="chip" title={`Mute ${conference}: its new talks no longer count or notify`} onClick={() => void setConferenceMark(conference, 'mute')}>
            Mute
          </button>
        </>
      )}
    </div>
  );
}

function WatchLaterList({ talks, kit, missing }: { talks: TalkSummary[] | null | undefined; kit: RowKit; missing: number }) {
  if (!talks) return null;
  return (
    <section aria-labelledby="later-heading" data-testid="watch-later">
      <h2 id="later-heading">Watch later ({formatCount(talks.length)})</h2>
      {talks.length === 0 ? (
        <p class="empty">Nothing here yet. Use ☆ on a talk, here or in the box on a schedule page, to keep it for later.</p>
      ) : (
        <ul class="talks">
          {talks.map((talk) => (
            <TalkRow key={talk.id} talk={talk} marks={kit.marksOf(talk)} {...kit} />
          ))}
        </ul>
      )}
      {missing > 0 && <p class="hint-line">{formatCount(missing)} more from your other browsers will show once this browser's archive has them.</p>}
    </section>
  );
}

function SearchResults({ results, limit, kit, onMore }: { results: TalkSummary[] | null | undefined; limit: number; kit: RowKit; onMore: () => void }) {
  if (!results) return null;
  if (results.length === 0) return <p class="empty">No talk in the archive matches.</p>;
  return (
    <section aria-label="Search results" data-testid="search-results">
      <ul class="talks">
        {results.map((talk) => (
          <TalkRow key={talk.id} talk={talk} marks={kit.marksOf(talk)} {...kit} />
        ))}
      </ul>
      {results.length >= limit && <MoreButton onMore={onMore} label="More results" />}
    </section>
  );
}
