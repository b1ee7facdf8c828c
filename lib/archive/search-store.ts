/**
 * How the search snapshot (lib/archive/search.ts) is kept in IndexedDB `meta`: as a few sorted
 * segments, not one record. Every merge writes its own talks as a new small segment and folds it
 * into the newest segments while they are not much larger than it (a binary counter), so a merge
 * costs what it wrote plus, now and then, one larger fold: each talk is rewritten a handful of
 * times over a whole-catalogue import, not once per page. The popup folds the segments into one
 * snapshot when it loads the index.
 *
 * The record under `SEARCH_INDEX_KEY` names the segments (oldest first) and the archive version
 * they describe; each segment is packed (ids in one string, keys in a Float64Array), which
 * IndexedDB clones several times faster than arrays of strings. A single snapshot in the earlier
 * form (archives from before the segments) is still read, and replaced at the next merge.
 */
import { SEARCH_INDEX_KEY, type AftertalkDb, type MetaRecord } from './db';
import {
  asSearchSnapshot,
  buildSearchSnapshot,
  countLines,
  mergeSnapshots,
  type SearchEntry,
  type SearchSnapshot,
} from './search';

/** The record under `SEARCH_INDEX_KEY`. */
interface SearchManifest {
  archiveVersion: number;
  /** Meta keys of the segments, oldest first, and how many talks each holds. */
  segments: { key: string; size: number }[];
  /**
   * Every conference a talk was stored with, sorted (a talk that moved to another conference
   * leaves its old one here): what a schedule-page lookup asks for, kept here because the merge
   * writes this record anyway, while listing them from the talks' index walks every talk.
   */
  conferences: string[];
}

/** A segment as stored: lines as in `SearchSnapshot.text`, ids joined by line feeds. */
interface PackedSegment {
  ids: string;
  releaseKeys: Float64Array;
  text: string;
}

/** Segment keys sort after the manifest's own key and together: `searchIndex:<archive version>`. */
const segmentKey = (archiveVersion: number) => `${SEARCH_INDEX_KEY}:${archiveVersion}`;
const SEGMENTS = [`${SEARCH_INDEX_KEY}:`, `${SEARCH_INDEX_KEY}:\uffff`] as const;

/**
 * A newer segment is folded into an older one that holds at most this many times its talks: 1 is
 * a binary counter (segments of equal size fold). A 30,000-talk import of 256-talk pages then
 * rewrites each talk's line 3.6 times on average and ends with at most 6 segments; at 2 it was
 * 4.7 times (at most 5), the fold work growing faster with the archive than the talks' writes.
 */
const FOLD_RATIO = 1;

type MetaTable = AftertalkDb['meta'];

function pack(snapshot: SearchSnapshot): PackedSegment {
  // Ids hold no line feed (feed ids are one-line text, history ids GUIDs); one would split a line.
  const joined = snapshot.ids.join('\n');
  return {
    // Checked once on the joined ids (a line feed too many): not a replace per id.
    ids:
      countLines(joined) === snapshot.ids.length ? joined : snapshot.ids.map((id) => id.replace(/\n/g, ' ')).join('\n'),
    releaseKeys: Float64Array.from(snapshot.releaseKeys),
    text: snapshot.text,
  };
}

function unpack(value: unknown, size: number, archiveVersion: number): SearchSnapshot | undefined {
  const packed = value as PackedSegment | undefined;
  if (!packed || typeof packed.ids !== 'string' || !(packed.releaseKeys instanceof Float64Array)) return undefined;
  const ids = size === 0 ? [] : packed.ids.split('\n');
  return asSearchSnapshot({ archiveVersion, ids, releaseKeys: Array.from(packed.releaseKeys), text: packed.text });
}

function asManifest(value: unknown): SearchManifest | undefined {
  const m = value as SearchManifest | undefined;
  if (!m || typeof m.archiveVersion !== 'number' || !Array.isArray(m.segments)) return undefined;
  if (!Array.isArray(m.conferences) || m.conferences.some((c) => typeof c !== 'string')) return undefined;
  return m.segments.every((s) => typeof s?.key === 'string' && Number.isSafeInteger(s.size)) ? m : undefined;
}

/** `known` with the conferences of `written` added, sorted, once each. */
function withConferences(known: readonly string[], written: readonly SearchEntry[]): string[] {
  const all = new Set(known);
  const size = all.size;
  for (const entry of written) if (entry.conference !== undefined) all.add(entry.conference);
  return all.size === size ? [...known] : [...all].sort();
}

/**
 * Every conference of the archive at `archiveVersion` (see `SearchManifest.conferences`), or
 * undefined when the stored index describes another version or has no list.
 */
export async function readConferences(meta: MetaTable, archiveVersion: number): Promise<string[] | undefined> {
  const manifest = asManifest((await meta.get(SEARCH_INDEX_KEY))?.value);
  return manifest?.archiveVersion === archiveVersion ? manifest.conferences : undefined;
}

/** The segments' snapshots, oldest first, or undefined when one is missing or malformed. */
async function readSegments(meta: MetaTable, manifest: SearchManifest): Promise<SearchSnapshot[] | undefined> {
  const records = await meta.bulkGet(manifest.segments.map((segment) => segment.key));
  const snapshots = records.map((record, i) => unpack(record?.value, manifest.segments[i]!.size, 0));
  return snapshots.every((s): s is SearchSnapshot => s !== undefined) ? snapshots : undefined;
}

/**
 * The whole search snapshot as stored, whatever version it describes (check `archiveVersion`);
 * undefined when there is none or it is damaged.
 */
