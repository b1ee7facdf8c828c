import { describe, expect, it } from 'vitest';
import { congressYear, isRecentDate, isRecentYear, yearOfPage } from '@/lib/history/recency';

const at = (iso: string) => Date.parse(iso);

describe('recency', () => {
  it('knows the years of numbered congresses, before and after the remote years', () => {
    expect(congressYear('36c3')).toBe(2019);
    expect(congressYear('37C3')).toBe(2023);
    expect(congressYear('40c3')).toBe(2026);
    expect(congressYear('rc3')).toBeNull();
  });

  it('reads the year a page names in its event or its path, and no year where it names several', () => {
    expect(yearOfPage({ scheduleUrl: 'https://cfp.example.org/x/talk/ABCDEF/', event: 'all-systems-go-2023' })).toBe(
      2023,
    );
    expect(yearOfPage({ scheduleUrl: 'https://events.ccc.de/congress/2024/hub/event/x', event: '38c3' })).toBe(2024);
    expect(yearOfPage({ scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/1.html' })).toBe(
      2019,
    );
    expect(yearOfPage({ scheduleUrl: 'https://pretalx.com/democon/talk/ABCDEF/' })).toBeNull();
    expect(yearOfPage({ scheduleUrl: 'https://x.org/2019/to/2020/talk/A/' })).toBeNull();
  });

  it('calls a year recent until 90 days after its last day', () => {
    expect(isRecentYear(2025, at('2026-03-30T00:00:00Z'))).toBe(true);
    expect(isRecentYear(2025, at('2026-04-01T00:00:00Z'))).toBe(false);
    expect(isRecentYear(2027, at('2026-12-06T00:00:00Z'))).toBe(true);
  });

  it('calls a date recent within 90 days and in the future, never when unknown', () => {
    const now = at('2026-12-06T00:00:00Z');
    expect(isRecentDate(at('2026-10-01T00:00:00Z'), now)).toBe(true);
    expect(isRecentDate(at('2027-01-01T00:00:00Z'), now)).toBe(true);
    expect(isRecentDate(at('2026-08-01T00:00:00Z'), now)).toBe(false);
    expect(isRecentDate(0, now)).toBe(false);
  });
});
