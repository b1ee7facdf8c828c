/**
 * Where the user stopped in each talk and what of it they saw (lib/player/progress.ts), for
 * "resume" in the box and the popup. Kept in `storage.local` only: a position changes every few
 * seconds while a talk plays, which is nothing to mirror into `storage.sync` or to stamp and
 * merge between browsers (lib/personal/). At most `POSITIONS_CAP` talks; the ones played longest
 * ago go first. Export and import leave positions out.
 */
import { browser } from 'wxt/browser';
import { decodeSeen, encodeSeen, type Seen } from './progress';

export const POSITIONS_KEY = 'playerPositions';
export const POSITIONS_CAP = 300;
const MAX_TALK_ID = 300;
const MAX_SECONDS = 7 * 24 * 3600;

export interface Position {
  /** Seconds into the talk. */
  seconds: number;
  /** The talk's length as the player last saw it, 0 unknown. */
  duration: number;
  seen: Seen;
  /** When it was written (epoch ms). */
  at: number;
}

interface StoredPosition {
  t: number;
  d: number;
  seen: string;
  at: number;
}

/** The storage the store reads and writes; `browser.storage.local` in the extension. */
export interface PositionStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const seconds = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_SECONDS ? value : 0;

function positionOf(value: unknown): Position | null {
  if (!value || typeof value !== 'object') return null;
  const stored = value as Partial<StoredPosition>;
  const at = typeof stored.at === 'number' && Number.isFinite(stored.at) && stored.at > 0 ? stored.at : 0;
  if (!at) return null;
  return { seconds: seconds(stored.t), duration: seconds(stored.d), seen: decodeSeen(stored.seen), at };
}

async function readAll(storage: PositionStorage): Promise<Record<string, StoredPosition>> {
  const stored = (await storage.get(POSITIONS_KEY))[POSITIONS_KEY];
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
  // Own keys only, into an object without a prototype: a stored `__proto__` is a key like any other.
  const all: Record<string, StoredPosition> = Object.create(null) as Record<string, StoredPosition>;
  for (const [id, value] of Object.entries(stored as Record<string, unknown>))
    if (id.length <= MAX_TALK_ID && positionOf(value)) all[id] = value as StoredPosition;
  return all;
}

export function createPositionStore(storage: PositionStorage = browser.storage.local as PositionStorage) {
  return {
    async read(talkId: string): Promise<Position | null> {
      const all = await readAll(storage);
      return Object.hasOwn(all, talkId) ? positionOf(all[talkId]) : null;
    },

    /** Keeps `position` for `talkId`, dropping the oldest talks beyond the cap. */
    async write(talkId: string, position: Position): Promise<void> {
      if (!talkId || talkId.length > MAX_TALK_ID) return;
      const all = await readAll(storage);
      all[talkId] = {
        t: Math.round(seconds(position.seconds) * 10) / 10,
        d: Math.round(seconds(position.duration)),
        seen: encodeSeen(position.seen),
        at: position.at,
      };
      const kept = Object.entries(all)
        .sort(([, a], [, b]) => b.at - a.at)
        .slice(0, POSITIONS_CAP);
      await storage.set({ [POSITIONS_KEY]: Object.fromEntries(kept) });
    },
  };
}

export type PositionStore = ReturnType<typeof createPositionStore>;
