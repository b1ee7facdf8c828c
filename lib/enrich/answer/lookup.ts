/**
 * The background's answer to a schedule page: its recording (if any) and up to five related
 * recordings from the local archive.
 */
import type { AftertalkDb, FeedRecord } from '../../archive/db';
import type { StoredTalk } from '../../archive/talk';
import { readArchiveVersion } from '../../archive/merge';
import { readConferences } from '../../archive/search-store';
import type { RelatedQuery } from '../related/service';
import { NO_MARKS, RELATED_LIMIT, type ScheduleLookupResult, type SessionQuery, type TalkCard } from '../lookup-types';
import type { ScheduleLookupRequest } from '../../messages';
import { findRecording, type FoundRecording } from '../../match/find-recording';
import { eventMatchesConference, joinableTitleKey } from '../../match/talk-keys';
import type { RelatedDoc } from '../related/index';
import { MEDIA_HOSTS, mediaUrl, ownHostOf } from '../../http-url';
import { toTalkCard } from './talk-card';
import { downloadLabel } from './media-labels';
import { missingRecording } from '../../history/page-check';
import { DEFAULT_SETTINGS, loadSettings } from '../../personal/settings';

/**
 * Hits scoring below this share of the best hit only share a common word ("kernel", "open")
 * with the page: better five good ones, or two, than padding the list with noise.
 */
export const RELATED_MIN_SHARE = 0.3;

export interface LookupDeps {
  db: AftertalkDb;
  /** Ranked related talk ids for a talk or a page (lib/enrich/related/service.ts). */
  related: RelatedQuery;
}

/** What the page says about its talk, as a document for the related-talks index. */
function sessionAsDoc(session: SessionQuery) {
  return {
    id: '',
    title: session.title,
    speakers: session.speakers,
    tags: session.track ? [session.track] : [],
    conference: session.event ?? '',
    description: session.abstract ?? '',
  };
}

/**
 * Since Dec 2025 the feed names each talk's pretalx code, so when an event's stored talks have
 * codes, a code that finds nothing means "not published yet" and the export cannot change that.
 * Only older events (talks without codes) are worth the export's download.
 */
async function exportMayHelp(db: AftertalkDb, session: SessionQuery, found: FoundRecording | null): Promise<boolean> {
  if (session.site !== 'pretalx' || !session.code || session.guid || !session.event || found?.confidence === 'sure')
    return false;
  const event = session.event;
  const conferences = await archiveConferences(db);
  const ofEvent = conferences.filter((conference) => eventMatchesConference(event, conference));
  // One key per conference from the indexes, never the talk records themselves. The saved list
  // may name a conference whose talks all moved to another: only those with talks count.
  const withTalks: string[] = [];
  for (const conference of ofEvent)
    if ((await db.talks.where('conference').equals(conference).limit(1).primaryKeys()).length)
      withTalks.push(conference);
  if (!withTalks.length) return false;
  for (const conference of withTalks) {
    const withCode = await db.talks
      .where('[conference+code]')
      .between([conference, ''], [conference, '\uffff'], false, true)
      .limit(1)
      .primaryKeys();
    if (withCode.length) return false;
  }
  return true;
}

/**
 * The archive's conferences: the list the merges keep beside the search index. Listing them from
 * the talks' `conference` index (`uniqueKeys`) walks every entry of it in Chromium, 250-365 ms
 * at 20,000 talks, on every schedule page whose talk the archive lacks; that stays the fallback
 * for an archive whose list is not there yet (it is written from the next merge on).
 */
async function archiveConferences(db: AftertalkDb): Promise<string[]> {
  const saved = await readConferences(db.meta, await readArchiveVersion(db));
  return saved ?? ((await db.talks.orderBy('conference').uniqueKeys()) as string[]);
}

