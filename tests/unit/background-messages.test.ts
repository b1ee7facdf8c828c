import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onMessage } from '@/lib/background';

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
