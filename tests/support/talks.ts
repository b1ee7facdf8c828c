import type { TalkFeedData } from '@/lib/archive/talk';

let counter = 0;

/** A talk's feed data with sensible defaults; override what the test is about. */
export function feedTalk(overrides: Partial<TalkFeedData> = {}): TalkFeedData {
  counter++;
  const id = overrides.id ?? `guid-${counter}`;
  return {
    id,
    idSource: 'guid',
    title: `Talk ${id}`,
    conference: '39c3',
    url: `https://media.ccc.de/v/39c3-${id}-talk`,
    slug: `39c3-${id}-talk`,
    scheduleUrl: '',
    description: 'A talk.',
    subtitle: '',
    speakers: ['Alice'],
    tags: ['39c3'],
    language: 'eng',
    date: Date.UTC(2025, 11, 27),
    durationSeconds: 1800,
    thumbnail: '',
    enclosure: null,
    ...overrides,
  };
}

let dbCounter = 0;
export function uniqueDbName(): string {
  return `aftertalk-test-${process.pid}-${++dbCounter}`;
}
