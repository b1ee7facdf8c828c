import { useState } from 'preact/hooks';
import { formatCount, formatDate, formatFileSize } from '@/lib/format';
import type { CatalogueEstimate } from '@/lib/history/catalogue';
import { send } from '@/lib/messages';
import { useCatalogueImport } from '@/lib/ui/use-catalogue-import';
import { t } from '@/lib/i18n';

type Asking = 'no' | 'asking' | CatalogueEstimate | 'unreachable';

/**
 * "The whole catalogue": import every recording media.ccc.de has released. Says first what it
 * costs (asked of the API with one tiny request), then shows the import's progress with a way to
 * stop it; after a stop, a failure or a finished import, a way to carry on or look for more.
 */
export function CatalogueImport() {
  const progress = useCatalogueImport();
  const [asking, setAsking] = useState<Asking>('no');
  const estimate = async () => {
    setAsking('asking');
    const answer = await send({ type: 'catalogue-estimate' }).catch(() => null);
    setAsking(answer ?? 'unreachable');
  };
  const start = () => {
    setAsking('no');
    void send({ type: 'catalogue-start' });
  };
  const total = formatCount(progress.total);
  const done = formatCount(progress.done);

  if (progress.state === 'running')
    return (
      <div class="catalogue" data-testid="catalogue">
        <progress
          value={progress.done}
          max={Math.max(progress.total, progress.done, 1)}
          aria-label={t('catalogue_progress_label')}
        />
        <p class="catalogue__line" role="status" aria-live="polite">
          {progress.total ? t('catalogue_progress', done, total) : t('catalogue_starting')}{' '}
          <button type="button" class="button button--quiet" onClick={() => void send({ type: 'catalogue-cancel' })}>
            {t('catalogue_cancel')}
          </button>
        </p>
      </div>
    );
  return (
    <div class="catalogue" data-testid="catalogue">
      {progress.state === 'done' && (
        <p class="catalogue__line" role="status">
          {t('catalogue_done', total, formatDate(progress.updatedAt))}
        </p>
      )}
      {progress.state === 'cancelled' && (
        <p class="catalogue__line" role="status">
          {t('catalogue_cancelled', done, total)}
        </p>
      )}
      {progress.state === 'failed' && (
        <p class="catalogue__line" role="status">
          {t('catalogue_failed')}
        </p>
      )}
      {typeof asking === 'object' ? (
        <p class="catalogue__line" role="status">
          {t(
            'catalogue_estimate',
            formatCount(asking.talks),
            formatCount(asking.requests),
            formatFileSize(asking.downloadBytes),
            formatFileSize(asking.storageBytes),
          )}{' '}
          <button type="button" class="button" onClick={start}>
            {t('catalogue_import')}
          </button>{' '}
          <button type="button" class="button button--quiet" onClick={() => setAsking('no')}>
            {t('catalogue_not_now')}
          </button>
        </p>
      ) : progress.state === 'cancelled' || progress.state === 'failed' ? (
        <button type="button" class="button" onClick={start}>
          {t('catalogue_continue')}
        </button>
      ) : (
        <button type="button" class="button" disabled={asking === 'asking'} onClick={() => void estimate()}>
          {progress.state === 'done' ? t('catalogue_again') : t('catalogue_check')}
        </button>
      )}
      {asking === 'unreachable' && (
        <p class="catalogue__line" role="status">
          {t('catalogue_unreachable')}
        </p>
      )}
    </div>
  );
}
