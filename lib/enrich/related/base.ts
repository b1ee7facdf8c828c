/**
 * The base of the related index (the rest of its layout: index.ts): an immutable CSR (compressed
 * sparse row) inverted index. All terms, sorted, concatenated into one string with a `Uint32Array`
 * of offsets; per term a range of `postingSlots` (doc slots, ascending) and `postingTf` (weighted
 * term frequency, capped at 255). Doc ids are one string plus offsets as well. Structured clone
 * copies a few large strings and typed arrays much faster, and IndexedDB stores them much more
 * compactly, than 100k small strings or objects.
 *
 * Here too: the per-doc records that go with it (capped tf, term hash), and pure functions that
 * make a base (`buildBase` from docs, `compactBase` from an index's base, delta and tombstones) or
 * read one (`findTerm`, `countDeadPostings`). They are pure functions over typed arrays, kept out
 * of the class so that it only decides when they run and keeps what they return.
 */
import { termsOfDoc, type RelatedDoc } from './terms';

export type SlotArray = Uint16Array | Uint32Array;

/** The immutable CSR part; shared with snapshots, so never written in place. */
export interface Base {
  count: number;
  ids: string;
  idOffsets: Uint32Array;
  terms: string;
  termOffsets: Uint32Array;
  postingOffsets: Uint32Array;
  postingSlots: SlotArray;
  postingTf: Uint8Array;
}

export const EMPTY_BASE: Base = {
  count: 0,
  ids: '',
  idOffsets: new Uint32Array(1),
  terms: '',
  termOffsets: new Uint32Array(1),
  postingOffsets: new Uint32Array(1),
  postingSlots: new Uint16Array(0),
  postingTf: new Uint8Array(0),
};

