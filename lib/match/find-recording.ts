/**
 * Finds the recording of the talk a schedule page shows, trying the join keys from the most
 * reliable down (docs/matching.md): GUID, normalised schedule URL, pretalx code (with a
 * collision check), numeric schedule id (only within the page's conference), then the title,
 * confirmed by a shared speaker or else offered as a "possible match".
 */
import type { AftertalkDb } from '../archive/db';
import type { StoredTalk } from '../archive/talk';
import type { SessionQuery } from '../enrich/lookup-types';
import { eventMatchesConference, joinableTitleKey, personKey } from './talk-keys';
import { hostOf } from '../http-url';

export type MatchKey = 'guid' | 'url' | 'code' | 'schedule-id' | 'title-speakers' | 'title';

export interface FoundRecording {
  talk: StoredTalk;
  by: MatchKey;
  confidence: 'sure' | 'possible';
}

/** Several talks with one key: re-releases share a schedule URL; the latest release wins. */
function latest(talks: StoredTalk[]): StoredTalk | undefined {
  return talks.reduce<StoredTalk | undefined>(
    (best, t) => (!best || t.releaseKey > best.releaseKey ? t : best),
    undefined,
  );
}

/** Candidates that plausibly belong to the page's site or event. */
function sameSiteOrEvent(talks: StoredTalk[], session: SessionQuery): StoredTalk[] {
  const pageHost = hostOf(session.scheduleUrl);
  return talks.filter(
    (t) =>
      (t.scheduleKey && hostOf(t.scheduleKey) === pageHost) ||
      (!!session.event && eventMatchesConference(session.event, t.conference)),
  );
}

/**
 * pretalx codes are random per instance, so two instances rarely share one; when they do, only
 * a candidate on the page's host or of the page's event is taken. A single candidate is only
 * refused when it clearly belongs elsewhere (another schedule host and another event).
 */
function pickByCode(talks: StoredTalk[], session: SessionQuery): StoredTalk | undefined {
  const local = sameSiteOrEvent(talks, session);
  if (local.length) return latest(local);
  if (talks.length !== 1) return undefined;
  const [only] = talks;
  const elsewhere = !!only?.scheduleKey && !!session.event;
  return elsewhere ? undefined : only;
}

function sharesSpeaker(talk: StoredTalk, pageSpeakers: Set<string>): boolean {
  return talk.speakers.some((name) => pageSpeakers.has(personKey(name)));
}

export async function findRecording(db: AftertalkDb, session: SessionQuery): Promise<FoundRecording | null> {
  if (session.guid) {
    const byGuid = (await db.talks.get(session.guid)) ?? (await db.talks.get(session.guid.toLowerCase()));
    if (byGuid) return { talk: byGuid, by: 'guid', confidence: 'sure' };
  }

  const byUrl = latest(await db.talks.where('scheduleKey').equals(session.scheduleUrl).toArray());
  if (byUrl) return { talk: byUrl, by: 'url', confidence: 'sure' };

  if (session.code) {
    const byCode = pickByCode(await db.talks.where('code').equals(session.code).toArray(), session);
    if (byCode) return { talk: byCode, by: 'code', confidence: 'sure' };
  }

  // Numeric ids restart for every frab/pretalx instance: never trust one outside its event.
  if (session.scheduleId) {
    const byId = latest(
      sameSiteOrEvent(await db.talks.where('scheduleId').equals(session.scheduleId).toArray(), session),
    );
    if (byId) return { talk: byId, by: 'schedule-id', confidence: 'sure' };
  }

  const key = joinableTitleKey(session.title);
  if (!key) return null;
  const sameTitle = await db.talks.where('titleKey').equals(key).toArray();
  // A talk of another conference with the same title is another talk (a repeat, a yearly slot).
  const candidates = session.event
    ? sameTitle.filter((t) => eventMatchesConference(session.event ?? '', t.conference))
    : sameTitle;
  const pageSpeakers = new Set(session.speakers.map(personKey).filter(Boolean));
  const withSpeaker = latest(candidates.filter((t) => sharesSpeaker(t, pageSpeakers)));
  if (withSpeaker) return { talk: withSpeaker, by: 'title-speakers', confidence: 'sure' };
  const titleOnly = latest(candidates);
  return titleOnly ? { talk: titleOnly, by: 'title', confidence: 'possible' } : null;
}
