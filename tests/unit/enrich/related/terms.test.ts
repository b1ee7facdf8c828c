import { describe, expect, it } from 'vitest';
import {
  DESCRIPTION_MAX_TOKENS,
  conferenceTerm,
  isNoiseTag,
  speakerTerm,
  termsOfDoc,
  termsOfText,
  topicalTags,
  type RelatedDoc,
} from '@/lib/enrich/related/terms';

function doc(overrides: Partial<RelatedDoc>): RelatedDoc {
  return { id: 'x', title: '', speakers: [], tags: [], conference: '', description: '', ...overrides };
}

describe('isNoiseTag', () => {
  it.each([
    ['8AA87L'],
    ['HX7KQ3'],
    ['2025'],
    ['1419'],
    ['Day 1'],
    ['day2'],
    ['39c3'],
    ['39C3'],
    ['39c3-eng'],
    ['asg2025-deu'],
    ['39c3-deu-eng'],
    ['jev22-deu'],
    ['eng'],
    [''],
    ['  '],
  ])('%s is noise at 39c3', (tag) => {
    expect(isNoiseTag(tag, '39c3')).toBe(true);
  });

  it.each([['Hardware'], ['Security'], ['Rust'], ['systemd'], ['end-to-end'], ['open-source'], ['IPv6'], ['Saal One']])(
    '%s is kept by isNoiseTag',
    (tag) => {
      expect(isNoiseTag(tag, '39c3')).toBe(false);
    },
  );
});

describe('topicalTags', () => {
  it('keeps the track and drops code, year, acronym, room, language and day', () => {
    expect(topicalTags(['HX7KQ3', '2025', '39c3', 'Hardware', 'Saal One', '39c3-eng', 'Day 2'], '39c3')).toEqual([
      'Hardware',
    ]);
    expect(
      topicalTags(['5934', '2025', 'fosdem2025', 'Rust', 'H.1302 (Depage)', 'fosdem2025-eng'], 'fosdem2025'),
    ).toEqual(['Rust']);
    // A room without a room-like name is recognised by its position before the language tag.
    expect(topicalTags(['ZT4P0L', '2025', 'asg2025', 'Desktop', 'Loft', 'asg2025-eng'], 'asg2025')).toEqual([
      'Desktop',
    ]);
    // Extra tags after the language tag are topical.
    expect(
      topicalTags(['4411', '2024', '38c3', 'Security', 'Saal GLITCH', '38c3-eng', 'systemd', 'Day 3'], '38c3'),
    ).toEqual(['Security', 'systemd']);
  });

  it('never drops a lone track by position', () => {
    expect(topicalTags(['4411', '2024', '38c3', 'Security', '38c3-eng'], '38c3')).toEqual(['Security']);
  });
});

describe('speakerTerm / conferenceTerm', () => {
  it('makes one folded token per person', () => {
    expect(speakerTerm('Lennart Poettering')).toBe('speaker:lennart_poettering');
    expect(speakerTerm('Dr. Jürgen Müller')).toBe('speaker:jurgen_muller');
    expect(speakerTerm(' – ')).toBe('');
    expect(conferenceTerm('39C3')).toBe('conf:39c3');
    expect(conferenceTerm('')).toBe('');
  });
});

describe('termsOfDoc', () => {
  it('weights title x3, speaker x3 (+1 per name word), tags x2, conference x1, description x1', () => {
    const terms = termsOfDoc(
      doc({
        title: 'Rust drivers',
        speakers: ['Lena Hartmann'],
        tags: ['HX7KQ3', '2025', '39c3', 'Hardware', 'Society & Politics', 'Saal One', '39c3-eng', 'Day 2'],
        conference: '39c3',
        description: 'Rust in Linux kernel drivers.',
      }),
    );
    expect(Object.fromEntries(terms)).toEqual({
      rust: 3 + 1,
      driver: 3 + 1,
      'speaker:lena_hartmann': 3,
      lena: 1,
      hartmann: 1,
      hardwar: 2, // stemmed like 'hardware' anywhere else
      society: 1, // multi-word tags share the weight
      politic: 1,
      'conf:39c3': 1,
      linux: 1,
      kernel: 1,
    });
  });

  it('uses only the beginning of long descriptions', () => {
    // Digits keep the stemmer away, so every word is its own term.
    const words = Array.from({ length: DESCRIPTION_MAX_TOKENS + 50 }, (_, i) => `k${i}x`);
    const terms = termsOfDoc(doc({ description: words.join(' ') }));
    expect(terms.size).toBe(DESCRIPTION_MAX_TOKENS);
    expect(terms.has(words[0]!)).toBe(true);
    expect(terms.has(words[DESCRIPTION_MAX_TOKENS]!)).toBe(false);
  });

  it('termsOfText weights every token once', () => {
    expect(Object.fromEntries(termsOfText('OpenStreetMap routing, routing!'))).toEqual({ openstreetmap: 1, rout: 2 });
  });
});
