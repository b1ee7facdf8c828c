import { describe, expect, it } from 'vitest';
import { fosdemAdapter } from '@/lib/enrich/page/sites/fosdem';
import { loadFixture, loadManifest } from '../../../../support/load-site-fixture';

const URL_2023 = 'https://archive.fosdem.org/2023/schedule/event/keynotes_welcome/';
const URL_2025 = 'https://fosdem.org/2025/schedule/event/fosdem-2025-4321-building-a-tiny-init-system/';
const URL_2026 = 'https://fosdem.org/2026/schedule/event/CNPVJL-lightning_lightning_talks_1/';
const URL_2026_VIDEO = 'https://fosdem.org/2026/schedule/event/R8KQ7M-rust_in_the_kernel_status/';

function extractFixture(file: string, url: string) {
  return fosdemAdapter.extract(loadFixture(`fosdem/${file}`), new URL(url));
}

describe('fosdem adapter: URL test', () => {
  it.each([URL_2023, URL_2025, URL_2026, 'https://www.fosdem.org/2026/schedule/event/CNPVJL-x/index.html'])(
    'matches %s',
    (url) => expect(fosdemAdapter.matchesUrl(new URL(url))).toBe(true),
  );

  it.each([
    'https://fosdem.org/2026/schedule/track/kernel/',
    'https://fosdem.org/2026/schedule/',
    'https://fosdem.org/2026/schedule/speaker/dana_example/',
    'https://video.fosdem.org/2026/ua2118/',
    'https://pretalx.fosdem.org/fosdem-2026/talk/R8KQ7M/',
    'https://evil.example/2026/schedule/event/CNPVJL-x/',
  ])('does not match %s', (url) => expect(fosdemAdapter.matchesUrl(new URL(url))).toBe(false));
});

describe('fosdem adapter: event pages', () => {
  it('reads a 2023 archive page with WebM and MP4 links', () => {
    expect(extractFixture('2023-event-video.html', URL_2023)).toEqual({
      site: 'fosdem',
      title: 'Welcome to FOSDEM 2023',
      speakers: ['FOSDEM Staff'],
      scheduleUrl: 'https://fosdem.org/2023/schedule/event/keynotes_welcome/',
      event: 'fosdem-2023',
      abstract: 'FOSDEM welcome and opening talk.',
      track: 'Keynotes',
      hasEmbeddedRecording: false,
      videoLinks: [
        {
          label: 'Video recording (WebM/VP9, 54M)',
          url: 'https://video.fosdem.org/2023/Janson/keynotes_welcome.webm',
          kind: 'webm',
        },
        {
          label: 'Video recording (mp4)',
          url: 'https://video.fosdem.org/2023/Janson/keynotes_welcome.mp4',
          kind: 'mp4',
        },
      ],
    });
  });

  it('reads the schedule id out of a 2025 slug and skips non-video links', () => {
    const session = extractFixture('2025-event-video.html', URL_2025);
    expect(session).toMatchObject({
      title: 'Building a tiny init system',
      speakers: ['Alex Example', 'Chris Beispiel'],
      scheduleId: '4321',
      event: 'fosdem-2025',
    });
    expect(session?.code).toBeUndefined();
    expect(session?.videoLinks.map((link) => [link.kind, link.label])).toEqual([
      ['webm', 'Video recording (AV1/WebM) - 81.2 MB'],
      ['mp4', 'Video recording (MP4) - 120.3 MB'],
    ]);
  });

  it('reads the pretalx code out of a 2026 slug; no video yet', () => {
    expect(extractFixture('2026-event-no-video.html', URL_2026)).toEqual({
      site: 'fosdem',
      title: 'Lightning Lightning Talks 1',
      speakers: ['Robin Example', 'Sasha Beispiel'],
      scheduleUrl: URL_2026,
      code: 'CNPVJL',
      event: 'fosdem-2026',
      abstract: 'Five-minute talks, back to back.',
      track: 'Lightning Lightning Talks',
      hasEmbeddedRecording: false,
      videoLinks: [],
    });
  });

  it('reads 2026 video links including the VTT subtitles', () => {
    const session = extractFixture('2026-event-video.html', URL_2026_VIDEO);
    expect(session?.code).toBe('R8KQ7M');
    expect(session?.speakers).toEqual(['Dana Example']);
    expect(session?.videoLinks.map((link) => link.kind)).toEqual(['webm', 'mp4', 'vtt']);
    expect(session?.videoLinks[2]?.url).toBe(
      'https://video.fosdem.org/2026/ua2118/R8KQ7M-rust_in_the_kernel_status.vtt',
    );
  });

  it('drops "Video recording" links that are not http(s) links to video.fosdem.org', () => {
    const doc = loadFixture('fosdem/2026-event-video.html');
    const list = doc.querySelector('#main ul:last-of-type');
    list?.insertAdjacentHTML(
      'beforeend',
      `<li><a href="javascript:alert(1)">Video recording (MP4) - 1 MB</a></li>
       <li><a href="https://evil.example/x.mp4">Video recording (MP4) - 2 MB</a></li>
       <li><a href="http://video.fosdem.org/2026/ua2118/other.mp4">Video recording (MP4) - 3 MB</a></li>`,
    );
    const urls = fosdemAdapter.extract(doc, new URL(URL_2026_VIDEO))?.videoLinks.map((link) => link.url);
    expect(urls).toHaveLength(4);
    expect(urls).toContain('http://video.fosdem.org/2026/ua2118/other.mp4');
    expect(urls?.some((url) => url.includes('evil') || url.startsWith('javascript'))).toBe(false);
  });

  it('returns null when the page has no event title (e.g. an error page on an event URL)', () => {
    const doc = loadFixture('fosdem/2026-track-page.html');
    doc.querySelector('#pagetitles')?.remove();
    expect(fosdemAdapter.extract(doc, new URL(URL_2026))).toBeNull();
  });
});

