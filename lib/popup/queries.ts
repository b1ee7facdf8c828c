import type { AftertalkDb } from '../db';
import type { StoredTalk } from '../talk';
import { searchWords } from '../text';
import { followedFirst, wantsAttention, type Audience } from '../personal/audience';

export interface ConferenceGroup {
  conference: string;
  talks: StoredTalk[];
}

export interface NewTalks {
  groups: ConferenceGroup[];
  /** New talks not listed: of muted conferences or in no wanted language. */
  hidden: number;
}

/**
 * New talks the user wants to hear about, newest release first, grouped by conference: followed
 * conferences first, the others ordered by their newest talk. Without an audience, all of them.
 */
export async function loadNewTalkGroups(db: AftertalkDb, audience?: Audience): Promise<NewTalks> {
  const all = await db.talks.where('isNew').equals(1).toArray();
  const talks = audience ? all.filter((talk) => wantsAttention(talk, audience)) : all;
  talks.sort((a, b) => b.releaseKey - a.releaseKey);
  const groups = new Map<string, StoredTalk[]>();
  for (const talk of talks) {
    const group = groups.get(talk.conference);
    if (group) group.push(talk);
    else groups.set(talk.conference, [talk]);
  }
  const list = [...groups].map(([conference, members]) => ({ conference, talks: members }));
  return { groups: audience ? followedFirst(list, audience) : list, hidden: all.length - talks.length };
}

/** Talks by id in the given order; ids not (or no longer) in this browser's archive are skipped. */
export async function loadTalksById(db: AftertalkDb, ids: string[]): Promise<StoredTalk[]> {
  return (await db.talks.bulkGet(ids)).filter((talk): talk is StoredTalk => !!talk);
}

/** Every conference acronym in the archive with its number of talks, read from the index only. */
export async function loadConferences(db: AftertalkDb): Promise<{ conference: string; talks: number }[]> {
  const names = ((await db.talks.orderBy('conference').uniqueKeys()) as string[]).filter(Boolean);
  const counts = await Promise.all(names.map((name) => db.talks.where('conference').equals(name).count()));
  return names.map((conference, i) => ({ conference, talks: counts[i] ?? 0 }));
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
