/**
 * Properties of `normaliseScheduleUrl` (lib/match/normalise-url.ts): both sides of the join go
 * through it, so it must be a projection (idempotent), total (never throws) and only ever give an
 * https URL, and the variations its doc comment folds away must really not matter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpUrl, safeHttpUrl } from '@/lib/http-url';
import { normaliseScheduleUrl, pretalxCodeFromPath, sessionCodeFromPath } from '@/lib/match/normalise-url';

const RUNS = { numRuns: 200 };
/** Inputs that once normalised in two steps (fixed in lib/match/normalise-url.ts). */
const EXAMPLES: [string][] = [
  ['http://./'],
  ['https://www.www.example.org/'],
  ['https://example.org../'],
  ['https://example.org/a/index.html/index.html'],
  ['https://h.example/talk/ABCD/feedback/index.html/index.html'],
];

const PREFIXES = [
  'http://',
  'https://',
  'HTTPS://',
  'http:/',
  'https:',
  ' https://',
  '\thttp://',
  'javascript:',
  'data:text/html,',
  'ftp://',
  '//',
  '',
];
const HOSTS = [
  'pretalx.com',
  'WWW.Pretalx.com',
  'www.www.example.org',
  'archive.fosdem.org',
  'www.archive.fosdem.org',
  'fosdem.org.',
  'example.org..',
  '127.0.0.1',
  '[::1]',
  'xn--bcher-kva.example',
  'bücher.example',
  'cfp.example.org:8443',
  'h:443',
  'h:80',
  'user:pw@h.example',
  '.',
  'a..b',
];
const SEGMENTS = [
  'talk',
  'TALK',
  'sessions',
  'QK3PXA',
  'qk3pxa',
  'QK3PXA.ics',
  'feedback',
  'index.html',
  'INDEX.HTML',
  'review',
  'og-image',
  'democon-2026',
  'DemoCon-2026',
  '.',
  '..',
  '%2e%2E',
  '%2F',
  '',
  '%E2%80%AE',
  'ä',
  '%C3%A4',
  'a b',
  '?',
  '#',
  '\\',
  'x?y',
  '@',
];

/** Strings that are mostly URL-shaped, assembled from the parts the normaliser treats specially. */
const urlish = fc
  .tuple(
    fc.constantFrom(...PREFIXES),
    fc.oneof(fc.constantFrom(...HOSTS), fc.domain()),
    fc.array(fc.oneof(fc.constantFrom(...SEGMENTS), fc.string({ maxLength: 8 })), { maxLength: 7 }),
    fc.constantFrom('', '/', '//', '/index.html', '?lang=de', '#x', '/?a=1#b'),
  )
  .map(([prefix, host, segments, tail]) => `${prefix}${host}/${segments.join('/')}${tail}`);

const anyInput = fc.oneof(
  urlish,
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constant(''),
);

