/**
 * Local "related talks" index: BM25 over the talk archive, answering "which recorded talks are most
 * related to this one?" in about half a millisecond at 20,000 talks.
 *
 * Pure TypeScript on purpose (no DOM, Dexie or extension APIs): the caller loads and stores the
 * snapshot (`toSnapshot` / `fromSnapshot`) in IndexedDB and feeds changed talks in via `upsert`.
 *
 * Layout
 * - Base: an immutable CSR (compressed sparse row) inverted index of terms and doc slots (base.ts).
 * - Delta: docs upserted since the last compaction get new slots after the base and live in a small
 *   `Map<term, [slot, tf, slot, tf, ...]>`.
 * - Tombstones: a replaced or removed doc's slot is only flagged dead and skipped at query time.
 *   Document frequencies and the average doc length are computed over live docs only, so results
 *   are exactly (bit for bit) what a fresh `build` of the same docs returns.
 * - Compaction folds delta and tombstones into a new base once they exceed ~10 % of the index
 *   (at least 500, at most 5,000 pending changes), so a compaction (O(index), ~0.1-0.2 s at 20k
 *   talks) is rare, and `toSnapshot` always compacts so a snapshot is a plain base.
 *
 * Files: this class keeps the state and decides when things happen; terms.ts says what a doc's
 * terms are, base.ts builds and compacts the CSR base, query.ts scores and ranks, and snapshot.ts
 * writes and validates the stored form.
 */
import {
  EMPTY_BASE,
  MAX_TF,
  buildBase,
  checkId,
  compactBase,
  countDeadPostings,
  findTerm,
  grow,
  hashTerms,
  type Base,
  type BaseAndSlots,
} from './base';
import { queryTermWeight, scoreTerms, strongestTerms, topHits, type QueryTerm, type RelatedHit } from './query';
import { snapshotOf, validateSnapshot, type RelatedIndexSnapshot } from './snapshot';
import { termsOfDoc, type RelatedDoc } from './terms';

// What callers of the index use, so they need only this module.
export type { RelatedHit } from './query';
export { RELATED_INDEX_VERSION, type RelatedIndexSnapshot } from './snapshot';
export { termsOfDoc, termsOfText, type RelatedDoc } from './terms';

export interface RelatedQueryOptions {
  limit: number;
  /** Never returned. A `RelatedDoc` query always excludes its own id as well. */
  excludeIds?: Iterable<string>;
}

export interface RelatedIndexOptions {
  /**
   * Automatic compaction runs when pending changes (docs added or replaced since the last
   * compaction plus tombstones) exceed `max(minPending, min(maxPending, pendingRatio * live docs))`.
   * Defaults: 500, 5000, 0.1.
   */
  minPending?: number;
  maxPending?: number;
  pendingRatio?: number;
}

const DEFAULT_OPTIONS: Required<RelatedIndexOptions> = { minPending: 500, maxPending: 5000, pendingRatio: 0.1 };

export class RelatedIndex {
  private base: Base = EMPTY_BASE;
  /** Base docs plus delta docs, live or dead. */
  private slotCount = 0;
  /** Per slot, with spare capacity; copied (never shared) into snapshots. */
  private lengths: Uint32Array = new Uint32Array(0);
  private hashes: Uint32Array = new Uint32Array(0);
  private dead: Uint8Array = new Uint8Array(0);
  private deadCount = 0;
  private deadBaseCount = 0;
  /**
   * Per base term, how many of its postings belong to dead docs, -1 while unknown. A base doc's
   * terms are not kept (that would double the memory of the index), so a term's count is found by
   * walking its postings the first time a query needs it, and forgotten when more base docs die.
   */
  private deadBaseDf: Int32Array | null = null;
  private deadBaseDfStale = false;
  /** Dead base slots, unordered; with few of them, binary searches beat walking long postings. */
  private deadBaseSlots: number[] = [];
  /** Ids of delta slots `base.count + i`. */
  private deltaIds: string[] = [];
  /** Terms of delta slots `base.count + i`, to keep `deltaDeadDf` exact when one dies. */
  private deltaDocTerms: Map<string, number>[] = [];
  /** term -> [slot, tf, slot, tf, ...], slots ascending because new slots only grow. */
  private delta = new Map<string, number[]>();
  /** term -> how many postings in its delta list belong to dead docs. */
  private deltaDeadDf = new Map<string, number>();
  /**
   * Live doc id → slot. Built when first needed, not by `fromSnapshot`: a worker woken by a
   * schedule page queries the index it just loaded, and a query needs no map (20,000 string
   * slices and map entries, 20 to 30 ms in a fresh worker).
   */
  private slotsById: Map<string, number> | null = new Map();
  private liveCount = 0;
  /** Sum of live doc lengths; integers, so the running sum is exact and order-independent. */
  private totalLength = 0;
  /** Query accumulator, all zeros between queries. */
  private scores: Float64Array = new Float64Array(0);
  private readonly options: Required<RelatedIndexOptions>;

