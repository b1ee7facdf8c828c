/**
 * Realistic sessions and lookup results for the schedule box: unit tests and browser-test
 * screenshots share them. URLs follow media.ccc.de's and FOSDEM's real shapes; the ids are made up.
 */
import type { RecordingMatch, ScheduleLookupResult, TalkCard } from '@/lib/enrich/lookup-types';
import type { ScheduleSession } from '@/lib/enrich/page/sites/types';
import { withTexts } from '@/lib/enrich/answer/talk-card';
import { downloadLabel } from '@/lib/enrich/answer/media-labels';

const DAY = 24 * 60 * 60 * 1000;
const RELEASED = Date.UTC(2025, 11, 28, 9, 30);

/** A card as the background sends it: the texts follow the duration and release time given. */
export function talkCard(overrides: Partial<Omit<TalkCard, 'durationText' | 'releasedText'>> = {}): TalkCard {
  const card = {
    id: 'a3b1c9d2-39c3-1877',
    title: 'Fuzzing the Bluetooth stack of your car',
    conference: '39c3',
    speakers: ['Jana Richter', 'Tobias Klein'],
    url: 'https://media.ccc.de/v/39c3-1877-fuzzing-the-bluetooth-stack-of-your-car',
    thumbnail: 'https://static.media.ccc.de/media/congress/2025/1877-e3d2c1b0-a9f8-4e7d-8c6b-5a4f3e2d1c0b.jpg',
    durationSeconds: 2537,
    date: Date.UTC(2025, 11, 27, 14, 0),
    firstSeenAt: RELEASED,
    ...overrides,
  };
  return { ...card, ...withTexts(card.durationSeconds, card.firstSeenAt) };
}

export const relatedTalks: TalkCard[] = [
  talkCard({
    id: 'r1',
    title: 'Reverse engineering public transport ticket apps',
    conference: '38c3',
    url: 'https://media.ccc.de/v/38c3-reverse-engineering-public-transport-ticket-apps',
    thumbnail: 'https://static.media.ccc.de/media/congress/2024/312-5b2d6c1e.jpg',
    durationSeconds: 2405,
    firstSeenAt: RELEASED - 360 * DAY,
  }),
  talkCard({
    id: 'r2',
    title: 'Breaking automotive CAN bus security: a field guide',
    conference: '37c3',
    url: 'https://media.ccc.de/v/37c3-11833-breaking-automotive-can-bus-security',
    thumbnail: 'https://static.media.ccc.de/media/congress/2023/11833-3f7a1b2c.jpg',
    durationSeconds: 3480,
  }),
  talkCard({
    id: 'r3',
    title: 'Bluetooth Low Energy: what your fitness tracker tells everyone',
    conference: 'datenspuren2025',
    url: 'https://media.ccc.de/v/ds25-219-bluetooth-low-energy',
    thumbnail: '',
    durationSeconds: 1720,
  }),
  talkCard({
    id: 'r4',
    title: 'Rust (and C) in the kernel',
    conference: '39c3',
    url: 'https://media.ccc.de/v/39c3-1419-rust-and-c-in-the-kernel',
    thumbnail: 'https://static.media.ccc.de/media/congress/2025/1419-5f0c2e4a-8d3b-4b7e-9a41-3c6f1e2d7b90.jpg',
    durationSeconds: 3900,
  }),
  talkCard({
    id: 'r5',
    title: 'Hacking the infotainment: from USB stick to root shell',
    conference: 'mrmcd2025',
    url: 'https://media.ccc.de/v/mrmcd2025-77-hacking-the-infotainment',
    thumbnail: 'https://static.media.ccc.de/media/events/mrmcd/2025/77-9c8d7e6f.jpg',
    durationSeconds: 2820,
  }),
  talkCard({
    id: 'r6',
    title: 'A sixth related talk the box never shows',
    conference: '36c3',
    url: 'https://media.ccc.de/v/36c3-sixth',
  }),
];

