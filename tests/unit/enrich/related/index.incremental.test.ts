import { describe, expect, it } from 'vitest';
import { RelatedIndex, type RelatedIndexOptions } from '@/lib/enrich/related/index';
import { termsOfText, type RelatedDoc } from '@/lib/enrich/related/terms';
import { ARCHIVE, talk } from '../../../support/related-archive';

const TEXT_QUERIES = [
  'systemd',
  'OpenStreetMap routing',
  'reproducible builds debian',
  'Rust kernel',
  'Sicherheitslücken Überwachung',
];

/** Every talk of `docs` as a query, plus a few text queries, with deep limits. */
function allResults(index: RelatedIndex, docs: RelatedDoc[]) {
  return {
    byDoc: docs.map((doc) => index.query(doc, { limit: 20 })),
    byText: TEXT_QUERIES.map((text) => index.query(termsOfText(text), { limit: 20 })),
  };
}

const changed: RelatedDoc[] = [
  // Same id, new content: a GNOME OS talk becomes a systemd talk.
  {
    ...talk('asg-bootc'),
    title: 'systemd-sysext and systemd-confext for immutable images',
    description: 'Extending immutable images with systemd system extensions.',
  },
  { ...talk('38c3-space-radio'), tags: ['4350', '2024', '38c3', 'OpenStreetMap', 'Saal ZIGZAG', '38c3-eng'] },
];
const added: RelatedDoc[] = [
  {
    id: 'froscon-systemd-timers',
    conference: 'froscon2025',
    title: 'Goodbye cron: systemd timers',
    speakers: ['Mareike Brandt'],
    tags: ['3391', '2025', 'froscon2025', 'Sysadmin', 'HS1', 'froscon2025-eng'],
    description:
      'systemd timer units replace cron jobs with calendar expressions, persistent timers and journald logging.',
  },
  {
    id: 'sotm-street-complete',
    conference: 'sotm2025',
    title: 'StreetComplete: mapping OpenStreetMap with quests',
    speakers: ['Jonas Weber'],
    tags: ['sotm2025', 'Software', 'Room 2', 'sotm2025-eng'],
    description:
      'StreetComplete asks simple questions to complete OpenStreetMap data: opening hours, surfaces and sidewalks.',
  },
];
const removedIds = ['39c3-knitting-machines', 'fosdem-rust-embedded', 'sotm-governance'];

/** The archive after all changes, in a different order than the incremental path saw it. */
function finalDocs(): RelatedDoc[] {
  const byId = new Map(ARCHIVE.map((d) => [d.id, d]));
  for (const doc of [...changed, ...added]) byId.set(doc.id, doc);
  for (const id of removedIds) byId.delete(id);
  return [...byId.values()].reverse();
}

/** Builds half the archive, then applies everything else as a sync would, in small batches. */
function incremental(options?: RelatedIndexOptions): RelatedIndex {
  const index = RelatedIndex.build(ARCHIVE.slice(0, 20), options);
  for (let i = 20; i < ARCHIVE.length; i += 3) index.upsert(ARCHIVE.slice(i, i + 3));
  index.upsert([changed[0]!]);
  index.remove([removedIds[0]!]);
  index.upsert([added[0]!, changed[1]!]);
  index.remove(removedIds.slice(1));
  index.upsert([added[1]!]);
  return index;
}

