import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mergeFeedIntoArchive } from '@/lib/archive/merge';
import { onNotificationClicked } from '@/lib/tell/notification-click';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import { liveKeys } from '@/lib/personal/state';
import { loadPersonal } from '@/lib/personal/store';
import { saveSettings } from '@/lib/personal/settings';
import { feedTalk, uniqueDbName } from '../../support/talks';

let db: AftertalkDb;
const opened: string[] = [];
beforeEach(async () => {
  fakeBrowser.reset();
  opened.length = 0;
  db = openDb(uniqueDbName());
  vi.spyOn(fakeBrowser.notifications, 'clear').mockResolvedValue(true);
  vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async (props) => (opened.push(props.url ?? ''), {}) as never);
  vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue();
  vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor').mockResolvedValue();
  vi.spyOn(fakeBrowser.action, 'setTitle').mockResolvedValue();
  const options = (now: number) => ({
    feedUrl: 'f',
    now,
    validators: { etag: '', lastModified: '', bodyHash: String(now) },
  });
  await mergeFeedIntoArchive(db, [feedTalk({ id: 'old' })], options(1));
  await mergeFeedIntoArchive(
    db,
    [feedTalk({ id: 'rb', url: 'https://media.ccc.de/v/democon2026-101-reproducible-builds' })],
    options(2),
  );
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('clicking a notification', () => {
  it('opens the single talk’s recording page and marks the talk seen', async () => {
    await onNotificationClicked('aftertalk:talk:rb', db);
    expect(opened).toEqual(['https://media.ccc.de/v/democon2026-101-reproducible-builds']);
    expect((await db.talks.get('rb'))?.isNew).toBe(0);
    expect(liveKeys((await loadPersonal()).watched).size).toBe(0);
  });
  it('marks it watched too when the user chose so', async () => {
    await saveSettings({ markWatchedOnOpen: true });
    await onNotificationClicked('aftertalk:out:rb', db);
    expect([...liveKeys((await loadPersonal()).watched)]).toEqual(['rb']);
  });
  it('opens the new list as a tab where the popup cannot be opened', async () => {
    await onNotificationClicked('aftertalk:new:123', db);
    expect(opened).toEqual([fakeBrowser.runtime.getURL('/popup.html')]);
  });
  it('ignores notifications that are not ours, and talks that are gone', async () => {
    await onNotificationClicked('other:1', db);
    await onNotificationClicked('aftertalk:talk:missing', db);
    expect(opened).toEqual([]);
  });
});

describe('where a notification may send the user', () => {
  it('opens nothing for a talk whose link left media.ccc.de, and marks nothing', async () => {
    const options = { feedUrl: 'f', now: 3, validators: { etag: '', lastModified: '', bodyHash: '3' } };
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'phish', url: 'https://evil.example/v/phish' })], options);
    await saveSettings({ markWatchedOnOpen: true });
    await onNotificationClicked('aftertalk:talk:phish', db);
    expect(opened).toEqual([]);
    expect(liveKeys((await loadPersonal()).watched).size).toBe(0);
  });

  it('opens a custom feed’s own host while that feed is the one polled', async () => {
    const options = { feedUrl: 'f', now: 3, validators: { etag: '', lastModified: '', bodyHash: '3' } };
    await mergeFeedIntoArchive(db, [feedTalk({ id: 'own', url: 'https://feeds.example.org/v/own' })], options);
    await saveSettings({ feed: 'custom', customFeedUrl: 'https://feeds.example.org/feed.xml' });
    await onNotificationClicked('aftertalk:talk:own', db);
    expect(opened).toEqual(['https://feeds.example.org/v/own']);
  });
});
