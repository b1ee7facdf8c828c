/**
 * Mirrors the personal state into `browser.storage.sync`, so lists and settings follow the user
 * to their other browsers. storage.sync is small (100 KB, 8 KB per item, 120 writes a minute), so
 * the state is packed into a few compact items and, when it does not all fit, the least valuable
 * entries (oldest Watched marks first) stay on this browser only. Leaving an entry out never
 * deletes it anywhere: merging is entry by entry, and only a tombstone removes.
 */
import { browser } from 'wxt/browser';
import { loadPersonal, updatePersonal } from './store';
import { formatCount, listOf } from '../format';
import { t, tp } from '../i18n';
import {
  clampFutureStamps,
  emptyPersonalState,
  laterStamp,
  MAX_STAMP,
  SYNC_CLOCK_SKEW_MS,
  mergePersonalState,
  sanitisePersonalState,
  type PersonalKind,
  type PersonalState,
  type Stamped,
  type StampedMap,
} from './state';

/** Chrome's QUOTA_BYTES_PER_ITEM is 8192; the margin covers its JSON writer escaping more than ours. */
export const ITEM_BYTES = 8000;
/** Of QUOTA_BYTES 102400, leaving room for anything else the extension keeps in storage.sync. */
export const SYNC_BUDGET = 90_000;
const PREFIX = 'ps:';
export const MIRROR_STATUS_KEY = 'personalSyncStatus';

/** What goes first when not everything fits: small and precious before long and replaceable. */
const SYNC_ORDER: readonly PersonalKind[] = ['settings', 'conferences', 'waiting', 'watchLater', 'watched'];

/** One entry in sync: `[key, t, v]`, or `[key, t]` for a removal. */
type Packed = [string, number, unknown] | [string, number];

export interface SyncArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export type SyncMirrorStatus = { ok: boolean; at: number; error?: string; left: Record<PersonalKind, number> };

const noneLeft = (): Record<PersonalKind, number> => ({
  settings: 0,
  conferences: 0,
  watchLater: 0,
  watched: 0,
  waiting: 0,
});

/**
 * Bytes as Chrome counts them (UTF-8 of its JSON), over- rather than under-estimated: its writer
 * escapes `<`, `>` and the line separators as `\uXXXX`, which ours leaves alone.
 */
function syncBytes(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === 0x3c || code === 0x3e || code === 0x2028 || code === 0x2029) bytes += 6;
    else bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Live entries before removals, most recent first, then by key so equal states pack equally. */
function inSyncOrder(map: StampedMap<unknown>): Packed[] {
  return Object.entries(map)
    .sort(
      ([ka, a], [kb, b]) =>
        Number(a.v === null) - Number(b.v === null) || b.t - a.t || (ka < kb ? -1 : ka > kb ? 1 : 0),
    )
    .map(([key, s]): Packed => (s.v === null ? [key, s.t] : [key, s.t, s.v]));
}

/**
 * Packs `entries` in this order into items `ps:<kind>:0`, `ps:<kind>:1`… within `room` bytes.
 * Once one does not fit, it and all after it stay on this browser only.
 */
function pack(
  kind: PersonalKind,
  entries: Packed[],
  room: number,
): { items: Record<string, Packed[]>; used: number; kept: Packed[] } {
  const items: Record<string, Packed[]> = {};
  const kept: Packed[] = [];
  let used = 0;
  let chunk: Packed[] | undefined;
  let chunkBytes = 0;
  for (const entry of entries) {
    const bytes = syncBytes(JSON.stringify(entry));
    const key = `${PREFIX}${kind}:${Object.keys(items).length}`;
    const joins = chunk !== undefined && chunkBytes + 1 + bytes <= ITEM_BYTES;
    const cost = joins ? 1 + bytes : key.length + 2 + bytes; // A comma, or a new item's name and brackets.
    if (cost > ITEM_BYTES) continue; // Too big for any item on its own; the others can still go.
    if (used + cost > room) break;
    if (joins) chunk!.push(entry);
    else items[key] = chunk = [entry];
    chunkBytes = joins ? chunkBytes + cost : cost;
    used += cost;
    kept.push(entry);
  }
  return { items, used, kept };
}

