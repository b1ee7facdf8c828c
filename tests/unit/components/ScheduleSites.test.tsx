import { parseHTML } from 'linkedom';
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EnableSiteBanner } from '@/components/EnableSiteBanner';
import { ScheduleSites } from '@/components/ScheduleSites';
import { mergeFeedIntoArchive } from '@/lib/archive/merge';
import { getDb } from '@/lib/archive/db';
import { SCHEDULE_SCRIPT_FILE } from '@/lib/enrich/access/registration';
import { feedTalk } from '../../support/talks';
import {
  type FakeApiOptions,
  type FakeExtensionApis,
  installFakeExtensionApis,
} from '../../support/fake-extension-apis';

let api: FakeExtensionApis | undefined;
let container: HTMLElement;

function mount(vnode: ComponentChild, options: FakeApiOptions = {}) {
  api = installFakeExtensionApis(options);
  const { document, window } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  vi.stubGlobal('document', document);
  vi.stubGlobal('Event', (window as unknown as { Event: typeof Event }).Event);
  container = document.createElement('div') as unknown as HTMLElement;
  document.body.append(container as unknown as Node);
  act(() => render(vnode, container));
  return api;
}
const text = () => container.textContent ?? '';
const button = (label: string) => [...container.querySelectorAll('button')].find((b) => b.textContent?.includes(label));
const click = (label: string) => act(() => void button(label)!.dispatchEvent(new Event('click')));

beforeEach(async () => {
  fakeBrowser.reset();
  await getDb().talks.clear();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  act(() => render(null, container));
  api?.restore();
  vi.unstubAllGlobals();
});

const seed = (urls: [string, string][]) =>
  mergeFeedIntoArchive(
    getDb(),
    urls.map(([scheduleUrl, conference]) => feedTalk({ scheduleUrl, conference })),
    {
      feedUrl: 'https://media.ccc.de/podcast-hq.xml',
      now: 1,
      validators: { etag: '', lastModified: '', bodyHash: 'x' },
    },
  );

describe('ScheduleSites', () => {
  it('asks to sync first when the archive is empty', async () => {
    mount(<ScheduleSites />);
    await vi.waitFor(() => expect(text()).toContain('Sync the feed first'));
    expect(text()).toContain('fosdem.org');
  });

  it('offers the archive hosts with one request for all, then lists them as enabled', async () => {
    await seed([
      ['https://cfp.a.org/ev/talk/AAA111/', 'eva'],
      ['https://cfp.a.org/ev/talk/AAA112/', 'eva'],
      ['https://cfp.b.org/ev/talk/BBB111/', 'evb'],
      ['https://pretalx.com/x/talk/CCC111/', 'x'],
    ]);
    const fake = mount(<ScheduleSites />);
    await vi.waitFor(() => expect(button('Enable all')?.textContent).toBe('Enable all (2 sites)'));
    expect(text()).toContain('2 talks · eva');
    expect(text()).not.toContain('pretalx.com ·');

    click('Enable all');
    expect(fake.permissions.request).toHaveBeenCalledTimes(1);
    expect(fake.permissions.request).toHaveBeenCalledWith({ origins: ['*://cfp.a.org/*', '*://cfp.b.org/*'] });
    await vi.waitFor(() => expect(text()).toContain('All schedule sites named in your archive are enabled.'));
    await vi.waitFor(() => expect(button('Remove')).toBeDefined());

    click('Remove');
    await vi.waitFor(() => expect(text()).toContain('Removed cfp.a.org.'));
    await vi.waitFor(() => expect(button('Enable all')?.textContent).toBe('Enable all (1 site)'));
  });
});

describe('EnableSiteBanner', () => {
  const tab = (url: string) => ({ tabs: [{ id: 9, url, active: true }] });

  it('offers a pretalx talk page and injects after the grant', async () => {
    const fake = mount(<EnableSiteBanner />, tab('https://cfp.a.org/ev/talk/AAA111/'));
    await vi.waitFor(() => expect(text()).toContain('This looks like a schedule page on cfp.a.org.'));
    click('Enable on cfp.a.org');
    expect(fake.permissions.request).toHaveBeenCalledWith({ origins: ['*://cfp.a.org/*'] });
    await vi.waitFor(() => expect(text()).toContain('Enabled on cfp.a.org: no reload needed.'));
    expect(fake.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 9 }, files: [SCHEDULE_SCRIPT_FILE] });
  });

  it('says so when the user declines', async () => {
    mount(<EnableSiteBanner />, { ...tab('https://cfp.a.org/ev/talk/AAA111/'), grant: false });
    await vi.waitFor(() => expect(button('Enable on')).toBeDefined());
    click('Enable on');
    await vi.waitFor(() => expect(text()).toContain('not allowed on cfp.a.org'));
  });

  it('probes the generator only when URL and archive say nothing', async () => {
    const probed = mount(<EnableSiteBanner />, {
      ...tab('https://cfp.a.org/ev/schedule/'),
      generator: 'pretalx 2025.2',
    });
    await vi.waitFor(() => expect(text()).toContain('schedule page on cfp.a.org'));
    expect(probed.scripting.executeScript.mock.calls[0]![0]).toMatchObject({ target: { tabId: 9 } });
  });

  it('offers a host the archive links to without probing the page', async () => {
    await seed([['https://sched.example.org/day/1#t42', 'ev']]);
    const fake = mount(<EnableSiteBanner />, tab('https://sched.example.org/day/2'));
    await vi.waitFor(() => expect(text()).toContain('schedule page on sched.example.org'));
    expect(fake.scripting.executeScript).not.toHaveBeenCalled();
  });

  it('renders nothing for covered hosts, built-in sites and ordinary pages', async () => {
    const covered = mount(<EnableSiteBanner />, {
      ...tab('https://cfp.a.org/ev/talk/AAA111/'),
      origins: ['*://cfp.a.org/*'],
    });
    await vi.waitFor(() => expect(covered.permissions.contains).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect(text()).toBe('');
    act(() => render(null, container));
    covered.restore();

    const builtIn = mount(<EnableSiteBanner />, tab('https://fosdem.org/2026/schedule/event/ABC123-x/'));
    await vi.waitFor(() => expect(builtIn.tabsQuery).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect(builtIn.permissions.contains).not.toHaveBeenCalled();
    expect(text()).toBe('');
    act(() => render(null, container));
    builtIn.restore();

    const plain = mount(<EnableSiteBanner />, tab('https://example.org/blog/'));
    await vi.waitFor(() => expect(plain.scripting.executeScript).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect(text()).toBe('');
  });
});
