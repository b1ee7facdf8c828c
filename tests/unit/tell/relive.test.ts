import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { updateLiveState } from '@/lib/live/store';
import { saveSettings } from '@/lib/personal/settings';
import { setStamped } from '@/lib/personal/state';
import { updatePersonal } from '@/lib/personal/store';
import { announceRelive, reliveTargetOf } from '@/lib/tell/relive';
import type { ReliveItem } from '@/lib/live/types';

const NOW = Date.UTC(2026, 11, 28, 12, 0, 0);
const KEY = 'https://events.ccc.de/congress/2026/hub/event/detail/mesh-radios-for-everyone';

const item = (status: ReliveItem['status']): ReliveItem => ({
  id: 42,
  guid: 'ab-12',
  code: '',
  title: 'Mesh radios for everyone',
  room: 'Saal 1',
  start: NOW - 3600_000,
  duration: 2400,
  status,
  pageUrl: 'https://streaming.media.ccc.de/40c3/relive/ab-12',
  releaseUrl: '',
});

async function waitFor(status: ReliveItem['status']) {
  await updatePersonal((draft, now) =>
    setStamped(
      draft.waiting,
      KEY,
      { query: { site: 'ccc-hub', title: 'Mesh radios for everyone', speakers: [], scheduleUrl: KEY, event: '40c3' } },
      now,
    ),
  );
  await updateLiveState((s) => {
    s.relive['40c3'] = { items: [item(status)], checkedAt: NOW };
  });
}

beforeEach(() => fakeBrowser.reset());

describe('announceRelive', () => {
  it('tells nothing while the setting is off (the default)', async () => {
    await waitFor('recorded');
    const show = vi.fn(async () => undefined);
    expect(await announceRelive(NOW, show)).toBe(0);
    expect(show).not.toHaveBeenCalled();
  });

  it('tells once per waiting talk when its ReLive is recorded, never again', async () => {
    await saveSettings({ notifyRelive: true });
    await waitFor('live');
    const show = vi.fn(async () => undefined);
    expect(await announceRelive(NOW, show)).toBe(0);
    await waitFor('recorded');
    expect(await announceRelive(NOW, show)).toBe(1);
    expect(show).toHaveBeenCalledWith({
      id: `aftertalk:relive:${KEY}`,
      title: 'ReLive is up',
      message: 'Mesh radios for everyone: the unprocessed recording is on streaming.media.ccc.de',
    });
    expect(await announceRelive(NOW + 60_000, show)).toBe(0);
    expect(show).toHaveBeenCalledTimes(1);
  });

  it('keeps quiet during quiet hours', async () => {
    await saveSettings({ notifyRelive: true, quietUntil: NOW + 60_000 });
    await waitFor('recorded');
    expect(await announceRelive(NOW, vi.fn())).toBe(0);
  });

  it('opens the talk’s ReLive page from its notice', async () => {
    await waitFor('recorded');
    expect(await reliveTargetOf(`aftertalk:relive:${KEY}`)).toBe('https://streaming.media.ccc.de/40c3/relive/ab-12');
    expect(await reliveTargetOf('aftertalk:relive:https://elsewhere.example/')).toBe('');
    expect(await reliveTargetOf('aftertalk:talk:x')).toBe('');
  });
});
