import { describe, expect, it } from 'vitest';
import { cccHubAdapter, congressAcronym, withoutSiteName } from '@/lib/enrich/page/sites/ccc-hub';
import { loadFixture, parseDocument } from '../../../../support/load-site-fixture';

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

const HUB_39C3_URL = 'https://events.ccc.de/congress/2025/hub/en/event/detail/reproducible-builds-in-2025';
const HUB_40C3_URL = 'https://events.ccc.de/congress/2026/hub/event/detail/mesh-radios-for-everyone';
const UNKNOWN_URL = 'https://events.ccc.de/congress/2026/hub/en/event/detail/satellite-ground-stations';
const TITLE_ONLY_URL = 'https://events.ccc.de/congress/2026/hub/event/detail/why-dns-is-still-hard';
const FAHRPLAN_39C3_URL = 'https://fahrplan.events.ccc.de/congress/2025/fahrplan/event/opening-ceremony';

function hub(file: string, url: string) {
  return cccHubAdapter.extract(loadFixture(`ccc-hub/${file}`), new URL(url));
}

describe('ccc-hub adapter: hub event pages', () => {
  it('reads a 38C3 page: .hub-head-main, not the site header h1; the markdown section; 38c3', () => {
    expect(hub('hub-38c3-event.html', HUB_URL)).toEqual({
      site: 'ccc-hub',
      title: 'Windows BitLocker: Screwed without a Screwdriver',
      speakers: [],
      scheduleUrl: HUB_URL,
      event: '38c3',
      abstract: 'An invented description of breaking BitLocker on a stock laptop.',
      hasEmbeddedRecording: false,
      videoLinks: [],
    });
  });

  it('reads a 39C3 /event/detail/ page, whatever element carries .hub-head-main', () => {
    expect(hub('hub-39c3-event.html', HUB_39C3_URL)).toMatchObject({
      title: 'Reproducible builds in 2025: every package, every distribution',
      scheduleUrl: `${HUB_39C3_URL}/`,
      event: '39c3',
      abstract: 'Bit-for-bit identical binaries from the same source: timestamps, file ordering and build paths.',
    });
  });

  it('reads a 40C3-shaped page without language prefix: 2026 is 40c3', () => {
    expect(hub('hub-40c3-event.html', HUB_40C3_URL)).toMatchObject({
      title: 'Mesh radios for everyone',
      event: '40c3',
      abstract: 'LoRa meshes across a city, cheaply.',
    });
  });

  it('mounts right after the title element', () => {
    const doc = loadFixture('ccc-hub/hub-38c3-event.html');
    const title = doc.querySelector('.hub-head-main');
    const mount = cccHubAdapter.mountPoint(doc);
    expect(mount?.parent).toBe(title?.parentElement);
    expect(mount?.before).toBe(title?.nextSibling);
  });
});

describe('ccc-hub adapter: pages whose markup is not known', () => {
  it('takes og:title on an unknown hub layout, never one of its headings', () => {
    const session = hub('hub-unknown-markup.html', UNKNOWN_URL);
    expect(session).toMatchObject({
      title: 'Satellite ground stations on a budget',
      event: '40c3',
      abstract: 'Receiving weather satellites with a dongle and a dish.',
    });
  });

  it('cuts the site name off <title> when there is no og:title', () => {
    expect(hub('hub-unknown-markup-title-only.html', TITLE_ONLY_URL)?.title).toBe('Why DNS is still hard');
  });

  it('reads the 39C3 Fahrplan page from its metadata', () => {
    expect(hub('fahrplan-39c3-event.html', FAHRPLAN_39C3_URL)).toEqual({
      site: 'ccc-hub',
      title: 'Opening Ceremony',
      speakers: [],
      scheduleUrl: `${FAHRPLAN_39C3_URL}/`,
      event: '39c3',
      abstract: 'The congress opens.',
      hasEmbeddedRecording: false,
      videoLinks: [],
    });
  });

  it('gives no box when the metadata names only the site', () => {
    const doc = parseDocument(
      '<html><head><title>40C3 Hub</title><meta property="og:title" content="40C3: Power Cycles"></head>' +
        '<body><h1>Log in</h1><main><h1>Some heading</h1></main></body></html>',
    );
    expect(cccHubAdapter.extract(doc, new URL(UNKNOWN_URL))).toBeNull();
  });

  it('mounts after the first heading of main when no known element is there', () => {
    const doc = loadFixture('ccc-hub/hub-unknown-markup.html');
    const mount = cccHubAdapter.mountPoint(doc);
    expect(mount?.parent.localName).toBe('main');
    expect(mount?.before).toBe(doc.querySelector('main h1')?.nextSibling);
  });
});

