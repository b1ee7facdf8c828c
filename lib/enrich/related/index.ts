/**
 * Local "related talks" index: BM25 over the talk archive, answering "which recorded talks are most
 * related to this one?" in about half a millisecond at 20,000 talks.
 *
 * Pure TypeScript on purpose (no DOM, Dexie or extension APIs): the caller loads and stores the
 * snapshot (`toSnapshot` / `fromSnapshot`) in IndexedDB and feeds changed talks in via `upsert`.
 *
 * Layout
 * - Base: an immutable CSR (compressed sparse row) inverted index. All terms, sorted, concatenated
 *   into one string with a `Uint32Array` of offsets; per term a range of `postingSlots` (doc slots,
 *   ascending) and `postingTf` (weighted term frequency, capped at 255). Doc ids are one string plus
 *   offsets as well. Structured clone copies a few large strings and typed arrays much faster, and
 *   IndexedDB stores them much more compactly, than 100k small strings or objects.
 * - Delta: docs upserted since the last compaction get new slots after the base and live in a small
 *   `Map<term, [slot, tf, slot, tf, ...]>`.
 * - Tombstones: a replaced or removed doc's slot is only flagged dead and skipped at query time.
 *   Document frequencies and the average doc length are computed over live docs only, so results
 *   are exactly (bit for bit) what a fresh `build` of the same docs returns.
 * - Compaction folds delta and tombstones into a new base once they exceed ~10 % of the index
 *   (at least 500, at most 5,000 pending changes), so a compaction (O(index), ~0.1-0.2 s at 20k
 *   talks) is rare, and `toSnapshot` always compacts so a snapshot is a plain base.
 */
import { TOKENIZER_VERSION, nameWords, tokenize } from './tokenize';

export interface RelatedDoc {
  id: string;
  title: string;
  speakers: string[];
  tags: string[];
  conference: string;
  /** Plain text; only its first `DESCRIPTION_MAX_TOKENS` index terms count. Append the subtitle here if wanted. */
  description: string;
}

export interface RelatedHit {
  id: string;
  /** BM25 score; only comparable within one query's results. */
  score: number;
}

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

// ---------------------------------------------------------------------------------------------
// Terms of a doc

/** Bump when `termsOfDoc` weights or rules change; part of the snapshot version. */
const TERMS_VERSION = 1;
/** Bump when the snapshot layout changes. */
const LAYOUT_VERSION = 1;
/** Snapshots with another version are rejected by `fromSnapshot`, and the caller rebuilds. */
export const RELATED_INDEX_VERSION = LAYOUT_VERSION * 10_000 + TERMS_VERSION * 100 + TOKENIZER_VERSION;
const SNAPSHOT_FORMAT = 'aftertalk-related-index';

/** The title says what the talk is about more densely than anything else. */
const TITLE_WEIGHT = 3;
/** A shared speaker is a strong signal; the full name is one token so that first names do not match. */
const SPEAKER_WEIGHT = 3;
/** Name parts still count a little: descriptions mention people ("Poettering's systemd"). */
const SPEAKER_WORD_WEIGHT = 1;
const TAG_WEIGHT = 2;
/** Per word of a tag with several words. */
const MULTI_WORD_TAG_WEIGHT = 1;
const CONFERENCE_WEIGHT = 1;
const DESCRIPTION_WEIGHT = 1;
/** Abstracts state the topic up front; the rest of long descriptions is outlines and links. */
export const DESCRIPTION_MAX_TOKENS = 300;

export const SPEAKER_PREFIX = 'speaker:';
export const CONFERENCE_PREFIX = 'conf:';

const HONORIFICS = new Set(['dr', 'prof', 'phd', 'mr', 'mrs', 'ms']);
/** ISO 639-2 codes seen in `<acronym>-<lang>` tags (see lib/poll/feed/normalise.ts). */
const LANGUAGE_CODES = new Set([
  'eng',
  'deu',
  'fra',
  'spa',
  'ita',
  'nld',
  'por',
  'rus',
  'pol',
  'ces',
  'swe',
  'dan',
  'fin',
  'nor',
  'jpn',
  'zho',
  'ara',
  'tur',
  'ukr',
  'gsw',
  'mul',
  'und',
]);
const LANGUAGE_TAG = /^(?:(.+?)-)?([a-z]{3}(?:-[a-z]{3})*)$/;
/** pretalx submission codes such as "8AA87L": 4-16 upper-case letters and digits with a digit. */
const PRETALX_CODE = /^(?=[A-Z0-9]*\d)[A-Z0-9]{4,16}$/;

