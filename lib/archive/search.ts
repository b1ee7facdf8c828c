/**
 * The archive's search index: every talk's search words (title, speakers, conference; see
 * `wordsOf` in lib/archive/talk-record.ts) as one line of one string, newest release first, saved in
 * IndexedDB `meta` in the same transaction as the talks it describes, so it is never behind them.
 *
 * Why not an IndexedDB index: a multi-entry `*words` index cost ten index entries per talk, which
 * was over a third of a 20,000-talk first import in Chromium (merge 16 s → 10 s without it), and
 * answering a keystroke through it took up to 400 ms. The popup reads this snapshot once (one
 * string of about 80 bytes per talk, structured-cloned in a few milliseconds) and then answers
 * each keystroke with `indexOf` over that string, stopping at the first page of results because
 * the lines are already in release order.
 */
import type { Table } from 'dexie';
import type { StoredTalk } from './talk';

/** One talk's entry: what the merge knows about each talk it writes. */
export interface SearchEntry {
  id: string;
  releaseKey: number;
  words: readonly string[];
  /** The talk's conference, for the archive's list of conferences kept beside (lib/archive/search-store.ts). */
  conference?: string;
}

/** The stored form: parallel arrays and the text, line i belonging to ids[i]. */
export interface SearchSnapshot {
  /** The archive version (lib/archive/merge.ts `ARCHIVE_VERSION_KEY`) this snapshot describes. */
  archiveVersion: number;
  ids: string[];
  releaseKeys: number[];
  /** Line i is ` word word …` (each word after a space) for ids[i]; lines joined by '\n'. */
  text: string;
}

/** A word never holds a space or a line feed (lib/text.ts `searchWords`); dropped if one did. */
const lineOf = (words: readonly string[]) => ` ${words.filter((word) => word !== '' && !/\s/.test(word)).join(' ')}`;