/** Valid http(s) URLs without query and fragment, to add variations to. */
const plainWebUrl = fc
  .tuple(
    fc.constantFrom('http', 'https'),
    fc.webAuthority({ withIPv4: true, withPort: true }),
    fc.array(fc.oneof(fc.constantFrom(...SEGMENTS.filter((s) => !/[?#\\%.]/.test(s) && s !== '')), fc.webSegment()), {
      maxLength: 5,
    }),
  )
  .map(([scheme, authority, segments]) => `${scheme}://${authority}/${segments.join('/')}`)
  .filter((u) => parseHttpUrl(u) !== null);

describe('normaliseScheduleUrl properties', { timeout: 30_000 }, () => {
  it('never throws and gives null or an https URL in its own canonical form', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const out = normaliseScheduleUrl(input);
        if (out === null) return;
        expect(out.startsWith('https://')).toBe(true);
        expect(out.endsWith('/')).toBe(true);
        const parsed = parseHttpUrl(out);
        expect(parsed?.href).toBe(out);
        expect(parsed?.search).toBe('');
        expect(parsed?.hash).toBe('');
        expect(parsed?.username).toBe('');
        expect(parsed?.password).toBe('');
        expect(parsed?.pathname).not.toMatch(/\/\/|\/index\.html\/$/i);
        expect(safeHttpUrl(out)).toBe(out);
      }),
      { ...RUNS, examples: EXAMPLES },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const once = normaliseScheduleUrl(input);
        if (once !== null) expect(normaliseScheduleUrl(once)).toBe(once);
      }),
      { ...RUNS, examples: EXAMPLES },
    );
  });

  it('gives the same for a string and its URL object', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const url = parseHttpUrl(input);
        if (url) expect(normaliseScheduleUrl(url)).toBe(normaliseScheduleUrl(input));
      }),
      RUNS,
    );
  });

  it('refuses everything that is not http(s)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'javascript:',
          'data:',
          'ftp://',
          'file:///',
          'blob:https://x/',
          'about:',
          'mailto:',
          'chrome-extension://',
        ),
        fc.string({ maxLength: 40 }),
        (scheme, rest) => {
          expect(normaliseScheduleUrl(`${scheme}${rest}`)).toBeNull();
        },
      ),
      RUNS,
    );
  });

  it('ignores scheme, host case, www., query, fragment, duplicate and trailing slashes and a trailing index.html', () => {
    fc.assert(
      fc.property(
        plainWebUrl,
        fc.record({
          https: fc.boolean(),
          upperHost: fc.boolean(),
          www: fc.boolean(),
          slashes: fc.constantFrom('', '/', '//', '/index.html', '/INDEX.html', '/index.html/'),
          query: fc.option(fc.webQueryParameters(), { nil: undefined }),
          fragment: fc.option(fc.webFragments(), { nil: undefined }),
        }),
        (base, v) => {
          const url = new URL(base);
          const host = url.hostname;
          // IP hosts have no www. form; the port stays as it is.
          const isIp = /^[\d.]+$/.test(host) || host.startsWith('[');
          const variedHost = `${v.www && !isIp ? 'www.' : ''}${v.upperHost ? host.toUpperCase() : host}${url.port ? `:${url.port}` : ''}`;
          const path = url.pathname.replace(/\/+$/, '');
          const varied = `${v.https ? 'https' : 'http'}://${variedHost}${path.replace(/\//g, '//')}${v.slashes}${v.query !== undefined ? `?${v.query}` : ''}${v.fragment !== undefined ? `#${v.fragment}` : ''}`;
          const plain = `https://${host}${url.port ? `:${url.port}` : ''}${path}/`;
          expect(normaliseScheduleUrl(varied)).toBe(normaliseScheduleUrl(plain));
        },
      ),
      RUNS,
    );
  });

  it('folds the case of pretalx event slugs and codes, and .ics and /feedback/ onto the talk page', () => {
    fc.assert(
      fc.property(
        fc.domain(),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
        fc.stringMatching(/^[A-Z0-9]{4,16}$/).filter((c) => !['REVIEW', 'FEEDBACK', 'SIGNUP'].includes(c)),
        fc.constantFrom('/', '.ics', '/feedback/', '/index.html'),
        fc.boolean(),
        (host, event, code, tail, flip) => {
          const cased = (s: string) => (flip ? s.toUpperCase() : s.toLowerCase());
          const page = normaliseScheduleUrl(`https://${host}/${event}/talk/${code}/`);
          expect(normaliseScheduleUrl(`https://${host}/${cased(event)}/talk/${cased(code)}${tail}`)).toBe(page);
          expect(pretalxCodeFromPath(new URL(page!).pathname)).toEqual({ event, code });
          expect(sessionCodeFromPath(new URL(page!).pathname)).toBe(code);
        },
      ),
      RUNS,
    );
  });
});

describe('http-url properties', { timeout: 30_000 }, () => {
  it('safeHttpUrl never throws and gives "" or a short absolute http(s) href', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, fc.anything()), (value) => {
        const out = safeHttpUrl(value);
        if (out === '') return;
        expect(out).toMatch(/^https?:\/\//);
        expect(parseHttpUrl(out)?.href).toBe(out);
        expect(out.length).toBeLessThanOrEqual(2048);
        expect(safeHttpUrl(out)).toBe(out);
      }),
      // Once stored longer than 2,048 characters after percent-encoding (fixed in lib/http-url.ts).
      { ...RUNS, examples: [[`https://x.example/${'ä'.repeat(1000)}`], [`https://x.example/${'\u202e'.repeat(600)}`]] },
    );
  });
});