const VP9_AND_MP4: [string, string][] = [
  ['webm', 'Video recording (WebM/VP9)'],
  ['mp4', 'Video recording (mp4)'],
];

/** One fixture per year's layout (FOSDEM/website archive/<year>); the player changed most. */
const YEARS: [file: string, url: string, videos: [kind: string, label: string][]][] = [
  ['2013-event.html', 'https://archive.fosdem.org/2013/schedule/event/kernel_namespaces_intro/', [['webm', '']]],
  ['2014-event.html', 'https://archive.fosdem.org/2014/schedule/event/gpu_drivers_state/', [['webm', '']]],
  [
    '2015-event.html',
    'https://archive.fosdem.org/2015/schedule/event/postgres_replication/',
    [['webm', 'Video recording (WebM)']],
  ],
  ['2016-event.html', 'https://archive.fosdem.org/2016/schedule/event/reproducible_debian/', [['webm', '']]],
  [
    '2017-event.html',
    'https://archive.fosdem.org/2017/schedule/event/rust_embedded/',
    [['webm', 'Video recording (WebM/VP8)']],
  ],
  [
    '2018-event.html',
    'https://archive.fosdem.org/2018/schedule/event/webassembly_outside_browser/',
    [['webm', 'Video recording (WebM/VP9)']],
  ],
  ['2019-event.html', '', VP9_AND_MP4],
  ['2020-event.html', '', VP9_AND_MP4],
  ['2021-event.html', '', VP9_AND_MP4],
  ['2022-event.html', '', VP9_AND_MP4],
  [
    '2024-event.html',
    'https://archive.fosdem.org/2024/schedule/event/fosdem-2024-3001-a-tour-of-the-linux-scheduler-/',
    [
      ['webm', 'Video recording (AV1/WebM) - 64.8 MB'],
      ['mp4', 'Video recording (MP4) - 97.0 MB'],
    ],
  ],
];

describe('fosdem adapter: every year since 2013', () => {
  const manifest = new Map(loadManifest('fosdem').map((entry) => [entry.file, entry]));

  it.each(YEARS)('%s: title, speakers, track, abstract and the recording files', (file, url, videos) => {
    const entry = manifest.get(file)!;
    const session = extractFixture(file, url || entry.url);
    expect(session?.title).toBe(entry.title);
    expect(session?.speakers).toEqual(entry.speakers);
    expect(session?.event).toBe(`fosdem-${file.slice(0, 4)}`);
    expect(session?.track).toBeTruthy();
    expect(session?.abstract).toBeTruthy();
    expect(session?.videoLinks.map((link) => [link.kind, link.label])).toEqual(videos);
    expect(
      session?.videoLinks.every((link) => link.url.startsWith(`https://video.fosdem.org/${file.slice(0, 4)}/`)),
    ).toBe(true);
  });

  it('reads the schedule id of a 2024 slug that ends in a hyphen', () => {
    const session = extractFixture('2024-event.html', YEARS.find(([file]) => file === '2024-event.html')![1]);
    expect(session?.scheduleId).toBe('3001');
    expect(session?.code).toBeUndefined();
  });

  it('has neither code nor schedule id in the plain slugs up to 2023', () => {
    const session = extractFixture('2019-event.html', manifest.get('2019-event.html')!.url);
    expect(session?.code).toBeUndefined();
    expect(session?.scheduleId).toBeUndefined();
  });

  it.each(YEARS.map(([file]) => file))('%s: mounts after the side box, before the blurb', (file) => {
    const mount = fosdemAdapter.mountPoint(loadFixture(`fosdem/${file}`));
    expect(mount?.parent.id).toBe('main');
    expect((mount?.before as Element | null)?.className).toBe('event-blurb');
  });
});

describe('fosdem adapter: mount point', () => {
  it('goes after ul.side-box and its clearing <br>, before div.event-blurb', () => {
    const mount = fosdemAdapter.mountPoint(loadFixture('fosdem/2026-event-no-video.html'));
    expect(mount?.parent.id).toBe('main');
    expect((mount?.before as Element | null)?.className).toBe('event-blurb');
    expect((mount?.before as Element | null)?.previousElementSibling?.localName).toBe('br');
  });

  it('goes before the event logo when there is one', () => {
    const mount = fosdemAdapter.mountPoint(loadFixture('fosdem/2026-event-video.html'));
    expect((mount?.before as Element | null)?.className).toBe('event-logo');
  });

  it('finds no slot on a track page', () => {
    expect(fosdemAdapter.mountPoint(loadFixture('fosdem/2026-track-page.html'))).toBeNull();
  });
});
