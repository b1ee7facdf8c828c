/**
 * The popup's "Search all of media.ccc.de": offered when the local search finds few talks, asked
 * only when the user clicks (the words then leave the browser), answered by the worker
 * (lib/history/search-all.ts) with the ids of the hits it kept as history; the hits are then read
 * from the archive like any talk. What was found belongs to the words it was found for: other
 * words, even a cleared field, start afresh, and a later search for the same words finds the
 * talks locally.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AftertalkDb } from '../archive/db';
import type { StoredTalk } from '../archive/talk';
import { MAX_SEARCH_QUERY, send as sendToBackground, type Send } from '../messages';
import { loadTalksById } from './queries';
import { useLiveQuery } from './use-live-query';

/** Fewer local results than this (none included), and the popup offers to search all of media.ccc.de. */
export const FEW_RESULTS = 5;

export type SearchAllPhase = 'idle' | 'searching' | 'found' | 'failed';

interface SearchAllState {
  words: string;
  phase: SearchAllPhase;
  ids: string[];
}

export interface SearchAllView {
  /** What a click sends: the search text, cut to what the worker accepts. */
  words: string;
  phase: SearchAllPhase;
  /** The hits' ids in media.ccc.de's order (empty unless `found`). */
  ids: string[];
  /** The hits as the archive holds them; undefined until read (and unless `found`). */
  talks: StoredTalk[] | undefined;
  /** Sends the words to media.ccc.de's search (the worker asks, the archive keeps the hits). */
  start: () => void;
}

const IDLE: SearchAllState = { words: '', phase: 'idle', ids: [] };

/** `search` is the popup's trimmed search text; `send` is replaceable for tests. */
export function useSearchAll(db: AftertalkDb, search: string, send: Send = sendToBackground): SearchAllView {
  const words = search.slice(0, MAX_SEARCH_QUERY).trim();
  const [state, setState] = useState<SearchAllState>(IDLE);
  const current = useRef(words);
  current.current = words;
  // Other words: what was found (or is being asked) is for the old ones, and an answer still
  // under way is dropped when it comes (below).
  useEffect(() => {
    setState((previous) => (previous.words === words ? previous : IDLE));
  }, [words]);
  const start = useCallback(() => {
    const asked = current.current;
    if (!asked) return;
    setState({ words: asked, phase: 'searching', ids: [] });
    const settle = (next: SearchAllState) => {
      if (current.current === asked) setState(next);
    };
    send({ type: 'history-search', query: asked }).then(
      // No answer at all (a worker that dropped the message) is a failure like any other.
      (answer) =>
        settle(
          answer?.ok === true && Array.isArray(answer.ids)
            ? { words: asked, phase: 'found', ids: answer.ids }
            : { words: asked, phase: 'failed', ids: [] },
        ),
      () => settle({ words: asked, phase: 'failed', ids: [] }),
    );
  }, [send]);
  const own = state.words === words ? state : IDLE;
  const key = own.phase === 'found' ? own.ids.join('\n') : null;
  // A live query: the rows follow what the archive holds (a feed poll updating one of the talks).
  // It keeps its last answer until the next arrives, so each answer says which hits it is for.
  const read = useLiveQuery(
    async () => (key === null ? null : { key, talks: await loadTalksById(db, own.ids) }),
    [db, key],
  );
  const talks = key !== null && read?.key === key ? read.talks : undefined;
  return { words, phase: own.phase, ids: own.ids, talks, start };
}
