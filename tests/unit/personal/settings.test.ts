import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  feedUrlOf,
  loadSettings,
  migrateSettings,
  ownMediaHost,
  saveSettings,
} from '@/lib/personal/settings';

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
  it.each(['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'])(
    'never takes the prototype name %s for a feed (every poll would fail on its missing URL)',
    (feed) => {
      const settings = migrateSettings({ feed });
      expect(settings.feed).toBe('hq');
      expect(feedUrlOf(settings)).toBe('https://media.ccc.de/podcast-hq.xml');
      expect(feedUrlOf({ ...DEFAULT_SETTINGS, feed: feed as 'hq' })).toBe('https://media.ccc.de/podcast-hq.xml');
    },
  );
  it('keeps the high-quality feed when another browser synced feed "constructor"', async () => {
    await fakeBrowser.storage.local.set({ personal: { version: 1, settings: { feed: { v: 'constructor', t: 5 } } } });
    expect(feedUrlOf(await loadSettings())).toBe('https://media.ccc.de/podcast-hq.xml');
  });
  it('knows the custom feed host as the one other host links may be on', () => {
    expect(ownMediaHost({ feed: 'custom', customFeedUrl: 'https://Feeds.Example.org:8443/x.xml' })).toBe(
      'feeds.example.org',
    );
    expect(ownMediaHost({ feed: 'hq', customFeedUrl: 'https://feeds.example.org/x.xml' })).toBe('');
  });
});
