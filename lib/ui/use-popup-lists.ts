/**
 * The popup's lists as one hook: the new talks (grouped by conference, under the audience rules),
 * the latest releases, the archive's size, search results and Watch later, each a live query that
 * re-renders when the archive changes. Until the queries answer, the first screen remembered from
 * the last opening stands in (lib/ui/first-screen.ts), and the first frame builds only the rows
 * that fit (lib/ui/visible-first.ts). The User Timing marks the benchmark reads are set here.
 */
import { useEffect, useLayoutEffect, useMemo } from 'preact/hooks';
import type { AftertalkDb } from '../archive/db';
import type { SyncStatus } from '../poll/status';
import { mark, markOnce, PERF_MARKS } from '../perf-marks';
import { readFirstScreen, writeFirstScreen, type SummaryGroup, type TalkSummary } from './first-screen';
import { POPUP_ROOT_ID, rememberFirstPaint } from './first-paint';
import { countTalks, loadLatestTalks, loadNewTalkGroups, loadTalksById, searchTalks, warmSearch } from './queries';
import { useLiveQuery } from './use-live-query';
import type { PersonalView } from './use-personal';
import { firstRowsOf, ROWS_IN_VIEW, usePaintedOnce } from './visible-first';

/** Latest releases come 40 at a time, as the list is scrolled. */
export const LATEST_PAGE = 40;
/**
 * Search results come a page of 20 at a time: the popup shows about eight rows, and each new row
 * costs a keystroke time (a first letter replaces the whole list).
 */
export const SEARCH_PAGE = 20;

export interface PopupListsInput {
  db: AftertalkDb;
  status: SyncStatus;
  personal: PersonalView | undefined;
  view: 'talks' | 'later' | 'waiting';
  /** The trimmed search text, '' for none. */
  search: string;
  latestLimit: number;
  searchLimit: number;
}

/** Changes whenever an audience rule changes, so the new-talk list is queried again. */
function audienceKey(personal: PersonalView | undefined): string {
  if (!personal) return '';
  const { followed, muted, languages } = personal.audience;
  return JSON.stringify([[...followed], [...muted], [...languages]]);
}

export function usePopupLists({ db, status, personal, view, search, latestLimit, searchLimit }: PopupListsInput) {
  const trimmed = search;
  // Painted from the last opening until the live queries answer (lib/ui/first-screen.ts).
  const remembered = useMemo(() => readFirstScreen(), []);
  const rules = audienceKey(personal);
  const liveNew = useLiveQuery(
    () => (personal ? loadNewTalkGroups(db, personal.audience) : Promise.resolve(undefined)),
    [status.lastSuccessAt, rules],
  );
  const liveLatest = useLiveQuery(() => loadLatestTalks(db, latestLimit), [latestLimit, status.lastSuccessAt]);
  const liveTotal = useLiveQuery(() => countTalks(db), [status.lastSuccessAt]);
  const newGroups: SummaryGroup[] | undefined = liveNew?.groups ?? remembered?.newGroups;
  const latest: TalkSummary[] | undefined = liveLatest ?? remembered?.latest;
  const total = liveTotal ?? remembered?.total;
  useEffect(() => {
    if (liveNew && liveLatest && liveTotal !== undefined && latestLimit === LATEST_PAGE) {
      writeFirstScreen({ newGroups: liveNew.groups, latest: liveLatest, total: liveTotal });
    }
  }, [liveNew, liveLatest, liveTotal, latestLimit]);
  const results = useLiveQuery(
    () => (trimmed ? searchTalks(db, trimmed, searchLimit) : Promise.resolve(null)),
    [trimmed, searchLimit],
  );
  // The search index is read once the first screen is up, so the first keystroke does not wait for it.
  useEffect(() => {
    const warm = () => warmSearch(db);
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(warm, { timeout: 1000 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(warm, 200);
    return () => clearTimeout(timer);
  }, [db]);
  const laterIds = personal?.watchLaterOrder ?? [];
  const laterTalks = useLiveQuery(
    () => (view === 'later' ? loadTalksById(db, laterIds) : Promise.resolve(null)),
    [view, laterIds.join('\n')],
  );

  // Layout effects run once the rows are in the DOM, before the browser paints them; plain effects
  // would wait for the next frame and time the frame rate instead of the popup.
  useLayoutEffect(() => {
    if (latest) markOnce(PERF_MARKS.popupFirstList);
  }, [latest]);
  useLayoutEffect(() => {
    if (results !== undefined && trimmed) mark(PERF_MARKS.searchRendered, { query: trimmed });
    // Only when results arrive: `trimmed` changes first, before its results are there.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results]);

  // The first frame shows the rows that fit (lib/ui/visible-first.ts); the rest follow.
  const painted = usePaintedOnce();
  const shown = useMemo(() => {
    if (painted) return { groups: newGroups, latest };
    const cut = firstRowsOf([...(newGroups ?? []).map((g) => g.talks), latest ?? []], ROWS_IN_VIEW);
    return {
      groups: newGroups
        ?.map((g, i) => ({ conference: g.conference, talks: cut[i]! }))
        .filter((g) => g.talks.length > 0),
      latest: latest && cut[cut.length - 1],
    };
  }, [painted, newGroups, latest]);

  // The screen as painted, for the next opening's first frame (lib/ui/first-paint.ts): only the
  // opening screen, once the live queries answered and every row is there.
  const opening = !trimmed && view === 'talks' && latestLimit === LATEST_PAGE;
  useEffect(() => {
    if (opening && painted && liveNew && liveLatest && liveTotal !== undefined)
      rememberFirstPaint(document.getElementById(POPUP_ROOT_ID));
  }, [opening, painted, liveNew, liveLatest, liveTotal, personal]);

  /** New talks not listed because of a mute or a language rule. */
  const hiddenNew = liveNew?.hidden ?? 0;
  return { newGroups, hiddenNew, latest, total, results, laterIds, laterTalks, painted, shown };
}
