/**
 * The stored form of the related index: the snapshot record, its format and version, writing one
 * from a base and checking one read back from IndexedDB. A record can be old, truncated or
 * corrupted, so `validateSnapshot` proves it consistent before the index trusts any offset in it.
 */
import type { Base, SlotArray } from './base';
import { TERMS_VERSION } from './terms';
import { TOKENIZER_VERSION } from './tokenize';

/** Plain, structured-clonable object; treat its strings and typed arrays as read-only. */
export interface RelatedIndexSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  docCount: number;
  /** All doc ids concatenated; doc `i` is `ids.slice(idOffsets[i], idOffsets[i + 1])`. */
  ids: string;
  idOffsets: Uint32Array;
  /** Sum of the (capped) weighted term frequencies of each doc. */
  docLengths: Uint32Array;
  /** Two 32-bit hashes of each doc's terms, so upserting an unchanged doc is a no-op. */
  docHashes: Uint32Array;
  /** All terms, sorted by UTF-16 code units, concatenated; term `t` is `terms.slice(termOffsets[t], termOffsets[t + 1])`. */
  terms: string;
  termOffsets: Uint32Array;
  /** Postings of term `t` are `postingOffsets[t] ..< postingOffsets[t + 1]`. */
  postingOffsets: Uint32Array;
  /** Doc slots, ascending within a term. `Uint16Array` while `docCount <= 65536`: half the bytes. */
  postingSlots: Uint16Array | Uint32Array;
  /** Weighted term frequency of the posting, 1..255. */
  postingTf: Uint8Array;
}

/** Bump when the snapshot layout changes. */
const LAYOUT_VERSION = 1;
/** Snapshots with another version are rejected by `fromSnapshot`, and the caller rebuilds. */
export const RELATED_INDEX_VERSION = LAYOUT_VERSION * 10_000 + TERMS_VERSION * 100 + TOKENIZER_VERSION;
const SNAPSHOT_FORMAT = 'aftertalk-related-index';

/**
 * The snapshot of a compacted index. The base's strings and typed arrays are shared, not copied;
 * the per-slot arrays are cut to size.
 */
export function snapshotOf(base: Base, lengths: Uint32Array, hashes: Uint32Array): RelatedIndexSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: RELATED_INDEX_VERSION,
    docCount: base.count,
    ids: base.ids,
    idOffsets: base.idOffsets,
    // Copies: the live arrays have spare capacity (a view would clone the whole buffer) and change.
    docLengths: lengths.slice(0, base.count),
    docHashes: hashes.slice(0, 2 * base.count),
    terms: base.terms,
    termOffsets: base.termOffsets,
    postingOffsets: base.postingOffsets,
    postingSlots: base.postingSlots,
    postingTf: base.postingTf,
  };
}

/** A valid snapshot's base, with fresh per-slot arrays (spare capacity) and the total doc length. */
export interface LoadedSnapshot {
  base: Base;
  lengths: Uint32Array;
  totalLength: number;
  hashes: Uint32Array;
}

function isTyped<T>(value: unknown, tag: string): value is T {
  // Tag check rather than instanceof: a record read back from IndexedDB may come from another realm.
  return Object.prototype.toString.call(value) === `[object ${tag}]`;
}

/** Offsets start at 0, strictly increase (no empty entries) and end at `end`. */
function validOffsets(offsets: Uint32Array, end: number): boolean {
  if (offsets.length < 1 || offsets[0] !== 0 || offsets[offsets.length - 1] !== end) return false;
  for (let i = 1; i < offsets.length; i++) if (offsets[i]! <= offsets[i - 1]!) return false;
  return true;
}

/**
 * Structural checks in one pass over the postings, which also recomputes the doc lengths (they
 * must match the stored ones, proving the record consistent). Returns the base and fresh per-slot
 * arrays with spare capacity, or null. Repeated ids are not checked here: that needs the id map,
 * which the index builds only when first needed (see `idToSlot` in index.ts).
 */
export function validateSnapshot(s: unknown): LoadedSnapshot | null {
  if (typeof s !== 'object' || s === null) return null;
  const r = s as Record<string, unknown>;
  if (r.format !== SNAPSHOT_FORMAT || r.version !== RELATED_INDEX_VERSION) return null;
  const n = r.docCount;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) return null;
  if (typeof r.ids !== 'string' || typeof r.terms !== 'string') return null;
  if (!isTyped<Uint32Array>(r.idOffsets, 'Uint32Array') || !isTyped<Uint32Array>(r.docLengths, 'Uint32Array'))
    return null;
  if (!isTyped<Uint32Array>(r.docHashes, 'Uint32Array') || !isTyped<Uint32Array>(r.termOffsets, 'Uint32Array'))
    return null;
  if (!isTyped<Uint32Array>(r.postingOffsets, 'Uint32Array') || !isTyped<Uint8Array>(r.postingTf, 'Uint8Array'))
    return null;
  const slots = r.postingSlots;
  if (!isTyped<Uint32Array>(slots, 'Uint32Array') && !(isTyped<Uint16Array>(slots, 'Uint16Array') && n <= 0x10000))
    return null;
  const postingSlots = slots as SlotArray;
  const { ids, terms, idOffsets, docLengths, docHashes, termOffsets, postingOffsets, postingTf } =
    r as unknown as RelatedIndexSnapshot;

  if (idOffsets.length !== n + 1 || docLengths.length !== n || docHashes.length !== 2 * n) return null;
  if (!validOffsets(idOffsets, ids.length)) return null;
  if (termOffsets.length !== postingOffsets.length || !validOffsets(termOffsets, terms.length)) return null;
  if (postingSlots.length !== postingTf.length || !validOffsets(postingOffsets, postingSlots.length)) return null;

  const lengths = new Uint32Array(Math.max(n, 16));
  let previous = '';
  for (let t = 0; t + 1 < termOffsets.length; t++) {
    // Terms strictly ascending, or the binary search would miss some.
    const term = terms.slice(termOffsets[t]!, termOffsets[t + 1]!);
    if (t > 0 && !(previous < term)) return null;
    previous = term;
    // Slots in range and strictly ascending within the term; tf at least 1.
    let last = -1;
    const end = postingOffsets[t + 1]!;
    for (let p = postingOffsets[t]!; p < end; p++) {
      const slot = postingSlots[p]!;
      const tf = postingTf[p]!;
      if (slot <= last || slot >= n || tf === 0) return null;
      lengths[slot]! += tf;
      last = slot;
    }
  }
  let totalLength = 0;
  for (let i = 0; i < n; i++) {
    if (lengths[i] !== docLengths[i]) return null;
    totalLength += lengths[i]!;
  }
  const hashes = new Uint32Array(Math.max(2 * n, 32));
  hashes.set(docHashes);
  return {
    base: { count: n, ids, idOffsets, terms, termOffsets, postingOffsets, postingSlots, postingTf },
    lengths,
    totalLength,
    hashes,
  };
}
