import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  disableScheduleHost,
  enableScheduleHosts,
  grantedOptionalHosts,
  injectIntoOpenTabs,
  injectIntoTab,
  OPTIONAL_SCRIPT_ID,
  registerPermissionListeners,
  resetPermissionListenersForTests,
  SCHEDULE_SCRIPT_FILE,
  syncScheduleScriptRegistration,
} from '@/lib/enrich/access/registration';
import { SCHEDULE_RUN_AT } from '@/lib/enrich/access/hosts';
import {
  type FakeApiOptions,
  type FakeExtensionApis,
  installFakeExtensionApis,
} from '../../../support/fake-extension-apis';

let api: FakeExtensionApis;
function install(options: FakeApiOptions = {}) {
  api.restore();
  api = installFakeExtensionApis(options);
  return api;
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const registered = () => api.scripts.get(OPTIONAL_SCRIPT_ID);

beforeEach(() => {
  fakeBrowser.reset();
  resetPermissionListenersForTests();
  api = installFakeExtensionApis();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => api.restore());

describe('grantedOptionalHosts', () => {
  it('keeps concrete optional hosts only, sorted and unique', async () => {
    api.origins.add('https://media.ccc.de/*');
    api.origins.add('*://*/*');
    api.origins.add('<all_urls>');
    api.origins.add('*://*.example.net/*');
    api.origins.add('*://fosdem.org/*');
    api.origins.add('*://2025.stateofthemap.org/*');
    api.origins.add('*://pretalx.c3voc.de/*');
    api.origins.add('https://cfp.example.org/*');
    api.origins.add('*://cfp.example.org/*');
    api.origins.add('*://Talks.Example.COM/*');
    expect(await grantedOptionalHosts()).toEqual(['cfp.example.org', 'pretalx.c3voc.de', 'talks.example.com']);
  });
});

describe('syncScheduleScriptRegistration', () => {
  it('does nothing when no optional host is granted and nothing is registered', async () => {
    expect(await syncScheduleScriptRegistration()).toEqual({ hosts: [] });
    expect(api.scripting.registerContentScripts).not.toHaveBeenCalled();
    expect(api.scripting.unregisterContentScripts).not.toHaveBeenCalled();
  });

  it('registers the schedule script for the granted hosts', async () => {
    api.origins.add('*://cfp.b.org/*');
    api.origins.add('*://cfp.a.org/*');
    expect(await syncScheduleScriptRegistration()).toEqual({ hosts: ['cfp.a.org', 'cfp.b.org'] });
    expect(api.scripting.registerContentScripts).toHaveBeenCalledWith([
      {
        id: OPTIONAL_SCRIPT_ID,
        js: [SCHEDULE_SCRIPT_FILE],
        matches: ['*://cfp.a.org/*', '*://cfp.b.org/*'],
        runAt: SCHEDULE_RUN_AT,
        persistAcrossSessions: true,
        allFrames: false,
      },
    ]);
  });

  it('updates when the hosts change, and writes nothing when they did not', async () => {
    api.origins.add('*://cfp.a.org/*');
    await syncScheduleScriptRegistration();
    await syncScheduleScriptRegistration();
    expect(api.log).toEqual(['register']);
    api.origins.add('*://cfp.b.org/*');
    await syncScheduleScriptRegistration();
    expect(api.log).toEqual(['register', 'update']);
    expect(registered()?.matches).toEqual(['*://cfp.a.org/*', '*://cfp.b.org/*']);
  });

  it('unregisters when the last optional host is gone', async () => {
    api.origins.add('*://cfp.a.org/*');
    await syncScheduleScriptRegistration();
    api.origins.clear();
    expect(await syncScheduleScriptRegistration()).toEqual({ hosts: [] });
    expect(registered()).toBeUndefined();
  });

  it('updates a registration that points to another file', async () => {
    api.scripts.set(OPTIONAL_SCRIPT_ID, {
      id: OPTIONAL_SCRIPT_ID,
      js: ['old/schedule.js'],
      matches: ['*://cfp.a.org/*'],
      runAt: SCHEDULE_RUN_AT,
    });
    api.origins.add('*://cfp.a.org/*');
    await syncScheduleScriptRegistration();
    expect(registered()).toMatchObject({ js: [SCHEDULE_SCRIPT_FILE], runAt: SCHEDULE_RUN_AT });
  });

  it('updates a registration of an earlier version that ran at document_idle', async () => {
    api.scripts.set(OPTIONAL_SCRIPT_ID, {
      id: OPTIONAL_SCRIPT_ID,
      js: [SCHEDULE_SCRIPT_FILE],
      matches: ['*://cfp.a.org/*'],
      runAt: 'document_idle',
    });
    api.origins.add('*://cfp.a.org/*');
    await syncScheduleScriptRegistration();
    expect(api.log).toEqual(['update']);
    expect(registered()).toMatchObject({ runAt: SCHEDULE_RUN_AT });
  });

  it('moves a registration of an earlier version that ran at document_end to document_start', async () => {
    api.scripts.set(OPTIONAL_SCRIPT_ID, {
      id: OPTIONAL_SCRIPT_ID,
      js: [SCHEDULE_SCRIPT_FILE],
      matches: ['*://cfp.a.org/*'],
      runAt: 'document_end',
    });
    api.origins.add('*://cfp.a.org/*');
    await syncScheduleScriptRegistration();
    expect(api.log).toEqual(['update']);
    // Literal on purpose: the script wakes the worker before the page is parsed (lib/enrich/access/hosts.ts).
    expect(registered()).toMatchObject({ runAt: 'document_start' });
  });

  it('accepts a registered file reported with a leading slash', async () => {
    api.scripts.set(OPTIONAL_SCRIPT_ID, {
      id: OPTIONAL_SCRIPT_ID,
      js: [`/${SCHEDULE_SCRIPT_FILE}`],
      matches: ['*://cfp.a.org/*'],
      runAt: SCHEDULE_RUN_AT,
    });
    api.origins.add('*://cfp.a.org/*');
    await syncScheduleScriptRegistration();
    expect(api.log).toEqual([]);
  });

  it('falls back to a session-only registration where persistence is refused (old Firefox)', async () => {
    install({ refusePersist: true });
    api.origins.add('*://cfp.a.org/*');
    expect(await syncScheduleScriptRegistration()).toEqual({ hosts: ['cfp.a.org'] });
    expect(registered()).toMatchObject({ persistAcrossSessions: false, matches: ['*://cfp.a.org/*'] });
  });

  it('reports a refusal instead of throwing', async () => {
    api.origins.add('*://cfp.a.org/*');
    api.scripting.registerContentScripts.mockRejectedValue(new Error('Invalid match pattern'));
    const result = await syncScheduleScriptRegistration();
    expect(result).toEqual({ hosts: [], error: 'Invalid match pattern' });
    expect(console.warn).toHaveBeenCalled();
  });

  it('registers the other hosts when the browser refuses one of them', async () => {
    api.origins.add('*://cfp.a.org/*');
    api.origins.add('*://refused.org/*');
    api.origins.add('*://cfp.b.org/*');
    const register = api.scripting.registerContentScripts.getMockImplementation()!;
    api.scripting.registerContentScripts.mockImplementation(async (list) => {
      if (list.some((script) => script.matches?.includes('*://refused.org/*'))) throw new Error('Invalid url pattern');
      return register(list);
    });
    expect(await syncScheduleScriptRegistration()).toEqual({
      hosts: ['cfp.a.org', 'cfp.b.org'],
      refused: ['refused.org'],
      error: 'Invalid url pattern',
    });
    expect([...api.scripts.keys()]).toEqual([OPTIONAL_SCRIPT_ID]);
    expect(registered()).toMatchObject({
      matches: ['*://cfp.a.org/*', '*://cfp.b.org/*'],
      persistAcrossSessions: true,
    });
  });

  it('reports unreadable permissions instead of throwing', async () => {
    api.permissions.getAll.mockRejectedValue(new Error('gone'));
    expect(await syncScheduleScriptRegistration()).toEqual({ hosts: [], error: 'gone' });
  });

  it('recovers when another context registered between its read and its write', async () => {
    api.origins.add('*://cfp.a.org/*');
    // Another context registers right after our first read, with other hosts.
    api.scripting.getRegisteredContentScripts.mockImplementationOnce(async () => {
      api.scripts.set(OPTIONAL_SCRIPT_ID, {
        id: OPTIONAL_SCRIPT_ID,
        js: [SCHEDULE_SCRIPT_FILE],
        matches: ['*://old.org/*'],
        runAt: 'document_idle',
      });
      return [];
    });
    expect(await syncScheduleScriptRegistration()).toEqual({ hosts: ['cfp.a.org'] });
    expect(registered()?.matches).toEqual(['*://cfp.a.org/*']);
  });

  it('serialises a burst of calls: at most one run plus one shared follow-up', async () => {
    api.origins.add('*://cfp.a.org/*');
    // Calls in the same tick share one sync that has not started yet.
    const first = syncScheduleScriptRegistration();
    expect(syncScheduleScriptRegistration()).toBe(first);
    // Hold the first run inside its permission read while more events arrive.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const getAll = api.permissions.getAll.getMockImplementation()!;
    api.permissions.getAll.mockImplementationOnce(async () => {
      const snapshot = await getAll();
      await gate;
      return snapshot;
    });
    await vi.waitFor(() => expect(api.permissions.getAll).toHaveBeenCalledTimes(1));
    api.origins.add('*://cfp.b.org/*');
    const rest = [syncScheduleScriptRegistration(), syncScheduleScriptRegistration(), syncScheduleScriptRegistration()];
    expect(rest[0]).toBe(rest[2]);
    expect(rest[0]).not.toBe(first);
    release();
    const results = await Promise.all([first, ...rest]);
    expect(await first).toEqual({ hosts: ['cfp.a.org'] });
    expect(api.permissions.getAll).toHaveBeenCalledTimes(2);
    expect(results.at(-1)).toEqual({ hosts: ['cfp.a.org', 'cfp.b.org'] });
    expect(registered()?.matches).toEqual(['*://cfp.a.org/*', '*://cfp.b.org/*']);
    // Never two writes at once: one register, then one update.
    expect(api.log).toEqual(['register', 'update']);
    // After the burst a new call runs again.
    api.origins.clear();
    expect(await syncScheduleScriptRegistration()).toEqual({ hosts: [] });
    expect(registered()).toBeUndefined();
  });
});

describe('enableScheduleHosts', () => {
  it('sends the permission request synchronously, before any await', () => {
    const pending = enableScheduleHosts(['cfp.a.org', 'CFP.B.org.', 'cfp.a.org']);
    expect(api.permissions.request).toHaveBeenCalledTimes(1);
    expect(api.permissions.request).toHaveBeenCalledWith({ origins: ['*://cfp.a.org/*', '*://cfp.b.org/*'] });
    return pending;
  });

  it('registers the script once granted', async () => {
    expect(await enableScheduleHosts(['cfp.a.org'])).toBe(true);
    expect(registered()?.matches).toEqual(['*://cfp.a.org/*']);
  });

  it('returns false and registers nothing when the user declines', async () => {
    install({ grant: false });
    expect(await enableScheduleHosts(['cfp.a.org'])).toBe(false);
    expect(registered()).toBeUndefined();
  });

  it('skips names no match pattern can hold, and asks nothing when none is left', async () => {
    expect(await enableScheduleHosts(['*.x.org', 'a b', ''])).toBe(false);
    expect(api.permissions.request).not.toHaveBeenCalled();
    await enableScheduleHosts(['bad host', 'cfp.a.org']);
    expect(api.permissions.request).toHaveBeenCalledWith({ origins: ['*://cfp.a.org/*'] });
  });

  it('returns false when the request throws', async () => {
    api.permissions.request.mockRejectedValue(new Error('not in optional permissions'));
    expect(await enableScheduleHosts(['cfp.a.org'])).toBe(false);
  });
});

describe('disableScheduleHost', () => {
  it('removes the permission and the host from the registration', async () => {
    await enableScheduleHosts(['cfp.a.org', 'cfp.b.org']);
    expect(await disableScheduleHost('cfp.a.org')).toBe(true);
    expect([...api.origins]).toEqual(['*://cfp.b.org/*']);
    expect(registered()?.matches).toEqual(['*://cfp.b.org/*']);
    await disableScheduleHost('cfp.b.org');
    expect(registered()).toBeUndefined();
  });
});

describe('injection', () => {
  it('injectIntoTab runs the schedule script file in the tab', async () => {
    await injectIntoTab(7);
    expect(api.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 7 }, files: [SCHEDULE_SCRIPT_FILE] });
  });

  it('injectIntoOpenTabs injects into every open tab of the hosts and survives failures', async () => {
    install({
      tabs: [
        { id: 1, url: 'https://cfp.a.org/x/talk/ABC123/' },
        { id: 2, url: 'https://other.org/' },
        { id: 3, url: 'http://cfp.a.org/' },
      ],
    });
    api.scripting.executeScript.mockImplementation(async ({ target }) => {
      if (target.tabId === 3) throw new Error('Cannot access contents of the page');
      return [];
    });
    expect(await injectIntoOpenTabs(['cfp.a.org'])).toBe(1);
    expect(api.scripting.executeScript.mock.calls.map(([injection]) => injection.target.tabId).sort()).toEqual([1, 3]);
  });
});

describe('registerPermissionListeners', () => {
  it('syncs on grants from anywhere, injects into open tabs of new hosts, and syncs on removal', async () => {
    install({ tabs: [{ id: 4, url: 'https://cfp.a.org/conf/talk/ABC123/' }] });
    registerPermissionListeners();
    registerPermissionListeners();
    expect(api.permissions.onAdded.size()).toBe(1);

    api.grantDirectly('*://cfp.a.org/*');
    await vi.waitFor(() =>
      expect(api.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 4 }, files: [SCHEDULE_SCRIPT_FILE] }),
    );
    expect(registered()?.matches).toEqual(['*://cfp.a.org/*']);

    await api.permissions.remove({ origins: ['*://cfp.a.org/*'] });
    await vi.waitFor(() => expect(registered()).toBeUndefined());
  });

  it('does not inject for grants that are not schedule sites', async () => {
    install({ tabs: [{ id: 5, url: 'https://media.ccc.de/' }] });
    registerPermissionListeners();
    api.grantDirectly('https://media.ccc.de/*');
    await flush();
    await flush();
    expect(api.scripting.executeScript).not.toHaveBeenCalled();
  });
});
