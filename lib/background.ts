/**
 * The background worker's wiring: the composition root of the three jobs. It registers the
 * listeners, answers the message table (lib/messages.ts) with one handler per message, and
 * decides who is told after a poll (the badge, notifications, the related-talks index), so that
 * poll/ fills the archive without knowing tell/ or enrich/.
 *
 * MV3 rules kept here: nothing runs at module load, and every listener is registered
 * synchronously when the worker starts, so a worker woken by an alarm or a message finds it.
 */
import { browser, type Browser } from 'wxt/browser';
import { getDb } from './archive/db';
import { countNewTalks, markTalksSeen, type MergeResult } from './archive/merge';
import { lookupWithMarks, runScheduleAction } from './enrich/answer/box-actions';
import { registerPermissionListeners, syncScheduleScriptRegistration } from './enrich/access/registration';
import { RelatedTalksService } from './enrich/related/service';
import { warmFormats } from './format';
import {
  cancelCatalogue,
  estimateCatalogue,
  readCatalogueImport,
  resumeCatalogue,
  startCatalogue,
} from './history/catalogue';
import { reachBack } from './history/reach-back';
import { searchAll } from './history/search-all';
import { parseMessage, senderMayAsk, type AnswerOf, type Message, type MessageType, type RequestOf } from './messages';
import { feedUrlOf, loadSettings, onSettingsChanged } from './personal/settings';
import { loadPlayerSources } from './player/load';
import { onPersonalChanged } from './personal/store';
import { exchangeWithOtherBrowsers, pullFromSync, schedulePush } from './personal/sync-mirror';
import { POLL_ALARM, schedulePolling } from './poll/alarm';
import { readSyncStatus, writeSyncProgress, writeSyncStatus, type SyncStatus } from './poll/status';
import { pollIfDue, syncFeed, type SyncDeps } from './poll/sync';
import { announceMerge } from './tell/announce';
import { refreshBadge } from './tell/badge';
import { onNotificationClicked } from './tell/notification-click';
import { clearNewTalkNotices } from './tell/notifications';
import { announceRelive } from './tell/relive';
import { withLivePart } from './enrich/answer/live-part';
import type { ScheduleLookupResult, SessionQuery } from './enrich/lookup-types';
import { checkLive, forgetLive, LIVE_ALARM, notePageOpen, type LiveContext } from './live/service';
import type { LiveReason } from './live/policy';
import { readLiveState } from './live/store';
import { hasLivePermission, LIVE_ORIGINS } from './live/permission';
import { audienceOf } from './personal/audience';
import { loadPersonal } from './personal/store';
import { settingsOf } from './personal/settings';

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
  return pollAndTell(syncDeps());
}

/**
 * One poll, then the badge: after every poll, whatever it brought, because the browser forgets
 * the badge on restart and the start-up poll puts it back. A failed badge fails no poll.
 */
export async function pollAndTell(deps: SyncDeps): Promise<SyncStatus> {
  const status = await syncFeed(deps);
  await refreshBadge(deps.db).catch(logFailure('badge'));
  return status;
}

/** Every merge keeps the related-talks index in step and announces what is new. */
function syncDeps(): SyncDeps {
  return {
    db: getDb(),
    onMerged: async (merge) => {
      void relatedTalks().applyMerge(merge.changedIds, merge.archiveVersion).catch(logFailure('related index'));
      await announceMerge(getDb(), merge, Date.now());
    },
  };
}

/** Every history merge joins the related-talks index like a sync's talks do; it never tells anyone. */
async function indexHistory(merge: MergeResult): Promise<void> {
  await relatedTalks().applyMerge(merge.changedIds, merge.archiveVersion);
}

/**
 * The whole-catalogue import carries on in this worker when one is running: at start-up, when a
 * page opens, and on its own alarm while it runs (Chrome stops an idle worker mid-import).
 */
const CATALOGUE_ALARM = 'history-catalogue';

async function continueCatalogue(): Promise<void> {
  const current = await readCatalogueImport();
  if (current.state !== 'running') {
    await browser.alarms.clear(CATALOGUE_ALARM);
    return;
  }
  await browser.alarms.create(CATALOGUE_ALARM, { periodInMinutes: 1 });
  const after = await resumeCatalogue({ db: getDb(), onMerged: indexHistory });
  if (after.state !== 'running') await browser.alarms.clear(CATALOGUE_ALARM);
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
  void continueCatalogue().catch(logFailure('catalogue import'));
}

