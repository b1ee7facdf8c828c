/**
 * A schedule page's talk is not in the archive: ask media.ccc.de's archive, and keep what it has
 * as history (lib/archive/merge.ts `mergeHistoryIntoArchive`). The caller then looks the page up
 * again as usual. In order, stopping as soon as the talk is found:
 * 1. with a GUID in hand (pretalx's schedule export): `events/<guid>`, the one talk exactly;
 * 2. the page's conference, from the conference list (kept in the archive, re-checked at most
 *    weekly, conditionally): its recorded talks, imported at most once a week per conference;
 *    then, for the page's talk, `events/<guid>` once more for its files (the conference answer
 *    carries none);
 * 3. a title search, taking only sure matches: the same schedule page, or the same title and a
 *    shared speaker; never a title alone.
 * Each page is asked about at most once a week (`PageCheck`); what the archive said decides what
 * the box may promise (lib/history/page-check.ts).
 */
import {
  HISTORY_CONFERENCES_KEY,
  historyConferenceKey,
  historyPageKey,
  type AftertalkDb,
  type MetaRecord,
} from '../archive/db';
import { mergeHistoryIntoArchive, type HistoryTalk, type MergeResult } from '../archive/merge';
import type { SessionQuery } from '../enrich/lookup-types';
import { findRecording, type FoundRecording } from '../match/find-recording';
import { normaliseScheduleUrl } from '../match/normalise-url';
import { joinableTitleKey, personKey } from '../match/talk-keys';
import { HistoryError } from './api-json';
import {
  parseConferenceList,
  parseConferenceWithEvents,
  parseEvent,
  parseEventList,
  historyTalkOf,
  type ApiConference,
  type ApiEvent,
} from './api-shapes';
import { getApi, type ApiDeps } from './client';
import { conferenceOfPage } from './conference-of-page';
import { isFresh, pageCheckRecord, readPageCheck, recentByPage, WEEK_MS, type PageCheck } from './page-check';
import { isRecentDate } from './recency';

/**
 * Pages asked about in the last hour, at most. A reader opens a few talk pages an hour; a page
 * that reloads itself under ever new URLs could otherwise make Aftertalk search media.ccc.de
 * for it without end.
 */
export const MAX_PAGE_CHECKS_PER_HOUR = 60;
const HOUR_MS = 60 * 60 * 1000;

export interface ReachBackDeps extends ApiDeps {
  db: AftertalkDb;
}

export interface ReachBackResult {
  check: PageCheck;
  /** What landed in the archive: the related-talks index must learn of it (null: nothing). */
  merges: MergeResult[];
}

interface ConferenceListRecord {
  checkedAt: number;
  etag: string;
  conferences: ApiConference[];
}

interface ConferenceImportRecord {
  importedAt: number;
  etag: string;
  /** The newest talk date of the conference's recorded talks (epoch ms, 0 unknown). */
  newestTalkAt: number;
  lastReleasedAt: number;
}

const sure = (found: FoundRecording | null) => found?.confidence === 'sure';

export async function reachBack(deps: ReachBackDeps, session: SessionQuery): Promise<ReachBackResult> {
  const { db } = deps;
  const now = (deps.now ?? Date.now)();
  const known = await readPageCheck(db, session.scheduleUrl);
  if (known && isFresh(known, now)) return { check: known, merges: [] };
  if ((await pagesCheckedSince(db, now - HOUR_MS)) >= MAX_PAGE_CHECKS_PER_HOUR)
    return { check: { checkedAt: now, outcome: 'unreachable', recent: recentByPage(session, now) }, merges: [] };
  const merges: MergeResult[] = [];
  const keep = async (talks: HistoryTalk[], meta: MetaRecord[] = []) => {
    const merge = await mergeHistoryIntoArchive(db, talks, now, meta);
    if (merge.changedIds.length) merges.push(merge);
  };
  let check: PageCheck;
  try {
    let found: FoundRecording | null = null;
    if (session.guid) {
      const event = await eventByGuid(deps, session.guid);
      if (event) await keep([historyTalkOf(event)]);
      found = await findRecording(db, session);
    }
    let conference: ApiConference | null = null;
    let imported: ConferenceImportRecord | null = null;
    if (!sure(found)) {
      conference = conferenceOfPage(session, await conferenceList(deps, now));
      if (conference) {
        imported = await importConference(deps, conference, now, keep);
        found = await findRecording(db, session);
        const talk = found?.talk;
        if (sure(found) && talk?.fromHistory && !talk.enclosure && talk.idSource === 'guid') {
          const event = await eventByGuid(deps, talk.id);
          if (event) await keep([historyTalkOf(event, conference)]);
        }
      }
    }
    if (!sure(found)) {
      const matches = await searchByTitle(deps, session);
      if (matches.length) await keep(matches.map((event) => historyTalkOf(event)));
      found = await findRecording(db, session);
    }
    const recent = conference
      ? isRecentDate(conference.lastReleasedAt, now) ||
        isRecentDate(imported?.newestTalkAt ?? 0, now) ||
        (imported?.newestTalkAt ?? 0) > now
      : recentByPage(session, now);
    check = { checkedAt: now, outcome: sure(found) ? 'found' : 'not-found', recent };
  } catch (error) {
    if (!(error instanceof HistoryError)) console.warn('Aftertalk: asking media.ccc.de’s archive failed', error);
    check = { checkedAt: now, outcome: 'unreachable', recent: recentByPage(session, now) };
  }
  await db.meta.put(pageCheckRecord(session.scheduleUrl, check));
  return { check, merges };
}

