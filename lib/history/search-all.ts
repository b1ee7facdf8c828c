/**
 * "Search all of media.ccc.de" in the popup: the user's own search words, sent to media.ccc.de's
 * search (`events/search?q=`) only when the user asks for it, and its hits kept as history
 * (lib/archive/merge.ts `mergeHistoryIntoArchive`) so the popup can list them and a later local
 * search finds them. Unlike the schedule pages' title search (reach-back.ts), every hit is taken:
 * the user reads the list and judges it, nothing is matched to a page. History, never news: no hit
 * is new, counted on the badge or announced.
 */
import type { AftertalkDb } from '../archive/db';
import { mergeHistoryIntoArchive, type HistoryTalk, type MergeResult } from '../archive/merge';
import { HistoryError } from './api-json';
import { historyTalkOf, parseEventList } from './api-shapes';
import { getApi, isBackingOff, type ApiDeps } from './client';

/** One page of the API's search: what it answers without asking for more. */
export const MAX_SEARCH_HITS = 25;

/**
 * What the popup is told: the hits' ids in the API's order (all of them in the archive now), or why
 * there are none. `busy`: media.ccc.de asked us to wait (a 429 or 5xx, now or shortly before), and
 * the client asks nothing until its backoff has passed; `unreachable`: any other failure.
 */
export type SearchAllAnswer = { ok: true; ids: string[] } | { ok: false; error: 'unreachable' | 'busy' };

export interface SearchAllDeps extends ApiDeps {
  db: AftertalkDb;
}

export interface SearchAllResult {
  answer: SearchAllAnswer;
  /** What landed in the archive, for the related-talks index (null: nothing was stored). */
  merge: MergeResult | null;
}

/**
 * Asks media.ccc.de's search for `query` (checked by lib/messages.ts: 1 to 200 characters) and
 * stores the hits as history. Never throws: the popup gets an answer it can word, whatever failed.
 */
export async function searchAll(deps: SearchAllDeps, query: string): Promise<SearchAllResult> {
  const now = (deps.now ?? Date.now)();
  try {
    // No ETag is sent (each search is asked once, when the user clicks), so no 304 can come back.
    const answer = await getApi(`events/search?q=${encodeURIComponent(query)}`, '', deps);
    if (answer.status !== 'ok') return failed('unreachable');
    const hits = firstOfEachId(parseEventList(answer.json, { now }).events.slice(0, MAX_SEARCH_HITS));
    const merge = await mergeHistoryIntoArchive(deps.db, hits, now);
    return { answer: { ok: true, ids: hits.map((hit) => hit.talk.id) }, merge };
  } catch (error) {
    // A HistoryError is the API's failure and already worded; anything else (the archive refusing
    // the write) is unexpected and worth a line in the worker's console.
    if (!(error instanceof HistoryError)) console.warn('Aftertalk: searching media.ccc.de’s archive failed', error);
    // The client's backoff in force (set by this failure, or before it): media.ccc.de asked us to wait.
    const busy = await isBackingOff(now).catch(() => false);
    return failed(busy ? 'busy' : 'unreachable');
  }
}

function failed(error: 'unreachable' | 'busy'): SearchAllResult {
  return { answer: { ok: false, error }, merge: null };
}

/** The hits as talks, in the API's order, each id once (an answer could list a talk twice). */
function firstOfEachId(events: ReturnType<typeof parseEventList>['events']): HistoryTalk[] {
  const seen = new Set<string>();
  const hits: HistoryTalk[] = [];
  for (const event of events) {
    const hit = historyTalkOf(event);
    if (seen.has(hit.talk.id)) continue;
    seen.add(hit.talk.id);
    hits.push(hit);
  }
  return hits;
}
