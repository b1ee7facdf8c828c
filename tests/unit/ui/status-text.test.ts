import { describe, expect, it } from 'vitest';
import { formatTime } from '@/lib/format';
import { describeSyncStatus } from '@/lib/ui/status-text';
import { EMPTY_STATUS } from '@/lib/poll/status';

const now = new Date(2026, 10, 22, 15, 0).getTime();
const at = (h: number, m: number) => new Date(2026, 10, 22, h, m).getTime();

describe('describeSyncStatus', () => {
  it('shows import progress during a first import', () => {
    const line = describeSyncStatus(
      { ...EMPTY_STATUS, running: true, lastAttemptAt: now },
      { done: 1200, total: 2041 },
      now,
    );
    expect(line.text).toBe('Importing 1,200 of 2,041 talks…');
  });
  it('says since when the feed is unreachable', () => {
    const line = describeSyncStatus(
      {
        ...EMPTY_STATUS,
        lastSuccessAt: at(13, 30),
        failingSince: at(14, 2),
        lastError: { kind: 'network', message: 'Feed unreachable (media.ccc.de): Failed to fetch.', at: at(14, 32) },
      },
      null,
      now,
    );
    // Since the first failure (14:02), not the latest one (14:32); the clock format follows the locale.
    expect(line).toMatchObject({ tone: 'error', text: `Feed unreachable since ${formatTime(at(14, 2), now)}` });
    expect(line.text).toMatch(/(14|02):02/);
    expect(line.detail).toContain('Last successful check');
  });
  it('ignores a running flag left behind by a killed worker', () => {
    expect(
      describeSyncStatus(
        { ...EMPTY_STATUS, running: true, lastAttemptAt: now - 10 * 60_000, lastSuccessAt: now - 60_000 },
        null,
        now,
      ).text,
    ).toBe('Checked 1 min ago');
  });
  it('says how many feed items the last check skipped', () => {
    const result = { added: 3, updated: 0, total: 50, notModified: false };
    const line = describeSyncStatus(
      { ...EMPTY_STATUS, lastSuccessAt: now - 60_000, lastResult: { ...result, skipped: 2 } },
      null,
      now,
    );
    expect(line).toEqual({
      tone: 'ok',
      text: 'Checked 1 min ago',
      detail: '2 feed items could not be read and were skipped.',
    });
    const clean = describeSyncStatus(
      { ...EMPTY_STATUS, lastSuccessAt: now - 60_000, lastResult: { ...result, skipped: 0 } },
      null,
      now,
    );
    expect(clean.detail).toBeUndefined();
  });
});
