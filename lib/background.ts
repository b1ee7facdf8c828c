import { browser, type Browser } from 'wxt/browser';
import { markTalksSeen, countNewTalks } from './archive/merge';
import { refreshBadge } from './tell/badge';
import { getDb, type AftertalkDb } from './archive/db';
import {
  isOwnExtensionPage,
  parseBackgroundRequest,
  type BackgroundRequest,
  type BackgroundResponses,
} from './messages';
import { POLL_ALARM, schedulePolling } from './poll/alarm';
import { feedUrlOf, loadSettings, onSettingsChanged } from './personal/settings';
import { pollIfDue, syncFeed, type SyncDeps } from './poll/sync';
import { readSyncStatus, writeSyncProgress, writeSyncStatus, type SyncStatus } from './poll/status';
import { RelatedTalksService } from './enrich/related/service';
import {
  isContentScriptOnPage,
  isOwnContentScript,
  parseScheduleActionRequest,
  parseScheduleLookupRequest,
  parseScheduleWarmRequest,
} from './enrich/answer/lookup-request';
import { lookupWithMarks, runScheduleAction } from './enrich/answer/box-actions';
import { announceMerge } from './tell/announce';
import { warmFormats } from './format';
import { clearNewTalkNotices, targetOfNotice } from './tell/notifications';
import { safeHttpUrl } from './http-url';
import { onPersonalChanged, loadPersonal, updatePersonal } from './personal/store';
import { setStamped } from './personal/state';
import { pullFromSync, pushToSync, saveMirrorStatus } from './personal/sync-mirror';
import { settingsOf } from './personal/settings';
import { registerPermissionListeners, syncScheduleScriptRegistration } from './enrich/access/registration';

let related: RelatedTalksService | undefined;

/** One related-talks index per worker, created on first use (never at module load). */
function relatedTalks(): RelatedTalksService {
  related ??= new RelatedTalksService(getDb());
  return related;
}

let recovered: Promise<void> | undefined;

/**
 * A worker killed mid-sync (browser shutdown, Chrome stopping an idle worker) leaves
 * `running: true` and import progress behind, and the popup would say "Checking…" for minutes.
 * Nothing can be running when a worker starts, so the first poll of each worker clears them
 * before it writes its own status. (The archive itself needs no repair: the merge was one
 * transaction, so it landed whole or not at all, and the next poll redoes it.)
 */
function recoverFromInterruptedSync(): Promise<void> {
  recovered ??= (async () => {
    const status = await readSyncStatus();
    if (status.running) await writeSyncStatus({ running: false });
    await writeSyncProgress(null);
  })().catch(logFailure('recovering an interrupted sync'));
  return recovered;
}

/** Every poll of this worker: after the recovery above, and sharing the poll already running. */
async function poll(): Promise<SyncStatus> {
  await recoverFromInterruptedSync();
  return syncFeed(syncDeps());
}

/** Every poll keeps the related-talks index in step with what the merge changed. */
function syncDeps(): SyncDeps {
  return {
    db: getDb(),
    onMerged: async (merge) => {
      void relatedTalks().applyMerge(merge.changedIds, merge.archiveVersion).catch(logFailure('related index'));
      await announceMerge(getDb(), merge, Date.now());
    },
  };
}

function logFailure(what: string) {
  return (error: unknown) => console.warn(`Aftertalk: ${what} failed`, error);
}

/** Install and browser start-up: make sure the alarm exists, then poll right away. */
export async function startPolling(): Promise<void> {
  const settings = await loadSettings();
  await schedulePolling(settings.pollMinutes);
  await pollIfDue(poll);
}

/**
 * Install and browser start-up: the runtime content script must match the hosts granted right
 * now, and the feed is polled right away.
 */
function onStart(): void {
  void syncScheduleScriptRegistration().catch(logFailure('content script registration'));
  void exchangeWithOtherBrowsers().catch(logFailure('sync'));
  void startPolling();
}

export function onAlarm(alarm: Browser.alarms.Alarm): void {
  if (alarm.name !== POLL_ALARM) return;
  // While backing off from a failing server, an alarm before the next try time asks nothing.
  void pollIfDue(poll);
  // Catches up on a push a killed worker never made (an unchanged state writes nothing).
  void exchangeWithOtherBrowsers().catch(logFailure('sync'));
}

/**
 * Personal state to and from `storage.sync` (lib/personal/sync-mirror.ts): what other browsers
 * wrote is merged first, so a push never overwrites their newer entries.
 */
async function exchangeWithOtherBrowsers(): Promise<void> {
  await pullFromSync();
  await saveMirrorStatus(await pushToSync(await loadPersonal()));
}

let pushTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Local changes go to `storage.sync` a moment later, batched: a burst of clicks is one write
 * (storage.sync allows 120 writes a minute).
 */
function schedulePush(): void {
  clearTimeout(pushTimer);
  pushTimer = setTimeout(() => void exchangeWithOtherBrowsers().catch(logFailure('sync push')), 1500);
}

function watchPersonalState(): void {
  onPersonalChanged(() => {
    void refreshBadge(getDb()).catch(logFailure('badge'));
    schedulePush();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && Object.keys(changes).some((key) => key.startsWith('ps:'))) void pullFromSync();
  });
}

/** A click on a notice opens what it announced: the talk's recording, or the new-talks list. */
export async function onNotificationClicked(noticeId: string, db: AftertalkDb = getDb()): Promise<void> {
  const target = targetOfNotice(noticeId);
  if (!target) return;
  await browser.notifications.clear(noticeId);
  if (target.kind === 'new-talks') {
    await openNewTalkList();
    return;
  }
  const url = safeHttpUrl((await db.talks.get(target.talkId))?.url);
  if (!url) return;
  await browser.tabs.create({ url });
  await markTalksSeen(db, [target.talkId]);
  await refreshBadge(db);
  const state = await loadPersonal();
  if (settingsOf(state).markWatchedOnOpen)
    await updatePersonal((draft, now) => setStamped(draft.watched, target.talkId, 1, now));
}

/** The popup lists new talks first; where a browser does not let us open it, it opens as a tab. */
async function openNewTalkList(): Promise<void> {
  try {
    await (browser.action as unknown as { openPopup(): Promise<void> }).openPopup();
  } catch {
    await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
  }
}

export function watchSettings(): void {
  onSettingsChanged((settings, previous) => {
    if (settings.pollMinutes !== previous.pollMinutes) void schedulePolling(settings.pollMinutes);
    if (feedUrlOf(settings) !== feedUrlOf(previous)) void poll();
  });
}

async function handle(request: BackgroundRequest): Promise<BackgroundResponses[BackgroundRequest['type']]> {
  const db = getDb();
  switch (request.type) {
    case 'sync-now':
      return poll();
    case 'hello':
      await recoverFromInterruptedSync();
      return readSyncStatus();
    case 'talks-seen': {
      const marked = await markTalksSeen(db, request.ids);
      await refreshBadge(db);
      if (request.ids === 'all') await clearNewTalkNotices().catch(logFailure('clearing notifications'));
      return { marked, newCount: await countNewTalks(db) };
    }
  }
}

/**
 * runtime.onMessage listener: archive commands only from our own pages; from content scripts
 * only a warm-up, and a schedule lookup or box action about the page they run on. Anything else is dropped unanswered.
 */
export function onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
  if (parseScheduleWarmRequest(message)) {
    if (!isOwnContentScript(sender, browser.runtime.id)) return undefined;
    // The page's lookup follows in a moment; a failure here shows again there, with its message.
    // The index's snapshot is read first, and while that read is in flight the box's dates and
    // sizes get their formats (the background formats them, lib/enrich/answer/talk-card.ts): a fresh
    // worker's first Intl format costs 30 to 60 ms, better paid while the page still loads.
    const warming = relatedTalks().warm();
    warmFormats();
    return warming.then(
      () => true,
      () => false,
    );
  }
  const lookup = parseScheduleLookupRequest(message);
  if (lookup) {
    if (!isContentScriptOnPage(sender, lookup.session, browser.runtime.id)) return undefined;
    return lookupWithMarks({ db: getDb(), related: relatedTalks() }, lookup);
  }
  const action = parseScheduleActionRequest(message);
  if (action) {
    if (!isContentScriptOnPage(sender, action.session, browser.runtime.id)) return undefined;
    return runScheduleAction({ db: getDb(), related: relatedTalks() }, action);
  }
  const request = parseBackgroundRequest(message);
  if (!request || !isOwnExtensionPage(sender)) return undefined;
  return handle(request);
}

export function registerBackgroundListeners(): void {
  void recoverFromInterruptedSync();
  // Registered synchronously at worker start so an MV3 worker woken by an alarm finds them.
  browser.runtime.onInstalled.addListener((details) => {
    onStart();
    // Once, on a fresh install: what Aftertalk does and what it accesses (not on updates).
    if (details.reason === 'install')
      void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }).catch(logFailure('welcome page'));
  });
  browser.runtime.onStartup.addListener(onStart);
  registerPermissionListeners();
  browser.alarms.onAlarm.addListener(onAlarm);
  browser.runtime.onMessage.addListener(onMessage);
  browser.notifications.onClicked.addListener(
    (id) => void onNotificationClicked(id).catch(logFailure('notification click')),
  );
  watchSettings();
  watchPersonalState();
}