/** `<acronym>-<lang>` tags ("39c3-eng", "asg2025-deu-eng") or a bare language code. */
function isLanguageTag(lower: string, conf: string): boolean {
  const match = LANGUAGE_TAG.exec(lower);
  if (!match) return false;
  return (conf !== '' && match[1] === conf) || match[2]!.split('-').every((code) => LANGUAGE_CODES.has(code));
}

/**
 * Tags that say nothing about the topic: schedule ids, years, pretalx codes, "Day 2", the
 * conference acronym (it gets its own, deliberately weak term) and language tags ("39c3-eng").
 */
export function isNoiseTag(tag: string, conference: string): boolean {
  const t = tag.trim();
  if (!t || /^\d+$/.test(t) || /^day\s*\d+$/i.test(t) || PRETALX_CODE.test(t)) return true;
  const lower = t.toLowerCase();
  const conf = conference.trim().toLowerCase();
  return (conf !== '' && lower === conf) || isLanguageTag(lower, conf);
}

/**
 * Room names that say so ("Saal One", "Main Hall", "HS1", FOSDEM's "K.4.201" / "H.1302 (Depage)").
 * Also the word "room"/"raum" alone ("Room 2").
 */
const ROOM_TAG =
  /(?:^|[^\p{L}])(?:saal|hall|h[oö]rsaal|room|raum|stage|b[uü]hne|auditorium)(?:$|[^\p{L}])|^hs\s?\d+$|^[a-z]{1,3}\d?\.\d/iu;

/**
 * The tags worth indexing, in order. Besides noise tags this drops room names: a room is shared by
 * the talks of one conference only, so it would act as a second, strong conference token and pull
 * unrelated talks of the same event to the top. voctopublish writes `<code>, <year>, <acronym>,
 * <track>, <room>, <acronym>-<lang>..., [extra], Day N`, so the tag right before the first language
 * tag is the room, provided a topical tag (the track) precedes it; room-like names go anyway.
 */
export function topicalTags(tags: readonly string[], conference: string): string[] {
  const kept: string[] = [];
  let lastKeptAt = -1;
  let sawLanguage = false;
  const conf = conference.trim().toLowerCase();
  tags.forEach((tag, i) => {
    if (isNoiseTag(tag, conference)) {
      if (!sawLanguage && isLanguageTag(tag.trim().toLowerCase(), conf)) {
        sawLanguage = true;
        if (lastKeptAt === i - 1 && kept.length >= 2) kept.pop();
      }
      return;
    }
    if (ROOM_TAG.test(tag.trim())) return;
    kept.push(tag);
    lastKeptAt = i;
  });
  return kept;
}

/** "Dr. Lennart Pöttering" -> "speaker:lennart_pottering"; '' for a name without letters or digits. */
export function speakerTerm(name: string): string {
  const words = nameWords(name).filter((word) => !HONORIFICS.has(word));
  return words.length > 0 ? `${SPEAKER_PREFIX}${words.join('_').slice(0, 100)}` : '';
}

/** "39C3" -> "conf:39c3"; '' when there is no acronym. */
export function conferenceTerm(conference: string): string {
  const words = nameWords(conference);
  return words.length > 0 ? `${CONFERENCE_PREFIX}${words.join('').slice(0, 60)}` : '';
}

function addTokens(terms: Map<string, number>, tokens: string[], weight: number): void {
  for (const token of tokens) terms.set(token, (terms.get(token) ?? 0) + weight);
}

/**
 * Weighted term frequencies of a talk (positive integers): title x3, each speaker's full name as
 * one token x3 (+ name words x1), topical tags x2 (x1 per word for multi-word tags; see
 * `topicalTags` for what is dropped), the conference as one `conf:` token x1, and the
 * first `DESCRIPTION_MAX_TOKENS` description terms x1.
 */
export function termsOfDoc(doc: RelatedDoc): Map<string, number> {
  const terms = new Map<string, number>();
  addTokens(terms, tokenize(doc.title), TITLE_WEIGHT);
  for (const speaker of doc.speakers) {
    const term = speakerTerm(speaker);
    if (term) terms.set(term, (terms.get(term) ?? 0) + SPEAKER_WEIGHT);
    addTokens(terms, tokenize(speaker), SPEAKER_WORD_WEIGHT);
  }
  for (const tag of topicalTags(doc.tags, doc.conference)) {
    // A tag is one label: "Society & Politics" must not count twice as much as "Security".
    const tokens = tokenize(tag);
    addTokens(terms, tokens, tokens.length === 1 ? TAG_WEIGHT : MULTI_WORD_TAG_WEIGHT);
  }
  const conference = conferenceTerm(doc.conference);
  if (conference) terms.set(conference, (terms.get(conference) ?? 0) + CONFERENCE_WEIGHT);
  addTokens(terms, tokenize(doc.description, DESCRIPTION_MAX_TOKENS), DESCRIPTION_WEIGHT);
  return terms;
}

