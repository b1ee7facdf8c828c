/**
 * The popup's Live now as last shown, kept in the extension's `localStorage` so the next opening
 * draws it in its first frame instead of pushing the lists down a moment later (the same idea as
 * lib/ui/first-screen.ts). Only rooms whose talk has not ended are recalled; what is read is
 * checked, and everything in it is shown as text.
 */
import type { LiveNowConference } from '../live/join';
import { isStreamingUrl } from '../live/types';

const KEY = 'aftertalk:live-now:v1';
const MAX_CHARS = 50_000;

type Store = Pick<Storage, 'getItem' | 'setItem'>;

const storageOr = (storage: Store | undefined) => {
  try {
    return storage ?? globalThis.localStorage;
  } catch {
    return undefined;
  }
};

export function rememberLiveNow(list: LiveNowConference[], storage?: Store): void {
  const text = JSON.stringify(list);
  if (text.length > MAX_CHARS) return;
  try {
    const store = storageOr(storage);
    if (store?.getItem(KEY) !== text) store?.setItem(KEY, text);
  } catch {
    // Without storage the section appears when the popup has read the live state.
  }
}

const isText = (value: unknown, max = 400): value is string => typeof value === 'string' && value.length <= max;

/** The remembered Live now, without the talks that ended by `now`; [] when none or damaged. */
export function recalledLiveNow(now: number, storage?: Store): LiveNowConference[] {
  let raw: unknown;
  try {
    const text = storageOr(storage)?.getItem(KEY);
    raw = text && text.length <= MAX_CHARS ? JSON.parse(text) : [];
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const list: LiveNowConference[] = [];
  for (const entry of raw as unknown[]) {
    if (!entry || typeof entry !== 'object') continue;
    const { acronym, title, rooms } = entry as Record<string, unknown>;
    if (!isText(acronym) || !isText(title) || !Array.isArray(rooms)) continue;
    const kept = rooms.filter((room: unknown): room is LiveNowConference['rooms'][number] => {
      const r = room as { name?: unknown; url?: unknown; talk?: Record<string, unknown> } | null;
      const talk = r?.talk;
      return (
        !!r &&
        isText(r.name) &&
        isStreamingUrl(r.url) &&
        !!talk &&
        isText(talk.title) &&
        isText(talk.speaker) &&
        typeof talk.end === 'number' &&
        typeof talk.start === 'number' &&
        talk.start <= now &&
        now < talk.end
      );
    });
    if (kept.length) list.push({ acronym, title, rooms: kept });
  }
  return list;
}
