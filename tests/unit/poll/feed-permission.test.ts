import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { assertFeedAccess } from '@/lib/poll/feed-permission';
import { FeedError } from '@/lib/poll/feed/errors';

const refusal = (feedUrl: string) =>
  assertFeedAccess(feedUrl).then(
    () => null,
    (error: unknown) => error,
  );

describe('assertFeedAccess', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes when the browser grants the feed’s host', async () => {
    const contains = vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);
    expect(await refusal('https://media.ccc.de/podcast-hq.xml')).toBeNull();
    expect(await refusal('https://feeds.example.org/talks.xml')).toBeNull();
    expect(contains.mock.calls.map(([p]) => p.origins)).toEqual([
      ['https://media.ccc.de/*'],
      ['https://feeds.example.org/*'],
    ]);
  });

  it('says how to allow media.ccc.de where the browser lets the user withdraw it (Firefox)', async () => {
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(false as never);
    const error = await refusal('https://media.ccc.de/podcast-hq.xml');
    expect(error).toBeInstanceOf(FeedError);
    expect(error).toMatchObject({
      kind: 'permission',
      message: expect.stringContaining('about:addons → Aftertalk → Permissions'),
    });
  });

  it('points a custom feed without access to the settings', async () => {
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(false as never);
    expect(await refusal('https://feeds.example.org/talks.xml')).toMatchObject({
      kind: 'permission',
      message: expect.stringContaining('Use this feed'),
    });
  });
});
