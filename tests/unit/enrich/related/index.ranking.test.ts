import { describe, expect, it } from 'vitest';
import { RelatedIndex } from '@/lib/enrich/related/index';
import { termsOfDoc, termsOfText, type RelatedDoc } from '@/lib/enrich/related/terms';
import { ARCHIVE, conferenceOf, talk } from '../../../support/related-archive';

const index = RelatedIndex.build(ARCHIVE);
const SYSTEMD = new Set([
  'asg-systemd-258',
  'asg-systemd-resolved',
  'fosdem-systemd-boot',
  '38c3-systemd-homed',
  'ds-systemd-units',
  'froscon-journald',
]);
const OSM = new Set([
  'sotm-vector-tiles',
  'sotm-wheelchair-routing',
  'sotm-hot-kenya',
  'sotm-osmium-postgis',
  'fosdem-osm-offline-navigation',
  'froscon-overpass',
  '39c3-osm-surveillance',
]);
const REPRO = new Set(['38c3-reproducible-builds', 'fosdem-bootstrappable-guix', '39c3-reproducible-debian']);
const RUST = new Set(['39c3-rust-kernel', 'fosdem-rust-embedded', 'froscon-rust-python', '38c3-rust-memory-safety']);

function related(id: string, limit = 5): string[] {
  return index.query(talk(id), { limit }).map((hit) => hit.id);
}