const oldestFirst = (a: Packed, b: Packed) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Chooses the entries of one kind that fit in `room` and packs them. */
function packKind(
  kind: PersonalKind,
  entries: Packed[],
  room: number,
): { items: Record<string, Packed[]>; used: number; left: number } {
  const chosen = pack(kind, entries, room);
  // Laid out oldest first, a new entry (the usual change) rewrites only the last item. Packed in
  // another order they might need one item more; then the first packing stands.
  const settled = pack(kind, [...chosen.kept].sort(oldestFirst), room);
  const best = settled.kept.length === chosen.kept.length ? settled : chosen;
  return { items: best.items, used: best.used, left: entries.length - best.kept.length };
}

/** Packs the state into storage.sync items, most valuable first, within `budgetBytes`. Pure. */
export function encodeForSync(
  state: PersonalState,
  budgetBytes = SYNC_BUDGET,
): { items: Record<string, unknown>; left: Record<PersonalKind, number> } {
  const items: Record<string, Packed[]> = {};
  const left = noneLeft();
  let used = 0;
  for (const kind of SYNC_ORDER) {
    const packed = packKind(kind, inSyncOrder(state[kind] as StampedMap<unknown>), budgetBytes - used);
    Object.assign(items, packed.items);
    used += packed.used;
    left[kind] = packed.left;
  }
  return { items, left };
}

function isPacked(value: unknown): value is Packed {
  return (
    Array.isArray(value) &&
    (value.length === 2 || value.length === 3) &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'number'
  );
}

/**
 * Reads every `ps:<kind>:<n>` item; anything malformed is skipped on its own. Stamps are checked
 * as an import checks them: none above 2^52, and one more than a day ahead of `now` (more than
 * clocks differ) counts as `now`, so a damaged or hostile entry cannot win forever.
 */
export function decodeFromSync(items: Record<string, unknown>, now = Date.now()): PersonalState {
  // Null-prototype maps: keys come from another browser and may be `__proto__` or `constructor`.
  const raw: Record<string, StampedMap<unknown>> = Object.create(null);
  const kinds = Object.keys(emptyPersonalState());
  for (const [name, value] of Object.entries(items ?? {})) {
    const match = /^ps:([A-Za-z]+):\d+$/.exec(name);
    if (!match || !kinds.includes(match[1]!) || !Array.isArray(value)) continue;
    const map = (raw[match[1]!] ??= Object.create(null) as StampedMap<unknown>);
    for (const entry of value) {
      if (!isPacked(entry) || entry[0] === '__proto__' || !(entry[1] >= 0 && entry[1] <= MAX_STAMP)) continue;
      const stamp: Stamped<unknown> = { v: entry.length === 3 ? entry[2] : null, t: entry[1] };
      const current = map[entry[0]];
      map[entry[0]] = current ? laterStamp(current, stamp) : stamp;
    }
  }
  const state = sanitisePersonalState(raw);
  clampFutureStamps(state, now + SYNC_CLOCK_SKEW_MS, now);
  return state;
}

/** `browser.storage.sync`, or undefined where the browser has none (or throws asking for it). */
function defaultArea(): SyncArea | undefined {
  try {
    return browser.storage?.sync as SyncArea | undefined;
  } catch {
    return undefined;
  }
}

const ownItems = (all: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(all ?? {}).filter(([key]) => key.startsWith(PREFIX)));
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Writes `state` to the sync area, touching only items whose content changed: an unchanged state
 * costs no write, which matters with 120 writes a minute. Never throws; the status says what failed.
 */
