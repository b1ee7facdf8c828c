/**
 * Every fixture of every site, through `detectSession` as the content script calls it: each talk
 * page is claimed by its own adapter and yields the title and speakers its manifest names; each
 * other page yields nothing. The manifests list one fixture per page version (docs/schedule-pages.md).
 */
import { describe, expect, it } from 'vitest';
import { detectSession } from '@/lib/enrich/page/sites/registry';
import { SITE_NAMES } from '@/lib/enrich/page/sites/types';
import { loadFixture, loadManifest } from '../../../../support/load-site-fixture';

const cases = SITE_NAMES.flatMap((site) =>
  loadManifest(site).map((entry) => ({ site, ...entry, name: `${site}/${entry.file} (${entry.version})` })),
);

describe('every fixture through detectSession', () => {
  it('has fixtures of every site', () => {
    expect(new Set(cases.map((c) => c.site))).toEqual(new Set(SITE_NAMES));
  });

  it.each(cases.filter((c) => c.title !== null))('$name: its own adapter reads title and speakers', (c) => {
    const found = detectSession(loadFixture(`${c.site}/${c.file}`), new URL(c.url), {
      allowLinkedPage: c.site === 'linked-page',
    });
    expect(found?.adapter.name).toBe(c.site);
    expect(found?.session.title).toBe(c.title);
    expect(found?.session.speakers).toEqual(c.speakers);
  });

  it.each(cases.filter((c) => c.title === null))('$name: not a talk page, nothing is read', (c) => {
    expect(detectSession(loadFixture(`${c.site}/${c.file}`), new URL(c.url))).toBeNull();
  });

  it.each(cases.filter((c) => c.site === 'fosdem' && c.title !== null))(
    '$name: the same page reads the same on fosdem.org and archive.fosdem.org',
    (c) => {
      const doc = loadFixture(`fosdem/${c.file}`);
      const path = new URL(c.url).pathname;
      const live = detectSession(doc, new URL(`https://fosdem.org${path}`))?.session;
      const archive = detectSession(doc, new URL(`https://archive.fosdem.org${path}`))?.session;
      expect(live?.title).toBe(c.title);
      expect(archive).toEqual(live);
    },
  );
});
