import { describe, expect, it } from 'vitest';
import {
  canPlayWith,
  languagesName,
  languagesOf,
  qualitiesOf,
  startFile,
  subtitlesOf,
  switchLanguage,
  type CanPlay,
} from '@/lib/player/choose';
import type { PlayerFile, PlayerSources, PlayerSubtitle } from '@/lib/player/sources';

const file = (language: string, height: number, mimeType = 'video/webm'): PlayerFile => ({
  url: `https://cdn.media.ccc.de/x/${language}-${height}.${mimeType.split('/')[1]}`,
  mimeType,
  kind: mimeType.startsWith('audio/') ? 'audio' : 'video',
  language,
  width: Math.round((height * 16) / 9),
  height,
  sizeBytes: 0,
});

const FILES = [
  file('deu', 1080, 'video/mp4'),
  file('deu', 1080),
  file('deu', 576, 'video/mp4'),
  file('deu', 576),
  file('deu', 0, 'audio/mpeg'),
  file('eng', 1080, 'video/mp4'),
  file('eng', 576),
  file('deu-eng', 1080, 'video/mp4'),
];
const sources = (files: PlayerFile[] = FILES, originalLanguage = 'deu'): PlayerSources => ({
  talkId: 't',
  title: 'T',
  pageUrl: '',
  originalLanguage,
  durationSeconds: 60,
  files,
  subtitles: [],
  from: 'api',
});
const all: CanPlay = () => true;
const noMp4: CanPlay = (f) => f.mimeType !== 'video/mp4';

describe('choosing the file to start with', () => {
  it('takes the original language in the best quality up to the limit, MP4 first among equals', () => {
    expect(startFile(sources(), all, { maxHeight: 1080 })).toBe(FILES[0]);
    expect(startFile(sources(), all, { maxHeight: 720 })).toBe(FILES[2]);
  });

  it('takes WebM where the browser plays no H.264', () => {
    expect(startFile(sources(), noMp4, { maxHeight: 1080 })).toBe(FILES[1]);
    expect(startFile(sources(), noMp4, { maxHeight: 720 })).toBe(FILES[3]);
  });

  it('takes the language asked for when there is one, else the original', () => {
    expect(startFile(sources(), all, { language: 'eng', maxHeight: 1080 })).toBe(FILES[5]);
    expect(startFile(sources(), all, { language: 'fra', maxHeight: 1080 })).toBe(FILES[0]);
  });

  it('moves on to another language when the browser plays nothing in the original', () => {
    const files = [file('deu', 1080, 'video/mp4'), file('eng', 720)];
    expect(startFile(sources(files), noMp4, { maxHeight: 1080 })).toBe(files[1]);
  });

  it('takes the smallest picture when all are above the limit, audio when there is no picture, null when nothing plays', () => {
    const big = [file('deu', 2160), file('deu', 1440)];
    expect(startFile(sources(big), all, { maxHeight: 720 })).toBe(big[1]);
    const audio = [file('deu', 0, 'audio/mpeg')];
    expect(startFile(sources(audio), all, { maxHeight: 720 })).toBe(audio[0]);
    expect(startFile(sources(), () => false, { maxHeight: 720 })).toBeNull();
    expect(startFile(sources([]), all, { maxHeight: 720 })).toBeNull();
  });
});

describe('what the player offers', () => {
  it('lists the original first, then the original with a translation, then translations', () => {
    expect(languagesOf(FILES, 'deu')).toEqual(['deu', 'deu-eng', 'eng']);
    expect(languagesOf(FILES, 'eng')).toEqual(['eng', 'deu', 'deu-eng']);
    expect(languagesOf([file('', 720), file('fra', 720)], '')).toEqual(['fra', '']);
  });

  it('lists the qualities of one language the browser plays, video before audio, taller first', () => {
    expect(qualitiesOf(FILES, 'deu', noMp4)).toEqual([FILES[1], FILES[3], FILES[4]]);
  });

  it('switches language at the same quality, else the nearest', () => {
    expect(switchLanguage(FILES, FILES[2]!, 'eng', all)).toBe(FILES[6]);
    expect(switchLanguage(FILES, FILES[0]!, 'eng', all)).toBe(FILES[5]);
    expect(switchLanguage(FILES, FILES[4]!, 'eng', all)).toBe(FILES[5]);
    expect(switchLanguage(FILES, FILES[0]!, 'fra', all)).toBeNull();
  });

  it('offers one subtitle per language, finished before drafts, WebVTT before SubRip', () => {
    const sub = (language: string, format: 'vtt' | 'srt', note = ''): PlayerSubtitle => ({
      url: `https://static.media.ccc.de/${language}.${format}`,
      language,
      format,
      note,
    });
    const list = [sub('eng', 'srt'), sub('deu', 'vtt', 'needs review'), sub('eng', 'vtt'), sub('deu', 'srt')];
    expect(subtitlesOf(list)).toEqual([list[3], list[2]]);
  });

  it('names languages in the UI’s language', () => {
    expect(languagesName('deu-eng', 'en')).toBe('German + English');
    expect(languagesName('eng', 'de')).toBe('Englisch');
  });

  it('asks the browser with the codecs media.ccc.de uses', () => {
    const asked: string[] = [];
    const canPlay = canPlayWith({
      canPlayType: (type: string) => (asked.push(type), type.includes('vp9') ? 'maybe' : ''),
    });
    expect(canPlay(file('deu', 1080, 'video/mp4'))).toBe(false);
    expect(canPlay(file('deu', 1080))).toBe(true);
    expect(asked).toEqual(['video/mp4; codecs="avc1.640028, mp4a.40.2"', 'video/webm; codecs="vp9, opus"']);
    // A DOM without media elements plays nothing (and does not throw).
    expect(canPlayWith({})(file('deu', 1080))).toBe(false);
  });
});
