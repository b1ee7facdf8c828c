/**
 * The hand-written related-talks index (lib/enrich/related/) against MiniSearch, the well-kept
 * library a reviewer would expect (BM25+, field boosts, serialisable), on the same archive in the
 * same run: build time, query p95, load time of the saved form (what a woken worker pays before it
 * answers), serialised size, and how often each finds the related talks the ranking tests expect
 * (tests/unit/enrich/related/index.ranking.test.ts) when those talks sit among 30,000 others.
 *
 * MiniSearch gets what ours gets: the same fields with the same weights as boosts (title 3,
 * speakers 3, tags 2, conference 1, description 1, the description cut to its first 300 words),
 * and as its query the same 40 strongest terms of the talk our query uses, OR-combined.
 */
import v8 from 'node:v8';
import MiniSearch from 'minisearch';
import { splitItems } from '@/lib/poll/feed/item-chunks';
import { normaliseItem } from '@/lib/poll/feed/normalise';
import { readFeed } from '@/lib/poll/feed/read-feed';
import { RelatedIndex, termsOfDoc, type RelatedDoc } from '@/lib/enrich/related/index';
import { MAX_QUERY_TERMS } from '@/lib/enrich/related/query';
import { CONFERENCE_PREFIX, DESCRIPTION_MAX_TOKENS, SPEAKER_PREFIX } from '@/lib/enrich/related/terms';
import { RELATED_LIMIT } from '@/lib/enrich/lookup-types';
import { generateFeed } from '@/tests/fixtures/feed/generate';
import { ARCHIVE, talk } from '../tests/support/related-archive';
import { median, percentile } from './stats';
import type { BenchRow } from './types';

const SECTION = 'Related talks: ours vs MiniSearch (Node)';
const QUERIES = 100;
const LIMIT = RELATED_LIMIT * 3;

/** The ranking tests' groups: a query talk's top k should be talks of its group. */
const GROUPS: Record<string, string[]> = {
  systemd: [
    'asg-systemd-258',
    'asg-systemd-resolved',
    'fosdem-systemd-boot',
    '38c3-systemd-homed',
    'ds-systemd-units',
    'froscon-journald',
  ],
  osm: [
    'sotm-vector-tiles',
    'sotm-wheelchair-routing',
    'sotm-hot-kenya',
    'sotm-osmium-postgis',
    'fosdem-osm-offline-navigation',
    'froscon-overpass',
    '39c3-osm-surveillance',
  ],
  reproducible: ['38c3-reproducible-builds', 'fosdem-bootstrappable-guix', '39c3-reproducible-debian'],
  rust: ['39c3-rust-kernel', 'fosdem-rust-embedded', 'froscon-rust-python', '38c3-rust-memory-safety'],
  epa: ['39c3-epa', '38c3-epa'],
};
/** [query, group, k] as the ranking tests ask them. */
const PAIRS: [string, string, number][] = [
  ['fosdem-systemd-boot', 'systemd', 3],
  ['ds-systemd-units', 'systemd', 3],
  ['asg-systemd-258', 'systemd', 5],
  ['sotm-wheelchair-routing', 'osm', 4],
  ['fosdem-osm-offline-navigation', 'osm', 2],
  ['froscon-overpass', 'osm', 5],
  ['39c3-osm-surveillance', 'osm', 4],
  ['38c3-reproducible-builds', 'reproducible', 2],
  ['39c3-rust-kernel', 'rust', 3],
  ['fosdem-rust-embedded', 'rust', 3],
  ['froscon-rust-python', 'rust', 1],
  ['39c3-epa', 'epa', 1],
  ['38c3-epa', 'epa', 1],
];

/** The generator's talks as the extension would store them, plus the ranking tests' archive. */
export function comparisonArchive(talks: number): RelatedDoc[] {
  const text = generateFeed({ items: talks, seed: 7, duplicateSummary: false });
  const generated = readFeed(text, splitItems(text))
    .items.map((item) => normaliseItem(item))
    .flatMap((item) => (item ? [item] : []))
    .map(({ id, title, speakers, tags, conference, description }) => ({
      id,
      title,
      speakers,
      tags,
      conference,
      description,
    }));
  return [...generated, ...ARCHIVE];
}

