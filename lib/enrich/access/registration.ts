import { browser, type Browser } from 'wxt/browser';
import {
  hostOfOriginPattern,
  isRequiredScheduleHost,
  isValidPatternHost,
  NEVER_SCHEDULE_HOSTS,
  originPatternFor,
  SCHEDULE_RUN_AT,
} from './hosts';

/**
 * Opt-in schedule sites: every schedule host outside REQUIRED_SCHEDULE_HOSTS is enabled by a
 * permission request for `*://<host>/*` (from a click in the popup or the options page), after
 * which the same content script file the manifest declares for the required hosts is registered
 * at runtime for all granted hosts, under one id. The granted permissions are the only state:
 * `syncScheduleScriptRegistration` derives the registration from them, at start-up and whenever
 * permissions change, so the two cannot drift apart for long.
 */

export const OPTIONAL_SCRIPT_ID = 'aftertalk-schedule-optional';
/** The WXT output of entrypoints/schedule.content.ts, relative to the extension root. */
export const SCHEDULE_SCRIPT_FILE = 'content-scripts/schedule.js';

export interface ScheduleRegistrationResult {
  /** The hosts the optional content script is now registered for (sorted; empty = unregistered). */
  hosts: string[];
  /** Set when the browser refused a step; the registration may then be stale until the next sync. */
  error?: string;
  /** Granted hosts the browser refused as match patterns; the script runs on the others. */
  refused?: string[];
}

type RegisteredContentScript = Browser.scripting.RegisteredContentScript;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The hosts of granted origin patterns that are optional schedule sites: not a required host, not
 * media.ccc.de, not a wildcard (all hosts, `*.x.org`, `<all_urls>`), sorted and unique.
 *
 * Any http/https/`*` pattern counts, not only the `*://<host>/*` Aftertalk requests itself: a host
 * the user granted through the browser's own site-access menu is meant the same way. A custom
 * feed host (lib/poll/feed-permission.ts, `https://<host>/*`) therefore gets the script too; that is
 * harmless, as the content script does nothing on pages that are not schedule pages.
 */
export async function grantedOptionalHosts(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  const hosts = new Set<string>();
  for (const origin of origins) {
    const host = hostOfOriginPattern(origin);
    if (host && isValidPatternHost(host) && !isRequiredScheduleHost(host) && host !== 'media.ccc.de') hosts.add(host);
  }
  return [...hosts].sort();
}

function scriptFor(hosts: string[], persist: boolean): RegisteredContentScript {
  return {
    id: OPTIONAL_SCRIPT_ID,
    js: [SCHEDULE_SCRIPT_FILE],
    matches: hosts.map(originPatternFor),
    runAt: SCHEDULE_RUN_AT,
    persistAcrossSessions: persist,
    allFrames: false,
  };
}

