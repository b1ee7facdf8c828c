import { feedXml, type ItemSpec } from './feed-xml';

/**
 * Realistic talks for browser tests and README screenshots (invented, in the shape of the real
 * feed). `SAMPLE_TALKS` is a first feed; `SAMPLE_NEW_TALKS` arrive on top of it later.
 */
const thumb = (path: string) => `https://static.media.ccc.de/media/${path}`;

export const SAMPLE_TALKS: ItemSpec[] = [
  {
    id: '0b6c1a36-5d7e-4f6b-9f0e-39c3000000a1',
    title: 'Rust (and C) in the Linux kernel: a field report (39c3)',
    slug: '39c3-1187-rust-and-c-in-the-linux-kernel',
    author: 'Miriam Kowalski, Jonas Berg',
    keywords: 'HQCCYH, 2025, 39c3, Hardware & Making, Saal 1, 39c3-eng, Day 2',
    duration: '00:58:41',
    pubDate: 'Sun, 28 Dec 2025 14:00:00 +0100',
    image: thumb('congress/2025/1187-hd.jpg'),
    description:
      'Two years of Rust drivers in mainline: what worked, what did not.\n\nLicensed to the public under http://creativecommons.org/licenses/by/4.0\nabout this event: https://events.ccc.de/congress/2025/hub/en/event/detail/rust-and-c-in-the-linux-kernel',
  },
  {
    id: '0b6c1a36-5d7e-4f6b-9f0e-asg2025000a2',
    title: 'systemd-boot, UKIs and measured boot in practice (asg2025)',
    slug: 'asg2025-55012-systemd-boot-ukis-and-measured-boot',
    author: 'Lena Hoffmann',
    keywords: '8AA87L, 2025, asg2025, Boot, Main Hall, asg2025-eng, Day 1',
    duration: '00:41:12',
    pubDate: 'Thu, 25 Sep 2025 10:30:00 +0200',
    image: thumb('conferences/all_systems_go/2025/55012-hd.jpg'),
    description:
      'Unified kernel images are here.\nabout this event: https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/',
  },
  {
    id: '0b6c1a36-5d7e-4f6b-9f0e-sotm2025a003',
    title: 'Vector tiles for everyone (sotm2025)',
    slug: 'sotm2025-77234-vector-tiles-for-everyone',
    author: 'Aiko Tanaka, Pedro Alves',
    keywords: 'ABCD12, 2025, sotm2025, Software, Room 2, sotm2025-eng',
    duration: '00:24:55',
    pubDate: 'Sat, 06 Sep 2025 11:00:00 +0200',
    image: thumb('events/sotm/2025/77234-hd.jpg'),
    description:
      'How the new vector tile schema came to be.\nabout this event: https://2025.stateofthemap.org/sessions/ABCD12/',
  },
  {
    id: '0b6c1a36-5d7e-4f6b-9f0e-ds2025000a04',
    title: 'Datenschutz im Verein: was wirklich gilt (datenspuren2025)',
    slug: 'datenspuren2025-1611-datenschutz-im-verein',
    author: 'Katrin Vogel',
    keywords: '1611, 2025, datenspuren2025, datenspuren2025-deu, Day 1',
    duration: '00:45:03',
    pubDate: 'Sat, 20 Sep 2025 13:00:00 +0200',
    image: thumb('events/datenspuren/2025/1611-hd.jpg'),
    description: 'Ein Überblick für Vorstände &amp; Mitglieder.\nabout this event: https://c3voc.de',
  },
  {
    id: '0b6c1a36-5d7e-4f6b-9f0e-fros2025a005',
    title: 'Packaging Python in 2025 (froscon2025)',
    slug: 'froscon2025-3302-packaging-python-in-2025',
    author: 'Sam Okafor',
    keywords: '3302, 2025, froscon2025, froscon2025-eng',
    duration: '00:52:30',
    pubDate: 'Sat, 16 Aug 2025 15:00:00 +0200',
    image: thumb('events/froscon/2025/3302-hd.jpg'),
    description: 'uv, pip, wheels and what to tell your users.',
  },
  {
    id: '0b6c1a36-5d7e-4f6b-9f0e-jev2025a0006',
    title: 'Hacking the hackerspace door (jev25)',
    slug: 'jev25-6603-hacking-the-hackerspace-door',
    author: 'Noor',
    keywords: 'JEV6603, 2025, jev25, jev25-deu',
    duration: '00:31:10',
    pubDate: 'Mon, 29 Dec 2025 18:00:00 +0100',
    description: 'Ein Schloss, drei Protokolle.',
  },
];

export const SAMPLE_NEW_TALKS: ItemSpec[] = [
  {
    id: '0b6c1a36-5d7e-4f6b-9f0e-39c3000000b1',
    title: 'The state of free firmware (39c3)',
    slug: '39c3-1301-the-state-of-free-firmware',
    author: 'Ada Osei, Felix Braun',
    keywords: 'XKQ7PL, 2025, 39c3, Hardware & Making, Saal Zuse, 39c3-eng, Day 3',
    duration: '01:02:15',
    pubDate: 'Mon, 29 Dec 2025 11:00:00 +0100',
    image: thumb('congress/2025/1301-hd.jpg'),
    description: 'Coreboot, OpenBMC and friends.',
  },
  {
    id: '0b6c1a36-5d7e-4f6b-9f0e-asg2025000b2',
    title: 'Rootless containers without tears (asg2025)',
    slug: 'asg2025-55020-rootless-containers-without-tears',
    author: 'Tomás Ruiz',
    keywords: 'PL3MXA, 2025, asg2025, Containers, Main Hall, asg2025-eng, Day 2',
    duration: '00:38:40',
    pubDate: 'Fri, 26 Sep 2025 14:00:00 +0200',
    image: thumb('conferences/all_systems_go/2025/55020-hd.jpg'),
    description: 'User namespaces, idmapped mounts and the rest.',
  },
];

export const sampleFeed = (): string => feedXml(SAMPLE_TALKS);
export const sampleFeedWithNewTalks = (): string => feedXml([...SAMPLE_NEW_TALKS, ...SAMPLE_TALKS]);
/** Title as the popup shows it: without the trailing (acronym). */
export const displayTitle = (spec: ItemSpec): string => spec.title!.replace(/\s*\([^()\s]+\)$/, '');
