import { saveSettings, type Settings } from '@/lib/personal/settings';
import { t } from '@/lib/i18n';
import { CatalogueImport } from './CatalogueImport';

/**
 * Options → "Older recordings": whether a schedule page whose talk is not in the archive may ask
 * media.ccc.de's archive (its public API) for the recording. Says what that sends, and to whom.
 */
export function OlderRecordings({ settings }: { settings: Settings }) {
  return (
    <section aria-labelledby="older-recordings">
      <h2 id="older-recordings">{t('options_older')}</h2>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.lookUpOlder}
          onChange={(e) => void saveSettings({ lookUpOlder: e.currentTarget.checked })}
        />
        <span>
          {t('options_older_look_up')}
          <small>{t('options_older_look_up_hint')}</small>
        </span>
      </label>
      <h3>{t('catalogue_heading')}</h3>
      <p class="hint">{t('catalogue_intro')}</p>
      <CatalogueImport />
    </section>
  );
}
