import { feedXml, type ItemSpec } from './feed-xml';
import { SAMPLE_TALKS } from './sample-feed';

/**
 * The sample feed plus talks that the schedule-page fixtures (tests/fixtures/sites/) relate to:
 * the browser tests and README screenshots of enriched pages sync this feed first.
 * Invented talks in the shape of the real feed.
 */
const thumb = (path: string) => `https://static.media.ccc.de/media/${path}`;

export const SOTM_RESILIENCE: ItemSpec = {
  id: '7d1f1c55-8b1e-5b0a-9a55-sotm20258kkl',
  title: 'Resilience Starts with a Map: Community-Led OSM Action in Dhaka’s Climate-Vulnerable Settlements (sotm2025)',
  slug: 'sotm2025-71128-resilience-starts-with-a-map-community-led-osm-action-in-dhaka-s-climate-vulnerable-settlements',
  author: 'Faiza Waziha',
  keywords: '8KKLCS, 2025, sotm2025, Community, Mayon, sotm2025-eng',
  duration: '00:16:40',
  pubDate: 'Fri, 03 Oct 2025 17:00:00 +0800',
  image: thumb('events/sotm/2025/71128-hd.jpg'),
  description:
    'Mapping informal settlements in Dhaka with OpenStreetMap, together with the people who live there.\nabout this event: https://2025.stateofthemap.org/sessions/8KKLCS/',
};

export const RELATED_TALKS: ItemSpec[] = [
  {
    id: '7d1f1c55-8b1e-5b0a-9a55-39c3repro001',
    title: 'Reproducible builds in 2025: every package, every distribution (39c3)',
    slug: '39c3-1422-reproducible-builds-in-2025',
    author: 'Holger Example, Vagrant Beispiel',
    keywords: 'RBDX7Q, 2025, 39c3, Security, Saal Zuse, 39c3-eng, Day 1',
    duration: '00:39:50',
    pubDate: 'Sat, 27 Dec 2025 16:00:00 +0100',
    image: thumb('congress/2025/1422-hd.jpg'),
    description:
      'Reproducible builds make bit-for-bit identical binaries from the same source. Timestamps, file ordering and build paths are the usual sources of non-determinism.\nabout this event: https://events.ccc.de/congress/2025/hub/en/event/detail/reproducible-builds-in-2025',
  },
  {
    id: '7d1f1c55-8b1e-5b0a-9a55-fros2025rb02',
    title: 'SOURCE_DATE_EPOCH and friends: reproducible builds for upstreams (froscon2025)',
    slug: 'froscon2025-3311-source-date-epoch-and-friends',
    author: 'Chris Lamb-Example',
    keywords: '3311, 2025, froscon2025, froscon2025-eng',
    duration: '00:44:10',
    pubDate: 'Sun, 17 Aug 2025 11:00:00 +0200',
    image: thumb('events/froscon/2025/3311-hd.jpg'),
    description:
      'How upstream projects make their builds reproducible: SOURCE_DATE_EPOCH, deterministic archives, build paths.\nabout this event: https://programm.froscon.org/2025/events/3311.html',
  },
  {
    id: '7d1f1c55-8b1e-5b0a-9a55-39c3tpm00003',
    title: 'Measured boot with TPM2: what systemd does for you (39c3)',
    slug: '39c3-1455-measured-boot-with-tpm2',
    author: 'Lena Hoffmann',
    keywords: 'MBT7PQ, 2025, 39c3, Security, Saal 1, 39c3-eng, Day 3',
    duration: '00:40:00',
    pubDate: 'Mon, 29 Dec 2025 12:00:00 +0100',
    image: thumb('congress/2025/1455-hd.jpg'),
    description:
      'Unified kernel images, systemd-boot, PCR policies and disk encryption bound to a measured boot chain.',
  },
  {
    id: '7d1f1c55-8b1e-5b0a-9a55-ds25rust0004',
    title: 'Rust im Linux-Kernel: ein Treiber von Anfang an (datenspuren2025)',
    slug: 'datenspuren2025-1630-rust-im-linux-kernel',
    author: 'Jonas Berg',
    keywords: '1630, 2025, datenspuren2025, datenspuren2025-deu, Day 2',
    duration: '00:50:00',
    pubDate: 'Sun, 21 Sep 2025 11:00:00 +0200',
    image: thumb('events/datenspuren/2025/1630-hd.jpg'),
    description:
      'Wir schreiben einen kleinen Treiber in Rust für den Linux-Kernel.\nabout this event: https://talks.datenspuren.de/ds25/talk/RSTK7N/',
  },
  SOTM_RESILIENCE,
  {
    id: '7d1f1c55-8b1e-5b0a-9a55-sotm2025hot5',
    title: 'Humanitarian mapping for flood response (sotm2025)',
    slug: 'sotm2025-71140-humanitarian-mapping-for-flood-response',
    author: 'Rina Example',
    keywords: '9QWERT, 2025, sotm2025, Community, Mayon, sotm2025-eng',
    duration: '00:18:20',
    pubDate: 'Sat, 04 Oct 2025 10:00:00 +0800',
    image: thumb('events/sotm/2025/71140-hd.jpg'),
    description:
      'OpenStreetMap communities mapping climate-vulnerable settlements before the floods.\nabout this event: https://2025.stateofthemap.org/sessions/9QWERT/',
  },
];

/**
 * A 38C3 talk from before the feed carried pretalx codes: a numeric first keyword, the hub as its
 * schedule link and a title worded differently from its Fahrplan page. Only the GUID in the
 * Fahrplan's schedule export (`OLD_CONGRESS_EXPORT`) joins the two.
 */
export const OLD_CONGRESS_TALK: ItemSpec = {
  id: '3c5a0d3e-8f6b-5e9a-b0c1-2d3e4f5a6b7c',
  title: 'Radio hacking, by example: from SDR to signal (38c3)',
  slug: '38c3-11742-radio-hacking-by-example',
  author: 'Sam Example',
  keywords: '11742, 2024, 38c3, Hardware, Saal GLITCH, 38c3-eng, Day 2',
  duration: '00:38:05',
  pubDate: 'Sat, 28 Dec 2024 21:45:00 +0100',
  image: thumb('congress/2024/11742-hd.jpg'),
  description:
    'Software defined radio from first principles.\nabout this event: https://events.ccc.de/congress/2024/hub/en/event/radio-hacking-by-example/',
};

/** The Fahrplan export (frab JSON as pretalx writes it) naming that talk's GUID. */
export const OLD_CONGRESS_EXPORT = JSON.stringify({
  schedule: {
    version: 'Illegal Instructions',
    conference: {
      acronym: '38c3',
      days: [
        {
          index: 2,
          rooms: {
            'Saal GLITCH': [
              {
                guid: OLD_CONGRESS_TALK.id,
                code: 'HQCCYH',
                id: 11742,
                title: 'Example talk about radio hacking',
                url: 'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/',
              },
            ],
          },
        },
      ],
    },
  },
});

export const scheduleFeed = (): string => feedXml([...RELATED_TALKS, ...SAMPLE_TALKS, OLD_CONGRESS_TALK]);