  private constructor(options: RelatedIndexOptions = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  static empty(options?: RelatedIndexOptions): RelatedIndex {
    return new RelatedIndex(options);
  }

  /** A compacted index of `docs`; a later doc with the same id replaces an earlier one. */
  static build(docs: Iterable<RelatedDoc>, options?: RelatedIndexOptions): RelatedIndex {
    const built = buildBase(docs);
    const index = new RelatedIndex(options);
    index.adopt(built);
    index.slotsById = built.slotsById;
    return index;
  }

  private get idToSlot(): Map<string, number> {
    if (this.slotsById) return this.slotsById;
    // Only a loaded snapshot has no map yet, and nothing has changed since: every base slot lives.
    const map = new Map<string, number>();
    this.slotsById = map;
    for (let slot = 0; slot < this.base.count; slot++) {
      const id = this.idOf(slot);
      const earlier = map.get(id);
      // `toSnapshot` never writes an id twice; should a record have one anyway, the last wins
      // and no query lists the id twice.
      if (earlier !== undefined) this.kill(earlier);
      map.set(id, slot);
    }
    return map;
  }

  /** Live docs. */
  get size(): number {
    return this.liveCount;
  }

  has(id: string): boolean {
    return this.idToSlot.has(id);
  }

  /** Ids of all live docs (e.g. to remove talks that left the archive after loading a snapshot). */
  ids(): string[] {
    return [...this.idToSlot.keys()];
  }

  /** For tests, diagnostics and logs. */
  get stats(): { docs: number; baseDocs: number; pending: number; terms: number; postings: number } {
    return {
      docs: this.liveCount,
      baseDocs: this.base.count,
      pending: this.pendingChanges(),
      terms: this.base.termOffsets.length - 1,
      postings: this.base.postingSlots.length,
    };
  }

  /**
   * Adds new docs and replaces docs whose id is already indexed. A doc whose terms did not change
   * (same hash) is skipped, so calling this with every talk a sync touched is cheap.
   * Returns how many docs were added or replaced. May compact.
   */
  upsert(docs: Iterable<RelatedDoc>): number {
    let changed = 0;
    for (const doc of docs) if (this.put(doc)) changed++;
    if (changed > 0) this.maybeCompact();
    return changed;
  }

  /** Removes docs by id; unknown ids are ignored. Returns how many were removed. May compact. */
  remove(ids: Iterable<string>): number {
    let removed = 0;
    for (const id of ids) {
      const slot = this.idToSlot.get(id);
      if (slot === undefined) continue;
      this.kill(slot);
      this.idToSlot.delete(id);
      removed++;
    }
    if (removed > 0) this.maybeCompact();
    return removed;
  }

  /**
   * The `limit` live docs most related to `q`, best first; ties are broken by id so results are
   * deterministic and independent of insertion and compaction history.
   * `q` is a talk (its own id is excluded) or weighted terms from `termsOfDoc` / `termsOfText`.
   */
  query(q: RelatedDoc | Map<string, number>, opts: RelatedQueryOptions): RelatedHit[] {
    const limit = Math.floor(opts.limit);
    if (!(limit > 0) || this.liveCount === 0 || this.totalLength === 0) return [];
    const weights = q instanceof Map ? q : termsOfDoc(q);

    // By id, checked only for hits good enough to keep: no id → slot map needed (see `slotsById`).
    const excludedIds = new Set<string>(opts.excludeIds ?? []);
    if (!(q instanceof Map)) excludedIds.add(q.id);

    const terms = this.queryTerms(weights);
    if (terms.length === 0) return [];

    if (this.scores.length < this.slotCount) this.scores = new Float64Array(this.lengths.length);
    const scores = this.scores;
    const touched = scoreTerms(
      terms,
      this.base,
      this.lengths,
      this.dead,
      this.deadCount > 0,
      this.liveCount,
      this.totalLength,
      scores,
    );
    const hits = topHits(scores, touched, limit, excludedIds, (slot) => this.idOf(slot));
    for (const slot of touched) scores[slot] = 0;
    // A snapshot with a repeated id (see `idToSlot`) can score both of its slots before the map
    // is built; the best of them is kept.
    return this.slotsById ? hits : hits.filter((hit, i) => hits.findIndex((other) => other.id === hit.id) === i);
  }

  /**
   * Compacts (if anything is pending) and returns the base. The typed arrays are shared with this
   * index and never modified in place by it; the caller must not modify them either.
   */
  toSnapshot(): RelatedIndexSnapshot {
    this.compact();
    return snapshotOf(this.base, this.lengths, this.hashes);
  }

  /**
   * An index from a snapshot, or null when `s` is not a valid snapshot of this version (old
   * format, truncated or corrupted record): the caller then rebuilds from the archive.
   * Validation is O(size) (a few ms at 20k talks) so a bad record can never give wrong answers.
   * Ids are not checked for repeats here (that needs the id map, built later: see `idToSlot`).
   */
  static fromSnapshot(s: unknown, options?: RelatedIndexOptions): RelatedIndex | null {
    const valid = validateSnapshot(s);
    if (!valid) return null;
    const index = new RelatedIndex(options);
    index.slotsById = null;
    index.adopt(valid);
    return index;
  }

  /** Folds delta and tombstones into a new base. Runs automatically; public for callers that idle. */
  compact(): void {
    if (this.deadCount === 0 && this.slotCount === this.base.count) return;
    const { base, lengths, hashes, remap } = compactBase({
      base: this.base,
      slotCount: this.slotCount,
      liveCount: this.liveCount,
      dead: this.dead,
      lengths: this.lengths,
      hashes: this.hashes,
      deltaIds: this.deltaIds,
      delta: this.delta,
    });
    this.base = base;
    this.slotCount = base.count;
    this.lengths = lengths;
    this.hashes = hashes;
    this.dead = new Uint8Array(lengths.length);
    this.deadCount = 0;
    this.deadBaseCount = 0;
    this.deadBaseDf = null;
    this.deadBaseDfStale = false;
    this.deadBaseSlots = [];
    this.deltaIds = [];
    this.deltaDocTerms = [];
    this.delta = new Map();
    this.deltaDeadDf = new Map();
    this.scores = new Float64Array(0);
    for (const [id, slot] of this.idToSlot) this.idToSlot.set(id, remap[slot]!);
  }

  // -------------------------------------------------------------------------------------------

  private put(doc: RelatedDoc): boolean {
    checkId(doc);
    const terms = termsOfDoc(doc);
    const [h1, h2] = hashTerms(terms);
    const old = this.idToSlot.get(doc.id);
    if (old !== undefined) {
      if (this.hashes[2 * old] === h1 && this.hashes[2 * old + 1] === h2) return false;
      this.kill(old);
    }
    const slot = this.slotCount++;
    this.lengths = grow(this.lengths, this.slotCount, (k) => new Uint32Array(k));
    this.hashes = grow(this.hashes, 2 * this.slotCount, (k) => new Uint32Array(k));
    this.dead = grow(this.dead, this.slotCount, (k) => new Uint8Array(k));
    this.deltaIds.push(doc.id);
    this.deltaDocTerms.push(terms);
    let length = 0;
    for (const [term, weight] of terms) {
      const tf = Math.min(MAX_TF, weight);
      let list = this.delta.get(term);
      if (!list) {
        list = [];
        this.delta.set(term, list);
      }
      list.push(slot, tf);
      length += tf;
    }
    this.lengths[slot] = length;
    this.hashes[2 * slot] = h1;
    this.hashes[2 * slot + 1] = h2;
    this.idToSlot.set(doc.id, slot);
    this.liveCount++;
    this.totalLength += length;
    return true;
  }

  private kill(slot: number): void {
    if (slot < this.base.count) {
      this.deadBaseCount++;
      this.deadBaseDfStale = true;
      this.deadBaseSlots.push(slot);
    } else {
      for (const term of this.deltaDocTerms[slot - this.base.count]!.keys())
        this.deltaDeadDf.set(term, (this.deltaDeadDf.get(term) ?? 0) + 1);
    }
    this.dead[slot] = 1;
    this.deadCount++;
    this.liveCount--;
    this.totalLength -= this.lengths[slot]!;
  }

  private pendingChanges(): number {
    return this.slotCount - this.base.count + this.deadCount;
  }

  private maybeCompact(): void {
    const { minPending, maxPending, pendingRatio } = this.options;
    if (this.pendingChanges() > Math.max(minPending, Math.min(maxPending, pendingRatio * this.liveCount)))
      this.compact();
  }

  private idOf(slot: number): string {
    const base = this.base;
    return slot < base.count
      ? base.ids.slice(base.idOffsets[slot]!, base.idOffsets[slot + 1]!)
      : this.deltaIds[slot - base.count]!;
  }

  /** Makes a fresh index hold just this base: every slot a live base slot, nothing pending. */
  private adopt({ base, lengths, hashes, totalLength }: BaseAndSlots): void {
    this.base = base;
    this.slotCount = base.count;
    this.lengths = lengths;
    this.hashes = hashes;
    this.dead = new Uint8Array(lengths.length);
    this.liveCount = base.count;
    this.totalLength = totalLength;
  }

  /** Document frequency over live docs only, so tombstones never skew idf (and results equal a fresh build's). */
  private liveDf(term: string, baseTerm: number, list: number[] | undefined): number {
    let df = 0;
    if (baseTerm >= 0) {
      const { postingOffsets, postingSlots } = this.base;
      const start = postingOffsets[baseTerm]!;
      const end = postingOffsets[baseTerm + 1]!;
      df += end - start;
      if (this.deadBaseCount > 0) {
        if (!this.deadBaseDf || this.deadBaseDfStale) {
          this.deadBaseDf ??= new Int32Array(postingOffsets.length - 1);
          this.deadBaseDf.fill(-1);
          this.deadBaseDfStale = false;
        }
        let dead = this.deadBaseDf[baseTerm]!;
        if (dead < 0) {
          dead = countDeadPostings(postingSlots, start, end, this.deadBaseSlots, this.dead);
          this.deadBaseDf[baseTerm] = dead;
        }
        df -= dead;
      }
    }
    if (list) df += list.length / 2 - (this.deltaDeadDf.get(term) ?? 0);
    return df;
  }

  /** Query terms with weight = saturated query tf x idf, the strongest `MAX_QUERY_TERMS` first. */
  private queryTerms(weights: Map<string, number>): QueryTerm[] {
    const picked: QueryTerm[] = [];
    for (const [term, qtf] of weights) {
      if (!(qtf > 0) || !Number.isFinite(qtf)) continue;
      const baseTerm = findTerm(this.base, term);
      const delta = this.delta.get(term);
      if (baseTerm < 0 && !delta) continue;
      const df = this.liveDf(term, baseTerm, delta);
      if (df === 0) continue;
      picked.push({ term, weight: queryTermWeight(term, qtf, df, this.liveCount), baseTerm, delta });
    }
    return strongestTerms(picked);
  }
}
