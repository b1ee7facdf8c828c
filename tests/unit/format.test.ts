import { describe, expect, it, vi } from 'vitest';
import { formatCount, formatDate, warmFormats } from '@/lib/format';

describe('warmFormats', () => {
  it('makes the number and date formats the schedule box uses, so its render makes none', () => {
    // A locale no other test in this file uses: the formats are cached per page.
    warmFormats('fr-CA');
    const expected = new Intl.NumberFormat('fr-CA').format(1234);
    const numbers = vi.spyOn(Intl, 'NumberFormat');
    const dates = vi.spyOn(Intl, 'DateTimeFormat');
    expect(formatCount(1234, 'fr-CA')).toBe(expected);
    expect(formatDate(Date.UTC(2025, 11, 27, 12), 'fr-CA')).toMatch(/2025/);
    expect(numbers).not.toHaveBeenCalled();
    expect(dates).not.toHaveBeenCalled();
  });
});