/** Browsers may report paths with a leading slash; compare them without. */
const samePath = (a: string, b: string) => a.replace(/^\//, '') === b.replace(/^\//, '');

function isUpToDate(current: RegisteredContentScript, wanted: RegisteredContentScript): boolean {
  const have = [...(current.matches ?? [])].sort();
  const want = [...(wanted.matches ?? [])].sort();
  const js = current.js ?? [];
  return (
    have.length === want.length &&
    have.every((pattern, i) => pattern === want[i]) &&
    js.length === 1 &&
    samePath(js[0]!, SCHEDULE_SCRIPT_FILE) &&
    (current.runAt ?? 'document_idle') === SCHEDULE_RUN_AT &&
    !current.allFrames
  );
}

async function currentRegistration(): Promise<RegisteredContentScript | undefined> {
  const scripts = await browser.scripting.getRegisteredContentScripts({ ids: [OPTIONAL_SCRIPT_ID] });
  return scripts.find((script) => script.id === OPTIONAL_SCRIPT_ID);
}

/**
 * Firefox before 105 (and some forks) refuse `persistAcrossSessions: true`. A session-only
 * registration is fine there: the background re-syncs at every start-up.
 */
const isPersistRefusal = (error: unknown) => /persist/i.test(errorText(error));

async function register(hosts: string[]): Promise<void> {
  try {
    await browser.scripting.registerContentScripts([scriptFor(hosts, true)]);
  } catch (error) {
    if (!isPersistRefusal(error)) throw error;
    await browser.scripting.registerContentScripts([scriptFor(hosts, false)]);
  }
}

async function update(hosts: string[]): Promise<void> {
  try {
    await browser.scripting.updateContentScripts([scriptFor(hosts, true)]);
  } catch (error) {
    if (!isPersistRefusal(error)) throw error;
    await browser.scripting.updateContentScripts([scriptFor(hosts, false)]);
  }
}

/** One attempt to bring the registration in line with `hosts`. */
async function applyOnce(hosts: string[]): Promise<void> {
  const current = await currentRegistration();
  if (hosts.length === 0) {
    if (current) await browser.scripting.unregisterContentScripts({ ids: [OPTIONAL_SCRIPT_ID] });
    return;
  }
  if (!current) await register(hosts);
  else if (!isUpToDate(current, scriptFor(hosts, true))) await update(hosts);
}

async function runSync(): Promise<ScheduleRegistrationResult> {
  let hosts: string[];
  try {
    hosts = await grantedOptionalHosts();
  } catch (error) {
    console.warn('Aftertalk: could not read the granted permissions', error);
    return { hosts: [], error: errorText(error) };
  }
  try {
    await applyOnce(hosts);
  } catch (first) {
    // Another context (popup, options, background) may have changed the registration between
    // our read and our write ("Duplicate script ID", "Nonexistent script ID"): read again, once.
    try {
      await applyOnce(hosts);
    } catch (error) {
      console.warn('Aftertalk: could not register the schedule script for', hosts, error, first);
      const partial = await withoutRefusedHosts(hosts);
      if (partial) return { ...partial, error: errorText(error) };
      const current = await currentRegistration().catch(() => undefined);
      const registered = (current?.matches ?? []).map(hostOfOriginPattern).filter((h): h is string => !!h);
      return { hosts: [...new Set(registered)].sort(), error: errorText(error) };
    }
  }
  return { hosts };
}

const PROBE_ID = `${OPTIONAL_SCRIPT_ID}-probe`;

/**
 * One host the browser refuses makes it refuse the whole registration. After a failure, try each
 * host alone under a throw-away, session-only id and register the ones that pass. Null when that
 * does not help (all pass or none does, or the registration still fails).
 */
async function withoutRefusedHosts(hosts: string[]): Promise<{ hosts: string[]; refused: string[] } | null> {
  if (hosts.length < 2) return null;
  const unprobe = () => browser.scripting.unregisterContentScripts({ ids: [PROBE_ID] }).catch(() => undefined);
  await unprobe();
  const accepted: string[] = [];
  for (const host of hosts) {
    try {
      await browser.scripting.registerContentScripts([{ ...scriptFor([host], false), id: PROBE_ID }]);
      accepted.push(host);
      await unprobe();
    } catch {
      // refused: left out
    }
  }
  if (accepted.length === 0 || accepted.length === hosts.length) return null;
  try {
    await applyOnce(accepted);
  } catch {
    return null;
  }
  return { hosts: accepted, refused: hosts.filter((host) => !accepted.includes(host)) };
}

/** The end of the chain of syncs of this context. */
let tail: Promise<unknown> = Promise.resolve();
/** A sync that is queued but has not started yet; later callers share it. */
let pending: Promise<ScheduleRegistrationResult> | null = null;

/**
 * Makes the runtime registration match the granted optional hosts exactly: registers, updates or
 * unregisters the one script with id OPTIONAL_SCRIPT_ID. Never throws; a failure is logged and
 * returned in `error`.
 *
 * Calls within one context are serialised: a sync starts only after the previous one finished,
 * and every call made before a queued sync starts shares it (it reads the permissions when it
 * starts, so it sees the final state of a burst of onAdded/onRemoved events). Calls from
 * different contexts can still interleave; a refused write is therefore retried once after
 * reading the registration again.
 */
export function syncScheduleScriptRegistration(): Promise<ScheduleRegistrationResult> {
  if (pending) return pending;
  const next = tail.then(() => {
    pending = null;
    return runSync();
  });
  pending = next;
  tail = next.catch(() => undefined);
  return next;
}

/**
 * Enables schedule sites. Call it directly in a click handler of an extension page: the
 * permission request is the first thing it does, synchronously, so it stays inside the user
 * gesture (no `await` may come before it, in here or in the caller).
 *
 * Returns whether the browser granted the hosts. Firefox closes the popup when it shows the
 * permission prompt, so from the popup the code after the request may never run there; the
 * background's `permissions.onAdded` listener (registerPermissionListeners) syncs and injects
 * into open tabs of the new hosts in that case.
 */
export async function enableScheduleHosts(hosts: string[]): Promise<boolean> {
  const origins = [...new Set(hosts.filter(isValidPatternHost).map(originPatternFor))];
  if (origins.length === 0) return false;
  let granted: boolean;
  try {
    granted = await browser.permissions.request({ origins });
  } catch (error) {
    console.warn('Aftertalk: permission request failed', origins, error);
    return false;
  }
  // The background's permissions.onAdded listener syncs too; syncing here as well means the
  // registration is in place when the caller says "Enabled" (the sync is idempotent, never
  // throws, and a race between the two contexts is retried inside it).
  if (granted) await syncScheduleScriptRegistration();
  return granted;
}

/** Withdraws the permission for one optional schedule host and drops it from the registration. */
export async function disableScheduleHost(host: string): Promise<boolean> {
  let removed: boolean;
  try {
    removed = await browser.permissions.remove({ origins: [originPatternFor(host)] });
  } catch (error) {
    console.warn('Aftertalk: could not remove the permission for', host, error);
    removed = false;
  }
  await syncScheduleScriptRegistration();
  return removed;
}

/**
 * Runs the schedule content script in one tab right away, so a page the user just enabled gets
 * the box without a reload. The registered script will also run there on the next load, and the
 * background may inject too: the content script itself must ignore a second run in the same page.
 */
export async function injectIntoTab(tabId: number): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId },
    // The typed public paths come from `wxt prepare` and only list this file once the
    // schedule.content.ts entrypoint exists.
    files: [SCHEDULE_SCRIPT_FILE] as never[],
  });
}

