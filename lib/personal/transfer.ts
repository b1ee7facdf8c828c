/**
 * Export and import of the whole personal state as a JSON file (options page). An import merges
 * entry by entry like another browser would, but ignores the file's removals: it adds and
 * updates, it never wipes anything.
 */
import { formatCount, listOf } from '../format';
import { t, tp } from '../i18n';
import {
  clampFutureStamps,
  LIST_CAP,
  liveEntries,
  mergePersonalState,
  PERSONAL_KINDS,
  sanitisePersonalState,
  type PersonalState,
} from './state';
import { isKnownSetting } from './settings-schema';
import { updatePersonal } from './store';

export const EXPORT_FORMAT = 'aftertalk-personal';
export const EXPORT_VERSION = 1;
/** Far above any real export (a few hundred kB for thousands of entries). */
export const MAX_IMPORT_CHARS = 5 * 1024 * 1024;
/** What an import of a file over `MAX_IMPORT_CHARS` says (also before reading it, in the options page). */
export const tooLargeMessage = () => t('import_too_large');

export interface ImportCounts {
  settings: number;
  followed: number;
  muted: number;
  watchLater: number;
  watched: number;
  waiting: number;
  /** Entries dropped because they were malformed (unknown settings not included). */
  skipped: number;
  /** Settings the file had that Aftertalk does not know (dropped, never stored). */
  unknownSettings?: number;
  /** New entries left out because their list was full (`LIST_CAP`); set by the merge. */
  full?: number;
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
  return JSON.stringify(
    { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date(now).toISOString(), state },
    null,
    2,
  );
}

/** `aftertalk-2026-11-22.json`, by the local date. */
export function exportFileName(now = Date.now()): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `aftertalk-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

function countEntries(raw: Record<string, unknown>): number {
  return PERSONAL_KINDS.reduce((sum, kind) => sum + (isRecord(raw[kind]) ? Object.keys(raw[kind]).length : 0), 0);
}

export function parseImport(text: string, now = Date.now()): ParsedImport {
  if (text.length > MAX_IMPORT_CHARS) return { ok: false, error: tooLargeMessage() };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: t('import_not_json') };
  }
  if (!isRecord(data) || data.format !== EXPORT_FORMAT) return { ok: false, error: t('import_not_export') };
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
    return { ok: false, error: t('import_no_version') };
  }
  if (data.version > EXPORT_VERSION) {
    return { ok: false, error: t('import_newer_version') };
  }
  if (!isRecord(data.state)) return { ok: false, error: t('import_no_state') };

  const state = sanitisePersonalState(data.state);
  // A stamp from the future would win every later change, on every browser; it counts as "now".
  clampFutureStamps(state, now, now);
  const rawSettings = isRecord(data.state.settings) ? Object.keys(data.state.settings) : [];
  const unknownSettings = rawSettings.filter((key) => !isKnownSetting(key)).length;
  const conferences = liveEntries(state.conferences);
  const counts: ImportCounts = {
    settings: liveEntries(state.settings).length,
    followed: conferences.filter(([, mark]) => mark === 'follow').length,
    muted: conferences.filter(([, mark]) => mark === 'mute').length,
    watchLater: liveEntries(state.watchLater).length,
    watched: liveEntries(state.watched).length,
    waiting: liveEntries(state.waiting).length,
    skipped:
      countEntries(data.state) -
      unknownSettings -
      PERSONAL_KINDS.reduce((sum, kind) => sum + Object.keys(state[kind]).length, 0),
    unknownSettings,
  };
  return { ok: true, state, counts };
}

/** "12 Watch later, 40 watched, 3 followed conferences and 2 waiting recordings" */
export function describeCounts(counts: ImportCounts): string {
  return listOf(
    [
      counts.watchLater > 0 && t('import_count_later', formatCount(counts.watchLater)),
      counts.watched > 0 && t('import_count_watched', formatCount(counts.watched)),
      counts.followed > 0 && tp('import_count_followed', counts.followed, formatCount(counts.followed)),
      counts.muted > 0 && tp('import_count_muted', counts.muted, formatCount(counts.muted)),
      counts.waiting > 0 && tp('import_count_waiting', counts.waiting, formatCount(counts.waiting)),
      counts.settings > 0 && tp('import_count_settings', counts.settings, formatCount(counts.settings)),
    ].filter((part): part is string => !!part),
  );
}

/** What the import left out, as sentences: damaged entries, unknown settings, entries for full lists. */
function leftOut(counts: ImportCounts): string {
  const unknown = counts.unknownSettings ?? 0;
  const full = counts.full ?? 0;
  return [
    counts.skipped > 0 && tp('import_skipped', counts.skipped, formatCount(counts.skipped)),
    unknown > 0 && tp('import_unknown_settings', unknown, formatCount(unknown)),
    full > 0 && tp('import_list_full', full, formatCount(full), formatCount(LIST_CAP)),
  ]
    .filter((part): part is string => !!part)
    .map((part) => ` ${part}`)
    .join('');
}

function summary(counts: ImportCounts, changed: boolean): string {
  const what = describeCounts(counts);
  const skipped = leftOut(counts);
  if (!what) return `${t('import_nothing')}${skipped}`;
  if (!changed) return `${t('import_already_here', what)}${skipped}`;
  return `${t('import_done', what)}${skipped}`;
}

/** Parses `text` and merges it into the stored state. Never throws. */
export async function importPersonalState(text: string): Promise<ImportOutcome> {
  try {
    const parsed = parseImport(text);
    if (!parsed.ok) return { ok: false, changed: false, message: parsed.error };
    let changed = false;
    let full = 0;
    await updatePersonal((draft) => {
      const result = mergePersonalState(draft, parsed.state, { ignoreRemovals: true });
      Object.assign(draft, result.state);
      changed = result.changed;
      full = Object.values(result.full).reduce((sum, n) => sum + n, 0);
      return result.changed;
    });
    const counts = { ...parsed.counts, ...(full > 0 ? { full } : {}) };
    return { ok: true, changed, counts, message: summary(counts, changed) };
  } catch (error) {
    console.warn('Aftertalk: import failed', error);
    return { ok: false, changed: false, message: 'The import could not be saved; nothing was changed. Try again.' };
  }
}
