/**
 * BM25 for `RelatedIndex.query`: the scoring constants, a query term's weight, summing scores
 * over posting lists and picking the top hits. Pure functions over the typed arrays the index
 * hands in, so the ranking maths reads in one place. The loops here are the hot path of every
 * query: they read locals and typed arrays and allocate nothing per posting.
 */
import { compareStrings, type Base } from './base';
import { CONFERENCE_PREFIX } from './terms';

export interface RelatedHit {
  id: string;
  /** BM25 score; only comparable within one query's results. */
  score: number;
}

/** BM25 term-frequency saturation and length normalisation (the usual defaults). */
const K1 = 1.2;
const B = 0.75;
/**
 * Query-side saturation (BM25's k3): a term repeated ten times in the query talk's description
 * should count more than once, but not ten times.
 */
const QUERY_K3 = 3;
/**
 * The conference is a tie-breaker, not a topic: a FOSDEM talk about X must rank talks about X
 * from other conferences above unrelated FOSDEM talks. Its idf is high (one conference is a small
 * share of the archive), so its query weight is scaled down hard.
 */
const CONFERENCE_QUERY_FACTOR = 0.25;
/** Long descriptions give hundreds of query terms; the strongest 40 decide the ranking anyway. */
export const MAX_QUERY_TERMS = 40;

/** A query term present in the index: its weight and where its postings are. */
export interface QueryTerm {
  term: string;
  weight: number;
  /** Its base vocabulary index, -1 when only the delta has it. */
  baseTerm: number;
  /** Its delta list, [slot, tf, slot, tf, ...]. */
  delta: number[] | undefined;
}

/** Saturated query tf x idf over `liveCount` docs with `df` of them containing the term. */
export function queryTermWeight(term: string, qtf: number, df: number, liveCount: number): number {
  const idf = Math.log(1 + (liveCount - df + 0.5) / (df + 0.5));
  let weight = ((qtf * (QUERY_K3 + 1)) / (qtf + QUERY_K3)) * idf;
  if (term.startsWith(CONFERENCE_PREFIX)) weight *= CONFERENCE_QUERY_FACTOR;
  return weight;
}

/** Sorts `picked` strongest first (ties by term, so deterministic) and keeps `MAX_QUERY_TERMS`. */
export function strongestTerms(picked: QueryTerm[]): QueryTerm[] {
  picked.sort((a, b) => b.weight - a.weight || compareStrings(a.term, b.term));
  if (picked.length > MAX_QUERY_TERMS) picked.length = MAX_QUERY_TERMS;
  return picked;
}

/**
 * Adds every term's score to `scores` (all zeros on entry) for each posting of a live doc, base
 * then delta, and returns the slots it touched in first-touch order; the caller zeroes them again.
 * `checkDead` is false while nothing is dead, which spares a lookup per posting.
 */
export function scoreTerms(
  terms: readonly QueryTerm[],
  base: Base,
  lengths: Uint32Array,
  dead: Uint8Array,
  checkDead: boolean,
  liveCount: number,
  totalLength: number,
  scores: Float64Array,
): number[] {
  const { postingOffsets, postingSlots, postingTf } = base;
  const touched: number[] = [];
  // BM25 tf part: tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avgdl)), with the constant
  // parts hoisted. Every doc's score is summed in the same term order as in a fresh build.
  const normA = K1 * (1 - B);
  const normB = (K1 * B * liveCount) / totalLength;
  for (const term of terms) {
    const w = term.weight * (K1 + 1);
    if (term.baseTerm >= 0) {
      const end = postingOffsets[term.baseTerm + 1]!;
      for (let p = postingOffsets[term.baseTerm]!; p < end; p++) {
        const slot = postingSlots[p]!;
        if (checkDead && dead[slot] === 1) continue;
        const tf = postingTf[p]!;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += (w * tf) / (tf + normA + normB * lengths[slot]!);
      }
    }
    const list = term.delta;
    if (list) {
      for (let i = 0; i < list.length; i += 2) {
        const slot = list[i]!;
        if (checkDead && dead[slot] === 1) continue;
        const tf = list[i + 1]!;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += (w * tf) / (tf + normA + normB * lengths[slot]!);
      }
    }
  }
  return touched;
}

/**
 * The best `limit` of the `touched` slots as hits, best first; ties are broken by id so results are
 * deterministic. Slots whose id is in `excludedIds` are skipped, checked only for hits good enough
 * to keep.
 */
export function topHits(
  scores: Float64Array,
  touched: readonly number[],
  limit: number,
  excludedIds: ReadonlySet<string>,
  idOf: (slot: number) => string,
): RelatedHit[] {
  const excluded = (slot: number): boolean => excludedIds.size > 0 && excludedIds.has(idOf(slot));
  // Top `limit` with a min-heap whose root is the worst kept hit: O(touched * log limit).
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => {
    const sa = scores[a]!;
    const sb = scores[b]!;
    return sa < sb || (sa === sb && idOf(a) > idOf(b));
  };
  const siftDown = (from: number): void => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const slot of touched) {
    if (heap.length < limit) {
      if (excluded(slot)) continue;
      heap.push(slot);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (worse(heap[0]!, slot) && !excluded(slot)) {
      heap[0] = slot;
      siftDown(0);
    }
  }
  const hits: RelatedHit[] = [];
  while (heap.length > 0) {
    const slot = heap[0]!;
    hits.push({ id: idOf(slot), score: scores[slot]! });
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      siftDown(0);
    }
  }
  hits.reverse();
  return hits;
}
