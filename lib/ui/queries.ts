/**
 * The archive as the extension pages read it: the popup's lists (new talks, latest releases, Watch
 * later) and search over the snapshot kept with the talks (lib/archive/search.ts). Reads only.
 */
import type { AftertalkDb } from '../archive/db';
import type { StoredTalk } from '../archive/talk';
import { searchWords } from '../text';
import { readArchiveVersion } from '../archive/merge';
import { SearchIndex } from '../archive/search';
import { readSearchSnapshot } from '../archive/search-store';
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
  return db.talks
    .orderBy('releaseKey')
    .reverse()
    .filter((talk) => talk.isNew === 0)
    .limit(limit)
    .toArray();
}

export function countTalks(db: AftertalkDb): Promise<number> {
  return db.talks.count();
}

let loaded: { db: AftertalkDb; archiveVersion: number; index: Promise<SearchIndex | undefined> } | undefined;

/**
 * The archive's search index (lib/archive/search.ts), read from `meta` once per archive version and
 * kept for the life of the page (a warm-up and a keystroke share one read); undefined when the
 * archive has none for its current version.
 */
async function searchIndexOf(db: AftertalkDb): Promise<SearchIndex | undefined> {
  const archiveVersion = await readArchiveVersion(db);
  if (loaded?.db !== db || loaded.archiveVersion !== archiveVersion) {
    const index = readSearchIndex(db, archiveVersion);
    loaded = { db, archiveVersion, index };
    // A failed read is not remembered: the next search tries again.
    index.catch(() => {
      if (loaded?.index === index) loaded = undefined;
    });
  }
  return loaded.index;
}

async function readSearchIndex(db: AftertalkDb, archiveVersion: number): Promise<SearchIndex | undefined> {
  const snapshot = await readSearchSnapshot(db.meta);
  return snapshot?.archiveVersion === archiveVersion ? new SearchIndex(snapshot) : undefined;
}

/** Loads the search index ahead of the first keystroke (when the popup is idle, or the search field gets focus). */
export function warmSearch(db: AftertalkDb): void {
  void searchIndexOf(db).catch(() => undefined);
}

/**
 * Talks whose title, speakers or conference contain a word starting with each query word, newest
 * release first: answered from the search index, then only the shown talks are read. Without an
 * index for the archive's version (never expected: merges and the v3 upgrade write it), the talks
 * are walked in release order instead.
 */
export async function searchTalks(db: AftertalkDb, query: string, limit: number): Promise<StoredTalk[]> {
  const terms = [...new Set(searchWords(query))];
  if (terms.length === 0) return [];
  // With an index in memory (every keystroke after the first search), its talks are read together
  // with the archive version instead of after it: one IndexedDB round trip per keystroke, not two.
  // A version that moved meanwhile (a merge landed) drops that read, and the new index answers.
  const known = loaded?.db === db ? loaded : undefined;
  const knownIndex = known && (await known.index.catch(() => undefined));
  if (known && knownIndex) {
    const [archiveVersion, talks] = await Promise.all([
      readArchiveVersion(db),
      loadTalksById(db, knownIndex.search(terms, limit)),
    ]);
    if (archiveVersion === known.archiveVersion) return talks;
  }
  const index = await searchIndexOf(db);
  if (index) return loadTalksById(db, index.search(terms, limit));
  const matchesAll = (talk: StoredTalk) => terms.every((term) => talk.words.some((word) => word.startsWith(term)));
  return db.talks.orderBy('releaseKey').reverse().filter(matchesAll).limit(limit).toArray();
}
