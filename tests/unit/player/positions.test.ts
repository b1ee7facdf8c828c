import { describe, expect, it } from 'vitest';
import { createPositionStore, POSITIONS_CAP, POSITIONS_KEY, type PositionStorage } from '@/lib/player/positions';
import { encodeSeen, markPlayed, noneSeen } from '@/lib/player/progress';

function memoryStorage(initial: Record<string, unknown> = {}): PositionStorage & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: async (key) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
}

describe('positions', () => {
  it('keeps a position with what was seen, and reads it back', async () => {
    const storage = memoryStorage();
    const store = createPositionStore(storage);
    const seen = markPlayed(noneSeen(), 0, 3, 60);
    await store.write('talk-1', { seconds: 42.345, duration: 60, seen, at: 1000 });
    const read = await store.read('talk-1');
    expect(read).toEqual({ seconds: 42.3, duration: 60, seen, at: 1000 });
    expect(await store.read('talk-2')).toBeNull();
  });

  it('writes one at a time, and a write made earlier never lands over one made later', async () => {
    // A storage whose first read answers last: without a queue the early write would land last.
    const storage = memoryStorage();
    const slowFirstGet = storage.get;
    let reads = 0;
    storage.get = async (key) => {
      const answer = await slowFirstGet(key);
      if (reads++ === 0) await new Promise((resolve) => setTimeout(resolve, 30));
      return answer;
    };
    const store = createPositionStore(storage);
    const early = store.write('talk-1', { seconds: 0.2, duration: 60, seen: noneSeen(), at: 1000 });
    const late = store.write('talk-1', { seconds: 3.5, duration: 60, seen: noneSeen(), at: 2000 });
    await Promise.all([early, late]);
    expect((await store.read('talk-1'))?.seconds).toBe(3.5);
    // A save stamped before the stored one (a slow page's last save) is dropped.
    await store.write('talk-1', { seconds: 1, duration: 60, seen: noneSeen(), at: 1500 });
    expect((await store.read('talk-1'))?.seconds).toBe(3.5);
  });

  it(`keeps at most ${POSITIONS_CAP} talks, the ones played last`, async () => {
    const storage = memoryStorage();
    const store = createPositionStore(storage);
    for (let i = 0; i < POSITIONS_CAP + 5; i++)
      await store.write(`t${i}`, { seconds: 20, duration: 60, seen: noneSeen(), at: 1000 + i });
    const kept = Object.keys(storage.data[POSITIONS_KEY] as object);
    expect(kept).toHaveLength(POSITIONS_CAP);
    expect(await store.read('t0')).toBeNull();
    expect(await store.read(`t${POSITIONS_CAP + 4}`)).not.toBeNull();
  });

  it('reads past junk: wrong types, a prototype key, absurd numbers', async () => {
    const storage = memoryStorage({
      [POSITIONS_KEY]: JSON.parse(
        `{"__proto__": {"t": 5, "at": 1}, "good": {"t": 12, "d": 60, "seen": "${encodeSeen(noneSeen())}", "at": 5},
          "odd": {"t": -4, "d": 1e12, "seen": 7, "at": 6}, "none": {"t": 3}, "str": "x"}`,
      ),
    });
    const store = createPositionStore(storage);
    expect(await store.read('good')).toMatchObject({ seconds: 12, duration: 60, at: 5 });
    expect(await store.read('odd')).toMatchObject({ seconds: 0, duration: 0, at: 6 });
    expect(await store.read('none')).toBeNull();
    expect(await store.read('str')).toBeNull();
    expect(await store.read('__proto__')).toMatchObject({ seconds: 5 });
    expect(await store.read('toString')).toBeNull();
    await store.write('new', { seconds: 1, duration: 2, seen: noneSeen(), at: 7 });
    expect(Object.keys(storage.data[POSITIONS_KEY] as object).sort()).toEqual(['__proto__', 'good', 'new', 'odd']);
  });

  it('reads nothing from a stored value that is no object, and writes no huge talk id', async () => {
    const storage = memoryStorage({ [POSITIONS_KEY]: ['x'] });
    const store = createPositionStore(storage);
    expect(await store.read('0')).toBeNull();
    await store.write('x'.repeat(301), { seconds: 1, duration: 2, seen: noneSeen(), at: 7 });
    expect(storage.data[POSITIONS_KEY]).toEqual(['x']);
  });
});
