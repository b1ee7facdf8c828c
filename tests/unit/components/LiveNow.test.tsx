import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LiveNow } from '@/components/LiveNow';
import { LIVE_ORIGINS } from '@/lib/live/permission';
import { updateLiveState } from '@/lib/live/store';
import { saveSettings } from '@/lib/personal/settings';
import { emptyPersonalState, setStamped } from '@/lib/personal/state';
import { updatePersonal } from '@/lib/personal/store';
import { viewOf, type PersonalView } from '@/lib/ui/use-personal';
import { loadPersonal } from '@/lib/personal/store';
import {
  installFakeExtensionApis,
  type FakeApiOptions,
  type FakeExtensionApis,
} from '../../support/fake-extension-apis';

const MIN = 60_000;
let api: FakeExtensionApis | undefined;
let container: HTMLElement;
let stored: Map<string, string>;

async function personal(follow: string[]): Promise<PersonalView> {
  if (follow.length)
    await updatePersonal((draft, now) =>
      follow.map((name) => setStamped(draft.conferences, name, 'follow', now)).some(Boolean),
    );
  return viewOf(follow.length ? await loadPersonal() : emptyPersonalState());
}

function mount(view: PersonalView, options: FakeApiOptions = {}) {
  api = installFakeExtensionApis(options);
  const { document, window } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  vi.stubGlobal('document', document);
  vi.stubGlobal('Event', (window as unknown as { Event: typeof Event }).Event);
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
  });
  container = document.createElement('div') as unknown as HTMLElement;
  document.body.append(container as unknown as Node);
  act(() => render(<LiveNow personal={view} />, container));
}
const text = () => container.textContent ?? '';
const click = (label: string) =>
  act(
    () =>
      void [...container.querySelectorAll('button')]
        .find((b) => b.textContent === label)!
        .dispatchEvent(new Event('click')),
  );

async function streamed(now = Date.now()) {
  await updateLiveState((s) => {
    s.conferences = ['40c3', 'datenspuren'].map((acronym) => ({
      slug: acronym,
      acronym,
      title: acronym.toUpperCase(),
      startsAt: now - 60 * MIN,
      endsAt: now + 60 * MIN,
      streaming: true,
      seenAt: now,
      rooms: [
        {
          slug: 'saal-1',
          name: `Saal 1 of ${acronym}`,
          scheduleName: 'Saal 1',
          streamUrl: `https://streaming.media.ccc.de/${acronym}/saal-1`,
          current: {
            title: `Talk at ${acronym}`,
            speaker: 'Ada',
            guid: '',
            code: '',
            start: now - MIN,
            end: now + 30 * MIN,
            special: '',
          },
          next: null,
        },
      ],
    }));
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  stored = new Map();
});
afterEach(() => {
  act(() => render(null, container));
  api?.restore();
  vi.unstubAllGlobals();
});

describe('LiveNow', () => {
  it('offers the streaming hosts once, naming the followed conference, and asks on a click', async () => {
    mount(await personal(['40c3']));
    await vi.waitFor(() => expect(text()).toContain('Show live talks and ReLive for 40C3?'));
    click('Show');
    await vi.waitFor(() => expect(api!.permissions.request).toHaveBeenCalledWith({ origins: LIVE_ORIGINS }));
    await vi.waitFor(() => expect(text()).not.toContain('Show live talks'));
  });

  it('"Not now" puts the offer away for good', async () => {
    mount(await personal(['40c3', 'datenspuren']));
    await vi.waitFor(() => expect(text()).toContain('Show live talks and ReLive for the conferences you follow?'));
    click('Not now');
    await vi.waitFor(() => expect(text()).toBe(''));
    expect(api!.permissions.request).not.toHaveBeenCalled();
    expect(stored.get('aftertalk-live-offer')).toBe('declined');
  });

  it('offers nothing while nothing is followed', async () => {
    mount(await personal([]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(text()).toBe('');
  });

  it('lists the rooms of followed conferences on air, or of all with that setting', async () => {
    await streamed();
    mount(await personal(['40c3']), { origins: LIVE_ORIGINS });
    await vi.waitFor(() => expect(text()).toContain('Talk at 40c3'));
    expect(text()).not.toContain('Talk at datenspuren');
    const link = container.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://streaming.media.ccc.de/40c3/saal-1');
    expect(link.getAttribute('aria-label')).toBe('Watch Saal 1 of 40c3 live: Talk at 40c3');

    act(() => render(null, container));
    await saveSettings({ liveScope: 'all' });
    mount(viewOf(await loadPersonal()), { origins: LIVE_ORIGINS });
    await vi.waitFor(() => expect(text()).toContain('Talk at datenspuren'));
  });
});