export async function pushToSync(
  state: PersonalState,
  area: SyncArea | undefined = defaultArea(),
): Promise<SyncMirrorStatus> {
  const { items, left } = encodeForSync(state);
  try {
    if (!area) throw new Error('this browser has no sync storage');
    const current = ownItems(await area.get(null));
    const changed = Object.fromEntries(
      Object.entries(items).filter(([key, value]) => JSON.stringify(current[key]) !== JSON.stringify(value)),
    );
    const stale = Object.keys(current).filter((key) => !(key in items));
    // Removing first frees quota for the new items; the short gap is harmless since absence never deletes.
    if (stale.length > 0) await area.remove(stale);
    if (Object.keys(changed).length > 0) await area.set(changed);
    return { ok: true, at: Date.now(), left };
  } catch (error) {
    return { ok: false, at: Date.now(), error: messageOf(error), left };
  }
}

/** Merges what the other browsers synced into this one's state. Returns whether anything changed. */
export async function pullFromSync(area: SyncArea | undefined = defaultArea()): Promise<boolean> {
  try {
    if (!area) return false;
    const remote = decodeFromSync(ownItems(await area.get(null)));
    let changed = false;
    await updatePersonal((draft) => {
      const merged = mergePersonalState(draft, remote);
      Object.assign(draft, merged.state);
      changed = merged.changed;
      return changed;
    });
    return changed;
  } catch {
    return false;
  }
}

/**
 * Personal state to and from `storage.sync`: what other browsers wrote is merged first, so a push
 * never overwrites their newer entries.
 */
export async function exchangeWithOtherBrowsers(): Promise<void> {
  await pullFromSync();
  await saveMirrorStatus(await pushToSync(await loadPersonal()));
}

/** How long local changes wait before they go to `storage.sync`, batched. */
const PUSH_DELAY_MS = 1500;
let pushTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Local changes go to `storage.sync` a moment later, batched: a burst of clicks is one write
 * (storage.sync allows 120 writes a minute).
 */
export function schedulePush(onFailure: (error: unknown) => void): void {
  clearTimeout(pushTimer);
  pushTimer = setTimeout(() => void exchangeWithOtherBrowsers().catch(onFailure), PUSH_DELAY_MS);
}

export async function saveMirrorStatus(status: SyncMirrorStatus): Promise<void> {
  await browser.storage.local.set({ [MIRROR_STATUS_KEY]: status });
}

export async function loadMirrorStatus(): Promise<SyncMirrorStatus | undefined> {
  const stored = (await browser.storage.local.get(MIRROR_STATUS_KEY))[MIRROR_STATUS_KEY] as
    Partial<SyncMirrorStatus> | undefined;
  if (!stored || typeof stored.ok !== 'boolean' || typeof stored.at !== 'number') return undefined;
  const left = noneLeft();
  for (const kind of SYNC_ORDER) {
    const n = stored.left?.[kind];
    if (typeof n === 'number' && n >= 0) left[kind] = n;
  }
  return { ok: stored.ok, at: stored.at, left, ...(typeof stored.error === 'string' ? { error: stored.error } : {}) };
}

/** "312 older Watched marks": what of a kind stays on this browser only. */
const LEFT_BEHIND: Record<PersonalKind, (count: number) => string> = {
  settings: (n) => tp('mirror_left_settings', n, formatCount(n)),
  conferences: (n) => tp('mirror_left_conferences', n, formatCount(n)),
  waiting: (n) => tp('mirror_left_waiting', n, formatCount(n)),
  watchLater: (n) => tp('mirror_left_watchLater', n, formatCount(n)),
  watched: (n) => tp('mirror_left_watched', n, formatCount(n)),
};

/** A one-liner for the options page. */
export function describeMirrorStatus(status: SyncMirrorStatus | undefined): string {
  if (!status) return t('mirror_not_yet');
  if (!status.ok) return t('mirror_unavailable', status.error ?? t('mirror_unknown_error'));
  const parts = SYNC_ORDER.filter((kind) => status.left[kind] > 0).map((kind) => LEFT_BEHIND[kind](status.left[kind]));
  if (parts.length === 0) return t('mirror_ok');
  return t('mirror_partly', listOf(parts));
}
