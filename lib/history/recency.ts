/**
 * Is a talk recent or upcoming, so that "No recording published yet" (and "Notify me") is a fair
 * thing to say? Recent means: given within the last 90 days or later, or at a conference
 * media.ccc.de released a recording of within the last 90 days (still being released). Pages
 * rarely state a talk's date in a form every adapter reads, but their URLs and event slugs name
 * the year (`all-systems-go-2023`, `/congress/2019/`, `fosdem.org/2024/`, `38c3`).
 */
const DAY_MS = 24 * 60 * 60 * 1000;
export const RECENT_DAYS = 90;

/** The year of a numbered congress (`36c3` → 2019, `38c3` → 2024); none for 2020-2022. */
export function congressYear(acronym: string): number | null {
  const n = /^(\d{1,2})c3$/i.exec(acronym)?.[1];
  if (!n) return null;
  const number = Number(n);
  if (number >= 1 && number <= 36) return 1983 + number;
  if (number >= 37) return 1986 + number;
  return null;
}

/** The year a page names in its event slug or URL path, null when it names none (or several). */
export function yearOfPage(page: { scheduleUrl: string; event?: string }): number | null {
  if (page.event) {
    const congress = congressYear(page.event);
    if (congress) return congress;
    const inSlug = [...page.event.matchAll(/(?:^|\D)((?:19|20)\d\d)(?!\d)/g)].map((m) => Number(m[1]));
    if (new Set(inSlug).size === 1) return inSlug[0]!;
  }
  let path: string;
  try {
    path = new URL(page.scheduleUrl).pathname;
  } catch {
    return null;
  }
  const years = new Set([...path.matchAll(/(?:^|[^0-9])((?:19|20)\d\d)(?![0-9])/g)].map((m) => Number(m[1])));
  return years.size === 1 ? [...years][0]! : null;
}

/** A talk of this year may still be within 90 days: the year's last day counts. */
export function isRecentYear(year: number, now: number): boolean {
  return Date.UTC(year, 11, 31) + RECENT_DAYS * DAY_MS >= now;
}

/** A date (epoch ms) within the last 90 days, or in the future. */
export function isRecentDate(date: number, now: number): boolean {
  return date > 0 && date + RECENT_DAYS * DAY_MS >= now;
}
