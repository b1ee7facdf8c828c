import { describe, expect, it } from 'vitest';
import { cccHubAdapter, congressAcronym } from '@/lib/enrich/page/sites/ccc-hub';
import { loadFixture } from '../../../../support/load-site-fixture';

const HUB_URL = 'https://events.ccc.de/congress/2024/hub/en/event/windows-bitlocker-screwed-without-a-screwdriver/';
const FRAB_URL = 'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496.html';

describe('ccc-hub adapter: URL test', () => {
  it.each([
    HUB_URL,
    'https://events.ccc.de/congress/2024/hub/de/event/correctiv-recherche-geheimplan-gegen-deutschland-1-jahr-danach/',
    'https://events.ccc.de/congress/2024/hub/event/correctiv-recherche-geheimplan-gegen-deutschland-1-jahr-danach/',
    'https://events.ccc.de/congress/2025/hub/en/event/detail/opening-ceremony',
    'https://events.ccc.de/congress/2025/hub/event/detail/opening-ceremony',
    'https://fahrplan.events.ccc.de/congress/2025/fahrplan/event/opening-ceremony',
    FRAB_URL,
    'https://events.ccc.de/congress/2013/Fahrplan/events/5380.html',
    'https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10228.html',
    'https://fahrplan.events.ccc.de/rc3/2020/Fahrplan/events/11337.html',
  ])('matches %s', (url) => expect(cccHubAdapter.matchesUrl(new URL(url))).toBe(true));

  it.each([
    'https://events.ccc.de/congress/2024/hub/en/assemblies',
    'https://events.ccc.de/congress/2024/hub/en/event/',
    'https://events.ccc.de/2024/12/06/38c3-hub-wiki-assemblies/',
    // pretalx static export on the same host: the pretalx adapter's page
    'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/',
    'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/schedule/1.html',
    'https://evil.example/congress/2024/hub/en/event/x/',
  ])('does not match %s', (url) => expect(cccHubAdapter.matchesUrl(new URL(url))).toBe(false));
});

describe('ccc-hub adapter: hub event page (assumed markup)', () => {
  it('reads the title from main h1 and names the congress', () => {
    expect(cccHubAdapter.extract(loadFixture('ccc-hub/hub-event-2024.html'), new URL(HUB_URL))).toEqual({
      site: 'ccc-hub',
      title: 'Windows BitLocker: Screwed without a Screwdriver',
      speakers: [],
      scheduleUrl: HUB_URL,
      event: '38c3',
      abstract: 'An invented description.',
      hasEmbeddedRecording: false,
      videoLinks: [],
    });
  });

  it('normalises the 2025 detail URL without trailing slash', () => {
    const url = new URL('https://events.ccc.de/congress/2025/hub/en/event/detail/opening-ceremony?x=1');
    const session = cccHubAdapter.extract(loadFixture('ccc-hub/hub-event-2024.html'), url);
    expect(session?.scheduleUrl).toBe('https://events.ccc.de/congress/2025/hub/en/event/detail/opening-ceremony/');
    expect(session?.event).toBe('39c3');
  });

  it('mounts right after the title inside main', () => {
    const doc = loadFixture('ccc-hub/hub-event-2024.html');
    const mount = cccHubAdapter.mountPoint(doc);
    expect(mount?.parent.localName).toBe('main');
    expect(mount?.before).toBe(doc.querySelector('main h1')?.nextSibling);
  });
});

describe('ccc-hub adapter: old frab export', () => {
  it('reads title without the type prefix, speakers and the numeric id', () => {
    expect(cccHubAdapter.extract(loadFixture('ccc-hub/frab-2019-event.html'), new URL(FRAB_URL))).toEqual({
      site: 'ccc-hub',
      title: 'Open hardware for radio astronomy',
      speakers: ['Robin Example', 'Alex Beispiel'],
      scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496.html/',
      event: '36c3',
      scheduleId: '10496',
      abstract: 'An invented abstract. An invented description.',
      hasEmbeddedRecording: false,
      videoLinks: [],
    });
  });

  it('reads a frab export of an event that is no numbered congress (rC3 2020): no acronym, the id', () => {
    const url = new URL('https://fahrplan.events.ccc.de/rc3/2020/Fahrplan/events/11337.html');
    const session = cccHubAdapter.extract(loadFixture('ccc-hub/frab-2019-event.html'), url);
    expect(session).toMatchObject({ title: 'Open hardware for radio astronomy', scheduleId: '11337' });
    expect(session).not.toHaveProperty('event');
  });

  it('mounts in #main-content before the abstract column', () => {
    const mount = cccHubAdapter.mountPoint(loadFixture('ccc-hub/frab-2019-event.html'));
    expect(mount?.parent.id).toBe('main-content');
    expect((mount?.before as Element | null)?.id).toBe('basic');
  });
});

describe('congressAcronym', () => {
  it('maps years to <n>c3, skipping the remote years', () => {
    expect(congressAcronym(2013)).toBe('30c3');
    expect(congressAcronym(2019)).toBe('36c3');
    expect(congressAcronym(2021)).toBeUndefined();
    expect(congressAcronym(2023)).toBe('37c3');
    expect(congressAcronym(2025)).toBe('39c3');
  });
});
