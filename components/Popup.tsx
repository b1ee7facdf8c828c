import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { getDb } from '@/lib/db';
import { formatCount } from '@/lib/format';
import { mark, markOnce, PERF_MARKS } from '@/lib/perf-marks';
import { sendToBackground } from '@/lib/messages';
import { countTalks, loadLatestTalks, loadNewTalkGroups, searchTalks } from '@/lib/popup/queries';
import { describeSyncStatus } from '@/lib/popup/status-text';
import { readFirstScreen, type SummaryGroup, type TalkSummary, writeFirstScreen } from '@/lib/popup/first-screen';
import { useLiveQuery } from '@/lib/use-live-query';
import { useSyncStatus } from '@/lib/use-sync-status';
import { isSyncRunning } from '@/lib/sync-status';
import { MoreButton } from './MoreButton';
import { StatusBar } from './StatusBar';
import { EnableSiteBanner } from './EnableSiteBanner';
import { TalkRow } from './TalkRow';

const PAGE = 40;

export function Popup() {
  const db = getDb();
  const { status, progress, loaded } = useSyncStatus();
  const [query, setQuery] = useState('');
  const [latestLimit, setLatestLimit] = useState(PAGE);
  const [searchLimit, setSearchLimit] = useState(PAGE);
  const trimmed = query.trim();

  // Painted from the last opening until the live queries answer (lib/popup/first-screen.ts).
  const remembered = useMemo(() => readFirstScreen(), []);
  const liveNewGroups = useLiveQuery(() => loadNewTalkGroups(db), [status.lastSuccessAt]);
  const liveLatest = useLiveQuery(() => loadLatestTalks(db, latestLimit), [latestLimit, status.lastSuccessAt]);
  const liveTotal = useLiveQuery(() => countTalks(db), [status.lastSuccessAt]);
  const newGroups: SummaryGroup[] | undefined = liveNewGroups ?? remembered?.newGroups;
  const latest: TalkSummary[] | undefined = liveLatest ?? remembered?.latest;
  const total = liveTotal ?? remembered?.total;
  useEffect(() => {
    if (liveNewGroups && liveLatest && liveTotal !== undefined && latestLimit === PAGE) {
      writeFirstScreen({ newGroups: liveNewGroups, latest: liveLatest, total: liveTotal });
    }
  }, [liveNewGroups, liveLatest, liveTotal, latestLimit]);
  const results = useLiveQuery(() => (trimmed ? searchTalks(db, trimmed, searchLimit) : Promise.resolve(null)), [trimmed, searchLimit]);

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
  const onOpen = useCallback((talk: TalkSummary) => talk.isNew && markSeen(talk), [markSeen]);
  const moreLatest = useCallback(() => setLatestLimit((n) => n + PAGE), []);
  const moreResults = useCallback(() => setSearchLimit((n) => n + PAGE), []);

  return (
    <div class="popup">
      <header class="popup__header">
        <h1>Aftertalk</h1>
        <button type="button" class="button" onClick={refresh} disabled={running} aria-busy={running}>
          {running ? 'Checking…' : 'Refresh'}
        </button>
        <a class="icon-link" href="/options.html" target="_blank" title="Settings" aria-label="Settings">
          ⚙
        </a>
      </header>
      {loaded && <StatusBar line={line} />}
      <EnableSiteBanner />
      <input
        class="search"
        type="search"
        placeholder={total ? `Search ${formatCount(total)} talks by title, speaker, conference` : 'Search talks'}
        aria-label="Search the archive"
        value={query}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setSearchLimit(PAGE);
        }}
      />
      <main class="popup__lists">
        {trimmed ? (
          <SearchResults results={results} limit={searchLimit} onOpen={onOpen} onMore={moreResults} />
        ) : (
          <>
            {newCount > 0 && (
              <section aria-labelledby="new-heading" data-testid="new-talks">
                <div class="section-head">
                  <h2 id="new-heading">New talks ({newCount})</h2>
                  <button type="button" class="link-button" onClick={markAllSeen}>
                    Mark all seen
                  </button>
                </div>
                {newGroups!.map((group) => (
                  <div class="group" key={group.conference}>
                    <h3>{group.conference || 'Other'}</h3>
                    <ul class="talks">
                      {group.talks.map((talk) => (
                        <TalkRow key={talk.id} talk={talk} onOpen={onOpen} onMarkSeen={markSeen} />
                      ))}
                    </ul>
                  </div>
                ))}
              </section>
            )}
            <section aria-labelledby="latest-heading" data-testid="latest-talks">
              <h2 id="latest-heading">Latest releases</h2>
              {latest && latest.length > 0 ? (
                <ul class="talks">
                  {latest.map((talk) => (
                    <TalkRow key={talk.id} talk={talk} onOpen={onOpen} />
                  ))}
                </ul>
              ) : (
                <p class="empty">{total === 0 ? (running ? 'Fetching the list of recorded talks…' : 'No talks stored yet. Use Refresh to check the feed.') : newCount > 0 ? 'All recent talks are listed above.' : ''}</p>
              )}
              {latest && total !== undefined && latest.length >= latestLimit && latest.length + newCount < total && <MoreButton onMore={moreLatest} />}
            </section>
          </>
        )}
      </main>
    </div>
  );
}

function SearchResults({ results, limit, onOpen, onMore }: { results: TalkSummary[] | null | undefined; limit: number; onOpen: (t: TalkSummary) => void; onMore: () => void }) {
  if (!results) return null;
  if (results.length === 0) return <p class="empty">No talk in the archive matches.</p>;
  return (
    <section aria-label="Search results" data-testid="search-results">
      <ul class="talks">
        {results.map((talk) => (
          <TalkRow key={talk.id} talk={talk} onOpen={onOpen} />
        ))}
      </ul>
      {results.length >= limit && <MoreButton onMore={onMore} label="More results" />}
    </section>
  );
}