export const sureRecording: RecordingMatch = {
  talk: talkCard(),
  fileUrl:
    'https://cdn.media.ccc.de/congress/2025/h264-hd/39c3-1877-eng-Fuzzing_the_Bluetooth_stack_of_your_car_hd.mp4',
  fileType: 'video/mp4',
  fileBytes: 1_234_567_890,
  downloadText: downloadLabel(
    'video/mp4',
    'https://cdn.media.ccc.de/congress/2025/h264-hd/39c3-1877-eng-Fuzzing_the_Bluetooth_stack_of_your_car_hd.mp4',
    1_234_567_890,
  ),
  by: 'code',
  confidence: 'sure',
};

export const possibleRecording: RecordingMatch = {
  ...sureRecording,
  talk: talkCard({ speakers: ['J. Richter'] }),
  by: 'title',
  confidence: 'possible',
};

/** A pretalx talk page of 39c3 (fahrplan.events.ccc.de static export). */
export const pretalxSession: ScheduleSession = {
  site: 'pretalx',
  title: 'Fuzzing the Bluetooth stack of your car',
  speakers: ['Jana Richter', 'Tobias Klein'],
  scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2025/fahrplan/talk/HQCCYH/',
  code: 'HQCCYH',
  event: '39c3',
  hasEmbeddedRecording: false,
  videoLinks: [],
};

/** A pretalx instance with the media.ccc.de recording plugin: the page already plays the talk. */
export const embeddedSession: ScheduleSession = { ...pretalxSession, hasEmbeddedRecording: true };

/** A FOSDEM 2026 event page that already lists its own video.fosdem.org files. */
export const fosdemSession: ScheduleSession = {
  site: 'fosdem',
  title: 'Rust in the kernel: status report',
  speakers: ['Dana Example'],
  scheduleUrl: 'https://fosdem.org/2026/schedule/event/R8KQ7M-rust_in_the_kernel_status/',
  code: 'R8KQ7M',
  event: 'fosdem-2026',
  track: 'Kernel',
  hasEmbeddedRecording: false,
  videoLinks: [
    {
      label: 'Video recording (AV1/WebM) - 81.2 MB',
      url: 'https://video.fosdem.org/2026/ua2118/R8KQ7M-rust_in_the_kernel_status.av1.webm',
      kind: 'webm',
    },
    {
      label: 'Video recording (MP4) - 120.3 MB',
      url: 'https://video.fosdem.org/2026/ua2118/R8KQ7M-rust_in_the_kernel_status.mp4',
      kind: 'mp4',
    },
    {
      label: 'Video recording subtitle file (VTT)',
      url: 'https://video.fosdem.org/2026/ua2118/R8KQ7M-rust_in_the_kernel_status.vtt',
      kind: 'vtt',
    },
  ],
};

/** A FOSDEM 2026 page before the video team published anything. */
export const fosdemSessionNoVideo: ScheduleSession = {
  ...fosdemSession,
  title: 'Lightning Lightning Talks 1',
  speakers: ['Robin Example', 'Sasha Beispiel'],
  scheduleUrl: 'https://fosdem.org/2026/schedule/event/CNPVJL-lightning_lightning_talks_1/',
  code: 'CNPVJL',
  videoLinks: [],
};

export const recordingResult: ScheduleLookupResult = {
  recording: sureRecording,
  related: relatedTalks.slice(0, 3),
  exportMayHelp: false,
  mine: { watchLater: [], watched: [], waiting: false },
  missing: null,
};
export const possibleResult: ScheduleLookupResult = {
  recording: possibleRecording,
  related: [],
  exportMayHelp: false,
  mine: { watchLater: [], watched: [], waiting: false },
  missing: 'not-yet',
};
export const fullResult: ScheduleLookupResult = {
  recording: sureRecording,
  related: relatedTalks,
  exportMayHelp: false,
  mine: { watchLater: [], watched: [], waiting: false },
  missing: null,
};
export const noRecordingResult: ScheduleLookupResult = {
  recording: null,
  related: relatedTalks.slice(0, 2),
  exportMayHelp: false,
  mine: { watchLater: [], watched: [], waiting: false },
  missing: 'not-yet',
};
export const emptyResult: ScheduleLookupResult = {
  recording: null,
  related: [],
  exportMayHelp: false,
  mine: { watchLater: [], watched: [], waiting: false },
  missing: 'not-yet',
};
