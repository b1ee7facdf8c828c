import { describe, expect, it } from 'vitest';
import { isHttpUrl } from '@/lib/http-url';
import {
  fosdemSlugInfo,
  normaliseScheduleUrl,
  pretalxCodeFromPath,
  sessionCodeFromPath,
} from '@/lib/match/normalise-url';

describe('normaliseScheduleUrl', () => {
  it.each([
    // scheme, host case, default port, query, fragment
    ['http://pretalx.com/democon-2026/talk/QK3PXA/', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    ['https://PRETALX.com/democon-2026/talk/QK3PXA/', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    ['https://pretalx.com:443/democon-2026/talk/QK3PXA/', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    ['http://pretalx.com:80/democon-2026/talk/QK3PXA/', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    ['http://pretalx.com:443/democon-2026/talk/QK3PXA/', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    ['https://pretalx.com/democon-2026/talk/QK3PXA/?lang=de', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    ['https://pretalx.com/democon-2026/talk/QK3PXA/#speakers', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    // trailing slash, duplicate slashes, index.html
    ['https://pretalx.com/democon-2026/talk/QK3PXA', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    ['https://pretalx.com/democon-2026/talk/QK3PXA//', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    ['https://pretalx.com//democon-2026///talk/QK3PXA/', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    [
      'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/index.html',
      'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/',
    ],
    ['https://example.org/index.html', 'https://example.org/'],
    ['https://example.org', 'https://example.org/'],
    // pretalx: event slug lower-case, code upper-case, feedback and .ics fold onto the talk page
    ['https://pretalx.com/DemoCon-2026/talk/qk3pxa/', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    ['https://pretalx.com/democon-2026/talk/QK3PXA/feedback/', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    ['https://pretalx.com/democon-2026/talk/QK3PXA.ics', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    ['https://pretalx.com/democon-2026/talk/qk3pxa.ics', 'https://pretalx.com/democon-2026/talk/QK3PXA/'],
    [
      'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8aa87l/?lang=en',
      'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/',
    ],
    // FOSDEM: archive host and www. fold onto fosdem.org
    [
      'https://archive.fosdem.org/2023/schedule/event/keynotes_welcome/',
      'https://fosdem.org/2023/schedule/event/keynotes_welcome/',
    ],
    [
      'https://www.fosdem.org/2026/schedule/event/CNPVJL-lightning_lightning_talks_1',
      'https://fosdem.org/2026/schedule/event/CNPVJL-lightning_lightning_talks_1/',
    ],
    // non-default ports stay
    ['https://cfp.example.org:8443/ev/talk/ABCDEF/', 'https://cfp.example.org:8443/ev/talk/ABCDEF/'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseScheduleUrl(input)).toBe(expected);
  });

  it('keeps /sessions/<CODE>/ apart from /talk/<CODE>/ (different sites)', () => {
    expect(normaliseScheduleUrl('https://2025.stateofthemap.org/sessions/8kklcs/')).toBe(
      'https://2025.stateofthemap.org/sessions/8kklcs/',
    );
  });

  it('leaves other pretalx views alone', () => {
    expect(normaliseScheduleUrl('https://pretalx.com/democon-2026/talk/review/ABCDEFGH')).toBe(
      'https://pretalx.com/democon-2026/talk/review/ABCDEFGH/',
    );
    expect(normaliseScheduleUrl('https://pretalx.com/democon-2026/talk/QK3PXA/og-image')).toBe(
      'https://pretalx.com/democon-2026/talk/QK3PXA/og-image/',
    );
  });

  it('keeps the case of paths that are not pretalx talk paths', () => {
    expect(normaliseScheduleUrl('https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496.html')).toBe(
      'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496.html/',
    );
  });

  it('accepts a URL object and gives the same result for both sides of the join', () => {
    const page = new URL('https://Archive.FOSDEM.org/2023/schedule/event/keynotes_welcome/index.html?x=1');
    expect(normaliseScheduleUrl(page)).toBe(
      normaliseScheduleUrl('http://fosdem.org/2023/schedule/event/keynotes_welcome'),
    );
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'ftp://fosdem.org/x', 'not a url', '', '/relative/path'])(
    'returns null for %j',
    (input) => {
      expect(normaliseScheduleUrl(input)).toBeNull();
    },
  );
});

describe('pretalxCodeFromPath', () => {
  it('reads event and code from talk pages, with or without prefix and index.html', () => {
    expect(pretalxCodeFromPath('/democon-2026/talk/QK3PXA/')).toEqual({ event: 'democon-2026', code: 'QK3PXA' });
    expect(pretalxCodeFromPath('/DemoCon-2026/talk/qk3pxa')).toEqual({ event: 'democon-2026', code: 'QK3PXA' });
    expect(pretalxCodeFromPath('/congress/2024/fahrplan/talk/HQCCYH/index.html')).toEqual({
      event: 'fahrplan',
      code: 'HQCCYH',
    });
    expect(pretalxCodeFromPath('/talk/ABCD/')).toEqual({ code: 'ABCD' });
  });

  it.each([
    '/democon-2026/talk/',
    '/democon-2026/talk/review/ABCDEFGH',
    '/democon-2026/talk/review/',
    '/democon-2026/talk/QK3PXA/feedback/',
    '/democon-2026/talk/QK3PXA/signup/',
    '/democon-2026/talk/QK3PXA/og-image',
    '/democon-2026/talk/QK3PXA.ics',
    '/democon-2026/talk/signup/',
    '/democon-2026/talk/ABC/',
    '/democon-2026/talk/ABCDEFGHJKLMNPQRS/',
    '/democon-2026/schedule/',
    '/2026/schedule/event/CNPVJL-lightning_lightning_talks_1/',
  ])('rejects %s', (path) => {
    expect(pretalxCodeFromPath(path)).toBeNull();
  });
});

describe('sessionCodeFromPath', () => {
  it('reads /sessions/<CODE>/ and /talk/<CODE>/ segments', () => {
    expect(sessionCodeFromPath('/sessions/8KKLCS/')).toBe('8KKLCS');
    expect(sessionCodeFromPath('/sessions/8kklcs/index.html')).toBe('8KKLCS');
    expect(sessionCodeFromPath('/ev/talk/QK3PXA/')).toBe('QK3PXA');
    expect(sessionCodeFromPath('/programme/')).toBeNull();
    expect(sessionCodeFromPath('/sessions/')).toBeNull();
  });
});

describe('fosdemSlugInfo', () => {
  it('reads nothing from plain slugs up to 2023', () => {
    expect(fosdemSlugInfo('keynotes_welcome', 2023)).toEqual({ format: 'plain' });
    expect(fosdemSlugInfo('keynotes_welcome')).toEqual({ format: 'plain' });
    // A 2023 slug that happens to look like a code stays plain when the year is known.
    expect(fosdemSlugInfo('MYSQL-intro', 2023)).toEqual({ format: 'plain' });
  });

  it('reads the schedule id of 2024-25 slugs', () => {
    expect(fosdemSlugInfo('fosdem-2025-4321-building-a-tiny-init-system', 2025)).toEqual({
      format: 'numbered',
      scheduleId: '4321',
    });
    expect(fosdemSlugInfo('fosdem-2024-1805-')).toEqual({ format: 'numbered', scheduleId: '1805' });
  });

  it('reads the pretalx code of 2026 slugs', () => {
    expect(fosdemSlugInfo('CNPVJL-lightning_lightning_talks_1', 2026)).toEqual({ format: 'code', code: 'CNPVJL' });
    expect(fosdemSlugInfo('CNPVJL-lightning_lightning_talks_1')).toEqual({ format: 'code', code: 'CNPVJL' });
    expect(fosdemSlugInfo('378937-all_digits', 2026)).toEqual({ format: 'code', code: '378937' });
    expect(fosdemSlugInfo('2026-anniversary')).toEqual({ format: 'plain' });
  });
});

describe('isHttpUrl', () => {
  it('accepts only http(s)', () => {
    expect(isHttpUrl('https://media.ccc.de/v/38c3-x')).toBe(true);
    expect(isHttpUrl(' http://example.org ')).toBe(true);
    expect(isHttpUrl('javascript:void(0)')).toBe(false);
    expect(isHttpUrl('mailto:a@b.c')).toBe(false);
    expect(isHttpUrl('example.org')).toBe(false);
  });
});
