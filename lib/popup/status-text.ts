import { formatAgo, formatCount, formatTime } from '../format';
import { isBackingOff, isSyncRunning, type SyncStatus } from '../sync-status';

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
    const { message } = status.lastError;
    const lastGood = status.lastSuccessAt ? ` Last successful check: ${formatAgo(status.lastSuccessAt, now)}.` : '';
    return { tone: 'error', text: failureText(status, now), detail: `${message}${lastGood}` };
  }
  if (status.lastSuccessAt) return { tone: 'ok', text: `Checked ${formatAgo(status.lastSuccessAt, now)}` };
  return { tone: 'idle', text: 'Not checked yet' };
}

/**
 * "Feed unreachable since 14:02", "Last check failed at 14:02"; while backing off (lib/backoff.ts)
 * what the server said and when the next automatic try is: "media.ccc.de answered 503 · next try
 * at 14:32", "media.ccc.de asked to wait · next try at 14:32".
 */
function failureText(status: SyncStatus, now: number): string {
  const error = status.lastError!;
  const unreachable = error.kind === 'network' || error.kind === 'timeout';
  const text = unreachable ? `Feed unreachable since ${formatTime(status.failingSince || error.at, now)}` : `Last check failed at ${formatTime(error.at, now)}`;
  if (!isBackingOff(status, now)) return text;
  const host = error.host || 'The feed server';
  const said = error.retryAfterSeconds ? `${host} asked to wait` : error.httpStatus ? `${host} answered ${error.httpStatus}` : text;
  return `${said} · next try at ${formatTime(status.nextTryAt, now)}`;
}
