import { describe, expect, it } from 'vitest';
import { readFirstScreen, writeFirstScreen } from '@/lib/ui/first-screen';
import type { StoredTalk } from '@/lib/archive/talk';
import { feedTalk } from '../../support/talks';

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

const stored = (id: string): StoredTalk =>
  ({
    ...feedTalk({ id, description: 'x'.repeat(5000) }),
    words: ['w'],
    firstSeenAt: 1,
    lastSeenInFeedAt: 1,
    feedPosition: 0,
    releaseKey: 1,
    isNew: 1,
    seenAt: 0,
    scheduleKey: '',
    code: '',
    scheduleId: '',
    titleKey: '',
  }) as StoredTalk;

describe('first screen cache', () => {
  it('round-trips what a talk row shows, and nothing more', () => {
    const storage = memoryStorage();
    writeFirstScreen(
      { total: 2, latest: [stored('a')], newGroups: [{ conference: '39c3', talks: [stored('b')] }] },
      storage,
    );
    const screen = readFirstScreen(storage)!;
    expect(screen.total).toBe(2);
    expect(screen.latest[0]).toEqual({
      id: 'a',
      title: 'Talk a',
      conference: '39c3',
      url: 'https://media.ccc.de/v/39c3-a-talk',
      thumbnail: '',
      speakers: ['Alice'],
      durationSeconds: 1800,
      date: Date.UTC(2025, 11, 27),
      isNew: 1,
    });
    expect(screen.newGroups[0]?.talks[0]?.id).toBe('b');
    expect([...storage.data.values()][0]).not.toContain('xxxxx');
  });

  it('ignores a missing, broken or foreign value', () => {
    expect(readFirstScreen(memoryStorage())).toBeUndefined();
    for (const raw of ['{', '[]', '{"total":1,"latest":[{"id":1}],"newGroups":[]}', 'null']) {
      const storage = memoryStorage();
      storage.setItem('aftertalk:first-screen:v1', raw);
      expect(readFirstScreen(storage)).toBeUndefined();
    }
    expect(readFirstScreen(undefined)).toBeUndefined();
  });
});
