/**
 * The benchmark's feeds, the same for the Node and the browser half: the generator's realistic
 * feed and the same feed with `NEW_ON_TOP` newer talks on top, both in the real shape when they
 * fit the extension's body limit, both without the duplicated itunes:summary otherwise.
 */
import { DEFAULT_MAX_BYTES } from '@/lib/poll/feed/fetch';
import { generateFeed } from '@/tests/fixtures/feed/generate';

const SEED = 1;
/** New talks on top of the archive for the incremental sync (a typical day after a conference). */
export const NEW_ON_TOP = 5;

export interface FeedInput {
  items: number;
  bytes: Uint8Array<ArrayBuffer>;
  /** The same feed with `NEW_ON_TOP` newer talks on top. */
  next: Uint8Array<ArrayBuffer>;
  /** Whether itunes:summary repeats the description, as in the real feed. */
  withSummary: boolean;
}

/**
 * The real feed's shape when it fits the extension's body limit; without the duplicated
 * itunes:summary otherwise (20,000 items are 76 MiB with it, 49 MiB without; the talks are the same).
 */
export function makeFeed(items: number): FeedInput {
  const encoder = new TextEncoder();
  for (const withSummary of [true, false]) {
    const next = encoder.encode(
      generateFeed({ items: items + NEW_ON_TOP, seed: SEED, startIndex: -NEW_ON_TOP, duplicateSummary: withSummary }),
    );
    if (next.byteLength > DEFAULT_MAX_BYTES) continue;
    return {
      items,
      bytes: encoder.encode(generateFeed({ items, seed: SEED, duplicateSummary: withSummary })),
      next,
      withSummary,
    };
  }
  throw new Error(
    `A ${items}-item feed is larger than the extension's ${DEFAULT_MAX_BYTES / 1024 / 1024} MiB limit even without itunes:summary.`,
  );
}