export async function readSearchSnapshot(meta: MetaTable): Promise<SearchSnapshot | undefined> {
  const value = (await meta.get(SEARCH_INDEX_KEY))?.value;
  const manifest = asManifest(value);
  if (!manifest) return asSearchSnapshot(value);
  const segments = await readSegments(meta, manifest);
  return segments && foldAll(segments, manifest.archiveVersion);
}

/** Segments (oldest first) as one snapshot: a newer segment's line replaces an older one's. */
function foldAll(segments: readonly SearchSnapshot[], archiveVersion: number): SearchSnapshot {
  return segments.reduce<SearchSnapshot>(
    (folded, segment) => mergeSnapshots(folded, segment, archiveVersion),
    buildSearchSnapshot([], archiveVersion),
  );
}

/** Replaces whatever is stored with `snapshot` as one segment, with every conference of the archive (a rebuild). */
export async function writeWholeSearchSnapshot(
  meta: MetaTable,
  snapshot: SearchSnapshot,
  conferences: readonly string[],
): Promise<void> {
  await meta.where('key').between(SEGMENTS[0], SEGMENTS[1]).delete();
  const key = segmentKey(snapshot.archiveVersion);
  const manifest: SearchManifest = {
    archiveVersion: snapshot.archiveVersion,
    segments: [{ key, size: snapshot.ids.length }],
    conferences: [...new Set(conferences)].sort(),
  };
  await meta.bulkPut([
    { key, value: pack(snapshot) },
    { key: SEARCH_INDEX_KEY, value: manifest },
  ]);
}

/**
 * Folds the stored segments into one, in one transaction of its own: what the popup does on its
 * first search, done once in the worker instead. A whole-catalogue import ends with up to six
 * segments (`FOLD_RATIO`), which every popup then read and folded on its first keystroke. The
 * archive version stays: the talks described are the same. Answers how many segments were folded
 * (0 when there was one or none, or the index is of the earlier form or damaged: the next merge
 * rebuilds it).
 */
export async function foldSearchSegments(db: Pick<AftertalkDb, 'transaction' | 'meta'>): Promise<number> {
  return db.transaction('rw', db.meta, async () => {
    const manifest = asManifest((await db.meta.get(SEARCH_INDEX_KEY))?.value);
    if (!manifest || manifest.segments.length <= 1) return 0;
    const segments = await readSegments(db.meta, manifest);
    if (!segments) return 0;
    const whole = foldAll(segments, manifest.archiveVersion);
    // The newest segment's key is kept, so the manifest and what it names change in one put.
    const key = manifest.segments.at(-1)!.key;
    const next: SearchManifest = { ...manifest, segments: [{ key, size: whole.ids.length }] };
    await db.meta.bulkDelete(manifest.segments.slice(0, -1).map((segment) => segment.key));
    await db.meta.bulkPut([
      { key, value: pack(whole) },
      { key: SEARCH_INDEX_KEY, value: next },
    ]);
    return manifest.segments.length;
  });
}

/** What a merge writes to `meta` for the search index, and which segment records it deletes. */
export interface SearchWrites {
  put: MetaRecord[];
  remove: string[];
}

/**
 * Inside a merge's transaction: the records that add the entries of the talks it wrote, when
 * `stored` (the value under `SEARCH_INDEX_KEY`, read by the caller with the archive version)
 * describes the archive as it was before (`versionBefore`); undefined otherwise, and the caller
 * rebuilds from the talks. Reads only the segments it folds, in one request.
 */
export async function searchWritesAfter(
  meta: MetaTable,
  stored: unknown,
  written: readonly SearchEntry[],
  versionBefore: number,
  versionAfter: number,
): Promise<SearchWrites | undefined> {
  const manifest = asManifest(stored);
  // A single snapshot of the earlier form has no list of conferences: made anew by the caller.
  if (manifest?.archiveVersion !== versionBefore) return undefined;
  let segment = buildSearchSnapshot(new Map(written.map((entry) => [entry.id, entry])).values(), versionAfter);
  const kept = [...manifest.segments];
  const folded: SearchManifest['segments'] = [];
  let size = segment.ids.length;
  while (kept.length && kept.at(-1)!.size <= FOLD_RATIO * size) {
    const older = kept.pop()!;
    folded.unshift(older);
    size += older.size;
  }
  const records = await meta.bulkGet(folded.map((older) => older.key));
  for (let i = folded.length - 1; i >= 0; i--) {
    const older = unpack(records[i]?.value, folded[i]!.size, versionAfter);
    if (!older) return undefined;
    segment = mergeSnapshots(older, segment, versionAfter);
  }
  const key = segmentKey(versionAfter);
  const next: SearchManifest = {
    archiveVersion: versionAfter,
    segments: [...kept, { key, size: segment.ids.length }],
    conferences: withConferences(manifest.conferences, written),
  };
  return {
    put: [
      { key, value: pack(segment) },
      { key: SEARCH_INDEX_KEY, value: next },
    ],
    remove: folded.map((older) => older.key),
  };
}

/** `searchWritesAfter`, written: false when the caller must rebuild. */
export async function addToSearchSnapshot(
  meta: MetaTable,
  written: readonly SearchEntry[],
  versionBefore: number,
  versionAfter: number,
): Promise<boolean> {
  const writes = await searchWritesAfter(
    meta,
    (await meta.get(SEARCH_INDEX_KEY))?.value,
    written,
    versionBefore,
    versionAfter,
  );
  if (!writes) return false;
  await meta.bulkDelete(writes.remove);
  await meta.bulkPut(writes.put);
  return true;
}
