import { describe, expect, it } from 'vitest';
import { asWebVtt, loadSubtitle, MAX_SUBTITLE_BYTES, srtToVtt } from '@/lib/player/subtitles';
import type { PlayerSubtitle } from '@/lib/player/sources';

const VTT = 'WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n';
const SRT = '1\r\n00:00:01,500 --> 00:00:03,000\r\n{i}Hello{/i} there\r\n';
const SUBTITLE: PlayerSubtitle = {
  url: 'https://static.media.ccc.de/media/x/a.vtt',
  language: 'eng',
  format: 'vtt',
  note: '',
};

const answer = (body: BodyInit, init: ResponseInit = {}) => (async () => new Response(body, init)) as typeof fetch;

describe('subtitles', () => {
  it('takes WebVTT as it is and turns SubRip into WebVTT', () => {
    expect(asWebVtt(`\ufeff${VTT}`, 'vtt')).toBe(VTT);
    expect(srtToVtt(SRT)).toBe('WEBVTT\n\n1\n00:00:01.500 --> 00:00:03.000\n<i>Hello</i> there\n\n\n');
    expect(asWebVtt(SRT, 'srt')).toContain('00:00:01.500 --> 00:00:03.000');
  });

  it('refuses what is neither: an error page, SubRip posing as WebVTT, nothing', () => {
    expect(asWebVtt('<!doctype html><p>Not found', 'vtt')).toBeNull();
    expect(asWebVtt(SRT, 'vtt')).toBeNull();
    expect(asWebVtt('', 'srt')).toBeNull();
    expect(asWebVtt('WEBVTTX', 'vtt')).toBeNull();
  });

  it('reads a file from media.ccc.de, and nothing from elsewhere, nothing too large, nothing after an error', async () => {
    expect(await loadSubtitle(SUBTITLE, answer(VTT))).toBe(VTT);
    let asked = false;
    const spy = (async () => ((asked = true), new Response(VTT))) as typeof fetch;
    expect(await loadSubtitle({ ...SUBTITLE, url: 'https://evil.example/a.vtt' }, spy)).toBeNull();
    expect(asked).toBe(false);
    expect(await loadSubtitle(SUBTITLE, answer('x'.repeat(MAX_SUBTITLE_BYTES + 1)))).toBeNull();
    expect(await loadSubtitle(SUBTITLE, answer(VTT, { status: 404 }))).toBeNull();
    expect(
      await loadSubtitle(SUBTITLE, (async () => Promise.reject(new TypeError('offline'))) as typeof fetch),
    ).toBeNull();
  });
});