/** What the live job needs to know of the user and the archive (lib/live/service.ts). */
async function liveContext(): Promise<LiveContext> {
  // Every schedule-page lookup asks this: without the streaming hosts, nothing else is read.
  if (!(await hasLivePermission()))
    return { permitted: false, followed: new Set(), scopeAll: false, newestTalks: async () => new Map() };
  const personal = await loadPersonal();
  const settings = settingsOf(personal);
  return {
    permitted: true,
    followed: audienceOf(personal, settings).followed,
    scopeAll: settings.liveScope === 'all',
    newestTalks: async (names) => {
      const newest = new Map<string, number>();
      for (const name of names.slice(0, 30)) {
        const dates = await getDb()
          .talks.where('conference')
          .equals(name)
          .toArray((talks) => talks.map((talk) => talk.date));
        if (dates.length) newest.set(name, Math.max(...dates));
      }
      return newest;
    },
  };
}

/** One live check when due, then the ReLive notices it may have made due. */
async function runLive(reason: LiveReason, context?: LiveContext): Promise<void> {
  const before = (await readLiveState()).lastAttemptAt;
  const state = await checkLive(reason, context ?? (await liveContext()));
  if (state.lastAttemptAt !== before) await announceRelive(Date.now());
}

/**
 * A woken worker reads its related-talks index this long after a schedule page woke it, when the
 * page's lookup has not started the read before (a page whose HTML is still arriving).
 */
const RELATED_WARM_AFTER_MS = 300;

/** How long a schedule page's first answer waits for a live check its opening started. */
const LIVE_WAIT_MS = 4000;

/**
 * A schedule page of a conference opened: while the user allows the streaming hosts, its
 * conference counts as wanted, and a check that this makes due runs before the answer (at most
 * `LIVE_WAIT_MS`; the box shows what the check brought on the page's next lookup otherwise).
 */
async function noteSchedulePage(session: SessionQuery): Promise<void> {
  if (!session.event) return;
  const context = await liveContext();
  if (!context.permitted) return;
  await notePageOpen(session.event, Date.now());
  const check = runLive('page', context).catch(logFailure('live check'));
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([check, new Promise((resolve) => (timer = setTimeout(resolve, LIVE_WAIT_MS)))]);
  clearTimeout(timer);
}

/** The box's answer with its live line (from the live state; no request). */
async function withLive(
  session: SessionQuery,
  answer: Promise<ScheduleLookupResult | null>,
  noting: Promise<void> = Promise.resolve(),
): Promise<ScheduleLookupResult | null> {
  // The live state is read while the lookup runs (after a live check the page's opening made
  // due, which may change it), not after it: one storage read less on the box's wait.
  const live = noting
    .catch(logFailure('live check'))
    .then(() => readLiveState())
    .catch((error: unknown) => {
      logFailure('live line')(error);
      return null;
    });
  const [result, state] = await Promise.all([answer, live]);
  if (!state) return result;
  try {
    return withLivePart(result, session, state, Date.now());
  } catch (error) {
    logFailure('live line')(error);
    return result;
  }
}

export function onAlarm(alarm: Browser.alarms.Alarm): void {
  if (alarm.name === LIVE_ALARM) void runLive('alarm').catch(logFailure('live check'));
  if (alarm.name === CATALOGUE_ALARM) void continueCatalogue().catch(logFailure('catalogue import'));
  if (alarm.name !== POLL_ALARM) return;
  // While backing off from a failing server, an alarm before the next try time asks nothing.
  void pollIfDue(poll);
  // Catches up on a push a killed worker never made (an unchanged state writes nothing).
  void exchangeWithOtherBrowsers().catch(logFailure('sync'));
}

/** The user's lists changed (here, in a page, or in another browser): badge and storage.sync follow. */
function watchPersonalState(): void {
  onPersonalChanged(() => {
    void refreshBadge(getDb()).catch(logFailure('badge'));
    schedulePush(logFailure('sync push'));
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && Object.keys(changes).some((key) => key.startsWith('ps:'))) void pullFromSync();
  });
}

export function watchSettings(): void {
  onSettingsChanged((settings, previous) => {
    if (settings.pollMinutes !== previous.pollMinutes) void schedulePolling(settings.pollMinutes);
    if (feedUrlOf(settings) !== feedUrlOf(previous)) void poll();
  });
}