/** Weighted tf is stored in a Uint8Array; BM25 saturates long before this. */
export const MAX_TF = 255;

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** cyrb53-style pair of 32-bit hashes over a doc's (capped) terms, in insertion order. */
export function hashTerms(terms: Map<string, number>): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const [term, weight] of terms) {
    for (let i = 0; i <= term.length; i++) {
      // Position `term.length` mixes in the capped tf, which also separates consecutive terms.
      const c = i < term.length ? term.charCodeAt(i) : 0x10000 + Math.min(MAX_TF, weight);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

export function checkId(doc: RelatedDoc): void {
  if (typeof doc.id !== 'string' || doc.id === '')
    throw new TypeError('RelatedIndex: a doc needs a non-empty string id');
}

export function grow<T extends Uint8Array | Uint32Array>(array: T, minLength: number, make: (n: number) => T): T {
  if (array.length >= minLength) return array;
  const next = make(Math.max(minLength, array.length * 2, 64));
  next.set(array);
  return next;
}

/** A base with its per-slot arrays (with spare capacity) and the sum of its doc lengths. */
export interface BaseAndSlots {
  base: Base;
  lengths: Uint32Array;
  hashes: Uint32Array;
  totalLength: number;
}

/**
 * The base of `docs` and its live id → slot map; a later doc with the same id replaces an earlier
 * one, and live docs get slots in input order.
 */
export function buildBase(docs: Iterable<RelatedDoc>): BaseAndSlots & { slotsById: Map<string, number> } {
  // Bulk path: term ids and flat typed arrays, then one counting-sort transpose into the CSR.
  // Same result as \`empty().upsert(docs)\` + \`compact()\`, without 100k growing JS arrays.
  const vocab = new Map<string, number>();
  const vocabTerms: string[] = [];
  let termIds = new Uint32Array(1 << 16);
  let tfs = new Uint8Array(1 << 16);
  let postings = 0;
  const docEnds: number[] = [];
  const docIds: string[] = [];
  const docHashes: number[] = [];
  const docLengths: number[] = [];
  const latest = new Map<string, number>(); // id -> index of its last occurrence
  for (const doc of docs) {
    checkId(doc);
    const terms = termsOfDoc(doc);
    const [h1, h2] = hashTerms(terms);
    if (postings + terms.size > termIds.length) {
      termIds = grow(termIds, postings + terms.size, (k) => new Uint32Array(k));
      tfs = grow(tfs, postings + terms.size, (k) => new Uint8Array(k));
    }
    let length = 0;
    for (const [term, weight] of terms) {
      let id = vocab.get(term);
      if (id === undefined) {
        id = vocabTerms.length;
        vocab.set(term, id);
        vocabTerms.push(term);
      }
      const tf = Math.min(MAX_TF, weight);
      termIds[postings] = id;
      tfs[postings++] = tf;
      length += tf;
    }
    latest.set(doc.id, docIds.length);
    docIds.push(doc.id);
    docEnds.push(postings);
    docHashes.push(h1, h2);
    docLengths.push(length);
  }

  // Live docs (last occurrence of each id) get slots in input order.
  const n = latest.size;
  const live: number[] = [...latest.values()].sort((a, b) => a - b);
  const df = new Uint32Array(vocabTerms.length);
  for (const d of live) for (let p = d === 0 ? 0 : docEnds[d - 1]!; p < docEnds[d]!; p++) df[termIds[p]!]!++;
  // Sorted vocabulary without terms that only occurred in replaced duplicates.
  const order = vocabTerms.map((_, id) => id).filter((id) => df[id]! > 0);
  order.sort((a, b) => compareStrings(vocabTerms[a]!, vocabTerms[b]!));
  const termOffsets = new Uint32Array(order.length + 1);
  const postingOffsets = new Uint32Array(order.length + 1);
  const cursor = new Uint32Array(vocabTerms.length);
  order.forEach((id, rank) => {
    cursor[id] = postingOffsets[rank]!;
    postingOffsets[rank + 1] = postingOffsets[rank]! + df[id]!;
    termOffsets[rank + 1] = termOffsets[rank]! + vocabTerms[id]!.length;
  });
  const total = postingOffsets[order.length]!;
  const postingSlots = n <= 0x10000 ? new Uint16Array(total) : new Uint32Array(total);
  const postingTf = new Uint8Array(total);
  const lengths = new Uint32Array(Math.max(n, 16));
  const hashes = new Uint32Array(Math.max(2 * n, 32));
  const idOffsets = new Uint32Array(n + 1);
  const liveIds: string[] = [];
  const slotsById = new Map<string, number>();
  let totalLength = 0;
  live.forEach((d, slot) => {
    // Filling in slot order keeps every posting list ascending.
    for (let p = d === 0 ? 0 : docEnds[d - 1]!; p < docEnds[d]!; p++) {
      const at = cursor[termIds[p]!]!++;
      postingSlots[at] = slot;
      postingTf[at] = tfs[p]!;
    }
    const id = docIds[d]!;
    liveIds.push(id);
    idOffsets[slot + 1] = idOffsets[slot]! + id.length;
    lengths[slot] = docLengths[d]!;
    totalLength += docLengths[d]!;
    hashes[2 * slot] = docHashes[2 * d]!;
    hashes[2 * slot + 1] = docHashes[2 * d + 1]!;
    slotsById.set(id, slot);
  });
  return {
    base: {
      count: n,
      ids: liveIds.join(''),
      idOffsets,
      terms: order.map((id) => vocabTerms[id]!).join(''),
      termOffsets,
      postingOffsets,
      postingSlots,
      postingTf,
    },
    lengths,
    hashes,
    totalLength,
    slotsById,
  };
}

/** What compaction folds: an index's base, its delta and its per-slot arrays (see index.ts). */
export interface PendingIndex {
  base: Base;
  /** Base slots plus delta slots, live or dead. */
  slotCount: number;
  liveCount: number;
  dead: Uint8Array;
  lengths: Uint32Array;
  hashes: Uint32Array;
  /** Ids of delta slots `base.count + i`. */
  deltaIds: readonly string[];
  /** term -> [slot, tf, slot, tf, ...], slots ascending. */
  delta: ReadonlyMap<string, readonly number[]>;
}

/**
 * A new base of the live docs of `index`, with fresh per-slot arrays and `remap` (old slot -> new
 * slot, -1 for a dead one) for the caller's id map. New slots keep the old order: live base docs,
 * then live delta docs.
 */
export function compactBase(index: PendingIndex): {
  base: Base;
  lengths: Uint32Array;
  hashes: Uint32Array;
  remap: Int32Array;
} {
  const { base: old, slotCount, liveCount: n, dead, deltaIds, delta } = index;
  const remap = new Int32Array(slotCount);
  const idParts: string[] = [];
  const idOffsets = new Uint32Array(n + 1);
  const lengths = new Uint32Array(Math.max(n, 16));
  const hashes = new Uint32Array(Math.max(2 * n, 32));
  let next = 0;
  for (let slot = 0; slot < slotCount; slot++) {
    if (dead[slot] === 1) {
      remap[slot] = -1;
      continue;
    }
    // The slot's id, as `idOf` in index.ts reads it.
    const id =
      slot < old.count ? old.ids.slice(old.idOffsets[slot]!, old.idOffsets[slot + 1]!) : deltaIds[slot - old.count]!;
    idParts.push(id);
    idOffsets[next + 1] = idOffsets[next]! + id.length;
    lengths[next] = index.lengths[slot]!;
    hashes[2 * next] = index.hashes[2 * slot]!;
    hashes[2 * next + 1] = index.hashes[2 * slot + 1]!;
    remap[slot] = next++;
  }

  // Merge the sorted base vocabulary with the sorted delta vocabulary; drop terms left without
  // live postings. Remapping preserves slot order, and delta slots come after base slots, so
  // each merged posting list stays ascending.
  const deltaTerms = [...delta.keys()].sort(compareStrings);
  let deltaPostings = 0;
  for (const list of delta.values()) deltaPostings += list.length / 2;
  const capacity = old.postingSlots.length + deltaPostings;
  const slots = new Uint32Array(capacity);
  const tfs = new Uint8Array(capacity);
  const termParts: string[] = [];
  const termOffsets: number[] = [0];
  const postingOffsets: number[] = [0];
  const baseTermCount = old.termOffsets.length - 1;
  const baseTermAt = (t: number): string | undefined =>
    t < baseTermCount ? old.terms.slice(old.termOffsets[t]!, old.termOffsets[t + 1]!) : undefined;
  let p = 0;
  let textLength = 0;
  let i = 0;
  let j = 0;
  let baseTerm = baseTermAt(0);
  while (baseTerm !== undefined || j < deltaTerms.length) {
    const deltaTerm = deltaTerms[j];
    const order = baseTerm === undefined ? 1 : deltaTerm === undefined ? -1 : compareStrings(baseTerm, deltaTerm);
    const term = order <= 0 ? baseTerm! : deltaTerm!;
    const start = p;
    if (order <= 0) {
      const end = old.postingOffsets[i + 1]!;
      for (let q = old.postingOffsets[i]!; q < end; q++) {
        const slot = remap[old.postingSlots[q]!]!;
        if (slot < 0) continue;
        slots[p] = slot;
        tfs[p++] = old.postingTf[q]!;
      }
      baseTerm = baseTermAt(++i);
    }
    if (order >= 0) {
      const list = delta.get(deltaTerm!)!;
      for (let q = 0; q < list.length; q += 2) {
        const slot = remap[list[q]!]!;
        if (slot < 0) continue;
        slots[p] = slot;
        tfs[p++] = list[q + 1]!;
      }
      j++;
    }
    if (p > start) {
      termParts.push(term);
      textLength += term.length;
      termOffsets.push(textLength);
      postingOffsets.push(p);
    }
  }

  return {
    base: {
      count: n,
      ids: idParts.join(''),
      idOffsets,
      terms: termParts.join(''),
      termOffsets: Uint32Array.from(termOffsets),
      postingOffsets: Uint32Array.from(postingOffsets),
      // Exact-size copies: structured clone would otherwise store the whole spare capacity.
      postingSlots: n <= 0x10000 ? Uint16Array.from(slots.subarray(0, p)) : slots.slice(0, p),
      postingTf: tfs.slice(0, p),
    },
    lengths,
    hashes,
    remap,
  };
}

/** Binary search over the sorted base vocabulary; -1 when absent. */
export function findTerm(base: Base, term: string): number {
  const { terms, termOffsets } = base;
  let lo = 0;
  let hi = termOffsets.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const candidate = terms.slice(termOffsets[mid]!, termOffsets[mid + 1]!);
    if (candidate === term) return mid;
    if (candidate < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * How many postings `start ..< end` of one base term (slots ascending) belong to dead docs, given
 * both as a list (`deadSlots`, unordered) and as flags per slot (`dead`): whichever is cheaper is used.
 */
export function countDeadPostings(
  postingSlots: SlotArray,
  start: number,
  end: number,
  deadSlots: readonly number[],
  dead: Uint8Array,
): number {
  let count = 0;
  if (deadSlots.length * Math.log2(end - start + 1) < end - start) {
    // Few dead docs, long posting list: look each dead slot up (postings are ascending).
    for (const slot of deadSlots) {
      let lo = start;
      let hi = end - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const at = postingSlots[mid]!;
        if (at === slot) {
          count++;
          break;
        }
        if (at < slot) lo = mid + 1;
        else hi = mid - 1;
      }
    }
  } else {
    for (let p = start; p < end; p++) count += dead[postingSlots[p]!]!;
  }
  return count;
}
