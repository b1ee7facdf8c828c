import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ARCHIVE_VERSION_KEY, getDb, RELATED_SNAPSHOT_KEY } from '@/lib/archive/db';
import { onMessage } from '@/lib/background';
import { readSyncStatus } from '@/lib/poll/status';
import { fakeVoctowebFetch, type FakeApiRequest } from '../support/fake-voctoweb';

const PAGE = 'https://pretalx.com/democon-2026/talk/QK3PXA/';

describe('the background’s message gate: the warm-up from a talk page', () => {
  beforeEach(() => fakeBrowser.reset());

  it('loads what a lookup needs and answers that it did, for our content script in a tab', async () => {
    const answer = onMessage(
      { type: 'schedule-warm' },
      { id: fakeBrowser.runtime.id, url: PAGE, tab: { id: 7 } as never },
    );
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).resolves.toBe(true);
  });

  it('ignores it from another extension or from an extension page', () => {
    expect(
      onMessage({ type: 'schedule-warm' }, { id: 'someone-else', url: PAGE, tab: { id: 7 } as never }),
    ).toBeUndefined();
    expect(
      onMessage(
        { type: 'schedule-warm' },
        { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` },
      ),
    ).toBeUndefined();
  });
});

describe('the background’s message gate: one table, one dispatcher', () => {
  beforeEach(() => fakeBrowser.reset());
  const ownPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

  it('answers an extension page’s hello with the sync status', async () => {
    const answer = onMessage({ type: 'hello' }, ownPage());
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).resolves.toEqual(await readSyncStatus());
  });

  it('drops a page message sent from a content script, and a lookup sent from an extension page', () => {
    const contentScript = { id: fakeBrowser.runtime.id, url: PAGE, tab: { id: 7 } as never };
    expect(onMessage({ type: 'talks-seen', ids: 'all' }, contentScript)).toBeUndefined();
    expect(onMessage({ type: 'sync-now' }, contentScript)).toBeUndefined();
    const lookup = {
      type: 'schedule-lookup',
      onlyIfKnownUrl: false,
      session: { site: 'pretalx', title: 'A talk', speakers: [], scheduleUrl: PAGE },
    };
    expect(onMessage(lookup, ownPage())).toBeUndefined();
  });

  it('drops unknown and malformed messages unanswered', () => {
    for (const message of [null, 'hello', { type: 'drop-database' }, { type: 'constructor' }, { type: 'talks-seen' }])
      expect(onMessage(message, ownPage())).toBeUndefined();
  });
});

describe('the background’s message gate: searching all of media.ccc.de from the popup', () => {
  const ownPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
  const search = { type: 'history-search', query: 'radio astronomy' };
  let requests: FakeApiRequest[];
  beforeEach(() => {
    fakeBrowser.reset();
    requests = [];
    vi.stubGlobal('fetch', fakeVoctowebFetch(requests));
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await Promise.all([getDb().talks.clear(), getDb().meta.clear()]);
  });

  it('asks media.ccc.de for an extension page, keeps the hits as history and answers their ids', async () => {
    const answer = await onMessage(search, ownPage());
    expect(answer).toEqual({
      ok: true,
      ids: ['00000000-0000-4000-8000-000000010496', '00000000-0000-4000-8000-000000011337'],
    });
    expect(requests.map((r) => r.path)).toEqual(['/public/events/search?q=radio%20astronomy']);
    const stored = await getDb().talks.get('00000000-0000-4000-8000-000000010496');
    expect(stored).toMatchObject({ fromHistory: 1, isNew: 0 });
    // The related-talks index learns of them too (saved at the archive's new version).
    const version = (await getDb().meta.get(ARCHIVE_VERSION_KEY))?.value;
    await expect
      .poll(
        async () =>
          ((await getDb().meta.get(RELATED_SNAPSHOT_KEY))?.value as { archiveVersion?: number })?.archiveVersion,
      )
      .toBe(version);
  });

  it('answers a failure in words the popup knows, never with a rejection', async () => {
    vi.stubGlobal('fetch', async () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(onMessage(search, ownPage())).resolves.toEqual({ ok: false, error: 'unreachable' });
    expect(await getDb().talks.count()).toBe(0);
  });

  it('is not taken from a content script, another extension or a malformed message, and asks nothing then', () => {
    const page = { id: fakeBrowser.runtime.id, url: PAGE, tab: { id: 7 } as never };
    expect(onMessage(search, page)).toBeUndefined();
    expect(
      onMessage(search, { id: 'someone-else', url: 'chrome-extension://someone-else/popup.html' }),
    ).toBeUndefined();
    expect(onMessage({ type: 'history-search', query: 'x'.repeat(201) }, ownPage())).toBeUndefined();
    expect(onMessage({ type: 'history-search', query: ['radio'] }, ownPage())).toBeUndefined();
    expect(requests).toEqual([]);
  });
});
