import { useEffect, useMemo, useState } from 'preact/hooks';
import { getDb } from '@/lib/archive/db';
import { requestFeedPermission } from '@/lib/poll/feed-permission';
import { isHttpUrl } from '@/lib/http-url';
import { formatCount } from '@/lib/format';
import { send } from '@/lib/messages';
import { countTalks } from '@/lib/ui/queries';
import { describeSyncStatus } from '@/lib/ui/status-text';
import {
  DEFAULT_SETTINGS,
  FEEDS,
  type FeedChoice,
  loadSettings,
  POLL_MINUTES_MAX,
  POLL_MINUTES_MIN,
  saveSettings,
  type Settings,
} from '@/lib/personal/settings';
import { isSyncRunning } from '@/lib/poll/status';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useSyncStatus } from '@/lib/ui/use-sync-status';
import { OlderRecordings } from './OlderRecordings';
import { LiveSettings } from './LiveSettings';
import { StatusBar } from './StatusBar';
import { ScheduleSites } from './ScheduleSites';
import { ConferenceSettings, LanguageSettings, NotificationSettings } from './AttentionSettings';
import { PersonalDataSection } from './PersonalDataSection';
import { usePersonal } from '@/lib/ui/use-personal';
import { t, tp } from '@/lib/i18n';

const INTERVALS = [5, 10, 15, 30, 60, 120, 360, 720, 1440];

function intervalLabel(minutes: number): string {
  return minutes < 60
    ? tp('interval_minutes', minutes, formatCount(minutes))
    : minutes === 60
      ? t('interval_hour')
      : minutes === 1440
        ? t('interval_day')
        : tp('interval_hours', minutes / 60, formatCount(minutes / 60));
}

/** The built-in feeds' names in the UI language (lib/personal/settings.ts keeps the English ones). */
function feedLabel(key: string, english: string): string {
  return key === 'hq' ? t('feed_hq') : key === 'lq' ? t('feed_lq') : key === 'audio' ? t('feed_audio') : english;
}

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [customUrl, setCustomUrl] = useState('');
  const [message, setMessage] = useState('');
  const { status, progress, loaded } = useSyncStatus();
  const total = useLiveQuery(() => countTalks(getDb()), [status.lastSuccessAt]);
  const line = useMemo(() => describeSyncStatus(status, progress), [status, progress]);
  const personal = usePersonal();

  useEffect(() => {
    void loadSettings().then((s) => {
      setSettings(s);
      setCustomUrl(s.customFeedUrl);
    });
  }, []);

  async function update(patch: Partial<Settings>) {
    setSettings(await saveSettings(patch));
    setMessage(t('options_saved'));
  }

  async function chooseFeed(feed: FeedChoice) {
    if (feed === 'custom') {
      setSettings({ ...(settings ?? DEFAULT_SETTINGS), feed });
      return;
    }
    await update({ feed });
  }

  async function saveCustomFeed(event: Event) {
    event.preventDefault();
    const url = customUrl.trim();
    if (!isHttpUrl(url)) {
      setMessage(t('options_feed_invalid'));
      return;
    }
    if (!(await requestFeedPermission(url))) {
      setMessage(t('options_feed_denied', new URL(url).host));
      return;
    }
    await update({ feed: 'custom', customFeedUrl: url });
  }

  useEffect(() => {
    document.title = t('options_title');
  }, []);

  if (!settings) return null;
  const choices: [FeedChoice, string, string][] = [
    ...Object.entries(FEEDS).map(
      ([key, feed]) => [key as FeedChoice, feedLabel(key, feed.label), feed.url] as [FeedChoice, string, string],
    ),
    ['custom', t('options_feed_custom'), t('options_feed_custom_hint')],
  ];
  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      <section>
        <h2>{t('options_feed')}</h2>
        <p class="hint">{t('options_feed_hint')}</p>
        {choices.map(([value, label, hint]) => (
          <label class="choice" key={value}>
            <input
              type="radio"
              name="feed"
              value={value}
              checked={settings.feed === value}
              onChange={() => void chooseFeed(value)}
            />
            <span>
              {label}
              <small>{hint}</small>
            </span>
          </label>
        ))}
        {settings.feed === 'custom' && (
          <form class="custom-feed" onSubmit={(e) => void saveCustomFeed(e)}>
            <input
              type="url"
              aria-label={t('options_feed_custom_label')}
              placeholder="https://media.ccc.de/c/…/podcast/mp4-hq.xml"
              value={customUrl}
              onInput={(e) => setCustomUrl(e.currentTarget.value)}
              required
            />
            <button class="button" type="submit">
              {t('options_feed_use')}
            </button>
          </form>
        )}
      </section>
      <section>
        <h2>{t('options_checking')}</h2>
        <label class="field">
          {t('options_check_the_feed')}{' '}
          <select
            aria-label={t('options_poll_interval')}
            value={String(settings.pollMinutes)}
            onChange={(e) => void update({ pollMinutes: Number(e.currentTarget.value) })}
          >
            {[...new Set([...INTERVALS, settings.pollMinutes])]
              .filter((m) => m >= POLL_MINUTES_MIN && m <= POLL_MINUTES_MAX)
              .sort((a, b) => a - b)
              .map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {intervalLabel(minutes)}
                </option>
              ))}
          </select>
        </label>
        <div class="check-now">
          <button
            class="button"
            type="button"
            disabled={isSyncRunning(status)}
            onClick={() => void send({ type: 'sync-now' })}
          >
            {t('options_check_now')}
          </button>
          {total !== undefined && <span class="hint">{tp('options_archive_count', total, formatCount(total))}</span>}
        </div>
        {loaded && <StatusBar line={line} />}
      </section>
      {personal && <NotificationSettings settings={personal.settings} />}
      {personal && <LanguageSettings settings={personal.settings} />}
      {personal && <ConferenceSettings personal={personal} />}
      {personal && <OlderRecordings settings={personal.settings} />}
      {personal && <LiveSettings settings={personal.settings} />}
      <ScheduleSites />
      <PersonalDataSection />
      <p class="saved" role="status" aria-live="polite">
        {message}
      </p>
    </main>
  );
}
