import { describe, expect, it } from 'vitest';
import { mediaFormat } from '@/lib/enrich/answer/media-labels';

describe('mediaFormat', () => {
  it('names known types and falls back to the file extension', () => {
    expect(mediaFormat('video/mp4', 'https://cdn.media.ccc.de/a.webm')).toEqual({ format: 'MP4', kind: 'video' });
    expect(mediaFormat('', 'https://cdn.media.ccc.de/a.opus')).toEqual({ format: 'Opus', kind: 'audio' });
  });

  it('takes no format from a type named after an Object.prototype member', () => {
    for (const type of ['constructor', 'toString', '__proto__', 'valueOf']) {
      expect(mediaFormat(type, 'https://cdn.media.ccc.de/a.mp4')).toEqual({ format: 'MP4', kind: 'video' });
      expect(mediaFormat(type, 'https://cdn.media.ccc.de/a')).toEqual({ format: '', kind: 'recording' });
    }
  });
});
