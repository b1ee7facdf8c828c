import type { RelatedDoc } from '@/lib/enrich/related/index';

/**
 * A small archive shaped like media.ccc.de data (tags as voctopublish writes them: schedule id or
 * pretalx code, year, acronym, track, room, `<acronym>-<lang>`, `Day N`). Topics overlap on purpose:
 * systemd at five conferences, OpenStreetMap inside and outside State of the Map, reproducible
 * builds, Rust, security; plus unrelated talks at the same conferences so that the conference
 * token can be shown to be a tie-breaker only. Speakers are fictional.
 */
export const ARCHIVE: RelatedDoc[] = [
  // --- systemd ------------------------------------------------------------------------------
  {
    id: 'asg-systemd-258',
    conference: 'asg2025',
    title: 'systemd v258: what is new in the service manager',
    speakers: ['Leonhard Pöttmann'],
    tags: ['K3XQ9A', '2025', 'asg2025', 'systemd', 'Main Hall', 'asg2025-eng', 'Day 1'],
    description:
      'A tour of the features that landed in systemd v257 and v258: systemd-sysupdate for image-based updates, ' +
      'improvements to systemd-nspawn, service credentials, soft-reboot and the new varlink interfaces of the service manager. ' +
      'We also look at what is planned for the next systemd releases.',
  },
  {
    id: 'asg-systemd-resolved',
    conference: 'asg2025',
    title: 'DNS over TLS on the desktop with systemd-resolved',
    speakers: ['Ines Köhler'],
    tags: ['P8RT2M', '2025', 'asg2025', 'systemd', 'Loft', 'asg2025-eng', 'Day 2'],
    description:
      'systemd-resolved is the default stub resolver on most distributions. This session shows how it handles DNS over TLS, ' +
      'DNSSEC validation, per-link DNS servers for VPNs and mDNS, and how resolvectl helps debugging name resolution.',
  },
  {
    id: 'fosdem-systemd-boot',
    conference: 'fosdem2025',
    title: 'Measured boot with systemd-boot and unified kernel images',
    speakers: ['Daan Vermeer'],
    tags: ['6142', '2025', 'fosdem2025', 'Distributions', 'K.4.201', 'fosdem2025-eng'],
    description:
      'Unified kernel images bundle the kernel, initrd and command line into one signed PE binary. ' +
      'We show how systemd-boot, systemd-stub and systemd-measure use the TPM to measure the boot chain, ' +
      'how systemd-cryptenroll binds disk encryption to PCR policies, and how distributions can ship UKIs today.',
  },
  {
    id: '38c3-systemd-homed',
    conference: '38c3',
    title: 'Portable encrypted home directories with systemd-homed',
    speakers: ['Ines Köhler'],
    tags: ['4411', '2024', '38c3', 'Security', 'Saal GLITCH', '38c3-eng', 'Day 3'],
    description:
      'systemd-homed manages user home directories as self-contained, encrypted LUKS images with a signed user record. ' +
      'You can carry your home directory on a USB stick between machines. We look at the threat model, ' +
      'the integration with systemd-logind and PAM, and what is still missing.',
  },
  {
    id: 'ds-systemd-units',
    conference: 'DS2025',
    title: 'systemd-Units härten: Dienste richtig absichern',
    speakers: ['Tobias Schröder'],
    tags: ['DS2025', 'Technik', 'Großer Saal', 'DS2025-deu'],
    description:
      'Mit wenigen Zeilen in einer systemd-Unit lassen sich Dienste deutlich besser isolieren: ProtectSystem, ' +
      'PrivateTmp, DynamicUser, SystemCallFilter und Capabilities. Wir gehen die Ausgabe von systemd-analyze security durch ' +
      'und härten gemeinsam einen typischen Webserver-Dienst.',
  },
  {
    id: 'froscon-journald',
    conference: 'froscon2025',
    title: 'Logging done right: journald, structured logs and systemd-journal-remote',
    speakers: ['Mareike Brandt'],
    tags: ['3310', '2025', 'froscon2025', 'Sysadmin', 'HS1', 'froscon2025-eng'],
    description:
      'The systemd journal stores structured log records with trusted metadata. We show journalctl queries, ' +
      'forward sealing, shipping logs to a central server with systemd-journal-remote and systemd-journal-upload, ' +
      'and how to get journald logs into an existing observability stack.',
  },
  // --- other All Systems Go talks ------------------------------------------------------------
  {
    id: 'asg-io-uring',
    conference: 'asg2025',
    title: 'io_uring in practice: high-throughput network servers',
    speakers: ['Wei Zhang'],
    tags: ['Q2WE7K', '2025', 'asg2025', 'Kernel', 'Main Hall', 'asg2025-eng', 'Day 1'],
    description:
      'io_uring replaces epoll and thread pools with shared submission and completion queues. ' +
      'We benchmark a network server with zero-copy receive, registered buffers and multishot accept, ' +
      'and discuss the security history of io_uring in the kernel.',
  },
  {
    id: 'asg-pipewire',
    conference: 'asg2025',
    title: 'PipeWire for pro audio: latency tuning on Linux',
    speakers: ['Marta Nowak'],
    tags: ['ZT4P0L', '2025', 'asg2025', 'Desktop', 'Loft', 'asg2025-eng', 'Day 2'],
    description:
      'PipeWire has replaced PulseAudio and JACK on most desktops. This talk covers quantum and buffer sizes, ' +
      'realtime scheduling with rtkit, and measuring round-trip audio latency with a USB audio interface.',
  },
  {
    id: 'asg-bootc',
    conference: 'asg2025',
    title: 'GNOME OS as an immutable desktop',
    speakers: ['Jordan Ellis'],
    tags: ['M5NB8V', '2025', 'asg2025', 'Desktop', 'Main Hall', 'asg2025-eng', 'Day 2'],
    description:
      'GNOME OS started as a testing image for GNOME developers. We show how it became a daily driver: ' +
      'Flatpak applications, atomic updates, developer tooling in toolbox containers, and the hardware we test on.',
  },
  // --- OpenStreetMap ---------------------------------------------------------------------------
  {
    id: 'sotm-vector-tiles',
    conference: 'sotm2025',
    title: 'Vector tiles for openstreetmap.org: the new map style',
    speakers: ['Priya Raman'],
    tags: ['sotm2025', 'Software', 'Auditorium', 'sotm2025-eng'],
    description:
      'openstreetmap.org is switching its default map to vector tiles. We explain the tile schema, ' +
      'how the planet is rendered to vector tiles with minute-level updates, and how the new OpenStreetMap map style is designed.',
  },
  {
    id: 'sotm-wheelchair-routing',
    conference: 'sotm2025',
    title: 'Wheelchair routing with OpenStreetMap data',
    speakers: ['Jonas Weber'],
    tags: ['sotm2025', 'Accessibility', 'Room 2', 'sotm2025-eng'],
    description:
      'Accessible routing needs sidewalks, kerb heights, surfaces and inclines mapped in OpenStreetMap. ' +
      'We present our routing engine profile for wheelchair users, the tagging it relies on, and a mapping campaign ' +
      'that doubled sidewalk coverage in our city.',
  },
  {
    id: 'sotm-hot-kenya',
    conference: 'sotm2025',
    title: 'Mapping buildings in Kenya with the Humanitarian OpenStreetMap Team',
    speakers: ['Amani Otieno'],
    tags: ['sotm2025', 'Community', 'Auditorium', 'sotm2025-eng'],
    description:
      'Humanitarian mapping campaigns in Kenya: how local OpenStreetMap communities validate building footprints ' +
      'from AI-assisted imagery, train new mappers and work with county governments on flood planning.',
  },
  {
    id: 'sotm-osmium-postgis',
    conference: 'sotm2025',
    title: 'Processing the OpenStreetMap planet file with Osmium and PostGIS',
    speakers: ['Priya Raman'],
    tags: ['sotm2025', 'Software', 'Room 2', 'sotm2025-eng'],
    description:
      'The OpenStreetMap planet file is over 80 GB of PBF. We show how osmium-tool and osm2pgsql import it into PostGIS ' +
      'in about an hour, how to keep the database updated with minutely diffs, and which indexes matter for map rendering.',
  },
  {
    id: 'fosdem-osm-offline-navigation',
    conference: 'fosdem2025',
    title: 'Building an offline navigation app on OpenStreetMap data',
    speakers: ['Karl Lindqvist'],
    tags: ['5528', '2025', 'fosdem2025', 'Geospatial', 'H.1308', 'fosdem2025-eng'],
    description:
      'Our app computes car, bike and pedestrian routes on the phone without a network connection. ' +
      'We compile OpenStreetMap data into compact routing graphs, render vector map tiles on device, ' +
      'and geocode addresses offline.',
  },
  {
    id: 'froscon-overpass',
    conference: 'froscon2025',
    title: 'OpenStreetMap-Daten mit der Overpass API abfragen',
    speakers: ['Sabine Krüger'],
    tags: ['3322', '2025', 'froscon2025', 'Geodaten', 'HS3', 'froscon2025-deu'],
    description:
      'Die Overpass API beantwortet Abfragen auf den aktuellen OpenStreetMap-Daten: alle Briefkästen einer Stadt, ' +
      'Radwege ohne Oberflächenangabe oder Bäume im Park. Wir lernen die Abfragesprache an Beispielen mit overpass turbo.',
  },
  {
    id: '39c3-osm-surveillance',
    conference: '39c3',
    title: 'Mapping surveillance cameras with OpenStreetMap',
    speakers: ['Kim Novak'],
    tags: ['XR8T2Q', '2025', '39c3', 'Ethics', 'Society & Politics', 'Saal Fuse', '39c3-eng', 'Day 4'],
    description:
      'Volunteers have mapped tens of thousands of surveillance cameras in OpenStreetMap. ' +
      'We show the tagging scheme, an app for mapping cameras on a walk, and what the map says about public space surveillance.',
  },
  // --- reproducible builds -------------------------------------------------------------------
  {
    id: '38c3-reproducible-builds',
    conference: '38c3',
    title: 'Reproducible Builds: the first ten years',
    speakers: ['Holger Brandt', 'Chris Lamb-Ortiz'],
    tags: ['3991', '2024', '38c3', 'Security', 'Saal ZIGZAG', '38c3-eng', 'Day 2'],
    description:
      'Reproducible builds let anyone verify that a binary package was built from the source code it claims. ' +
      'Ten years after the first reproducible Debian packages we look at build path variations, timestamps, ' +
      'SOURCE_DATE_EPOCH and what it takes to make a whole distribution reproducible.',
  },
  {
    id: 'fosdem-bootstrappable-guix',
    conference: 'fosdem2025',
    title: 'Bootstrappable and reproducible builds in GNU Guix',
    speakers: ['Efraim Stern'],
    tags: ['6017', '2025', 'fosdem2025', 'Declarative and Minimalistic Computing', 'K.3.201', 'fosdem2025-eng'],
    description:
      'GNU Guix builds its whole package graph from a 357-byte seed. We explain the full-source bootstrap, ' +
      'how reproducible builds are checked with guix challenge, and how this defends against trusting-trust attacks on compilers.',
  },
  {
    id: '39c3-reproducible-debian',
    conference: '39c3',
    title: 'Trust in binaries: verifying Debian packages with reproducible builds',
    speakers: ['Holger Brandt'],
    tags: ['LM4K7P', '2025', '39c3', 'Security', 'Saal One', '39c3-eng', 'Day 1'],
    description:
      'Debian now publishes reproducible build results for trixie. This talk shows how rebuilders independently ' +
      'reproduce packages, how apt could refuse binaries nobody could reproduce, and where supply chain attacks still hide.',
  },
  // --- Rust ----------------------------------------------------------------------------------
  {
    id: '39c3-rust-kernel',
    conference: '39c3',
    title: 'Rust (and C) in the kernel',
    speakers: ['Lena Hartmann', 'Jonas Becker'],
    tags: ['HX7KQ3', '2025', '39c3', 'Hardware', 'Saal One', '39c3-eng', 'Day 2'],
    description:
      'Rust support has been part of mainline Linux since 6.1. Two years and many drivers later, we look at what worked, ' +
      'what did not, and why C is not going anywhere. We cover the Rust-for-Linux abstractions for PCI, platform and DRM drivers, ' +
      'the kernel crate, and the toolchain requirements.',
  },
  {
    id: 'fosdem-rust-embedded',
    conference: 'fosdem2025',
    title: 'Async Rust on microcontrollers with Embassy',
    speakers: ['Dario Rossi'],
    tags: ['5934', '2025', 'fosdem2025', 'Rust', 'H.1302 (Depage)', 'fosdem2025-eng'],
    description:
      'Embassy brings async/await to embedded Rust: no RTOS, no heap, and drivers for STM32, nRF and RP2040 microcontrollers. ' +
      'We build firmware for a sensor node and compare power usage with a classic C implementation.',
  },
  {
    id: 'froscon-rust-python',
    conference: 'froscon2025',
    title: 'Rust für Python-Entwickler:innen',
    speakers: ['Lena Hartmann'],
    tags: ['3349', '2025', 'froscon2025', 'Programmierung', 'HS1', 'froscon2025-deu'],
    description:
      'Ownership, Borrowing und Lifetimes erklärt für Leute, die Python schreiben. Wir bauen mit PyO3 und maturin ein ' +
      'Python-Modul in Rust und messen, wann sich das lohnt.',
  },
  {
    id: '38c3-rust-memory-safety',
    conference: '38c3',
    title: 'Memory safety is not enough: bugs in unsafe Rust',
    speakers: ['Noor Haddad'],
    tags: ['4102', '2024', '38c3', 'Security', 'Saal ZIGZAG', '38c3-eng', 'Day 1'],
    description:
      'Rust prevents whole classes of memory corruption, but unsafe blocks, FFI and logic bugs remain. ' +
      'We fuzzed popular Rust crates and found soundness bugs, panics and a use-after-free in unsafe code.',
  },
  // --- security ------------------------------------------------------------------------------
  {
    id: '39c3-epa',
    conference: '39c3',
    title: 'Die elektronische Patientenakte – ein Jahr danach',
    speakers: ['Bianca Kastl', 'Martin Tschirsich'],
    tags: ['JD3M8W', '2025', '39c3', 'Ethics', 'Society & Politics', 'Saal One', '39c3-deu', 'Day 1'],
    description:
      'Seit Januar 2025 gibt es die „ePA für alle“. Wir schauen nach, was aus den Versprechen geworden ist und was aus den ' +
      'Sicherheitslücken, die wir auf dem 38C3 gezeigt haben: Zugriff über fremde SMC-B-Karten, Fehler im Prüfungsnachweis ' +
      'und pseudonymisierte Versichertendaten.',
  },
  {
    id: '38c3-epa',
    conference: '38c3',
    title: 'Konnte bisher noch nie gehackt werden: Die elektronische Patientenakte kommt – jetzt für alle!',
    speakers: ['Bianca Kastl', 'Martin Tschirsich'],
    tags: ['4288', '2024', '38c3', 'Security', 'Saal One', '38c3-deu', 'Day 1'],
    description:
      'Die elektronische Patientenakte soll für alle Versicherten kommen. Wir zeigen, wie man mit wenig Aufwand an ' +
      'Heilberufsausweise und Praxisausweise kommt und damit Zugriff auf Gesundheitsdaten von Millionen Versicherten erhält.',
  },
  {
    id: '38c3-car-keys',
    conference: '38c3',
    title: 'Breaking Bluetooth car keys',
    speakers: ['Jana Svoboda'],
    tags: ['4317', '2024', '38c3', 'Hardware', 'Saal GLITCH', '38c3-eng', 'Day 4'],
    description:
      'Phone-as-a-key systems use Bluetooth Low Energy and ultra-wideband ranging. We show relay attacks, ' +
      'a downgrade of the pairing protocol and how we unlocked and started three car models.',
  },
  {
    id: 'ds-staatstrojaner',
    conference: 'DS2025',
    title: 'Staatstrojaner: Überwachung mit Quellen-TKÜ und Online-Durchsuchung',
    speakers: ['Anna Vogel'],
    tags: ['DS2025', 'Gesellschaft', 'Großer Saal', 'DS2025-deu'],
    description:
      'Polizei und Geheimdienste dürfen Staatstrojaner einsetzen. Wir erklären Quellen-TKÜ und Online-Durchsuchung, ' +
      'die Rolle von Sicherheitslücken und warum staatliches Hacking die IT-Sicherheit aller gefährdet.',
  },
  {
    id: '39c3-smart-meter',
    conference: '39c3',
    title: 'Hacking a smart meter gateway',
    speakers: ['Jana Svoboda'],
    tags: ['TK2V9N', '2025', '39c3', 'Hardware', 'Saal Zuse', '39c3-eng', 'Day 3'],
    description:
      'Smart meter gateways are certified security devices at the heart of the German energy transition. ' +
      'We opened one, dumped its firmware and found a debug interface and a firmware update mechanism without rollback protection.',
  },
  // --- unrelated fillers at the same conferences ---------------------------------------------
  {
    id: '39c3-climate-datacenters',
    conference: '39c3',
    title: 'The water footprint of AI data centers',
    speakers: ['Sofia Lindgren'],
    tags: ['BV6R3X', '2025', '39c3', 'Science', 'Saal Fuse', '39c3-eng', 'Day 3'],
    description:
      'Training and serving large language models needs cooling. We estimate the water consumption of data centers ' +
      'from permits and satellite data, and compare it with agriculture in drought regions.',
  },
  {
    id: '39c3-knitting-machines',
    conference: '39c3',
    title: 'Hacking vintage knitting machines',
    speakers: ['Ruth Meyer'],
    tags: ['FE2D8S', '2025', '39c3', 'Art & Beauty', 'Saal Zuse', '39c3-eng', 'Day 2'],
    description:
      'Knitting machines from the eighties read patterns from floppy disks. We replaced the floppy drive with a microcontroller ' +
      'and knit generative patterns and pixel art.',
  },
  {
    id: '38c3-space-radio',
    conference: '38c3',
    title: 'Listening to satellites with a software defined radio',
    speakers: ['Pavel Horak'],
    tags: ['4350', '2024', '38c3', 'Science', 'Saal ZIGZAG', '38c3-eng', 'Day 2'],
    description:
      'Weather satellites, amateur radio satellites and the ISS transmit signals anyone can receive. ' +
      'We decode images from NOAA and Meteor satellites with a cheap SDR and a home-made antenna.',
  },
  {
    id: 'fosdem-postgres-vacuum',
    conference: 'fosdem2025',
    title: 'Understanding VACUUM in PostgreSQL',
    speakers: ['Ana Costa'],
    tags: ['5811', '2025', 'fosdem2025', 'PostgreSQL', 'H.1302 (Depage)', 'fosdem2025-eng'],
    description:
      'Why PostgreSQL needs VACUUM, how autovacuum decides what to clean, transaction ID wraparound, ' +
      'and the settings that keep large tables healthy.',
  },
  {
    id: 'fosdem-matrix-federation',
    conference: 'fosdem2025',
    title: 'Matrix 2.0: faster federation and sliding sync',
    speakers: ['Tom Whitfield'],
    tags: ['5702', '2025', 'fosdem2025', 'Real Time Communications', 'K.3.401', 'fosdem2025-eng'],
    description:
      'Matrix 2.0 brings sliding sync, native OIDC authentication and group VoIP. ' +
      'We show how the new client APIs make apps load instantly and what changed in federation between homeservers.',
  },
  {
    id: 'froscon-kubernetes-operators',
    conference: 'froscon2025',
    title: 'Writing Kubernetes operators in Go',
    speakers: ['Felix Hoffmann'],
    tags: ['3377', '2025', 'froscon2025', 'Cloud', 'HS3', 'froscon2025-eng'],
    description:
      'Operators encode operational knowledge as controllers. We build one with controller-runtime, ' +
      'write reconcile loops that survive restarts, and test them with envtest.',
  },
  {
    id: 'froscon-nextcloud-schule',
    conference: 'froscon2025',
    title: 'Nextcloud an Schulen: Erfahrungen aus drei Jahren Betrieb',
    speakers: ['Petra Lange'],
    tags: ['3390', '2025', 'froscon2025', 'Bildung', 'HS1', 'froscon2025-deu'],
    description:
      'Wie ein Schulträger Nextcloud für 40 Schulen betreibt: Nutzerverwaltung, Datenschutz, Lehrkräfte-Schulungen ' +
      'und die Kosten im Vergleich zu Microsoft 365.',
  },
  {
    id: 'ds-freifunk',
    conference: 'DS2025',
    title: 'Freifunk Dresden: ein Mesh-Netz für die Stadt',
    speakers: ['Uwe Richter'],
    tags: ['DS2025', 'Community', 'Kleiner Saal', 'DS2025-deu'],
    description:
      'Seit zehn Jahren betreibt Freifunk Dresden ein freies WLAN-Mesh mit hunderten Routern auf Dächern. ' +
      'Wir berichten über Routing-Protokolle, Firmware-Updates und ehrenamtliche Organisation.',
  },
  {
    id: 'ds-datenschutz-vereine',
    conference: 'DS2025',
    title: 'Datenschutz für Vereine: DSGVO ohne Panik',
    speakers: ['Anna Vogel'],
    tags: ['DS2025', 'Gesellschaft', 'Kleiner Saal', 'DS2025-deu'],
    description:
      'Welche Pflichten haben kleine Vereine nach der DSGVO? Mitgliederlisten, Fotos auf der Webseite, ' +
      'Auftragsverarbeitung und was bei einer Datenpanne zu tun ist.',
  },
  {
    id: 'sotm-governance',
    conference: 'sotm2025',
    title: 'Board elections and working groups: how the OSMF governs',
    speakers: ['Helen Carter'],
    tags: ['sotm2025', 'Governance', 'Auditorium', 'sotm2025-eng'],
    description:
      'The OpenStreetMap Foundation supports the project without owning the data. ' +
      'We explain board elections, working groups, membership fees and how decisions are made.',
  },
];

export function talk(id: string): RelatedDoc {
  const doc = ARCHIVE.find((d) => d.id === id);
  if (!doc) throw new Error(`no fixture talk ${id}`);
  return doc;
}

export function conferenceOf(id: string): string {
  return talk(id).conference;
}
