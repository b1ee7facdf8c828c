import { useEffect, useState } from 'preact/hooks';
import { send } from '../messages';
import {
  EMPTY_STATUS,
  onSyncProgressChanged,
  onSyncStatusChanged,
  readSyncProgress,
  readSyncStatus,
  type SyncStatus,
} from '../poll/status';

/** The background's sync status and import progress, kept current while the page is open. */
export function useSyncStatus(): {
  status: SyncStatus;
  progress: { done: number; total: number } | null;
  loaded: boolean;
} {
  const [status, setStatus] = useState<SyncStatus>(EMPTY_STATUS);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const stopStatus = onSyncStatusChanged(setStatus);
    const stopProgress = onSyncProgressChanged(setProgress);
    // Wakes the worker: if a killed one left "running" behind, the new one clears it (and the
    // change arrives through onSyncStatusChanged). No answer (e.g. in tests) changes nothing.
    void send({ type: 'hello' }).catch(() => undefined);
    void Promise.all([readSyncStatus(), readSyncProgress()]).then(([s, p]) => {
      setStatus(s);
      setProgress(p);
      setLoaded(true);
    });
    return () => {
      stopStatus();
      stopProgress();
    };
  }, []);
  return { status, progress, loaded };
}