/** Injects into every open tab of the given hosts; failures (discarded tabs, error pages) are skipped. */
export async function injectIntoOpenTabs(hosts: string[]): Promise<number> {
  const patterns = hosts.filter(isValidPatternHost).map(originPatternFor);
  if (patterns.length === 0) return 0;
  let tabs: Browser.tabs.Tab[];
  try {
    tabs = await browser.tabs.query({ url: patterns });
  } catch (error) {
    console.warn('Aftertalk: could not list the tabs of', hosts, error);
    return 0;
  }
  const results = await Promise.allSettled(
    tabs.filter((tab) => tab.id !== undefined).map((tab) => injectIntoTab(tab.id!)),
  );
  return results.filter((r) => r.status === 'fulfilled').length;
}

function optionalHostsOf(permissions: Browser.permissions.Permissions): string[] {
  return (permissions.origins ?? [])
    .map(hostOfOriginPattern)
    .filter(
      (host): host is string =>
        !!host && isValidPatternHost(host) && !isRequiredScheduleHost(host) && !NEVER_SCHEDULE_HOSTS.includes(host),
    );
}

let listening = false;

/**
 * For the background: keeps the registration in sync with permission changes from any source
 * (our pages, the browser's extension settings, Chrome's site-access menu). After a grant it also
 * injects into tabs already open on the new hosts, because from the popup in Firefox nobody else
 * is left to do it. Call once at top level of the background, next to a sync at start-up and
 * install. Registering twice in one context is a no-op.
 */
export function registerPermissionListeners(): void {
  if (listening) return;
  listening = true;
  browser.permissions.onAdded.addListener((permissions) => {
    void syncScheduleScriptRegistration().then(({ hosts }) => {
      const added = optionalHostsOf(permissions).filter((host) => hosts.includes(host));
      if (added.length) void injectIntoOpenTabs(added);
    });
  });
  browser.permissions.onRemoved.addListener(() => {
    void syncScheduleScriptRegistration();
  });
}

/** Tests only: forget that listeners were registered (the fake browser drops them on reset). */
export function resetPermissionListenersForTests(): void {
  listening = false;
}
