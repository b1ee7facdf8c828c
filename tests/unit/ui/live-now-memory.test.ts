import { describe, expect, it } from 'vitest';
import type { LiveNowConference } from '@/lib/live/join';
import { recalledLiveNow, rememberLiveNow } from '@/lib/ui/live-now-memory';

const NOW = Date.UTC(2026, 11, 28, 12, 0, 0);
const MIN = 60_000;

function memory() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
  };
}

const list: LiveNowConference[] = [
  {
    acronym: '40c3',
    title: '40C3',
    rooms: [
      {
        name: 'Saal 1',
        url: 'https://streaming.media.ccc.de/40c3/saal-1',
        talk: { title: 'Mesh', speaker: 'Ada', guid: '', code: '', start: NOW - MIN, end: NOW + 30 * MIN, special: '' },
      },
      {
        name: 'Saal 2',
        url: 'https://streaming.media.ccc.de/40c3/saal-2',
        talk: { title: 'Short', speaker: '', guid: '', code: '', start: NOW - MIN, end: NOW + MIN, special: '' },
      },
    ],
  },
];

describe('live-now memory', () => {
  it('recalls what was shown, without the talks that ended since', () => {
    const store = memory();
    rememberLiveNow(list, store);
    expect(recalledLiveNow(NOW, store)).toEqual(list);
    expect(recalledLiveNow(NOW + 2 * MIN, store)[0]!.rooms.map((r) => r.name)).toEqual(['Saal 1']);
    expect(recalledLiveNow(NOW + 60 * MIN, store)).toEqual([]);
  });

  it('writes only when the list changed', () => {
    const store = memory();
    let writes = 0;
    const counting = { ...store, setItem: (k: string, v: string) => (writes++, store.setItem(k, v)) };
    rememberLiveNow(list, counting);
    rememberLiveNow(list, counting);
    expect(writes).toBe(1);
  });

  it('recalls nothing from damaged or tampered memory', () => {
    const store = memory();
    for (const text of [
      '{',
      '{}',
      '[1]',
      JSON.stringify([{ ...list[0], rooms: [{ ...list[0]!.rooms[0], url: 'javascript:alert(1)' }] }]),
    ]) {
      store.map.set('aftertalk:live-now:v1', text);
      expect(recalledLiveNow(NOW, store)).toEqual([]);
    }
  });
});
