import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MEDIA_HOSTS, mediaUrl, ownHostOf, safeHttpUrl } from '@/lib/http-url';

describe('mediaUrl', () => {
  it('keeps http(s) URLs on media.ccc.de, static.media.ccc.de and cdn.media.ccc.de', () => {
    expect(MEDIA_HOSTS).toEqual(['media.ccc.de', 'static.media.ccc.de', 'cdn.media.ccc.de']);
    expect(mediaUrl('https://media.ccc.de/v/39c3-1-talk')).toBe('https://media.ccc.de/v/39c3-1-talk');
    expect(mediaUrl(' https://STATIC.media.ccc.de/a.jpg ')).toBe('https://static.media.ccc.de/a.jpg');
    expect(mediaUrl('https://cdn.media.ccc.de/x.mp4')).toBe('https://cdn.media.ccc.de/x.mp4');
  });

  it.each([
    'https://evil.example/v/phish',
    'https://tracker.example/p.gif?u=1',
    'https://media.ccc.de.evil.example/v/x',
    'https://evil.media.ccc.de/x',
    'https://media.ccc.de@evil.example/x',
    'https://xmedia.ccc.de/x',
    'javascript:alert(1)',
    '//media.ccc.de/v/x',
    '',
  ])('refuses %s', (url) => {
    expect(mediaUrl(url)).toBe('');
  });

  it('lets a custom feed link to its own host, and only that one', () => {
    expect(mediaUrl('https://feeds.example.org/v/1', 'feeds.example.org')).toBe('https://feeds.example.org/v/1');
    expect(mediaUrl('https://feeds.example.org:8443/v/1', 'Feeds.Example.org')).toBe(
      'https://feeds.example.org:8443/v/1',
    );
    expect(mediaUrl('https://other.example.org/v/1', 'feeds.example.org')).toBe('');
    expect(mediaUrl('https://media.ccc.de/v/1', 'feeds.example.org')).toBe('https://media.ccc.de/v/1');
  });

  it('names the host of a feed URL, nothing for anything else', () => {
    expect(ownHostOf('https://Feeds.Example.org:8443/a.xml')).toBe('feeds.example.org');
    expect(ownHostOf('ftp://x.org/a.xml')).toBe('');
    expect(ownHostOf('')).toBe('');
  });
});

/**
 * Feed links already in their canonical form skip `new URL` (lib/http-url.ts `CANONICAL_URL`):
 * on links made of every character that form treats apart, the answer is what `URL` gives.
 */
describe('links that skip the URL parser', () => {
  const viaUrl = (value: string): string => {
    const trimmed = value.trim();
    if (!/^https?:\/\//i.test(trimmed) || trimmed.length > 2048) return '';
    try {
      const url = new URL(trimmed);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.href.length <= 2048 ? url.href : '';
    } catch {
      return '';
    }
  };
  const piece = fc.constantFrom(
    ...'aZ09-._~!$&\'()*+,;=:@/%?#[]|^`{}\\ "<>\t\n'.split(''),
    '.',
    '..',
    '/.',
    '/..',
    '%2e',
    '%2E',
    '%2F',
    '%zz',
    'é',
    '\u2014',
    'xn--',
    '0x7f',
    '127',
    'A',
    ':443',
    ':80',
    'user@',
  );
  const host = fc.constantFrom(
    'media.ccc.de',
    'cdn.media.ccc.de',
    'MEDIA.ccc.de',
    'a..b',
    'x.1',
    '1.2.3.4',
    'a-',
    'ex.0x7f',
    'h',
  );
  const link = fc
    .tuple(fc.constantFrom('https://', 'http://', 'HTTPS://', 'https:/'), host, fc.array(piece, { maxLength: 12 }))
    .map(([scheme, name, parts]) => `${scheme}${name}/${parts.join('')}`);

  it('answers what URL answers, href and host', () => {
    fc.assert(
      fc.property(link, (value) => {
        const href = viaUrl(value);
        expect(safeHttpUrl(value)).toBe(href);
        const hostname = href ? new URL(href).hostname : '';
        expect(mediaUrl(value, hostname)).toBe(href);
        expect(mediaUrl(value, 'elsewhere.example')).toBe(MEDIA_HOSTS.includes(hostname) ? href : '');
      }),
      { numRuns: 3000 },
    );
  });
});
