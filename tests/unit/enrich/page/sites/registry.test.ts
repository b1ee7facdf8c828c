import { describe, expect, it, vi } from 'vitest';
import { detectSession, siteAdapters } from '@/lib/enrich/page/sites/registry';
import { loadFixture, parseDocument } from '../../../../support/load-site-fixture';

describe('siteAdapters', () => {
  it('lists the specific adapters first and the linked-page fallback last', () => {
    expect(siteAdapters.map((adapter) => adapter.name)).toEqual(['pretalx', 'fosdem', 'ccc-hub', 'linked-page']);
  });
});

describe('detectSession', () => {
  it.each([
    ['pretalx/released-2026-pretalx-com.html', 'https://pretalx.com/democon-2026/talk/QK3PXA/', 'pretalx'],
    [
      'pretalx/static-export-38c3.html',
      'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/',
      'pretalx',
    ],
    [
      'fosdem/2026-event-no-video.html',
      'https://fosdem.org/2026/schedule/event/CNPVJL-lightning_lightning_talks_1/',
      'fosdem',
    ],
    [
      'ccc-hub/frab-2019-event.html',
      'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496.html',
      'ccc-hub',
    ],
  ])('picks the right adapter for %s', (file, url, name) => {
    const found = detectSession(loadFixture(file), new URL(url));
    expect(found?.adapter.name).toBe(name);
    expect(found?.session.site).toBe(name);
  });

  it('returns null for non-talk pages of known sites', () => {
    expect(
      detectSession(
        loadFixture('pretalx/schedule-overview.html'),
        new URL('https://pretalx.com/democon-2026/schedule/'),
      ),
    ).toBeNull();
    expect(
      detectSession(
        loadFixture('fosdem/2026-track-page.html'),
        new URL('https://fosdem.org/2026/schedule/track/kernel/'),
      ),
    ).toBeNull();
  });

  it('uses the linked-page adapter only when asked', () => {
    const doc = loadFixture('linked-page/sotm-2025-session.html');
    const url = new URL('https://2025.stateofthemap.org/sessions/8KKLCS/');
    expect(detectSession(doc, url)).toBeNull();
    expect(detectSession(doc, url, { allowLinkedPage: true })?.session).toMatchObject({
      site: 'linked-page',
      code: '8KKLCS',
    });
  });

  it('does not touch the DOM of pages no adapter knows', () => {
    const doc = parseDocument('<html><body><h1>News</h1></body></html>');
    const spy = vi.spyOn(doc, 'querySelector');
    expect(detectSession(doc, new URL('https://news.example/article/1'))).toBeNull();
    expect(spy).not.toHaveBeenCalled();
  });

  it('treats an adapter that throws as "no session"', () => {
    const doc = parseDocument('<html><body></body></html>');
    const spy = vi.spyOn(doc, 'querySelector').mockImplementation(() => {
      throw new Error('odd markup');
    });
    expect(detectSession(doc, new URL('https://fosdem.org/2026/schedule/event/CNPVJL-x/'))).toBeNull();
    expect(spy).toHaveBeenCalled();
  });
});
