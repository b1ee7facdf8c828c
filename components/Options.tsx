import { useEffect, useMemo, useState } from 'preact/hooks';
import { getDb } from '@/lib/db';
import { requestFeedPermission } from '@/lib/feed-permission';
import { isHttpUrl } from '@/lib/http-url';
import { formatCount } from '@/lib/format';
import { sendToBackground } from '@/lib/messages';
import { countTalks } from '@/lib/popup/queries';
import { describeSyncStatus } from '@/lib/popup/status-text';
import { DEFAULT_SETTINGS, FEEDS, type FeedChoice, loadSettings, POLL_MINUTES_MAX, POLL_MINUTES_MIN, saveSettings, type Settings } from '@/lib/settings';
import { isSyncRunning } from '@/lib/sync-status';
import { useLiveQuery } from '@/lib/use-live-query';
import { useSyncStatus } from '@/lib/use-sync-status';
import { StatusBar } from './StatusBar';
import { ScheduleSites } from './ScheduleSites';
import { ConferenceSettings, LanguageSettings, NotificationSettings } from './AttentionSettings';
import { PersonalDataSection } from './PersonalDataSection';
import { usePersonal } from '@/lib/use-personal';

const INTERVALS = [5, 10, 15, 30, 60, 120, 360, 720, 1440];

function intervalLabel(minutes: number): string {
  return minutes < 60 ? `every ${minutes} minutes` : minutes === 60 ? 'every hour' : minutes === 1440 ? 'once a day' : `every ${minutes / 60} hours`;
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
    setMessage('Saved.');
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
      setMessage('Enter a feed address that starts with https:// or http://.');
      return;
    }
    if (!(await requestFeedPermission(url))) {
      setMessage(`Aftertalk needs access to ${new URL(url).host} to read that feed; the feed was not changed.`);
      return;
    }
    await update({ feed: 'custom', customFeedUrl: url });
  }

  if (!settings) return null;
  const choices: [FeedChoice, string, string][] = [
    ...Object.entries(FEEDS).map(([key, feed]) => [key as FeedChoice, feed.label, feed.url] as [FeedChoice, string, string]),
    ['custom', 'Another feed in the same format', 'for example one conference: https://media.ccc.de/c/39c3/podcast/mp4-hq.xml'],
  ];
  return (
    <main class="options">
      <h1>Aftertalk settings</h1>
      <section>
        <h2>Feed</h2>
        <p class="hint">Aftertalk keeps every talk it has seen, also after it leaves the feed's twelve-month window.</p>
        {choices.map(([value, label, hint]) => (
          <label class="choice" key={value}>
            <input type="radio" name="feed" value={value} checked={settings.feed === value} onChange={() => void chooseFeed(value)} />
            <span>
              {label}
              <small>{hint}</small>
            </span>
          </label>
        ))}
        {settings.feed === 'custom' && (
          <form class="custom-feed" onSubmit={(e) => void saveCustomFeed(e)}>
            <input type="url" aria-label="Custom feed address" placeholder="https://media.ccc.de/c/…/podcast/mp4-hq.xml" value={customUrl} onInput={(e) => setCustomUrl(e.currentTarget.value)} required />
            <button class="button" type="submit">
              Use this feed
            </button>
          </form>
        )}
      </section>
      <section>
        <h2>Checking for new talks</h2>
        <label class="field">
          Check the feed{' '}
          <select aria-label="Poll interval" value={String(settings.pollMinutes)} onChange={(e) => void update({ pollMinutes: Number(e.currentTarget.value) })}>
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
          <button class="button" type="button" disabled={isSyncRunning(status)} onClick={() => void sendToBackground({ type: 'sync-now' })}>
            Check now
          </button>
          {total !== undefined && <span class="hint">{formatCount(total)} talks in the archive</span>}
        </div>
        {loaded && <StatusBar line={line} />}
      </section>
      {personal && <NotificationSettings settings={personal.settings} />}
      {personal && <LanguageSettings settings={personal.settings} />}
      {personal && <ConferenceSettings personal={personal} />}
      <ScheduleSites />
      <PersonalDataSection />
      <p class="saved" role="status" aria-live="polite">
        {message}
      </p>
    </main>
  );
}