describe('withoutSiteName', () => {
  it.each([
    ['Talk title - 39C3 Hub', 'Talk title'],
    ['Talk title | 38C3', 'Talk title'],
    ['Talk title · Fahrplan · 40C3', 'Talk title'],
    ['What went wrong - and what to do - 39C3', 'What went wrong - and what to do'],
    ['39C3 Opening - 39C3 Hub', '39C3 Opening'],
    ['39C3: Power Cycles', ''],
    ['Hub', ''],
    ['', ''],
  ])('%j → %j', (raw, title) => expect(withoutSiteName(raw)).toBe(title));
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

  it('reads a 2016 export: generic <title>, lower-case "lecture:" prefix, absolute speaker links', () => {
    const url = new URL('https://fahrplan.events.ccc.de/congress/2016/Fahrplan/events/8001.html');
    expect(cccHubAdapter.extract(loadFixture('ccc-hub/frab-2016-event.html'), url)).toMatchObject({
      title: 'Tracking trains with software radio',
      speakers: ['Tam Example'],
      event: '33c3',
      scheduleId: '8001',
      abstract: 'Train radio is unencrypted. We decode it. A walk through GSM-R and older analogue systems.',
    });
  });

  it('reads the rC3 2020 export under /rc3/2020/', () => {
    const url = new URL('https://fahrplan.events.ccc.de/rc3/2020/Fahrplan/events/11420.html');
    const session = cccHubAdapter.extract(loadFixture('ccc-hub/frab-rc3-2020-event.html'), url);
    expect(session).toMatchObject({
      title: 'Remote assemblies that work',
      speakers: ['Yael Example', 'Zed Beispiel'],
      scheduleId: '11420',
    });
    expect(session).not.toHaveProperty('event');
  });

  it('mounts in #main-content before the abstract column', () => {
    const mount = cccHubAdapter.mountPoint(loadFixture('ccc-hub/frab-2019-event.html'));
    expect(mount?.parent.id).toBe('main-content');
    expect((mount?.before as Element | null)?.id).toBe('basic');
  });
});

describe('ccc-hub adapter: frab with the Bootstrap layout (2025 on)', () => {
  const url = new URL('https://fahrplan.events.ccc.de/camp/2026/Fahrplan/events/512.html');

  it('reads the h2 without its type prefix, the speaker cards and the abstract cards', () => {
    expect(cccHubAdapter.extract(loadFixture('ccc-hub/frab-2026-bootstrap-event.html'), url)).toEqual({
      site: 'ccc-hub',
      title: 'Antennas from tape measures',
      speakers: ['Bo Example'],
      scheduleUrl: 'https://fahrplan.events.ccc.de/camp/2026/Fahrplan/events/512.html/',
      scheduleId: '512',
      abstract: 'Build a Yagi for the fox hunt. Bring a tape measure; we bring the coax.',
      hasEmbeddedRecording: false,
      videoLinks: [],
    });
  });

  it('mounts below the heading block, above the texts', () => {
    const doc = loadFixture('ccc-hub/frab-2026-bootstrap-event.html');
    const mount = cccHubAdapter.mountPoint(doc);
    expect(mount?.parent.localName).toBe('article');
    expect((mount?.before as Element | null)?.nextElementSibling?.className).toContain('row');
  });
});

describe('congressAcronym', () => {
  it('maps years to <n>c3, skipping the remote years', () => {
    expect(congressAcronym(2013)).toBe('30c3');
    expect(congressAcronym(2019)).toBe('36c3');
    expect(congressAcronym(2021)).toBeUndefined();
    expect(congressAcronym(2023)).toBe('37c3');
    expect(congressAcronym(2025)).toBe('39c3');
    expect(congressAcronym(2026)).toBe('40c3');
  });
});
