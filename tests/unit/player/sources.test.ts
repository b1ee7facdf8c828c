import { describe, expect, it } from 'vitest';
import { parseEvent } from '@/lib/history/api-shapes';
import { parsePlayerSources, sourcesFromApi, sourcesFromFeed, type TalkBasics } from '@/lib/player/sources';
import { playerEventJson, subtitleUrlOf, type PlayerEventSpec } from '../../support/player-event';

const SPEC: PlayerEventSpec = {
  guid: '0b6c1a36-5d7e-4f6b-9f0e-asg2025000a2',
  title: 'systemd-boot, UKIs and measured boot in practice',
  slug: 'asg2025-55012-systemd-boot',
  thumbUrl: 'https://static.media.ccc.de/media/conferences/all_systems_go/2025/55012-hd.jpg',
  cdnBase: 'https://cdn.media.ccc.de/events/all_systems_go/2025',
};

const TALK: TalkBasics = {
  id: SPEC.guid,
  title: SPEC.title,
  url: `https://media.ccc.de/v/${SPEC.slug}`,
  language: 'eng',
  durationSeconds: 2472,
  enclosure: { url: `https://cdn.media.ccc.de/congress/2025/h264-hd/${SPEC.slug}.mp4`, type: 'video/mp4' },
};

type Raw = Record<string, unknown>;
const eventWith = (recordings: Raw[]) => parseEvent({ ...playerEventJson(SPEC), recordings });
const recordingsOf = () => playerEventJson(SPEC).recordings as Raw[];

describe('the files and subtitles of a talk, from media.ccc.de’s API', () => {
  it('lists every playable file with its language and size, and the finished subtitles', () => {
    const sources = sourcesFromApi(TALK, parseEvent(playerEventJson(SPEC)));
    expect(sources.from).toBe('api');
    expect(sources.pageUrl).toBe(`https://media.ccc.de/v/${SPEC.slug}`);
    expect(sources.originalLanguage).toBe('eng');
    expect(sources.files.map((file) => [file.kind, file.language, file.height, file.mimeType])).toEqual([
      ['video', 'eng', 1080, 'video/webm'],
      ['video', 'eng', 576, 'video/webm'],
      ['video', 'deu', 1080, 'video/webm'],
      ['audio', 'eng', 0, 'audio/mpeg'],
    ]);
    // WebVTT is read where voctoweb keeps it (beside the thumbnail), not from the CDN; the `todo`
    // placeholder is left out as media.ccc.de's own player leaves it out.
    expect(sources.subtitles).toEqual([{ url: subtitleUrlOf(SPEC), language: 'eng', format: 'vtt', note: '' }]);
  });

  it('reads SubRip through media.ccc.de’s /srt/ address and says when a subtitle is a draft', () => {
    const srt = {
      ...recordingsOf()[0],
      mime_type: 'application/x-subrip',
      folder: 'subtitles',
      language: 'deu',
      state: 'needs review',
      recording_url: `${SPEC.cdnBase}/subtitles/talk-deu.srt`,
    };
    const sources = sourcesFromApi(TALK, eventWith([recordingsOf()[0]!, srt]));
    expect(sources.subtitles).toEqual([
      {
        url: 'https://media.ccc.de/srt/events/all_systems_go/2025/subtitles/talk-deu.srt',
        language: 'deu',
        format: 'srt',
        note: 'needs review',
      },
    ]);
  });

  it('leaves out slides, streams, PDFs and files off media.ccc.de', () => {
    const [hd] = recordingsOf();
    const sources = sourcesFromApi(
      TALK,
      eventWith([
        hd!,
        { ...hd, folder: 'slides-h264', recording_url: `${SPEC.cdnBase}/slides/a.mp4` },
        { ...hd, mime_type: 'application/dash+xml', recording_url: `${SPEC.cdnBase}/a.mpd` },
        { ...hd, mime_type: 'application/pdf', recording_url: `${SPEC.cdnBase}/a.pdf` },
        { ...hd, recording_url: 'https://evil.example/a.webm' },
        { ...hd, recording_url: 'javascript:alert(1)' },
      ]),
    );
    expect(sources.files.map((file) => file.url)).toEqual([hd!.recording_url]);
  });

  it('falls back to the feed’s file when the API lists nothing playable', () => {
    const sources = sourcesFromApi(TALK, eventWith([recordingsOf()[4]!]));
    expect(sources.from).toBe('feed');
    expect(sources.files).toEqual([
      {
        url: TALK.enclosure!.url,
        mimeType: 'video/mp4',
        kind: 'video',
        language: 'eng',
        width: 0,
        height: 0,
        sizeBytes: 0,
      },
    ]);
  });

  it('plays no feed file off media.ccc.de, and none that is not video or audio', () => {
    expect(
      sourcesFromFeed({ ...TALK, enclosure: { url: 'https://evil.example/x.mp4', type: 'video/mp4' } }).files,
    ).toEqual([]);
    expect(sourcesFromFeed({ ...TALK, enclosure: { url: TALK.enclosure!.url, type: 'text/html' } }).files).toEqual([]);
    expect(sourcesFromFeed({ ...TALK, enclosure: null }).files).toEqual([]);
    expect(sourcesFromFeed({ ...TALK, url: 'https://evil.example/v/x' }).pageUrl).toBe('');
  });
});

describe('the answer as the playing page accepts it', () => {
  const good = sourcesFromApi(TALK, parseEvent(playerEventJson(SPEC)));

  it('keeps a good answer as it is', () => {
    expect(parsePlayerSources(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });

  it.each([null, 'x', 1, [], {}, { ...good, files: 'x' }, { ...good, talkId: '' }, { ...good, from: 'elsewhere' }])(
    'refuses %j',
    (value) => {
      expect(parsePlayerSources(value)).toBeNull();
    },
  );

  it('drops files and subtitles off media.ccc.de’s hosts, over http, of odd types, or with odd languages', () => {
    const file = good.files[0]!;
    const parsed = parsePlayerSources({
      ...good,
      pageUrl: 'javascript:alert(1)',
      files: [
        file,
        { ...file, url: 'https://evil.example/a.webm' },
        { ...file, url: file.url.replace('https:', 'http:') },
        { ...file, mimeType: 'text/html' },
        { ...file, language: '<b>' },
        'junk',
      ],
      subtitles: [...good.subtitles, { ...good.subtitles[0], url: 'data:text/vtt,WEBVTT' }, { language: 'eng' }],
    });
    expect(parsed?.pageUrl).toBe('');
    expect(parsed?.files.map((f) => [f.url, f.language])).toEqual([
      [file.url, 'eng'],
      [file.url, ''],
    ]);
    expect(parsed?.subtitles).toEqual(good.subtitles);
  });
});
