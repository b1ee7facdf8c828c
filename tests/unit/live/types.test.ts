import { describe, expect, it } from 'vitest';
import { isLivePart, isStreamingUrl, reliveIndexUrl } from '@/lib/live/types';

describe('isStreamingUrl', () => {
  it('takes https links on the streaming site only', () => {
    expect(isStreamingUrl('https://streaming.media.ccc.de/40c3/saal-1')).toBe(true);
    for (const url of [
      'http://streaming.media.ccc.de/40c3/saal-1',
      'https://evil.example/40c3',
      'https://streaming.media.ccc.de.evil.example/x',
      'javascript:alert(1)',
      'https://streaming.media.ccc.de/../x y',
      42,
    ])
      expect(isStreamingUrl(url)).toBe(false);
  });
});

describe('isLivePart', () => {
  const live = { kind: 'live', room: 'Saal 1', url: 'https://streaming.media.ccc.de/40c3/saal-1', end: 1 };
  const relive = {
    kind: 'relive',
    room: 'Saal 1',
    url: 'https://streaming.media.ccc.de/40c3/relive/x',
    status: 'recorded',
  };
  it('accepts the two kinds the worker makes', () => {
    expect(isLivePart(live)).toBe(true);
    expect(isLivePart(relive)).toBe(true);
  });
  it('refuses anything else', () => {
    for (const value of [
      null,
      'live',
      { ...live, kind: 'player' },
      { ...live, end: Number.NaN },
      { ...live, url: 'javascript:alert(1)' },
      { ...live, room: 7 },
      { ...live, room: 'x'.repeat(500) },
      { ...relive, status: 'not_running' },
    ])
      expect(isLivePart(value)).toBe(false);
  });
});

describe('reliveIndexUrl', () => {
  it('is the CDN index of the acronym', () => {
    expect(reliveIndexUrl('40c3')).toBe('https://cdn.c3voc.de/relive/40c3/index.json');
  });
});