describe('RelatedIndex ranking on the fixture archive', () => {
  it('indexes every talk', () => {
    expect(index.size).toBe(ARCHIVE.length);
    expect(index.has('asg-bootc')).toBe(true);
    expect(index.has('nope')).toBe(false);
  });

  it("ranks a systemd talk's top 3 as systemd talks from other conferences", () => {
    const top = related('fosdem-systemd-boot', 3);
    expect(top).toHaveLength(3);
    for (const id of top) {
      expect(SYSTEMD.has(id), id).toBe(true);
      expect(conferenceOf(id)).not.toBe('fosdem2025');
    }
    // The German systemd talk finds the English ones.
    for (const id of related('ds-systemd-units', 3)) expect(SYSTEMD.has(id), id).toBe(true);
  });

  it('treats the conference as a small boost only: systemd talks elsewhere beat unrelated talks of the same conference', () => {
    const hits = index.query(talk('asg-systemd-258'), { limit: ARCHIVE.length });
    const rank = (id: string) => hits.findIndex((hit) => hit.id === id);
    const unrelatedSameConference = ['asg-io-uring', 'asg-pipewire', 'asg-bootc'];
    for (const systemd of ['fosdem-systemd-boot', '38c3-systemd-homed', 'froscon-journald', 'ds-systemd-units']) {
      for (const other of unrelatedSameConference) {
        expect(rank(systemd), `${systemd} above ${other}`).toBeGreaterThanOrEqual(0);
        if (rank(other) >= 0) expect(rank(systemd)).toBeLessThan(rank(other));
      }
    }
    for (const id of related('asg-systemd-258', 5)) expect(SYSTEMD.has(id), id).toBe(true);
  });

  it('finds OpenStreetMap talks across conferences and languages', () => {
    for (const id of related('sotm-wheelchair-routing', 4)) expect(OSM.has(id), id).toBe(true);
    expect(related('fosdem-osm-offline-navigation', 2)).toEqual(
      expect.arrayContaining(['sotm-wheelchair-routing', 'sotm-vector-tiles']),
    );
    for (const id of related('froscon-overpass', 5)) expect(OSM.has(id), id).toBe(true);
    for (const id of related('39c3-osm-surveillance', 4)) expect(OSM.has(id), id).toBe(true);
  });

  it('groups reproducible builds and Rust talks', () => {
    expect(new Set(related('38c3-reproducible-builds', 2))).toEqual(
      new Set(['39c3-reproducible-debian', 'fosdem-bootstrappable-guix']),
    );
    for (const id of related('39c3-rust-kernel', 3)) expect(RUST.has(id), id).toBe(true);
    for (const id of related('fosdem-rust-embedded', 3)) expect(RUST.has(id), id).toBe(true);
    expect(related('froscon-rust-python', 1)).toEqual(['39c3-rust-kernel']); // same speaker and topic
  });

  it('pairs the two ePA talks despite different conferences', () => {
    expect(related('39c3-epa', 1)).toEqual(['38c3-epa']);
    expect(related('38c3-epa', 1)).toEqual(['39c3-epa']);
  });

  it("finds a speaker's other talks from the speaker name alone", () => {
    const bySpeaker: RelatedDoc = {
      id: 'query',
      title: '',
      speakers: ['Ines Köhler'],
      tags: [],
      conference: '',
      description: '',
    };
    expect(new Set(index.query(bySpeaker, { limit: 2 }).map((h) => h.id))).toEqual(
      new Set(['asg-systemd-resolved', '38c3-systemd-homed']),
    );
    const priya = index.query(termsOfDoc({ ...bySpeaker, speakers: ['PRIYA RAMAN'] }), { limit: 5 });
    expect(new Set(priya.map((h) => h.id))).toEqual(new Set(['sotm-vector-tiles', 'sotm-osmium-postgis']));
  });

  it('answers free-text queries', () => {
    expect(
      index
        .query(termsOfText('Reproducible builds'), { limit: 3 })
        .map((h) => h.id)
        .sort(),
    ).toEqual([...REPRO].sort());
    expect(index.query(termsOfText('nothing matches xyzzy'), { limit: 3 })).toEqual([]);
  });

  it('never returns the query talk or excluded ids, and respects the limit', () => {
    const excludeIds = ['38c3-systemd-homed', 'fosdem-systemd-boot', 'not-in-index'];
    for (const limit of [1, 2, 3, 7, 100]) {
      const hits = index.query(talk('asg-systemd-resolved'), { limit, excludeIds });
      expect(hits.length).toBeLessThanOrEqual(limit);
      if (limit <= 7) expect(hits).toHaveLength(limit);
      const ids = hits.map((h) => h.id);
      expect(ids).not.toContain('asg-systemd-resolved');
      for (const id of excludeIds) expect(ids).not.toContain(id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    // A term query excludes nothing by itself.
    expect(index.query(termsOfDoc(talk('39c3-epa')), { limit: 1 })[0]!.id).toBe('39c3-epa');
  });

  it('returns hits best first, and a smaller limit is a prefix of a larger one', () => {
    for (const doc of ARCHIVE) {
      const all = index.query(doc, { limit: 1000 });
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1]!, all[i]!];
        expect(a.score > b.score || (a.score === b.score && a.id < b.id), `${doc.id}: ${a.id} before ${b.id}`).toBe(
          true,
        );
      }
      for (const limit of [1, 3, 10]) expect(index.query(doc, { limit })).toEqual(all.slice(0, limit));
    }
  });

  it('breaks score ties by id', () => {
    const twin = (id: string): RelatedDoc => ({
      id,
      title: 'Identical twin talk',
      speakers: [],
      tags: [],
      conference: 'x',
      description: '',
    });
    const twins = RelatedIndex.build([twin('b'), twin('c'), twin('a'), ...ARCHIVE]);
    const hits = twins.query(termsOfText('identical twin'), { limit: 3 });
    expect(hits.map((h) => h.id)).toEqual(['a', 'b', 'c']);
    expect(hits[0]!.score).toBe(hits[2]!.score);
  });

  it('returns [] for an empty index, a zero limit or an empty query', () => {
    expect(RelatedIndex.empty().query(talk('asg-bootc'), { limit: 5 })).toEqual([]);
    expect(RelatedIndex.build([]).query(termsOfText('systemd'), { limit: 5 })).toEqual([]);
    expect(index.query(talk('asg-bootc'), { limit: 0 })).toEqual([]);
    expect(index.query(new Map(), { limit: 5 })).toEqual([]);
    expect(
      index.query(
        new Map([
          ['systemd', 0],
          ['rust', Number.NaN],
        ]),
        { limit: 5 },
      ),
    ).toEqual([]);
  });
});
