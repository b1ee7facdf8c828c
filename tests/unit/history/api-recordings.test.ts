import { describe, expect, it } from 'vitest';
import { MAX_RECORDINGS, mediaCccUrl, recordingsOf } from '@/lib/history/api-recordings';

const good = {
  length: 2412,
  mime_type: 'text/vtt',
  language: 'deu',
  filename: 'talk-deu.vtt',
  state: 'needs review',
  folder: 'subtitles',
  high_quality: false,
  width: null,
  height: null,
  size: 0,
  recording_url: 'https://cdn.media.ccc.de/congress/2024/subtitles/talk-deu.vtt',
};

describe('recordings of an event', () => {
  it('reads the fields the player needs: file name, state and length besides the rest', () => {
    expect(recordingsOf([good])).toEqual([
      {
        url: good.recording_url,
        mimeType: 'text/vtt',
        language: 'deu',
        highQuality: false,
        width: 0,
        height: 0,
        sizeBytes: 0,
        folder: 'subtitles',
        filename: 'talk-deu.vtt',
        state: 'needs review',
        lengthSeconds: 2412,
      },
    ]);
  });

  it('keeps no file name with a path or markup, no odd state, no odd length', () => {
    for (const filename of ['../etc/passwd', 'a/b.vtt', '<b>.vtt', '.hidden', 'x'.repeat(300)])
      expect(recordingsOf([{ ...good, filename }])[0]!.filename).toBe('');
    expect(recordingsOf([{ ...good, state: 'DROP TABLE;' }])[0]!.state).toBe('');
    expect(recordingsOf([{ ...good, length: -1 }])[0]!.lengthSeconds).toBe(0);
    expect(recordingsOf([{ ...good, length: '12' }])[0]!.lengthSeconds).toBe(0);
  });

  it(`drops files off media.ccc.de’s hosts or not over https, and reads at most ${MAX_RECORDINGS}`, () => {
    expect(recordingsOf([{ ...good, recording_url: 'http://cdn.media.ccc.de/a.webm' }])).toEqual([]);
    expect(recordingsOf([{ ...good, recording_url: 'https://cdn.media.ccc.de.evil.example/a.webm' }])).toEqual([]);
    expect(recordingsOf([null, 'x', 1, good])).toHaveLength(1);
    expect(recordingsOf(Array.from({ length: 500 }, () => good))).toHaveLength(MAX_RECORDINGS);
    expect(mediaCccUrl('https://user@static.media.ccc.de/a.jpg')).toBe('');
    expect(mediaCccUrl('https://static.media.ccc.de:8443/a.jpg')).toBe('');
  });
});