export async function lookupSchedulePage(
  deps: LookupDeps,
  request: ScheduleLookupRequest,
): Promise<ScheduleLookupResult | null> {
  const { db, related } = deps;
  const { session } = request;
  // The index of a worker the page woke is not in memory yet (its snapshot is 5 to 8 MB at 20,000
  // to 30,000 talks, and reading it holds the worker's thread 50 to 100 ms in Chromium): the box's
  // first ask gets the recording now, the related talks on its second (lib/enrich/page/enrich-page.ts).
  const relatedLater = request.relatedLater === true && related.isLoaded?.() === false;
  // Every other ask reads the snapshot while the recording is looked for, not after (a failure
  // shows again in the query itself); the first ask of a woken worker reads it once its own reads
  // are done, so the snapshot does not arrive in the middle of the answer the box waits for.
  if (!relatedLater) related.warm?.().catch(() => undefined);
  const found = await findRecording(db, session);
  // A page no adapter knows is only ours to enrich when a talk names exactly this URL.
  if (request.onlyIfKnownUrl && found?.by !== 'url') return null;

  // The recording's own text is richer than the page's (description, tags), so rank from it.
  // The three reads are independent: run them together, the box is waiting.
  const query = found ? found.talk : sessionAsDoc(session);
  const [candidates, mayHelp, feeds, missing] = await Promise.all([
    relatedLater ? [] : relatedCandidates(deps, query, found),
    exportMayHelp(db, session, found),
    // The polled feeds: when each was first imported, and the hosts their items may link to.
    db.feeds.toArray(),
    found?.confidence === 'sure'
      ? null
      : // Read only without a sure recording (a known talk's page reads nothing more), beside the related talks.
        loadSettings()
          .catch(() => DEFAULT_SETTINGS)
          .then(({ lookUpOlder }) => missingRecording(db, session, { lookUpOlder, now: Date.now() })),
  ]);
  if (relatedLater) related.warm?.().catch(() => undefined);
  const ownHosts = feedOwnHosts(feeds);
  const relatedCards = relatedTalkCards(candidates, ownHosts);
  const pending = relatedLater ? { relatedPending: true } : {};
  if (!found)
    return { recording: null, related: relatedCards, exportMayHelp: mayHelp, mine: NO_MARKS, missing, ...pending };
  const { talk, by, confidence } = found;
  const file = talk.enclosure;
  const fileUrl = mediaUrl(file?.url, ownHosts);
  const fileType = file?.type ?? '';
  const fileBytes = file?.length ?? 0;
  const firstImports = new Set(feeds.map((feed) => feed.importedAt));
  return {
    recording: {
      talk: toTalkCard(talk, firstImports, ownHosts),
      fileUrl,
      fileType,
      fileBytes,
      downloadText: fileUrl ? downloadLabel(fileType, fileUrl, fileBytes) : '',
      by,
      confidence,
    },
    related: relatedCards,
    exportMayHelp: mayHelp,
    mine: NO_MARKS,
    missing,
    ...pending,
  };
}

/**
 * The hosts besides media.ccc.de's that links and pictures may be on: those of the feeds the
 * archive polled (a custom feed links to its own site; lib/http-url.ts `mediaUrl`). Read from the
 * feed records the lookup reads anyway, so a known talk's page reads no settings.
 */
function feedOwnHosts(feeds: readonly Pick<FeedRecord, 'url'>[]): string[] {
  return feeds.map((feed) => ownHostOf(feed.url)).filter((host) => host !== '' && !MEDIA_HOSTS.includes(host));
}

/** The ranked related talks, best first, without the page's own talk under another id. */
async function relatedCandidates(
  { db, related }: LookupDeps,
  query: RelatedDoc,
  found: FoundRecording | null,
): Promise<StoredTalk[]> {
  const ownTitle = joinableTitleKey(query.title);
  const exclude = found ? [found.talk.id] : [];
  const ranked = await related.query(query, { limit: RELATED_LIMIT * 3, excludeIds: exclude });
  const floor = (ranked[0]?.score ?? 0) * RELATED_MIN_SHARE;
  const talks = await db.talks.bulkGet(ranked.filter((r) => r.score >= floor).map((r) => r.id));
  // The same talk released twice (another id, same title) is not "related", it is itself.
  return talks.filter((talk): talk is StoredTalk => !!talk && !(ownTitle && talk.titleKey === ownTitle));
}

function relatedTalkCards(candidates: readonly StoredTalk[], ownHosts: readonly string[]): TalkCard[] {
  const cards: TalkCard[] = [];
  for (const talk of candidates) {
    const card = toTalkCard(talk, undefined, ownHosts);
    // A talk without a link on media.ccc.de (or its feed's host) is not shown at all.
    if (card.url) cards.push(card);
    if (cards.length === RELATED_LIMIT) break;
  }
  return cards;
}