describe('RelatedIndex incremental updates', () => {
  it('gives exactly the results of a fresh build (delta and tombstones, no compaction)', () => {
    const docs = finalDocs();
    const fresh = RelatedIndex.build(docs);
    const updated = incremental();
    expect(updated.stats.pending).toBeGreaterThan(0); // really served from delta + tombstones
    expect(updated.size).toBe(docs.length);
    expect(allResults(updated, docs)).toEqual(allResults(fresh, docs));
  });

  it('gives exactly the results of a fresh build after automatic compactions', () => {
    const docs = finalDocs();
    const fresh = RelatedIndex.build(docs);
    const tight = { minPending: 2, maxPending: 2, pendingRatio: 0 };
    const updated = incremental(tight);
    expect(updated.stats.pending).toBeLessThanOrEqual(2);
    expect(updated.stats.baseDocs).toBeGreaterThan(20);
    expect(allResults(updated, docs)).toEqual(allResults(fresh, docs));
    // And an explicit compaction changes nothing observable.
    const loose = incremental();
    loose.compact();
    expect(loose.stats.pending).toBe(0);
    expect(allResults(loose, docs)).toEqual(allResults(fresh, docs));
  });

  it('changes results when a doc changes', () => {
    const index = RelatedIndex.build(ARCHIVE);
    const before = index.query(talk('fosdem-systemd-boot'), { limit: 5 }).map((h) => h.id);
    expect(before).not.toContain('asg-bootc');
    expect(index.upsert([changed[0]!])).toBe(1);
    expect(index.query(talk('fosdem-systemd-boot'), { limit: 5 }).map((h) => h.id)).toContain('asg-bootc');
    expect(index.size).toBe(ARCHIVE.length);
  });

  it('skips docs whose terms did not change', () => {
    const index = RelatedIndex.build(ARCHIVE);
    expect(index.upsert(ARCHIVE)).toBe(0);
    expect(index.upsert([{ ...talk('asg-bootc'), speakers: [...talk('asg-bootc').speakers] }])).toBe(0);
    expect(index.stats.pending).toBe(0);
    expect(index.upsert([{ ...talk('asg-bootc'), title: 'Other title' }])).toBe(1);
  });

  it('removes docs and ignores unknown ids', () => {
    const index = RelatedIndex.build(ARCHIVE);
    expect(index.remove(['38c3-epa', 'unknown', '38c3-epa'])).toBe(1);
    expect(index.has('38c3-epa')).toBe(false);
    expect(index.size).toBe(ARCHIVE.length - 1);
    expect(index.ids()).not.toContain('38c3-epa');
    expect(index.query(talk('39c3-epa'), { limit: 40 }).map((h) => h.id)).not.toContain('38c3-epa');
    // Re-adding after removal works.
    index.upsert([talk('38c3-epa')]);
    expect(index.query(talk('39c3-epa'), { limit: 1 })[0]!.id).toBe('38c3-epa');
  });

  it('can be filled from empty and emptied again', () => {
    const index = RelatedIndex.empty({ minPending: 5, maxPending: 5, pendingRatio: 0 });
    for (const doc of ARCHIVE) index.upsert([doc]);
    expect(index.size).toBe(ARCHIVE.length);
    expect(index.query(talk('sotm-vector-tiles'), { limit: 3 })).toEqual(
      RelatedIndex.build(ARCHIVE).query(talk('sotm-vector-tiles'), { limit: 3 }),
    );
    index.remove(ARCHIVE.map((d) => d.id));
    expect(index.size).toBe(0);
    expect(index.query(talk('sotm-vector-tiles'), { limit: 3 })).toEqual([]);
    index.compact();
    expect(index.stats).toMatchObject({ docs: 0, baseDocs: 0, pending: 0, terms: 0, postings: 0 });
  });

  it('lets the last of duplicate ids win', () => {
    const a = { ...talk('asg-bootc'), title: 'first' };
    const b = { ...talk('asg-bootc'), title: 'systemd second' };
    const index = RelatedIndex.build([a, b]);
    expect(index.size).toBe(1);
    expect(index.query(termsOfText('systemd'), { limit: 1 })[0]!.id).toBe('asg-bootc');
    expect(index.query(termsOfText('first'), { limit: 1 })).toEqual([]);
  });

  it('rejects docs without an id', () => {
    expect(() => RelatedIndex.build([{ ...talk('asg-bootc'), id: '' }])).toThrow(TypeError);
  });
});
