/**
 * What media.ccc.de's archive said about one schedule page, kept in the archive's `meta` table so
 * a page is asked about at most once a week (and a known talk's page never: the archive answers),
 * and what the box may then say when there is no recording (`MissingRecording`).
 */
import { historyPageKey, type AftertalkDb } from '../archive/db';
import type { MissingRecording, SessionQuery } from '../enrich/lookup-types';
import { isRecentYear, yearOfPage } from './recency';

/** How long what media.ccc.de's archive said holds, for a page and for a conference. */
export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface PageCheck {
  checkedAt: number;
  /** `found`: a recording was imported; `not-found`: asked, none; `unreachable`: could not ask. */
  outcome: 'found' | 'not-found' | 'unreachable';
  /** The talk is recent or upcoming, or its conference is still being released. */
  recent: boolean;
}

/** How long an answer holds: a week, an unreachable archive ten minutes. */
export function isFresh(check: PageCheck, now: number): boolean {
  const holds = check.outcome === 'unreachable' ? 10 * 60 * 1000 : WEEK_MS;
  return check.checkedAt <= now && now - check.checkedAt < holds;
}

export async function readPageCheck(db: AftertalkDb, scheduleUrl: string): Promise<PageCheck | null> {
  const value = (await db.meta.get(historyPageKey(scheduleUrl)))?.value as Partial<PageCheck> | undefined;
  if (!value || typeof value.checkedAt !== 'number' || typeof value.recent !== 'boolean') return null;
  if (value.outcome !== 'found' && value.outcome !== 'not-found' && value.outcome !== 'unreachable') return null;
  return { checkedAt: value.checkedAt, outcome: value.outcome, recent: value.recent };
}

export function pageCheckRecord(scheduleUrl: string, check: PageCheck) {
  return { key: historyPageKey(scheduleUrl), value: check };
}

/** The page names a year, and that year is not recent: an old talk. Unknown counts as recent. */
export function recentByPage(session: Pick<SessionQuery, 'scheduleUrl' | 'event'>, now: number): boolean {
  const year = yearOfPage(session);
  return year === null || isRecentYear(year, now);
}

/**
 * What the box says about a page without a sure recording. FOSDEM's recordings are not on
 * media.ccc.de, so its pages are never asked about; with the lookup turned off, an older page
 * only learns that the talk is not in the user's archive.
 */
export async function missingRecording(
  db: AftertalkDb,
  session: SessionQuery,
  options: { lookUpOlder: boolean; now: number },
): Promise<MissingRecording> {
  const { lookUpOlder, now } = options;
  const recent = recentByPage(session, now);
  if (session.site === 'fosdem') return recent ? 'not-yet' : 'none';
  const check = await readPageCheck(db, session.scheduleUrl);
  if (check && isFresh(check, now)) {
    if (check.outcome === 'unreachable') return 'unknown';
    return check.recent ? 'not-yet' : 'none';
  }
  if (!lookUpOlder) return recent ? 'not-yet' : 'unknown';
  return 'checking';
}