interface MiniDoc {
  id: string;
  title: string;
  speakers: string;
  tags: string;
  conference: string;
  description: string;
}

const MINI_OPTIONS = {
  fields: ['title', 'speakers', 'tags', 'conference', 'description'],
  storeFields: [],
  searchOptions: {
    boost: { title: 3, speakers: 3, tags: 2, conference: 1, description: 1 },
    combineWith: 'OR' as const,
  },
};

const miniDoc = (doc: RelatedDoc): MiniDoc => ({
  id: doc.id,
  title: doc.title,
  speakers: doc.speakers.join(' '),
  tags: doc.tags.join(' '),
  conference: doc.conference,
  description: doc.description.split(/\s+/).slice(0, DESCRIPTION_MAX_TOKENS).join(' '),
});

/** The 40 strongest terms of the talk, as words. */
function miniQuery(doc: RelatedDoc): string {
  return [...termsOfDoc(doc)]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_QUERY_TERMS)
    .map(([term]) => term.replace(SPEAKER_PREFIX, '').replace(CONFERENCE_PREFIX, '').replace(/_/g, ' '))
    .join(' ');
}

function timeOf(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const hitsIn = (ids: string[], group: string[], k: number) => ids.slice(0, k).filter((id) => group.includes(id)).length;

export function runLibraryComparison(docs: RelatedDoc[], runs: number, log: (what: string) => void): BenchRow[] {
  const items = docs.length;
  log(`ours vs MiniSearch on ${items.toLocaleString('en')} talks`);
  const minis = docs.map(miniDoc);
  let ours = RelatedIndex.build(docs);
  let mini = new MiniSearch<MiniDoc>(MINI_OPTIONS);
  mini.addAll(minis);
  const buildOurs: number[] = [];
  const buildMini: number[] = [];
  // MiniSearch takes some 20 s a build here: three builds are enough for a median.
  for (let run = 0; run < Math.min(runs, 3); run++) {
    buildOurs.push(timeOf(() => (ours = RelatedIndex.build(docs))));
    buildMini.push(
      timeOf(() => {
        mini = new MiniSearch<MiniDoc>(MINI_OPTIONS);
        mini.addAll(minis);
      }),
    );
  }
  const ourQuery = (doc: RelatedDoc) => ours.query(doc, { limit: LIMIT, excludeIds: [doc.id] }).map((hit) => hit.id);
  const miniQueryIds = (doc: RelatedDoc) =>
    mini
      .search(miniQuery(doc))
      .filter((hit) => hit.id !== doc.id)
      .slice(0, LIMIT)
      .map((hit) => String(hit.id));
  const sample = Array.from({ length: QUERIES }, (_, i) => docs[Math.floor((i * docs.length) / QUERIES)]!);
  for (const doc of sample.slice(0, 5)) [ourQuery(doc), miniQueryIds(doc)];
  const queryOurs: number[] = [];
  const queryMini: number[] = [];
  const overlap: number[] = [];
  for (const doc of sample) {
    let a: string[] = [];
    let b: string[] = [];
    queryOurs.push(timeOf(() => (a = ourQuery(doc))));
    queryMini.push(timeOf(() => (b = miniQueryIds(doc))));
    const topA = a.slice(0, RELATED_LIMIT);
    const topB = new Set(b.slice(0, RELATED_LIMIT));
    if (topA.length) overlap.push(topA.filter((id) => topB.has(id)).length / topA.length);
  }

  const snapshot = ours.toSnapshot();
  const ourBytes = v8.serialize(snapshot).byteLength;
  const json = JSON.stringify(mini);
  const miniBytes = v8.serialize(json).byteLength;
  const loadOurs: number[] = [];
  const loadMini: number[] = [];
  const ourSaved = v8.serialize(snapshot);
  const miniSaved = v8.serialize(json);
  for (let run = 0; run < Math.min(runs, 3); run++) {
    // As a woken worker reads it: deserialised from IndexedDB's form, then made an index.
    loadOurs.push(timeOf(() => RelatedIndex.fromSnapshot(v8.deserialize(ourSaved))));
    loadMini.push(timeOf(() => MiniSearch.loadJSON(v8.deserialize(miniSaved) as string, MINI_OPTIONS)));
  }

  const expected = PAIRS.reduce((sum, [, , k]) => sum + k, 0);
  let foundOurs = 0;
  let foundMini = 0;
  let agree = 0;
  for (const [query, group, k] of PAIRS) {
    const members = GROUPS[group]!.filter((id) => id !== query);
    const a = ourQuery(talk(query));
    const b = miniQueryIds(talk(query));
    foundOurs += hitsIn(a, members, k);
    foundMini += hitsIn(b, members, k);
    const topB = new Set(b.slice(0, k));
    agree += a.slice(0, k).filter((id) => topB.has(id)).length;
  }

  const ms = (name: string, values: number[], extra: Partial<BenchRow> = {}): BenchRow => ({
    section: SECTION,
    name,
    items,
    value: median(values),
    p95: percentile(values, 95),
    runs: values.length,
    unit: 'ms',
    ...extra,
  });
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const winner = (ourValue: number, theirs: number) => (ourValue <= theirs ? 'ours wins' : 'MiniSearch wins');
  const p95Ours = percentile(queryOurs, 95);
  const p95Mini = percentile(queryMini, 95);
  return [
    ms('build: RelatedIndex.build (ours)', buildOurs, {
      note: `MiniSearch takes ${x(median(buildMini), median(buildOurs))} as long: ${winner(median(buildOurs), median(buildMini))}`,
    }),
    ms('  build: MiniSearch addAll', buildMini),
    ms(`query p95 (ours, ${QUERIES} stored talks, limit ${LIMIT})`, queryOurs, {
      note: `MiniSearch's p95 is ${x(p95Mini, p95Ours)} ours: ${winner(p95Ours, p95Mini)}`,
    }),
    ms('  query: MiniSearch search, the same 40 strongest terms OR-combined', queryMini),
    ms('load of the saved form (ours: fromSnapshot)', loadOurs, {
      note: `what a woken worker pays before its first answer; MiniSearch.loadJSON takes ${x(median(loadMini), median(loadOurs))} as long: ${winner(median(loadOurs), median(loadMini))}`,
    }),
    ms('  load: MiniSearch.loadJSON', loadMini),
    {
      section: SECTION,
      name: 'serialised size (ours: the snapshot, V8 structured clone)',
      items,
      value: Math.round(ourBytes / 1024),
      unit: 'KB',
      note: `MiniSearch's JSON as IndexedDB would store it: ${Math.round(miniBytes / 1024).toLocaleString('en')} KB, ${x(miniBytes, ourBytes)} ours: ${winner(ourBytes, miniBytes)}`,
    },
    {
      section: SECTION,
      name: `ranking tests' related talks found among ${items.toLocaleString('en')} (ours)`,
      items,
      value: foundOurs,
      unit: 'talks',
      note: `of ${expected} expected in the top k of ${PAIRS.length} queries (tests/unit/enrich/related/index.ranking.test.ts); MiniSearch finds ${foundMini}; the two top-k lists share ${agree} of ${expected}`,
    },
    {
      section: SECTION,
      name: `top ${RELATED_LIMIT} shared by both, ${QUERIES} stored talks`,
      items,
      value: Math.round(median(overlap) * 100),
      unit: '%',
      note: `median share of our top ${RELATED_LIMIT} that MiniSearch also ranks in its top ${RELATED_LIMIT}; mean ${Math.round((overlap.reduce((a, b) => a + b, 0) / Math.max(1, overlap.length)) * 100)} %`,
    },
  ];
}
