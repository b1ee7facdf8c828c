import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onMessage } from '@/lib/background';
import { readSyncStatus } from '@/lib/poll/status';

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
