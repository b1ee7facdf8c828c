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

    /**
     * Keeps `position` for `talkId`, dropping the oldest talks beyond the cap. Writes are one at a
     * time (a Web Lock across the popup and the box frames, a queue where there is none), and one
     * never replaces a position written later: a player saves on every few seconds, on pause and
     * when its page goes, and a slow early write must not land last.
     */
    write(talkId: string, position: Position): Promise<void> {
      if (!talkId || talkId.length > MAX_TALK_ID) return Promise.resolve();
      return oneAtATime(async () => {
        const all = await readAll(storage);
        const was = Object.hasOwn(all, talkId) ? all[talkId]! : null;
        if (was && was.at > position.at) return;
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
      });
    },
  };
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs `work` after every earlier write of this context, and under a Web Lock shared by all of them where allowed. */
function oneAtATime(work: () => Promise<void>): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  const locked = async (): Promise<void> => {
    let started = false;
    const run = () => ((started = true), work());
    try {
      if (locks) await locks.request(`aftertalk:${POSITIONS_KEY}`, run);
      else await run();
    } catch (error) {
      // The box's frame sits in another site's page, where the browser refuses Web Locks
      // (SecurityError): there the queue alone keeps this frame's writes in order.
      if (started) throw error;
      await run();
    }
  };
  const next = queue.then(locked, locked);
  queue = next.catch(() => undefined);
  return next;
}

export type PositionStore = ReturnType<typeof createPositionStore>;
