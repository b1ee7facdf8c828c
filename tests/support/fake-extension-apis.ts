/**
 * Stateful stand-ins for `permissions`, `scripting` and `tabs.query`, which @webext-core's
 * fakeBrowser does not implement. They behave like Chrome where it matters to the code under
 * test: a duplicate script id, an unknown id or a bad match pattern is an error.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Permissions = { origins?: string[]; permissions?: string[] };
interface Script {
  id: string;
  js?: string[];
  matches?: string[];
  runAt?: string;
  persistAcrossSessions?: boolean;
  allFrames?: boolean;
}
type Listener<T> = (value: T) => unknown;

function event<T>() {
  const listeners = new Set<Listener<T>>();
  return {
    addListener: (l: Listener<T>) => void listeners.add(l),
    removeListener: (l: Listener<T>) => void listeners.delete(l),
    hasListener: (l: Listener<T>) => listeners.has(l),
    hasListeners: () => listeners.size > 0,
    size: () => listeners.size,
    trigger: (value: T) => [...listeners].forEach((l) => l(value)),
  };
}

const PATTERN = /^(\*|https?):\/\/(\*|(\*\.)?[^/*:]+)\/.*$/;

export interface FakeApiOptions {
  /** What the user answers to permission prompts (default: yes). */
  grant?: boolean | ((origins: string[]) => boolean);
  /** Firefox < 105: `persistAcrossSessions: true` is refused. */
  refusePersist?: boolean;
  /** Tabs `tabs.query` knows (url filter and active query are honoured). */
  tabs?: { id: number; url: string; active?: boolean }[];
  /** `<meta name="generator">` content a `func` injection reports. */
  generator?: string;
  /** Origins granted from the start. */
  origins?: string[];
}

export function installFakeExtensionApis(options: FakeApiOptions = {}) {
  const origins = new Set<string>(options.origins);
  const scripts = new Map<string, Script>();
  const onAdded = event<Permissions>();
  const onRemoved = event<Permissions>();
  const log: string[] = [];
  const grant = (list: string[]) =>
    typeof options.grant === 'function' ? options.grant(list) : (options.grant ?? true);

  function checkScript(script: Script) {
    if (options.refusePersist && script.persistAcrossSessions !== false)
      throw new Error('persistAcrossSessions: true is not supported');
    for (const m of script.matches ?? [])
      if (!PATTERN.test(m)) throw new Error(`Script with ID '${script.id}' has invalid value for matches[0]: ${m}`);
  }

  const permissions = {
    getAll: vi.fn(async () => ({ permissions: ['storage'], origins: [...origins] })),
    contains: vi.fn(async ({ origins: list = [] }: Permissions) => list.every((o) => origins.has(o))),
    request: vi.fn(async ({ origins: list = [] }: Permissions) => {
      log.push(`request ${list.join(' ')}`);
      if (!grant(list)) return false;
      const added = list.filter((o) => !origins.has(o));
      added.forEach((o) => origins.add(o));
      if (added.length) onAdded.trigger({ origins: added, permissions: [] });
      return true;
    }),
    remove: vi.fn(async ({ origins: list = [] }: Permissions) => {
      const removed = list.filter((o) => origins.delete(o));
      if (removed.length) onRemoved.trigger({ origins: removed, permissions: [] });
      return true;
    }),
    onAdded,
    onRemoved,
  };

  const scripting = {
    getRegisteredContentScripts: vi.fn(async ({ ids }: { ids?: string[] } = {}) =>
      [...scripts.values()].filter((s) => !ids || ids.includes(s.id)).map((s) => structuredClone(s)),
    ),
    registerContentScripts: vi.fn(async (list: Script[]) => {
      for (const s of list) {
        if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        checkScript(s);
      }
      list.forEach((s) => scripts.set(s.id, structuredClone(s)));
      log.push('register');
    }),
    updateContentScripts: vi.fn(async (list: Script[]) => {
      for (const s of list) {
        if (!scripts.has(s.id))
          throw new Error(`Content script with ID '${s.id}' does not exist or is not fully registered`);
        checkScript(s);
      }
      list.forEach((s) => scripts.set(s.id, { ...scripts.get(s.id)!, ...structuredClone(s) }));
      log.push('update');
    }),
    unregisterContentScripts: vi.fn(async ({ ids = [] }: { ids?: string[] } = {}) => {
      for (const id of ids) if (!scripts.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
      ids.forEach((id) => scripts.delete(id));
      log.push('unregister');
    }),
    executeScript: vi.fn(
      async (injection: {
        target: { tabId: number };
        files?: string[];
        func?: () => unknown;
      }): Promise<{ result?: unknown }[]> => (injection.func ? [{ result: options.generator ?? '' }] : []),
    ),
  };

  const hostMatches = (pattern: string, url: string) => {
    const m = /^(\*|https?):\/\/([^/]+)\//.exec(pattern);
    const u = new URL(url);
    return !!m && (m[1] === '*' || `${m[1]}:` === u.protocol) && m[2] === u.hostname;
  };
  const tabsQuery = vi.fn(async (query: { url?: string | string[]; active?: boolean }) => {
    const patterns = query.url === undefined ? undefined : ([] as string[]).concat(query.url);
    return (options.tabs ?? []).filter(
      (t) =>
        (!patterns || patterns.some((p) => hostMatches(p, t.url))) &&
        (query.active === undefined || !!t.active === query.active),
    );
  });

  const target = fakeBrowser as unknown as Record<string, unknown> & { tabs: Record<string, unknown> };
  const saved = { permissions: target.permissions, scripting: target.scripting, query: target.tabs.query };
  target.permissions = permissions;
  target.scripting = scripting;
  target.tabs.query = tabsQuery;

  return {
    origins,
    scripts,
    log,
    permissions,
    scripting,
    tabsQuery,
    /** Grants without a prompt, as the browser's own site-access settings do. */
    grantDirectly(...list: string[]) {
      list.forEach((o) => origins.add(o));
      onAdded.trigger({ origins: list, permissions: [] });
    },
    restore() {
      target.permissions = saved.permissions;
      target.scripting = saved.scripting;
      target.tabs.query = saved.query;
    },
  };
}

export type FakeExtensionApis = ReturnType<typeof installFakeExtensionApis>;
