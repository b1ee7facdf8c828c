import { requestLivePermission, removeLivePermission } from '@/lib/live/permission';
import { saveSettings, type Settings } from '@/lib/personal/settings';
import { useLivePermission, useLiveState } from '@/lib/ui/use-live';
import { formatTime } from '@/lib/format';
import { t } from '@/lib/i18n';

/**
 * Options → "Live and ReLive": whether Aftertalk may ask the streaming hosts (an optional
 * permission, granted or given back here by a click), whose live talks the popup lists, and
 * whether "Notify me" also tells when a talk's ReLive is up.
 */
export function LiveSettings({ settings }: { settings: Settings }) {
  const [permitted, recheck] = useLivePermission();
  const live = useLiveState();
  return (
    <section aria-labelledby="live-settings" data-testid="live-settings">
      <h2 id="live-settings">{t('options_live_heading')}</h2>
      <p class="hint">{permitted ? t('options_live_on') : t('options_live_off')}</p>
      {permitted && live && (live.error || live.checkedAt > 0) && (
        <p class="status" role="status" data-testid="live-status">
          {live.error || t('options_live_checked', formatTime(live.checkedAt))}
        </p>
      )}
      <p>
        <button
          type="button"
          class="button"
          disabled={permitted === undefined}
          onClick={() => void (permitted ? removeLivePermission() : requestLivePermission()).then(recheck)}
        >
          {permitted ? t('options_live_stop') : t('options_live_allow')}
        </button>
      </p>
      <label class="field">
        {t('options_live_scope')}{' '}
        <select
          value={settings.liveScope}
          onChange={(e) => void saveSettings({ liveScope: e.currentTarget.value === 'all' ? 'all' : 'followed' })}
        >
          <option value="followed">{t('options_live_scope_followed')}</option>
          <option value="all">{t('options_live_scope_all')}</option>
        </select>
      </label>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.notifyRelive}
          onChange={(e) => void saveSettings({ notifyRelive: e.currentTarget.checked })}
        />
        <span>{t('options_notify_relive')}</span>
      </label>
    </section>
  );
}
