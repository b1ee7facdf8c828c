import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, feedUrlOf, loadSettings, migrateSettings, saveSettings } from '@/lib/personal/settings';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('defaults to the high-quality feed every 30 minutes', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(feedUrlOf(DEFAULT_SETTINGS)).toBe('https://media.ccc.de/podcast-hq.xml');
  });
  it('clamps the poll interval to 5 minutes .. 24 hours', async () => {
    expect((await saveSettings({ pollMinutes: 1 })).pollMinutes).toBe(5);
    expect((await saveSettings({ pollMinutes: 100000 })).pollMinutes).toBe(1440);
  });
  it('keeps valid fields when another field is broken', () => {
    expect(migrateSettings({ feed: 'lq', pollMinutes: 'soon' })).toEqual({
      ...DEFAULT_SETTINGS,
      feed: 'lq',
      pollMinutes: 30,
    });
  });
  it('migrates the pre-release intervalMinutes field', () => {
    expect(migrateSettings({ intervalMinutes: 60 }).pollMinutes).toBe(60);
  });
  it('falls back to the default feed when a custom feed has no usable URL', () => {
    expect(migrateSettings({ feed: 'custom', customFeedUrl: 'javascript:alert(1)' }).feed).toBe('hq');
    expect(
      feedUrlOf(migrateSettings({ feed: 'custom', customFeedUrl: 'https://media.ccc.de/c/39c3/podcast/mp4-hq.xml' })),
    ).toBe('https://media.ccc.de/c/39c3/podcast/mp4-hq.xml');
  });
  it('stores each changed field stamped in the versioned personal state', async () => {
    await saveSettings({ pollMinutes: 60 });
    const { personal } = await fakeBrowser.storage.local.get('personal');
    expect(personal).toMatchObject({ version: 1, settings: { pollMinutes: { v: 60 } } });
    expect(Object.keys((personal as { settings: object }).settings)).toEqual(['pollMinutes']);
  });
  it('carries over the settings of version 1 (their own storage key)', async () => {
    await fakeBrowser.storage.local.set({
      settings: { version: 1, feed: 'audio', customFeedUrl: '', pollMinutes: 120 },
    });
    expect(await loadSettings()).toMatchObject({ feed: 'audio', pollMinutes: 120, notifications: true });
    await saveSettings({ notifications: false });
    expect(await loadSettings()).toMatchObject({ feed: 'audio', pollMinutes: 120, notifications: false });
  });
  it('accepts only language codes and a known notification scope', () => {
    const settings = migrateSettings({
      languages: ['deu', 'DE<script>', 7, 'deu'],
      notifyScope: 'everything',
      quietUntil: -5,
    });
    expect(settings).toMatchObject({ languages: ['deu'], notifyScope: 'all', quietUntil: 0 });
  });
});
