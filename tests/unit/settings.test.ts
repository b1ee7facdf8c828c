import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, feedUrlOf, loadSettings, migrateSettings, saveSettings } from '@/lib/settings';

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
    expect(migrateSettings({ feed: 'lq', pollMinutes: 'soon' })).toEqual({ ...DEFAULT_SETTINGS, feed: 'lq', pollMinutes: 30 });
  });
  it('migrates the pre-release intervalMinutes field', () => {
    expect(migrateSettings({ intervalMinutes: 60 }).pollMinutes).toBe(60);
  });
  it('falls back to the default feed when a custom feed has no usable URL', () => {
    expect(migrateSettings({ feed: 'custom', customFeedUrl: 'javascript:alert(1)' }).feed).toBe('hq');
    expect(feedUrlOf(migrateSettings({ feed: 'custom', customFeedUrl: 'https://media.ccc.de/c/39c3/podcast/mp4-hq.xml' }))).toBe('https://media.ccc.de/c/39c3/podcast/mp4-hq.xml');
  });
  it('stores a version number for later migrations', async () => {
    await saveSettings({ pollMinutes: 60 });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ version: 1, pollMinutes: 60 });
  });
});