/** Query terms for free text (a search box, a schedule page's abstract): each token x1. */
export function termsOfText(text: string): Map<string, number> {
  const terms = new Map<string, number>();
  addTokens(terms, tokenize(text, DESCRIPTION_MAX_TOKENS), 1);
  return terms;
}

// ---------------------------------------------------------------------------------------------
// Scoring constants

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
/** Weighted tf is stored in a Uint8Array; BM25 saturates long before this. */
const MAX_TF = 255;

const DEFAULT_OPTIONS: Required<RelatedIndexOptions> = { minPending: 500, maxPending: 5000, pendingRatio: 0.1 };

// ---------------------------------------------------------------------------------------------
// Index

type SlotArray = Uint16Array | Uint32Array;

/** The immutable CSR part; shared with snapshots, so never written in place. */
interface Base {
  count: number;
  ids: string;
  idOffsets: Uint32Array;
  terms: string;
  termOffsets: Uint32Array;
  postingOffsets: Uint32Array;
  postingSlots: SlotArray;
  postingTf: Uint8Array;
}

interface QueryTerm {
  term: string;
  weight: number;
  baseTerm: number;
  delta: number[] | undefined;
}

const EMPTY_BASE: Base = {
  count: 0,
  ids: '',
  idOffsets: new Uint32Array(1),
  terms: '',
  termOffsets: new Uint32Array(1),
  postingOffsets: new Uint32Array(1),
  postingSlots: new Uint16Array(0),
  postingTf: new Uint8Array(0),
};

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** cyrb53-style pair of 32-bit hashes over a doc's (capped) terms, in insertion order. */
function hashTerms(terms: Map<string, number>): [number, number] {
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

function checkId(doc: RelatedDoc): void {
  if (typeof doc.id !== 'string' || doc.id === '')
    throw new TypeError('RelatedIndex: a doc needs a non-empty string id');
}

function grow<T extends Uint8Array | Uint32Array>(array: T, minLength: number, make: (n: number) => T): T {
  if (array.length >= minLength) return array;
  const next = make(Math.max(minLength, array.length * 2, 64));
  next.set(array);
  return next;
}

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
  /** Live docs only. */
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
    // Bulk path: term ids and flat typed arrays, then one counting-sort transpose into the CSR.
    // Same result as `empty().upsert(docs)` + `compact()`, without 100k growing JS arrays.
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
    const index = new RelatedIndex(options);
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
      index.idToSlot.set(id, slot);
    });
    index.base = {
      count: n,
      ids: liveIds.join(''),
      idOffsets,
      terms: order.map((id) => vocabTerms[id]!).join(''),
      termOffsets,
      postingOffsets,
      postingSlots,
      postingTf,
    };
    index.slotCount = n;
    index.lengths = lengths;
    index.hashes = hashes;
    index.dead = new Uint8Array(lengths.length);
    index.liveCount = n;
    index.totalLength = totalLength;
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
    const excluded = (slot: number): boolean => excludedIds.size > 0 && excludedIds.has(this.idOf(slot));

    const terms = this.queryTerms(weights);
    if (terms.length === 0) return [];

    const { postingOffsets, postingSlots, postingTf } = this.base;
    const lengths = this.lengths;
    const dead = this.dead;
    const checkDead = this.deadCount > 0;
    if (this.scores.length < this.slotCount) this.scores = new Float64Array(this.lengths.length);
    const scores = this.scores;
    const touched: number[] = [];
    // BM25 tf part: tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avgdl)), with the constant
    // parts hoisted. Every doc's score is summed in the same term order as in a fresh build.
    const normA = K1 * (1 - B);
    const normB = (K1 * B * this.liveCount) / this.totalLength;
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

    // Top `limit` with a min-heap whose root is the worst kept hit: O(touched * log limit).
    const heap: number[] = [];
    const worse = (a: number, b: number): boolean => {
      const sa = scores[a]!;
      const sb = scores[b]!;
      return sa < sb || (sa === sb && this.idOf(a) > this.idOf(b));
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
      hits.push({ id: this.idOf(slot), score: scores[slot]! });
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        siftDown(0);
      }
    }
    for (const slot of touched) scores[slot] = 0;
    hits.reverse();
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
    const base = this.base;
    return {
      format: SNAPSHOT_FORMAT,
      version: RELATED_INDEX_VERSION,
      docCount: base.count,
      ids: base.ids,
      idOffsets: base.idOffsets,
      // Copies: the live arrays have spare capacity (a view would clone the whole buffer) and change.
      docLengths: this.lengths.slice(0, base.count),
      docHashes: this.hashes.slice(0, 2 * base.count),
      terms: base.terms,
      termOffsets: base.termOffsets,
      postingOffsets: base.postingOffsets,
      postingSlots: base.postingSlots,
      postingTf: base.postingTf,
    };
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
    const { base, lengths, totalLength, hashes } = valid;
    const index = new RelatedIndex(options);
    index.slotsById = null;
    index.base = base;
    index.slotCount = base.count;
    index.lengths = lengths;
    index.hashes = hashes;
    index.dead = new Uint8Array(lengths.length);
    index.liveCount = base.count;
    index.totalLength = totalLength;
    return index;
  }

  /** Folds delta and tombstones into a new base. Runs automatically; public for callers that idle. */
  compact(): void {
    const old = this.base;
    if (this.deadCount === 0 && this.slotCount === old.count) return;
    const n = this.liveCount;

    // New slots keep the old order: live base docs, then live delta docs.
    const remap = new Int32Array(this.slotCount);
    const idParts: string[] = [];
    const idOffsets = new Uint32Array(n + 1);
    const lengths = new Uint32Array(Math.max(n, 16));
    const hashes = new Uint32Array(Math.max(2 * n, 32));
    let next = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (this.dead[slot] === 1) {
        remap[slot] = -1;
        continue;
      }
      const id = this.idOf(slot);
      idParts.push(id);
      idOffsets[next + 1] = idOffsets[next]! + id.length;
      lengths[next] = this.lengths[slot]!;
      hashes[2 * next] = this.hashes[2 * slot]!;
      hashes[2 * next + 1] = this.hashes[2 * slot + 1]!;
      remap[slot] = next++;
    }

    // Merge the sorted base vocabulary with the sorted delta vocabulary; drop terms left without
    // live postings. Remapping preserves slot order, and delta slots come after base slots, so
    // each merged posting list stays ascending.
    const deltaTerms = [...this.delta.keys()].sort(compareStrings);
    let deltaPostings = 0;
    for (const list of this.delta.values()) deltaPostings += list.length / 2;
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
        const list = this.delta.get(deltaTerm!)!;
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

    this.base = {
      count: n,
      ids: idParts.join(''),
      idOffsets,
      terms: termParts.join(''),
      termOffsets: Uint32Array.from(termOffsets),
      postingOffsets: Uint32Array.from(postingOffsets),
      // Exact-size copies: structured clone would otherwise store the whole spare capacity.
      postingSlots: n <= 0x10000 ? Uint16Array.from(slots.subarray(0, p)) : slots.slice(0, p),
      postingTf: tfs.slice(0, p),
    };
    this.slotCount = n;
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

  /** Binary search over the sorted base vocabulary; -1 when absent. */
  private findBaseTerm(term: string): number {
    const { terms, termOffsets } = this.base;
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
          dead = 0;
          const deadSlots = this.deadBaseSlots;
          if (deadSlots.length * Math.log2(end - start + 1) < end - start) {
            // Few dead docs, long posting list: look each dead slot up (postings are ascending).
            for (const slot of deadSlots) {
              let lo = start;
              let hi = end - 1;
              while (lo <= hi) {
                const mid = (lo + hi) >>> 1;
                const at = postingSlots[mid]!;
                if (at === slot) {
                  dead++;
                  break;
                }
                if (at < slot) lo = mid + 1;
                else hi = mid - 1;
              }
            }
          } else {
            for (let p = start; p < end; p++) dead += this.dead[postingSlots[p]!]!;
          }
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
    const n = this.liveCount;
    const picked: QueryTerm[] = [];
    for (const [term, qtf] of weights) {
      if (!(qtf > 0) || !Number.isFinite(qtf)) continue;
      const baseTerm = this.findBaseTerm(term);
      const delta = this.delta.get(term);
      if (baseTerm < 0 && !delta) continue;
      const df = this.liveDf(term, baseTerm, delta);
      if (df === 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      let weight = ((qtf * (QUERY_K3 + 1)) / (qtf + QUERY_K3)) * idf;
      if (term.startsWith(CONFERENCE_PREFIX)) weight *= CONFERENCE_QUERY_FACTOR;
      picked.push({ term, weight, baseTerm, delta });
    }
    picked.sort((a, b) => b.weight - a.weight || compareStrings(a.term, b.term));
    if (picked.length > MAX_QUERY_TERMS) picked.length = MAX_QUERY_TERMS;
    return picked;
  }
}

// ---------------------------------------------------------------------------------------------
// Snapshot validation

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
 * arrays with spare capacity; `fromSnapshot` checks id uniqueness on top.
 */
function validateSnapshot(
  s: unknown,
): { base: Base; lengths: Uint32Array; totalLength: number; hashes: Uint32Array } | null {
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
