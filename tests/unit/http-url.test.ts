import { describe, expect, it } from 'vitest';
import { MEDIA_HOSTS, mediaUrl, ownHostOf } from '@/lib/http-url';

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