async function pagesCheckedSince(db: AftertalkDb, since: number): Promise<number> {
  return db.meta
    .where('key')
    .startsWith(historyPageKey(''))
    .filter((record) => Number((record.value as Partial<PageCheck> | undefined)?.checkedAt) >= since)
    .count();
}

/** One talk with its files; null when media.ccc.de has not released it (404). */
async function eventByGuid(deps: ApiDeps, guid: string): Promise<ApiEvent | null> {
  try {
    const answer = await getApi(`events/${encodeURIComponent(guid)}`, '', deps);
    return answer.status === 'ok' ? parseEvent(answer.json) : null;
  } catch (error) {
    if (error instanceof HistoryError && error.kind === 'not-found') return null;
    throw error;
  }
}

/** The conference list, fetched again (conditionally) when a week old; the stored one if that fails. */
async function conferenceList(deps: ReachBackDeps, now: number): Promise<ApiConference[]> {
  const stored = (await deps.db.meta.get(HISTORY_CONFERENCES_KEY))?.value as ConferenceListRecord | undefined;
  const usable = stored && Array.isArray(stored.conferences) ? stored : undefined;
  if (usable && usable.checkedAt <= now && now - usable.checkedAt < WEEK_MS) return usable.conferences;
  try {
    const answer = await getApi('conferences', usable?.etag ?? '', deps);
    const record: ConferenceListRecord =
      answer.status === 'ok'
        ? { checkedAt: now, etag: answer.etag, conferences: parseConferenceList(answer.json).conferences }
        : { ...usable!, checkedAt: now };
    await deps.db.meta.put({ key: HISTORY_CONFERENCES_KEY, value: record });
    return record.conferences;
  } catch (error) {
    if (usable) return usable.conferences;
    throw error;
  }
}

/**
 * The conference's recorded talks, imported at most once a week (the record lands with the
 * talks, so a killed worker imports again rather than never).
 */
async function importConference(
  deps: ReachBackDeps,
  conference: ApiConference,
  now: number,
  keep: (talks: HistoryTalk[], meta: MetaRecord[]) => Promise<void>,
): Promise<ConferenceImportRecord> {
  const key = historyConferenceKey(conference.acronym);
  const stored = (await deps.db.meta.get(key))?.value as ConferenceImportRecord | undefined;
  if (stored && stored.importedAt <= now && now - stored.importedAt < WEEK_MS) return stored;
  const answer = await getApi(`conferences/${encodeURIComponent(conference.acronym)}`, stored?.etag ?? '', deps);
  if (answer.status === 'not-modified' && stored) {
    const record = { ...stored, importedAt: now };
    await deps.db.meta.put({ key, value: record });
    return record;
  }
  const { events, conference: fresh } = parseConferenceWithEvents(answer.status === 'ok' ? answer.json : null);
  const record: ConferenceImportRecord = {
    importedAt: now,
    etag: answer.status === 'ok' ? answer.etag : '',
    newestTalkAt: Math.max(0, ...events.map((event) => event.date)),
    lastReleasedAt: fresh.lastReleasedAt,
  };
  await keep(
    events.map((event) => historyTalkOf(event, fresh)),
    [{ key, value: record }],
  );
  return record;
}

/**
 * Search by the page's title: a hit counts only when it names this very page as its schedule
 * page, or has the same title and shares a speaker. A title alone is never enough.
 */
async function searchByTitle(deps: ApiDeps, session: SessionQuery): Promise<ApiEvent[]> {
  const title = joinableTitleKey(session.title);
  if (!title) return [];
  const answer = await getApi(`events/search?q=${encodeURIComponent(session.title.slice(0, 200))}`, '', deps);
  if (answer.status !== 'ok') return [];
  const speakers = new Set(session.speakers.map(personKey).filter(Boolean));
  return parseEventList(answer.json).events.filter((event) => {
    if (event.link && normaliseScheduleUrl(event.link) === session.scheduleUrl) return true;
    return joinableTitleKey(event.title) === title && event.persons.some((person) => speakers.has(personKey(person)));
  });
}
