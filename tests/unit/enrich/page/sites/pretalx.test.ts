import { describe, expect, it } from 'vitest';
import { pretalxAdapter } from '@/lib/enrich/page/sites/pretalx';
import { loadFixture, parseDocument } from '../../../../support/load-site-fixture';

function extractFixture(file: string, url: string) {
  return pretalxAdapter.extract(loadFixture(`pretalx/${file}`), new URL(url));
}

describe('pretalx adapter: URL test', () => {
  it.each([
    'https://pretalx.com/democon-2026/talk/QK3PXA/',
    'https://pretalx.com/democon-2026/talk/QK3PXA/?lang=de',
    'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/',
    'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/index.html',
  ])('matches %s', (url) => expect(pretalxAdapter.matchesUrl(new URL(url))).toBe(true));

  it.each([
    'https://pretalx.com/democon-2026/schedule/',
    'https://pretalx.com/democon-2026/talk/',
    'https://pretalx.com/democon-2026/talk/QK3PXA/feedback/',
    'https://pretalx.com/democon-2026/talk/review/ABCDEFGHJK',
    'https://fosdem.org/2026/schedule/event/CNPVJL-lightning_lightning_talks_1/',
  ])('does not match %s', (url) => expect(pretalxAdapter.matchesUrl(new URL(url))).toBe(false));
});

describe('pretalx adapter: released layout', () => {
  it('reads a v2026.2 talk page on pretalx.com', () => {
    const session = extractFixture(
      'released-2026-pretalx-com.html',
      'https://pretalx.com/democon-2026/talk/QK3PXA/?lang=en',
    );
    expect(session).toEqual({
      site: 'pretalx',
      title: 'Reproducible builds & you: a field guide',
      speakers: ['Ada Example', 'Jürgen Beispiel'],
      scheduleUrl: 'https://pretalx.com/democon-2026/talk/QK3PXA/',
      code: 'QK3PXA',
      event: 'democon-2026',
      abstract:
        'Why bit-for-bit identical builds matter, and how to get there. We walk through the usual sources of non-determinism: timestamps, file ordering, build paths.',
      hasEmbeddedRecording: false,
      videoLinks: [],
    });
  });

  it('reads a v2025.2 page on a custom domain (plain <main>)', () => {
    const session = extractFixture(
      'released-2025-all-systems-go.html',
      'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/',
    );
    expect(session).toMatchObject({
      title: 'Booting with Unified Kernel Images',
      speakers: ['Kim Example'],
      scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/',
      code: '8AA87L',
      event: 'all-systems-go-2025',
    });
  });

  it('reads a v2.3.2 page: bare-text title next to the buttons, speaker_block.html blocks', () => {
    expect(extractFixture('released-v2-3-2.html', 'https://pretalx.example.org/hackcamp-2022/talk/WXY7QP/')).toEqual({
      site: 'pretalx',
      title: 'Soldering for absolute beginners',
      speakers: ['Uma Example', 'Vic Beispiel'],
      scheduleUrl: 'https://pretalx.example.org/hackcamp-2022/talk/WXY7QP/',
      code: 'WXY7QP',
      event: 'hackcamp-2022',
      abstract: 'Your first blinking badge, one joint at a time. Irons, flux and safety glasses are provided.',
      hasEmbeddedRecording: false,
      videoLinks: [],
    });
  });

  it('reads a v2024.3.1 page: the title span without its favourite button, not the other talks', () => {
    const session = extractFixture('released-v2024-3-1.html', 'https://pretalx.com/mapcon-2024/talk/ZP8QRT/');
    expect(session).toMatchObject({
      title: 'Vector tiles without a server',
      speakers: ['Ines Example'],
      event: 'mapcon-2024',
      abstract:
        'PMTiles on static hosting: a whole map from one file. Range requests, caching and what breaks on cheap hosts.',
    });
  });

  it('reads a re-prefixed static export copy: the event comes from the API link, not the folder', () => {
    const session = extractFixture(
      'static-export-reprefixed.html',
      'https://summit.example/summit2025/schedule/talk/K3NQ8M/index.html',
    );
    expect(session).toMatchObject({
      title: 'Scheduling GPUs for many small jobs',
      speakers: ['Wen Example [Example University]'],
      scheduleUrl: 'https://summit.example/summit2025/schedule/talk/K3NQ8M/',
      code: 'K3NQ8M',
      event: '2025',
    });
  });

  it('reads a v2023.1 page whose title is a bare text node', () => {
    const session = extractFixture('released-2023-pretalx-com.html', 'https://pretalx.com/oldcon-2023/talk/7MZ8RC/');
    expect(session).toMatchObject({
      title: 'Mesh networking for festivals',
      speakers: ['Noor Example'],
      code: '7MZ8RC',
    });
  });

  it('takes the event slug of a static export from the API link, not the path prefix', () => {
    const session = extractFixture(
      'static-export-38c3.html',
      'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/index.html',
    );
    expect(session).toMatchObject({
      title: 'Example talk about radio hacking',
      speakers: ['Sam Example'],
      scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/',
      code: 'HQCCYH',
      event: '38c3',
    });
  });

  it('sees the media.ccc.de player of the recording plugin', () => {
    const session = extractFixture('recording-plugin.html', 'https://pretalx.com/democon-2025/talk/3NRQW7/');
    expect(session).toMatchObject({
      title: 'Hacking the city bus ticket',
      speakers: ['Lee Example'],
      hasEmbeddedRecording: true,
    });
  });

  it('mounts as first child of .talk-content', () => {
    const doc = loadFixture('pretalx/released-2026-pretalx-com.html');
    const mount = pretalxAdapter.mountPoint(doc);
    expect(mount?.parent.className).toBe('talk-content');
    expect(mount?.parent.parentElement?.className).toBe('talk row');
    expect(mount?.before).toBe(mount?.parent.firstChild);
  });
});