/** One handler per message of the table; the sender and the payload were checked before. */
const HANDLERS: { [K in MessageType]: (request: RequestOf<K>) => Promise<AnswerOf<K>> } = {
  hello: async () => {
    await recoverFromInterruptedSync();
    void continueCatalogue().catch(logFailure('catalogue import'));
    void runLive('popup').catch(logFailure('live check'));
    return readSyncStatus();
  },
  'sync-now': () => poll(),
  'talks-seen': async ({ ids }) => {
    const db = getDb();
    const marked = await markTalksSeen(db, ids);
    await refreshBadge(db);
    if (ids === 'all') await clearNewTalkNotices().catch(logFailure('clearing notifications'));
    return { marked, newCount: await countNewTalks(db) };
  },
  'catalogue-estimate': () => estimateCatalogue().catch(() => null),
  'catalogue-start': async () => {
    const started = await startCatalogue();
    void continueCatalogue().catch(logFailure('catalogue import'));
    return started;
  },
  'catalogue-cancel': () => cancelCatalogue(),
  'history-search': async ({ query }) => {
    const { answer, merge } = await searchAll({ db: getDb() }, query);
    // The hits join the related-talks index like a page's history does; the popup does not wait
    // for that (the index heals itself on its next use if this fails), and no one is told.
    if (merge?.changedIds.length) void indexHistory(merge).catch(logFailure('related index'));
    return answer;
  },
  'player-sources': ({ talkId }) => loadPlayerSources({ db: getDb() }, talkId),
  'schedule-warm': () => {
    // The page's lookup follows in a moment; a failure here shows again there. The box's dates and
    // sizes get their formats now (the background formats them, lib/enrich/answer/talk-card.ts): a
    // fresh worker's first Intl format costs 30 to 60 ms, better paid while the page still loads.
    // The related-talks index is read after the lookup's first answer (lib/enrich/answer/lookup.ts),
    // or here when no lookup has come by then (a page still loading): its snapshot would otherwise
    // arrive in the middle of that answer.
    warmFormats();
    // The archive's connection too (Dexie opens it on the first query, checking its version and
    // tables): the lookup then starts with its reads.
    void getDb()
      .open()
      .catch(() => undefined);
    setTimeout(() => void relatedTalks().warm().catch(logFailure('related index')), RELATED_WARM_AFTER_MS);
    return Promise.resolve(true);
  },
  'schedule-lookup': (request) =>
    withLive(
      request.session,
      lookupWithMarks({ db: getDb(), related: relatedTalks() }, request),
      noteSchedulePage(request.session),
    ),
  'schedule-history': async ({ session }) => {
    const db = getDb();
    const { merges } = await reachBack({ db }, session);
    for (const merge of merges) await indexHistory(merge);
    return withLive(
      session,
      lookupWithMarks({ db, related: relatedTalks() }, { type: 'schedule-lookup', session, onlyIfKnownUrl: false }),
    );
  },
  'schedule-action': (request) =>
    withLive(request.session, runScheduleAction({ db: getDb(), related: relatedTalks() }, request)),
};

/**
 * runtime.onMessage listener: a message of the table, from the sender class its entry demands
 * (lib/messages.ts), goes to its handler. Anything else is dropped unanswered.
 */
export function onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
  const request = parseMessage(message);
  if (!request || !senderMayAsk(request, sender)) return undefined;
  return (HANDLERS[request.type] as (request: Message) => Promise<unknown>)(request);
}

export function registerBackgroundListeners(): void {
  void recoverFromInterruptedSync();
  browser.runtime.onInstalled.addListener((details) => {
    onStart();
    // Once, on a fresh install: what Aftertalk does and what it accesses (not on updates).
    if (details.reason === 'install')
      void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }).catch(logFailure('welcome page'));
  });
  browser.runtime.onStartup.addListener(onStart);
  registerPermissionListeners();
  // The user just allowed the streaming hosts (popup or options): look at once.
  browser.permissions.onAdded.addListener((permissions) => {
    if (permissions.origins?.some((origin) => LIVE_ORIGINS.includes(origin)))
      void runLive('granted').catch(logFailure('live check'));
  });
  browser.permissions.onRemoved.addListener((permissions) => {
    if (permissions.origins?.some((origin) => LIVE_ORIGINS.includes(origin)))
      void forgetLive().catch(logFailure('forgetting the live state'));
  });
  browser.alarms.onAlarm.addListener(onAlarm);
  browser.runtime.onMessage.addListener(onMessage);
  browser.notifications.onClicked.addListener(
    (id) => void onNotificationClicked(id).catch(logFailure('notification click')),
  );
  watchSettings();
  watchPersonalState();
}
