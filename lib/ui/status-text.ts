import { formatAgo, formatCount, formatTime } from '../format';
import { t, tp } from '../i18n';
import { isBackingOff, isSyncRunning, type SyncStatus } from '../poll/status';

export interface StatusLine {
  tone: 'busy' | 'ok' | 'error' | 'idle';
  text: string;
  detail?: string;
}

/** The one line under the popup header that says how polling is going, in plain words. */
export function describeSyncStatus(
  status: SyncStatus,
  progress: { done: number; total: number } | null,
  now = Date.now(),
): StatusLine {
  if (isSyncRunning(status, now)) {
    if (progress && progress.total > 0) {
      return { tone: 'busy', text: t('status_importing', formatCount(progress.done), formatCount(progress.total)) };
    }
    return { tone: 'busy', text: t('status_checking') };
  }
  if (status.lastError) {
    const { message } = status.lastError;
    const lastGood = status.lastSuccessAt ? ` ${t('status_last_success', formatAgo(status.lastSuccessAt, now))}` : '';
    return { tone: 'error', text: failureText(status, now), detail: `${message}${lastGood}` };
  }
  if (status.lastSuccessAt) {
    const text = t('status_checked', formatAgo(status.lastSuccessAt, now));
    // Items that did not read or were no talk: skipped one by one, the rest of the poll landed.
    const skipped = status.lastResult?.skipped ?? 0;
    return skipped > 0
      ? { tone: 'ok', text, detail: tp('status_items_skipped', skipped, formatCount(skipped)) }
      : { tone: 'ok', text };
  }
  return { tone: 'idle', text: t('status_not_checked') };
}

/**
 * "Feed unreachable since 14:02", "Last check failed at 14:02"; while backing off (lib/poll/backoff.ts)
 * what the server said and when the next automatic try is: "media.ccc.de answered 503 · next try
 * at 14:32", "media.ccc.de asked to wait · next try at 14:32".
 */
function failureText(status: SyncStatus, now: number): string {
  const error = status.lastError!;
  const unreachable = error.kind === 'network' || error.kind === 'timeout';
  const text = unreachable
    ? t('status_unreachable_since', formatTime(status.failingSince || error.at, now))
    : t('status_failed_at', formatTime(error.at, now));
  if (!isBackingOff(status, now)) return text;
  const host = error.host || t('status_feed_server');
  const said = error.retryAfterSeconds
    ? t('status_asked_to_wait', host)
    : error.httpStatus
      ? t('status_answered', host, String(error.httpStatus))
      : text;
  return t('status_next_try', said, formatTime(status.nextTryAt, now));
}
