import { describe, expect, it } from 'vitest';
import { offerableHostOfTabUrl, shouldOfferSite } from '@/lib/enrich/access/site-offer';

const offer = (
  url: string | undefined,
  more: { isCovered?: boolean; archiveHosts?: string[]; generator?: string } = {},
) =>
  shouldOfferSite({
    url,
    isCovered: more.isCovered ?? false,
    archiveHosts: more.archiveHosts ?? [],
    generator: more.generator,
  });

describe('shouldOfferSite', () => {
  it('offers a pretalx talk page on its own domain', () => {
    expect(offer('https://cfp.example.org/conf2025/talk/ABC123/')).toEqual({
      host: 'cfp.example.org',
      reason: 'talk-path',
    });
    expect(offer('https://cfp.example.org/conf2025/talk/abc123')).toEqual({
      host: 'cfp.example.org',
      reason: 'talk-path',
    });
  });
  it('offers a /sessions/<CODE>/ page', () => {
    expect(offer('https://2025.example.org/sessions/ABC123/')).toEqual({
      host: '2025.example.org',
      reason: 'talk-path',
    });
  });
  it('offers any page of a host the archive links to', () => {
    expect(offer('https://Schedule.Example.org/day/1', { archiveHosts: ['schedule.example.org'] })).toEqual({
      host: 'schedule.example.org',
      reason: 'archive',
    });
  });
  it('offers a page pretalx generated', () => {
    expect(offer('https://cfp.example.org/conf/schedule/', { generator: 'pretalx 2025.1.0' })).toEqual({
      host: 'cfp.example.org',
      reason: 'pretalx-generator',
    });
    expect(offer('https://cfp.example.org/conf/schedule/', { generator: 'WordPress 6.7' })).toBeNull();
    expect(offer('https://cfp.example.org/conf/schedule/', { generator: '' })).toBeNull();
  });
  it('offers nothing for ordinary pages or pretalx views that are not talk pages', () => {
    expect(offer('https://example.org/blog/2025/')).toBeNull();
    expect(offer('https://cfp.example.org/conf/talk/review/ABCDEF/')).toBeNull();
    expect(offer('https://cfp.example.org/conf/talk/ABC123.ics')).toBeNull();
  });
  it('offers nothing when the host is already covered', () => {
    expect(offer('https://cfp.example.org/conf/talk/ABC123/', { isCovered: true })).toBeNull();
    expect(offer('https://pretalx.com/sotm2025/talk/ABC123/')).toBeNull();
    expect(offer('https://2025.stateofthemap.org/sessions/ABC123/')).toBeNull();
  });
  it('never offers media.ccc.de, c3voc.de or non-web pages', () => {
    expect(offer('https://media.ccc.de/v/39c3-talk/talk/ABC123/')).toBeNull();
    expect(offer('https://c3voc.de/', { archiveHosts: ['c3voc.de'] })).toBeNull();
    expect(offer('chrome://extensions/')).toBeNull();
    expect(offer('about:blank')).toBeNull();
    expect(offer('file:///home/x/talk/ABC123/')).toBeNull();
    expect(offer(undefined)).toBeNull();
    expect(offer('https://')).toBeNull();
  });
});

describe('offerableHostOfTabUrl', () => {
  it('gives the canonical host of an http(s) page outside the built-in list', () => {
    expect(offerableHostOfTabUrl('http://CFP.Example.org.:8080/x')).toBe('cfp.example.org');
    expect(offerableHostOfTabUrl('https://fosdem.org/2026/')).toBeNull();
    expect(offerableHostOfTabUrl('https://127.0.0.1/talk/ABC123/')).toBe('127.0.0.1');
  });
});
