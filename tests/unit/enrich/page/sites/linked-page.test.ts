import { describe, expect, it } from 'vitest';
import { linkedPageAdapter } from '@/lib/enrich/page/sites/linked-page';
import { loadFixture, parseDocument } from '../../../../support/load-site-fixture';

const SOTM_URL = 'https://2025.stateofthemap.org/sessions/8KKLCS/';
const SOTM_TITLE = 'Resilience Starts with a Map: Community-Led OSM Action in Dhaka’s Climate-Vulnerable Settlements';

describe('linked-page adapter', () => {
  it('accepts any http(s) URL and nothing else', () => {
    expect(linkedPageAdapter.matchesUrl(new URL(SOTM_URL))).toBe(true);
    expect(linkedPageAdapter.matchesUrl(new URL('http://example.org/whatever'))).toBe(true);
    expect(linkedPageAdapter.matchesUrl(new URL('file:///tmp/x.html'))).toBe(false);
  });

  it('reads a State of the Map 2025 session page', () => {
    expect(linkedPageAdapter.extract(loadFixture('linked-page/sotm-2025-session.html'), new URL(SOTM_URL))).toEqual({
      site: 'linked-page',
      title: SOTM_TITLE,
      speakers: [],
      scheduleUrl: SOTM_URL,
      code: '8KKLCS',
      abstract: 'Talk at State of the Map 2025 – Manila. The global OpenStreetMap conference. 2025 in Manila & online.',
      hasEmbeddedRecording: true,
      videoLinks: [],
    });
  });

  it('mounts after the only h1 when the page has no main/article', () => {
    const doc = loadFixture('linked-page/sotm-2025-session.html');
    const mount = linkedPageAdapter.mountPoint(doc);
    expect(mount?.parent.className).toContain('prose');
    expect(mount?.before).toBe(doc.querySelector('h1')?.nextSibling);
  });

  it('prefers og:title, then an h1 in main, then <title>', () => {
    const url = new URL('https://conf.example/talk/ABCD12/');
    const withH1 = parseDocument(
      '<html><head><title>Site</title></head><body><h1>Logo</h1><main><h1> Real  title </h1></main></body></html>',
    );
    expect(linkedPageAdapter.extract(withH1, url)).toMatchObject({ title: 'Real title', code: 'ABCD12' });
    const bare = parseDocument('<html><head><title>Only the title</title></head><body><p>x</p></body></html>');
    expect(linkedPageAdapter.extract(bare, url)?.title).toBe('Only the title');
    expect(linkedPageAdapter.mountPoint(bare)?.parent.localName).toBe('body');
  });

  it('returns null for a page without any title', () => {
    expect(
      linkedPageAdapter.extract(parseDocument('<html><body><p>x</p></body></html>'), new URL(SOTM_URL)),
    ).toBeNull();
  });
});
