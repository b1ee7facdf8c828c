/**
 * The first-run page, opened once on install: what Aftertalk does, what it reads and why, and
 * the first import's progress, so nobody wonders what the new icon is doing.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { describeSyncStatus } from '@/lib/ui/status-text';
import { REQUIRED_SCHEDULE_SITE_NAMES } from '@/lib/enrich/access/hosts';
import { useSyncStatus } from '@/lib/ui/use-sync-status';
import { CatalogueImport } from './CatalogueImport';
import { StatusBar } from './StatusBar';
import { t } from '@/lib/i18n';

export function Welcome() {
  const { status, progress, loaded } = useSyncStatus();
  const line = useMemo(() => describeSyncStatus(status, progress), [status, progress]);
  useEffect(() => {
    document.title = t('welcome_title');
  }, []);
  return (
    <main class="welcome">
      <h1>
        <img src="/icon/128.png" alt="" width={40} height={40} />
        {t('welcome_title')}
      </h1>
      <p class="lead">{t('welcome_lead')}</p>
      {loaded && <StatusBar line={line} />}

      <h2>{t('welcome_does')}</h2>
      <ul>
        <li>{t('welcome_does_feed')}</li>
        <li>{t('welcome_does_badge')}</li>
        <li>{t('welcome_does_schedule')}</li>
        <li>{t('welcome_does_lists')}</li>
      </ul>

      <h2>{t('welcome_access')}</h2>
      <table class="access">
        <tbody>
          <tr>
            <th scope="row">media.ccc.de</th>
            <td>{t('welcome_access_media')}</td>
          </tr>
          <tr>
            <th scope="row">{t('welcome_access_sites_head')}</th>
            <td>{t('welcome_access_sites', REQUIRED_SCHEDULE_SITE_NAMES.join(t('list_separator')))}</td>
          </tr>
          <tr>
            <th scope="row">{t('welcome_access_storage_head')}</th>
            <td>{t('welcome_access_storage')}</td>
          </tr>
          <tr>
            <th scope="row">{t('welcome_access_notifications_head')}</th>
            <td>{t('welcome_access_notifications')}</td>
          </tr>
        </tbody>
      </table>
      <p>{t('welcome_no_server')}</p>

      <h2>{t('options_older')}</h2>
      <p>{t('catalogue_intro')}</p>
      <CatalogueImport />

      <h2>{t('welcome_next')}</h2>
      <p>{t('welcome_pin')}</p>
      <div class="next">
        <a class="button" href="/options.html">
          {t('welcome_open_settings')}
        </a>
        <a class="button button--quiet" href="https://media.ccc.de/" target="_blank" rel="noopener noreferrer">
          {t('welcome_browse')}
        </a>
      </div>
    </main>
  );
}
