import type { AftertalkDb } from '../db';
import type { StoredTalk } from '../talk';
import { searchWords } from '../text';

export interface ConferenceGroup {
  conference: string;
  talks: StoredTalk[];
}

/** New talks, newest release first, grouped by conference (groups ordered by their newest talk). */
export async function loadNewTalkGroups(db: AftertalkDb): Promise<ConferenceGroup[]> {
  const talks = await db.talks.where('isNew').equals(1).toArray();
  talks.sort((a, b) => b.releaseKey - a.releaseKey);
  const groups = new Map<string, StoredTalk[]>();
  for (const talk of talks) {
    const group = groups.get(talk.conference);
    if (group) group.push(talk);
    else groups.set(talk.conference, [talk]);
  }
  return [...groups].map(([conference, list]) => ({ conference, talks: list }));
}

/** The latest releases in feed order, without the new ones (they are listed above). */
export function loadLatestTalks(db: AftertalkDb, limit: number): Promise<StoredTalk[]> {
  return db.talks.orderBy('releaseKey').reverse().filter((talk) => talk.isNew === 0).limit(limit).toArray();
}

export function countTalks(db: AftertalkDb): Promise<number> {
  return db.talks.count();
}

/** Above this many index hits, scanning in release order and stopping early is cheaper. */
const INDEX_HIT_LIMIT = 3000;

/**
 * Talks whose title, speakers or conference contain a word starting with each query word,
 * newest release first. Uses the `*words` index for the most selective word; a query so common
 * that it matches thousands of talks is instead answered by walking the release order until
 * `limit` matches are found, which for common words ends after a few pages of talks.
 */
export async function searchTalks(db: AftertalkDb, query: string, limit: number): Promise<StoredTalk[]> {
  const terms = [...new Set(searchWords(query))];
  if (terms.length === 0) return [];
  const matchesAll = (talk: StoredTalk) => terms.every((term) => talk.words.some((word) => word.startsWith(term)));
  const anchor = terms.reduce((longest, term) => (term.length > longest.length ? term : longest));
  const ids = await db.talks.where('words').startsWith(anchor).limit(INDEX_HIT_LIMIT + 1).primaryKeys();
  if (ids.length <= INDEX_HIT_LIMIT) {
    const talks = (await db.talks.bulkGet([...new Set(ids)])).filter((t): t is StoredTalk => !!t && matchesAll(t));
    return talks.sort((a, b) => b.releaseKey - a.releaseKey).slice(0, limit);
  }
  return db.talks.orderBy('releaseKey').reverse().filter(matchesAll).limit(limit).toArray();
}
