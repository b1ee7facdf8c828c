import { browser, type Browser } from 'wxt/browser';
import { markTalksSeen, countNewTalks } from './archive';
import { refreshBadge } from './badge';
import { getDb } from './db';
import { isOwnExtensionPage, parseBackgroundRequest, type BackgroundRequest, type BackgroundResponses } from './messages';
import { POLL_ALARM, schedulePolling } from './poll-alarm';
import { feedUrlOf, loadSettings, onSettingsChanged } from './settings';
import { syncFeed, type SyncDeps } from './sync';
import { RelatedTalksService } from './related/service';
import { lookupSchedulePage } from './schedule/lookup';
import { isContentScriptOnPage, parseScheduleLookupRequest } from './schedule/lookup-request';
import { registerPermissionListeners, syncScheduleScriptRegistration } from './schedule/registration';

let related: RelatedTalksService | undefined;

/** One related-talks index per worker, created on first use (never at module load). */
function relatedTalks(): RelatedTalksService {
  related ??= new RelatedTalksService(getDb());
  return related;
}

/** Every poll keeps the related-talks index in step with what the merge changed. */
function syncDeps(): SyncDeps {
  return {
    db: getDb(),
    onMerged: (merge) => void relatedTalks().applyMerge(merge.changedIds, merge.archiveVersion).catch(logFailure('related index')),
  };
}

function logFailure(what: string) {
  return (error: unknown) => console.warn(`Aftertalk: ${what} failed`, error);
}

/** Install and browser start-up: make sure the alarm exists, then poll right away. */
export async function startPolling(): Promise<void> {
  const settings = await loadSettings();
  await schedulePolling(settings.pollMinutes);
  await syncFeed(syncDeps());
}

/**
 * Install and browser start-up: the runtime content script must match the hosts granted right
 * now, and the feed is polled right away.
 */
function onStart(): void {
  void syncScheduleScriptRegistration().catch(logFailure('content script registration'));
  void startPolling();
}

export function onAlarm(alarm: Browser.alarms.Alarm): void {
  if (alarm.name === POLL_ALARM) void syncFeed(syncDeps());
}

export function watchSettings(): void {
  onSettingsChanged((settings, previous) => {
    if (settings.pollMinutes !== previous.pollMinutes) void schedulePolling(settings.pollMinutes);
    if (feedUrlOf(settings) !== feedUrlOf(previous)) void syncFeed(syncDeps());
  });
}

async function handle(request: BackgroundRequest): Promise<BackgroundResponses[BackgroundRequest['type']]> {
  const db = getDb();
  switch (request.type) {
    case 'sync-now':
      return syncFeed(syncDeps());
    case 'talks-seen': {
      const marked = await markTalksSeen(db, request.ids);
      await refreshBadge(db);
      return { marked, newCount: await countNewTalks(db) };
    }
  }
}

/**
 * runtime.onMessage listener: archive commands only from our own pages; from content scripts
 * only a schedule lookup about the page they run on. Anything else is dropped unanswered.
 */
export function onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
  const lookup = parseScheduleLookupRequest(message);
  if (lookup) {
    if (!isContentScriptOnPage(sender, lookup.session, browser.runtime.id)) return undefined;
    return lookupSchedulePage({ db: getDb(), related: relatedTalks() }, lookup);
  }
  const request = parseBackgroundRequest(message);
  if (!request || !isOwnExtensionPage(sender)) return undefined;
  return handle(request);
}

export function registerBackgroundListeners(): void {
  // Registered synchronously at worker start so an MV3 worker woken by an alarm finds them.
  browser.runtime.onInstalled.addListener(onStart);
  browser.runtime.onStartup.addListener(onStart);
  registerPermissionListeners();
  browser.alarms.onAlarm.addListener(onAlarm);
  browser.runtime.onMessage.addListener(onMessage);
  watchSettings();
}