/** Entries newest release first, ties by id so equal inputs give equal snapshots. */
function sorted(entries: Iterable<SearchEntry>): SearchEntry[] {
  return [...entries].sort((a, b) => b.releaseKey - a.releaseKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function buildSearchSnapshot(entries: Iterable<SearchEntry>, archiveVersion: number): SearchSnapshot {
  const list = sorted(entries);
  return {
    archiveVersion,
    ids: list.map((entry) => entry.id),
    releaseKeys: list.map((entry) => entry.releaseKey),
    text: list.map((entry) => lineOf(entry.words)).join('\n'),
  };
}

export function entryOf(talk: Pick<StoredTalk, 'id' | 'releaseKey' | 'words' | 'conference'>): SearchEntry {
  return { id: talk.id, releaseKey: talk.releaseKey, words: talk.words, conference: talk.conference };
}

/** A snapshot of every talk in `talks` (the table, or the table in an upgrade transaction). */
export async function snapshotOfAllTalks(
  talks: Pick<Table<StoredTalk>, 'each'>,
  archiveVersion: number,
): Promise<SearchSnapshot> {
  const entries: SearchEntry[] = [];
  await talks.each((talk) => void entries.push(entryOf(talk)));
  return buildSearchSnapshot(entries, archiveVersion);
}

/** Reads a snapshot's lines in order, each with its text offsets. */
class Lines {
  line = 0;
  /** Offsets of the current line in the text: [start, end). */
  start = 0;
  end = 0;

  constructor(readonly of: SearchSnapshot) {
    this.end = this.endOf(0);
  }

  private endOf(start: number): number {
    if (this.line >= this.of.ids.length - 1) return this.of.text.length;
    return this.of.text.indexOf('\n', start);
  }

  get done(): boolean {
    return this.line >= this.of.ids.length;
  }

  get id(): string {
    return this.of.ids[this.line]!;
  }

  get key(): number {
    return this.of.releaseKeys[this.line]!;
  }

  next(): void {
    this.line++;
    this.start = this.end + 1;
    if (!this.done) this.end = this.endOf(this.start);
  }
}

/**
 * One snapshot of both: `newer`'s lines replace `older`'s lines of the same ids, the rest keep
 * their order (newest release first, ties by id). Linear and without re-sorting or splitting
 * either text: the lines are copied in runs. Splitting and sorting every line at every merge
 * made a 30,000-talk catalogue import quadratic.
 */
export function mergeSnapshots(older: SearchSnapshot, newer: SearchSnapshot, archiveVersion: number): SearchSnapshot {
  if (older.ids.length === 0) return { ...newer, archiveVersion };
  if (newer.ids.length === 0) return { ...older, archiveVersion };
  const replaced = new Set(newer.ids);
  const ids: string[] = [];
  const releaseKeys: number[] = [];
  const pieces: string[] = [];
  // The run of lines being copied: from which side, from which offset to which.
  let run: Lines | null = null;
  let runFrom = 0;
  let runTo = 0;
  const close = () => {
    if (run) pieces.push(run.of.text.slice(runFrom, runTo));
    run = null;
  };
  const take = (side: Lines) => {
    if (run !== side) {
      close();
      run = side;
      runFrom = side.start;
    }
    runTo = side.end;
    ids.push(side.id);
    releaseKeys.push(side.key);
    side.next();
  };
  const a = new Lines(older);
  const b = new Lines(newer);
  while (!a.done || !b.done) {
    if (!a.done && replaced.has(a.id)) {
      if (run === a) close();
      a.next();
    } else if (a.done) take(b);
    else if (b.done) take(a);
    else if (b.key > a.key || (b.key === a.key && b.id < a.id)) take(b);
    else take(a);
  }
  close();
  return { archiveVersion, ids, releaseKeys, text: pieces.join('\n') };
}

/**
 * The snapshot after a merge wrote `changed` talks (new ones, and known ones whose words may have
 * changed): their entries replace any earlier entry with the same id.
 */
export function updateSearchSnapshot(
  previous: SearchSnapshot | undefined,
  changed: readonly SearchEntry[],
  archiveVersion: number,
): SearchSnapshot {
  const incoming = buildSearchSnapshot(new Map(changed.map((entry) => [entry.id, entry])).values(), archiveVersion);
  return previous ? mergeSnapshots(previous, incoming, archiveVersion) : incoming;
}

/** A snapshot as read back from storage, or undefined when it does not have the expected shape. */
export function asSearchSnapshot(value: unknown): SearchSnapshot | undefined {
  const s = value as SearchSnapshot | undefined;
  if (!s || typeof s !== 'object' || typeof s.archiveVersion !== 'number' || typeof s.text !== 'string')
    return undefined;
  if (!Array.isArray(s.ids) || !Array.isArray(s.releaseKeys) || s.ids.length !== s.releaseKeys.length) return undefined;
  const lines = s.ids.length === 0 ? (s.text === '' ? 0 : -1) : countLines(s.text);
  return lines === s.ids.length ? s : undefined;
}

/** Lines of `text`: one more than its line feeds. */
export function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** A loaded snapshot, ready for queries. */
export class SearchIndex {
  /** Offset of each line's first character in `text`. */
  private readonly starts: Int32Array;

  constructor(readonly snapshot: SearchSnapshot) {
    const { text, ids } = snapshot;
    this.starts = new Int32Array(ids.length);
    let at = 0;
    for (let line = 0; line < ids.length; line++) {
      this.starts[line] = at;
      const end = text.indexOf('\n', at);
      at = end === -1 ? text.length + 1 : end + 1;
    }
  }

  get size(): number {
    return this.snapshot.ids.length;
  }

  /** The line holding text offset `at`. */
  private lineAt(at: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private lineEnd(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.snapshot.text.length;
  }

  /**
   * Ids of the talks having, for every term, a word that starts with it; newest release first,
   * at most `limit`. Terms are search words (lib/text.ts `searchWords`).
   */
  search(terms: readonly string[], limit: number): string[] {
    const unique = [...new Set(terms)].filter(Boolean);
    if (unique.length === 0 || limit <= 0) return [];
    // The longest term is the rarest, as a rule: find its lines, then check the others there.
    const anchor = ` ${unique.reduce((longest, term) => (term.length > longest.length ? term : longest))}`;
    const others = unique.map((term) => ` ${term}`).filter((term) => term !== anchor);
    const { text, ids } = this.snapshot;
    const found: string[] = [];
    for (let at = text.indexOf(anchor); at !== -1 && found.length < limit;) {
      const line = this.lineAt(at);
      const end = this.lineEnd(line);
      if (others.length === 0 || matchesOthers(text.slice(this.starts[line]!, end), others)) found.push(ids[line]!);
      at = text.indexOf(anchor, end);
    }
    return found;
  }
}

/** Whether every ` term` occurs in the line (each is a word prefix there). */
function matchesOthers(line: string, others: readonly string[]): boolean {
  return others.every((term) => line.includes(term));
}
