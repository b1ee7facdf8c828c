/**
 * Export and import of the whole personal state as a JSON file (options page). An import merges
 * entry by entry like another browser would, but ignores the file's removals: it adds and
 * updates, it never wipes anything.
 */
import { formatCount } from '../format';
import { liveEntries, mergePersonalState, PERSONAL_KINDS, sanitisePersonalState, type PersonalState, type StampedMap } from './state';
import { updatePersonal } from './store';

export const EXPORT_FORMAT = 'aftertalk-personal';
export const EXPORT_VERSION = 1;
/** Far above any real export (a few hundred kB for thousands of entries). */
export const MAX_IMPORT_CHARS = 5 * 1024 * 1024;
export const TOO_LARGE_MESSAGE = 'This file is larger than 5 MB, far more than an Aftertalk export; nothing was imported.';

export interface ImportCounts {
  settings: number;
  followed: number;
  muted: number;
  watchLater: number;
  watched: number;
  waiting: number;
  /** Entries dropped because they were malformed. */
  skipped: number;
}

export type ParsedImport = { ok: true; state: PersonalState; counts: ImportCounts } | { ok: false; error: string };

export interface ImportOutcome {
  ok: boolean;
  /** Whether the stored state changed. */
  changed: boolean;
  counts?: ImportCounts;
  message: string;
}

export function exportPersonalState(state: PersonalState, now = Date.now()): string {
  return JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date(now).toISOString(), state }, null, 2);
}

/** `aftertalk-2026-11-22.json`, by the local date. */
export function exportFileName(now = Date.now()): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `aftertalk-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

function countEntries(raw: Record<string, unknown>): number {
  return PERSONAL_KINDS.reduce((sum, kind) => sum + (isRecord(raw[kind]) ? Object.keys(raw[kind]).length : 0), 0);
}

export function parseImport(text: string, now = Date.now()): ParsedImport {
  if (text.length > MAX_IMPORT_CHARS) return { ok: false, error: TOO_LARGE_MESSAGE };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not valid JSON, so it cannot be an Aftertalk export; nothing was imported.' };
  }
  if (!isRecord(data) || data.format !== EXPORT_FORMAT) return { ok: false, error: 'This file is not an Aftertalk export; nothing was imported.' };
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
    return { ok: false, error: 'This Aftertalk export has no valid version number; nothing was imported.' };
  }
  if (data.version > EXPORT_VERSION) {
    return { ok: false, error: 'This file was exported by a newer version of Aftertalk; update Aftertalk, then import it again. Nothing was imported.' };
  }
  if (!isRecord(data.state)) return { ok: false, error: 'This Aftertalk export contains no lists or settings; nothing was imported.' };

  const state = sanitisePersonalState(data.state);
  for (const kind of PERSONAL_KINDS) {
    // A stamp from the future would win every later change, on every browser; it counts as "now".
    for (const stamp of Object.values(state[kind] as StampedMap<unknown>)) stamp.t = Math.min(stamp.t, now);
  }
  const conferences = liveEntries(state.conferences);
  const counts: ImportCounts = {
    settings: liveEntries(state.settings).length,
    followed: conferences.filter(([, mark]) => mark === 'follow').length,
    muted: conferences.filter(([, mark]) => mark === 'mute').length,
    watchLater: liveEntries(state.watchLater).length,
    watched: liveEntries(state.watched).length,
    waiting: liveEntries(state.waiting).length,
    skipped: countEntries(data.state) - PERSONAL_KINDS.reduce((sum, kind) => sum + Object.keys(state[kind]).length, 0),
  };
  return { ok: true, state, counts };
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

function listOf(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** "12 Watch later, 40 watched, 3 followed conferences and 2 waiting recordings" */
export function describeCounts(counts: ImportCounts): string {
  return listOf(
    [
      counts.watchLater > 0 && `${formatCount(counts.watchLater)} Watch later`,
      counts.watched > 0 && `${formatCount(counts.watched)} watched`,
      counts.followed > 0 && plural(counts.followed, 'followed conference', 'followed conferences'),
      counts.muted > 0 && plural(counts.muted, 'muted conference', 'muted conferences'),
      counts.waiting > 0 && plural(counts.waiting, 'waiting recording', 'waiting recordings'),
      counts.settings > 0 && plural(counts.settings, 'setting', 'settings'),
    ].filter((part): part is string => !!part),
  );
}

function summary(counts: ImportCounts, changed: boolean): string {
  const what = describeCounts(counts);
  const skipped = counts.skipped > 0 ? ` ${plural(counts.skipped, 'damaged entry was', 'damaged entries were')} skipped.` : '';
  if (!what) return `The file had nothing to import; nothing was changed.${skipped}`;
  if (!changed) return `Everything in the file (${what}) was already here; nothing was changed.${skipped}`;
  return `Imported ${what}; nothing was removed.${skipped}`;
}

/** Parses `text` and merges it into the stored state. Never throws. */
export async function importPersonalState(text: string): Promise<ImportOutcome> {
  try {
    const parsed = parseImport(text);
    if (!parsed.ok) return { ok: false, changed: false, message: parsed.error };
    let changed = false;
    await updatePersonal((draft) => {
      const result = mergePersonalState(draft, parsed.state, { ignoreRemovals: true });
      Object.assign(draft, result.state);
      changed = result.changed;
      return result.changed;
    });
    return { ok: true, changed, counts: parsed.counts, message: summary(parsed.counts, changed) };
  } catch (error) {
    console.warn('Aftertalk: import failed', error);
    return { ok: false, changed: false, message: 'The import could not be saved; nothing was changed. Try again.' };
  }
}
