import { useRef, useState } from 'preact/hooks';
import { useEffect } from 'preact/hooks';
import { loadPersonal } from '@/lib/personal/store';
import {
  describeMirrorStatus,
  loadMirrorStatus,
  MIRROR_STATUS_KEY,
  type SyncMirrorStatus,
} from '@/lib/personal/sync-mirror';
import { onLocalKeyChanged } from '@/lib/storage-watch';
import {
  exportFileName,
  exportPersonalState,
  importPersonalState,
  MAX_IMPORT_CHARS,
  tooLargeMessage,
} from '@/lib/personal/transfer';
import './personal-data.css';
import { t } from '@/lib/i18n';

/** Saves `text` as a file through a temporary download link (needs no `downloads` permission). */
function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Where the lists stand with `storage.sync`, kept current while the page is open. */
function SyncLine() {
  const [status, setStatus] = useState<SyncMirrorStatus | undefined>(undefined);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const refresh = () => void loadMirrorStatus().then((s) => (setStatus(s), setLoaded(true)));
    refresh();
    return onLocalKeyChanged(MIRROR_STATUS_KEY, refresh);
  }, []);
  return loaded ? (
    <p class="hint" data-testid="sync-line">
      {describeMirrorStatus(status)}
    </p>
  ) : null;
}

/** Options section: export all personal state as a JSON file, or merge such a file back in. */
export function PersonalDataSection() {
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState({ text: '', error: false });
  const [busy, setBusy] = useState(false);

  async function exportFile() {
    setBusy(true);
    try {
      const now = Date.now();
      downloadText(exportPersonalState(await loadPersonal(), now), exportFileName(now));
      setMessage({ text: t('personal_exported'), error: false });
    } catch (error) {
      console.warn('Aftertalk: export failed', error);
      setMessage({ text: t('personal_export_failed'), error: true });
    } finally {
      setBusy(false);
    }
  }

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = ''; // Choosing the same file again must fire `change` again.
    if (!file) return;
    // Checked before reading, so a huge file is never loaded into memory (bytes ≥ characters).
    if (file.size > MAX_IMPORT_CHARS) {
      setMessage({ text: tooLargeMessage(), error: true });
      return;
    }
    setBusy(true);
    setMessage({ text: t('personal_importing'), error: false });
    try {
      const outcome = await importPersonalState(await file.text());
      setMessage({ text: outcome.message, error: !outcome.ok });
    } catch {
      setMessage({ text: t('personal_unreadable'), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="personal-data" aria-labelledby="personal-data-heading">
      <h2 id="personal-data-heading">{t('personal_heading')}</h2>
      <p class="hint" id="personal-data-hint">
        {t('personal_hint')}
      </p>
      <SyncLine />
      <div class="personal-data__actions">
        <button
          type="button"
          class="button"
          disabled={busy}
          aria-describedby="personal-data-hint"
          onClick={() => void exportFile()}
        >
          {t('personal_export')}
        </button>
        <button
          type="button"
          class="button button--quiet"
          disabled={busy}
          aria-describedby="personal-data-hint"
          onClick={() => fileInput.current?.click()}
        >
          {t('personal_import')}
        </button>
        <input
          ref={fileInput}
          class="personal-data__file"
          type="file"
          accept="application/json,.json"
          tabIndex={-1}
          aria-hidden="true"
          aria-label={t('personal_file_label')}
          onChange={(e) => void importFile(e.currentTarget)}
        />
      </div>
      <p class={`saved${message.error ? ' personal-data__status--error' : ''}`} role="status" aria-live="polite">
        {message.text}
      </p>
    </section>
  );
}
