import { formatAgo, formatCount, formatTime } from '../format';
import { isSyncRunning, type SyncStatus } from '../sync-status';

export interface StatusLine {
  tone: 'busy' | 'ok' | 'error' | 'idle';
  text: string;
  detail?: string;
}

/** The one line under the popup header that says how polling is going, in plain words. */
export function describeSyncStatus(status: SyncStatus, progress: { done: number; total: number } | null, now = Date.now()): StatusLine {
  if (isSyncRunning(status, now)) {
    if (progress && progress.total > 0) {
      return { tone: 'busy', text: `Importing ${formatCount(progress.done)} of ${formatCount(progress.total)} talks…` };
    }
    return { tone: 'busy', text: 'Checking for new talks…' };
  }
  if (status.lastError) {
    const { kind, message } = status.lastError;
    const unreachable = kind === 'network' || kind === 'timeout';
    const text = unreachable ? `Feed unreachable since ${formatTime(status.failingSince || status.lastError.at, now)}` : `Last check failed at ${formatTime(status.lastError.at, now)}`;
    const lastGood = status.lastSuccessAt ? ` Last successful check: ${formatAgo(status.lastSuccessAt, now)}.` : '';
    return { tone: 'error', text, detail: `${message}${lastGood}` };
  }
  if (status.lastSuccessAt) return { tone: 'ok', text: `Checked ${formatAgo(status.lastSuccessAt, now)}` };
  return { tone: 'idle', text: 'Not checked yet' };
}