describe('pretalx adapter: next layout (pretalx main)', () => {
  it('reads title, speakers and code', () => {
    const session = extractFixture('next-layout.html', 'https://pretalx.com/democon-2026/talk/HX9LTE/');
    expect(session).toMatchObject({
      title: 'Packaging Rust for distributions',
      speakers: ['Mira Example', 'Ola Example'],
      code: 'HX9LTE',
      event: 'democon-2026',
      hasEmbeddedRecording: false,
      track: 'Distributions',
    });
    expect(session?.abstract).toMatch(/^\S/);
  });

  it('mounts inside div.talk-layout > div.talk-content, not the sidebar', () => {
    const mount = pretalxAdapter.mountPoint(loadFixture('pretalx/next-layout.html'));
    expect(mount?.parent.parentElement?.className).toBe('talk-layout');
    expect(mount?.before).toBe(mount?.parent.firstChild);
  });
});

describe('pretalx adapter: pages that are not talk pages', () => {
  it('returns null for the schedule overview', () => {
    const doc = loadFixture('pretalx/schedule-overview.html');
    expect(pretalxAdapter.extract(doc, new URL('https://pretalx.com/democon-2026/schedule/'))).toBeNull();
    expect(pretalxAdapter.mountPoint(doc)).toBeNull();
  });

  it('returns null for a /talk/<CODE>/ path on a site that is not pretalx', () => {
    const doc = parseDocument('<html><head><title>Talk</title></head><body><h1>Talk</h1></body></html>');
    expect(pretalxAdapter.extract(doc, new URL('https://example.org/conf/talk/ABCDEF/'))).toBeNull();
  });

  it('recognises pretalx by the API link alone and falls back to <title> for the title', () => {
    const doc = parseDocument(`<html><head><title>Odd theme talk :: Conf :: pretalx</title>
      <link rel="alternate" type="application/json" href="/api/events/conf/talks/ABCDEF"></head>
      <body><main><article><div class="talk-content"></div></article></main></body></html>`);
    expect(pretalxAdapter.extract(doc, new URL('https://cfp.example.org/conf/talk/ABCDEF/'))).toMatchObject({
      title: 'Odd theme talk',
      event: 'conf',
      code: 'ABCDEF',
      speakers: [],
    });
  });

  it('bounds what a hostile page can hand over', () => {
    const speakers = Array.from(
      { length: 50 },
      (_, i) => `<div class="talk-speaker-name">${i} ${'x'.repeat(300)}</div>`,
    );
    const doc = parseDocument(`<html><head><meta name="generator" content="pretalx"></head><body><main><article>
      <div class="page-heading"><h2>${'T'.repeat(5000)}</h2></div>${speakers.join('')}</article></main></body></html>`);
    const session = pretalxAdapter.extract(doc, new URL('https://evil.example/e/talk/ABCDEF/'));
    expect(session?.title).toHaveLength(500);
    expect(session?.speakers).toHaveLength(20);
    expect(session?.speakers.every((name) => name.length <= 200)).toBe(true);
  });
});
