import { describe, expect, it } from 'vitest';
import { RelatedIndex } from '@/lib/enrich/related/index';
import { RELATED_INDEX_VERSION, type RelatedIndexSnapshot } from '@/lib/enrich/related/snapshot';
import { termsOfText, type RelatedDoc } from '@/lib/enrich/related/terms';
import { ARCHIVE, talk } from '../../../support/related-archive';

function results(index: RelatedIndex) {
  return [
    ...ARCHIVE.map((doc) => index.query(doc, { limit: 10 })),
    index.query(termsOfText('systemd OpenStreetMap'), { limit: 10 }),
  ];
}

function snapshot(): RelatedIndexSnapshot {
  return RelatedIndex.build(ARCHIVE).toSnapshot();
}

describe('RelatedIndex snapshots', () => {
  it('round-trips to identical results, also through structuredClone', () => {
    const index = RelatedIndex.build(ARCHIVE);
    const snap = index.toSnapshot();
    expect(snap.version).toBe(RELATED_INDEX_VERSION);
    expect(snap.docCount).toBe(ARCHIVE.length);
    const loaded = RelatedIndex.fromSnapshot(snap)!;
    const cloned = RelatedIndex.fromSnapshot(structuredClone(snap))!;
    expect(loaded).not.toBeNull();
    expect(cloned).not.toBeNull();
    expect(results(loaded)).toEqual(results(index));
    expect(results(cloned)).toEqual(results(index));
    expect(cloned.size).toBe(ARCHIVE.length);
    expect(cloned.ids().sort()).toEqual(ARCHIVE.map((d) => d.id).sort());
  });

  it('is plain data: a few strings and exact-size typed arrays', () => {
    const snap = snapshot();
    for (const [key, value] of Object.entries(snap)) {
      if (ArrayBuffer.isView(value)) expect(value.byteLength, key).toBe(value.buffer.byteLength);
      else expect(['string', 'number'], key).toContain(typeof value);
    }
    expect(snap.postingSlots).toBeInstanceOf(Uint16Array); // fewer than 65,536 docs
  });

  it('compacts pending changes into the snapshot, and a loaded index keeps updating correctly', () => {
    const index = RelatedIndex.build(ARCHIVE.slice(0, 30));
    index.upsert(ARCHIVE.slice(30));
    index.remove(['asg-bootc']);
    const snap = structuredClone(index.toSnapshot());
    expect(snap.docCount).toBe(ARCHIVE.length - 1);
    const loaded = RelatedIndex.fromSnapshot(snap)!;
    expect(results(loaded)).toEqual(results(index));

    const changedDoc: RelatedDoc = { ...talk('38c3-space-radio'), title: 'systemd on satellites' };
    loaded.upsert([changedDoc, talk('asg-bootc')]);
    const expected = RelatedIndex.build([...ARCHIVE.filter((d) => d.id !== changedDoc.id), changedDoc]);
    expect(results(loaded)).toEqual(results(expected));
    // Unchanged docs are recognised after loading too (hashes are part of the snapshot).
    expect(loaded.upsert(ARCHIVE.slice(0, 10))).toBe(0);
  });

  it('is not affected by later changes to the index', () => {
    const index = RelatedIndex.build(ARCHIVE);
    const snap = index.toSnapshot();
    const copy = structuredClone(snap);
    index.upsert([{ ...talk('asg-bootc'), title: 'changed' }]);
    index.remove(['39c3-epa']);
    index.compact();
    expect(snap).toEqual(copy);
  });

  it('round-trips an empty index', () => {
    const snap = structuredClone(RelatedIndex.empty().toSnapshot());
    const loaded = RelatedIndex.fromSnapshot(snap)!;
    expect(loaded.size).toBe(0);
    expect(loaded.query(talk('asg-bootc'), { limit: 3 })).toEqual([]);
    loaded.upsert(ARCHIVE);
    expect(results(loaded)).toEqual(results(RelatedIndex.build(ARCHIVE)));
  });

  // ~1-2 s of work; the generous timeout only keeps a loaded CI machine from failing it.
  it('switches to Uint32Array slots above 65,536 docs, in build and in compaction', { timeout: 60_000 }, () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
    const tiny = (i: number): RelatedDoc => ({
      id: `d${i}`,
      title: `${words[i % 10]} ${words[Math.floor(i / 10) % 10]} k${i % 997}x`,
      speakers: [],
      tags: [],
      conference: `c${i % 50}`,
      description: '',
    });
    const docs = Array.from({ length: 66_000 }, (_, i) => tiny(i));
    const built = RelatedIndex.build(docs);
    expect(built.toSnapshot().postingSlots).toBeInstanceOf(Uint32Array);
    const grown = RelatedIndex.build(docs.slice(0, 65_000));
    expect(grown.toSnapshot().postingSlots).toBeInstanceOf(Uint16Array);
    grown.upsert(docs.slice(65_000));
    const loaded = RelatedIndex.fromSnapshot(structuredClone(grown.toSnapshot()))!;
    expect(loaded.toSnapshot().postingSlots).toBeInstanceOf(Uint32Array);
    for (const text of ['alpha bravo k5x', 'golf', 'k996x hotel']) {
      const expected = built.query(termsOfText(text), { limit: 20 });
      expect(grown.query(termsOfText(text), { limit: 20 })).toEqual(expected);
      expect(loaded.query(termsOfText(text), { limit: 20 })).toEqual(expected);
    }
  });

  describe('fromSnapshot rejects', () => {
    const cases: [string, (s: Record<string, unknown>) => unknown][] = [
      ['null', () => null],
      ['a string', () => 'snapshot'],
      ['an empty object', () => ({})],
      ['a wrong version', (s) => ({ ...s, version: RELATED_INDEX_VERSION + 1 })],
      ['a wrong format', (s) => ({ ...s, format: 'other' })],
      ['a missing field', (s) => ({ ...s, postingTf: undefined })],
      [
        'a plain array instead of a typed array',
        (s) => ({ ...s, postingSlots: Array.from(s.postingSlots as Uint16Array) }),
      ],
      ['a typed array of the wrong kind', (s) => ({ ...s, postingTf: Uint16Array.from(s.postingTf as Uint8Array) })],
      ['a wrong doc count', (s) => ({ ...s, docCount: (s.docCount as number) + 1 })],
      ['a negative doc count', (s) => ({ ...s, docCount: -1 })],
      ['truncated id offsets', (s) => ({ ...s, idOffsets: (s.idOffsets as Uint32Array).slice(1) })],
      ['ids not matching their offsets', (s) => ({ ...s, ids: `${s.ids as string}x` })],
      ['truncated postings', (s) => ({ ...s, postingSlots: (s.postingSlots as Uint16Array).slice(0, -1) })],
      ['truncated doc hashes', (s) => ({ ...s, docHashes: (s.docHashes as Uint32Array).slice(0, -1) })],
      [
        'term offsets not matching posting offsets',
        (s) => ({ ...s, termOffsets: (s.termOffsets as Uint32Array).slice(0, -1) }),
      ],
      [
        'a posting slot out of range',
        (s) => {
          const slots = (s.postingSlots as Uint16Array).slice();
          slots[slots.length - 1] = s.docCount as number;
          return { ...s, postingSlots: slots };
        },
      ],
      [
        'a zero tf',
        (s) => {
          const tf = (s.postingTf as Uint8Array).slice();
          tf[0] = 0;
          return { ...s, postingTf: tf };
        },
      ],
      [
        'doc lengths that do not match the postings',
        (s) => {
          const lengths = (s.docLengths as Uint32Array).slice();
          lengths[0]! += 1;
          return { ...s, docLengths: lengths };
        },
      ],
      [
        'unsorted terms',
        (s) => {
          const offsets = s.termOffsets as Uint32Array;
          const terms = s.terms as string;
          const first = terms.slice(offsets[0], offsets[1]);
          const second = terms.slice(offsets[1], offsets[2]);
          // Swap the first two terms, keeping their lengths consistent.
          const swappedOffsets = offsets.slice();
          swappedOffsets[1] = second.length;
          return { ...s, terms: second + first + terms.slice(offsets[2]), termOffsets: swappedOffsets };
        },
      ],
    ];
    it.each(cases)('%s', (_name, corrupt) => {
      const good = structuredClone(snapshot()) as unknown as Record<string, unknown>;
      expect(RelatedIndex.fromSnapshot(good)).not.toBeNull();
      expect(RelatedIndex.fromSnapshot(corrupt(good))).toBeNull();
    });
  });

  it('loads a snapshot with a repeated id (never written by toSnapshot) without ever listing the id twice', () => {
    const good = structuredClone(snapshot()) as unknown as Record<string, unknown>;
    const offsets = good.idOffsets as Uint32Array;
    const ids = good.ids as string;
    const count = good.docCount as number;
    const first = ids.slice(offsets[0], offsets[1]);
    const parts = [
      first,
      first,
      ...Array.from({ length: count - 2 }, (_, i) => ids.slice(offsets[i + 2], offsets[i + 3])),
    ];
    const newOffsets = new Uint32Array(count + 1);
    parts.forEach((part, i) => (newOffsets[i + 1] = newOffsets[i]! + part.length));
    const loaded = RelatedIndex.fromSnapshot({ ...good, ids: parts.join(''), idOffsets: newOffsets })!;
    expect(loaded).not.toBeNull();
    // Queries first: a freshly loaded index has not looked at its ids yet.
    const twin = ARCHIVE.find((doc) => doc.id === first)!;
    const hits = loaded.query({ ...twin, id: 'another' }, { limit: 50 }).map((hit) => hit.id);
    expect(hits).toContain(first);
    expect(new Set(hits).size).toBe(hits.length);
    expect(loaded.ids().filter((id) => id === first)).toHaveLength(1);
    expect(new Set(loaded.ids()).size).toBe(loaded.ids().length);
  });
});
