import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventMatchesConference, joinableTitleKey, matchKeysOf, personKey, titleKey } from '@/lib/match/talk-keys';
import { feedTalk } from '../../support/talks';

describe('matchKeysOf', () => {
  it('normalises the schedule URL and reads the code out of a pretalx link', () => {
    const keys = matchKeysOf(
      feedTalk({
        conference: 'asg2025',
        scheduleUrl: 'https://cfp.all-systems-go.io/All-Systems-Go-2025/talk/8aa87l/?lang=en',
        tags: ['8AA87L', '2025', 'asg2025'],
        slug: 'asg2025-71234-systemd-in-2025',
        title: 'systemd in 2025',
      }),
    );
    expect(keys).toEqual({
      scheduleKey: 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/',
      code: '8AA87L',
      scheduleId: '71234',
      titleKey: 'systemd in 2025',
    });
  });

  it('takes the code from a /sessions/<CODE>/ re-hosting page', () => {
    const keys = matchKeysOf(
      feedTalk({ conference: 'sotm2025', scheduleUrl: 'https://2025.stateofthemap.org/sessions/8KKLCS/', tags: [] }),
    );
    expect(keys.code).toBe('8KKLCS');
    expect(keys.scheduleKey).toBe('https://2025.stateofthemap.org/sessions/8KKLCS/');
  });

  it('takes the first keyword as the code only when it is a pretalx code (since Dec 2025)', () => {
    expect(matchKeysOf(feedTalk({ tags: ['HQCCYH', '39c3'], scheduleUrl: '' })).code).toBe('HQCCYH');
    expect(matchKeysOf(feedTalk({ tags: ['OPENING', '39c3'], scheduleUrl: '' })).code).toBe('');
    expect(matchKeysOf(feedTalk({ tags: ['39C3', 'x'], conference: '39c3', scheduleUrl: '' })).code).toBe('');
  });

  it('takes a numeric first keyword as schedule id, but not the year the talk was given', () => {
    expect(matchKeysOf(feedTalk({ tags: ['10496', '2019'], slug: 'x' })).scheduleId).toBe('10496');
    expect(matchKeysOf(feedTalk({ tags: ['2025', 'asg'], date: Date.UTC(2025, 8, 1), slug: 'x' })).scheduleId).toBe('');
  });

  it('reads the schedule id out of `<acronym>-<id>-<title>` slugs, acronyms with dashes included', () => {
    expect(matchKeysOf(feedTalk({ tags: [], conference: '36c3', slug: '36c3-10496-the_ecosystem' })).scheduleId).toBe(
      '10496',
    );
    expect(
      matchKeysOf(feedTalk({ tags: [], conference: 'jh-berlin-2019', slug: 'jh-berlin-2019-42-foo' })).scheduleId,
    ).toBe('42');
    expect(matchKeysOf(feedTalk({ tags: [], conference: '36c3', slug: '37c3-10496-other' })).scheduleId).toBe('');
  });

  it('drops the c3voc placeholder and non-http links (already empty after normalising)', () => {
    expect(matchKeysOf(feedTalk({ scheduleUrl: '' })).scheduleKey).toBe('');
  });
});

describe('title and person keys', () => {
  it('ignores case, accents and punctuation', () => {
    expect(titleKey('Reproducible Builds & You: a Field-Guide!')).toBe('reproducible builds you a field guide');
    expect(titleKey('Über Überwachung')).toBe('uber uberwachung');
  });

  it('refuses titles too generic to join on', () => {
    expect(joinableTitleKey('Opening')).toBe('');
    expect(joinableTitleKey('Lightning Talks')).toBe('');
    expect(joinableTitleKey('The state of systemd')).toBe('the state of systemd');
  });

  it('matches names whatever their order and accents', () => {
    expect(personKey('Jürgen Beispiel')).toBe(personKey('beispiel, jurgen'));
  });
});

describe('eventMatchesConference', () => {
  it.each([
    ['all-systems-go-2025', 'asg2025'],
    ['sotm2025', 'sotm2025'],
    ['fosdem-2024', 'fosdem2024'],
    ['38c3', '38c3'],
  ])('%s is %s', (event, conference) => {
    expect(eventMatchesConference(event, conference)).toBe(true);
  });

  it.each([
    ['all-systems-go-2024', 'asg2025'],
    ['38c3', '39c3'],
    ['datenspuren-2025', 'ds2025'],
    ['', '39c3'],
  ])('%s is not %s', (event, conference) => {
    expect(eventMatchesConference(event, conference)).toBe(false);
  });
});

describe('titleKey on ASCII titles (its fast path)', () => {
  it('gives the key the general rule gives', () => {
    const general = (title: string) =>
      title
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 80 }), (title) => {
        expect(titleKey(title)).toBe(general(title));
      }),
      { numRuns: 500 },
    );
  });
});
