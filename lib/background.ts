import { browser, type Browser } from 'wxt/browser';
import { markTalksSeen, countNewTalks } from './archive';
import { refreshBadge } from './badge';
import { getDb } from './db';
import { isOwnExtensionPage, parseBackgroundRequest, type BackgroundRequest, type BackgroundResponses } from './messages';
import { POLL_ALARM, schedulePolling } from './poll-alarm';
import { feedUrlOf, loadSettings, onSettingsChanged } from './settings';
import { syncFeed } from './sync';

/** Install and browser start-up: make sure the alarm exists, then poll right away. */
export async function startPolling(): Promise<void> {
  const settings = await loadSettings();
  await schedulePolling(settings.pollMinutes);
  await syncFeed({ db: getDb() });
}

export function onAlarm(alarm: Browser.alarms.Alarm): void {
  if (alarm.name === POLL_ALARM) void syncFeed({ db: getDb() });
}

export function watchSettings(): void {
  onSettingsChanged((settings, previous) => {
    if (settings.pollMinutes !== previous.pollMinutes) void schedulePolling(settings.pollMinutes);
    if (feedUrlOf(settings) !== feedUrlOf(previous)) void syncFeed({ db: getDb() });
  });
}

async function handle(request: BackgroundRequest): Promise<BackgroundResponses[BackgroundRequest['type']]> {
  const db = getDb();
  switch (request.type) {
    case 'sync-now':
      return syncFeed({ db });
    case 'talks-seen': {
      const marked = await markTalksSeen(db, request.ids);
      await refreshBadge(db);
      return { marked, newCount: await countNewTalks(db) };
    }
  }
}

/** runtime.onMessage listener: answers only validated requests from our own pages. */
export function onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
  const request = parseBackgroundRequest(message);
  if (!request || !isOwnExtensionPage(sender)) return undefined;
  return handle(request);
}

export function registerBackgroundListeners(): void {
  // Registered synchronously at worker start so an MV3 worker woken by an alarm finds them.
  browser.runtime.onInstalled.addListener(() => void startPolling());
  browser.runtime.onStartup.addListener(() => void startPolling());
  browser.alarms.onAlarm.addListener(onAlarm);
  browser.runtime.onMessage.addListener(onMessage);
  watchSettings();
}
