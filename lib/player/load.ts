/**
 * The worker's side of the player (message `player-sources`): the talk from the archive, then its
 * files and subtitles from media.ccc.de's API (`events/<guid>`, or `events/<slug>` for a talk
 * without a GUID) through the history client, with its manners (one request at a time, backoff).
 * Asked only when the user pressed Play. When the API cannot answer, the feed's file plays.
 * Answers are kept for ten minutes in memory, so closing and reopening a player asks once.
 */
import type { AftertalkDb } from '../archive/db';
import type { StoredTalk } from '../archive/talk';
import { parseEvent } from '../history/api-shapes';
import { getApi, type ApiDeps } from '../history/client';
import { sourcesFromApi, sourcesFromFeed, type PlayerSources, type TalkBasics } from './sources';

const CACHE_MS = 10 * 60_000;
const CACHE_SIZE = 20;
const GUID = /^[A-Za-z0-9-]{1,100}$/;
const SLUG = /^[\p{L}\p{M}\p{N}._~+()-]{1,300}$/u;

const cache = new Map<string, { at: number; sources: PlayerSources }>();

/** `events/<guid or slug>` for the talk, or '' when it has neither (an id made from its file). */
export function eventPathOf(talk: Pick<StoredTalk, 'id' | 'idSource' | 'slug'>): string {
  if (talk.idSource === 'guid' && GUID.test(talk.id)) return `events/${talk.id}`;
  if (talk.slug && SLUG.test(talk.slug) && !/^\.+$/.test(talk.slug)) return `events/${encodeURIComponent(talk.slug)}`;
  return '';
}

function basicsOf(talk: StoredTalk): TalkBasics {
  return {
    id: talk.id,
    title: talk.title,
    url: talk.url,
    language: talk.language,
    durationSeconds: talk.durationSeconds,
    enclosure: talk.enclosure,
  };
}

export interface LoadDeps {
  db: AftertalkDb;
  api?: ApiDeps;
  now?: () => number;
}

/** What the player may play for `talkId`, or null for a talk the archive does not hold. */
export async function loadPlayerSources(deps: LoadDeps, talkId: string): Promise<PlayerSources | null> {
  const now = deps.now ?? Date.now;
  const cached = cache.get(talkId);
  if (cached && now() - cached.at < CACHE_MS) return cached.sources;
  const talk = await deps.db.talks.get(talkId);
  if (!talk) return null;
  const basics = basicsOf(talk);
  const path = eventPathOf(talk);
  if (!path) return sourcesFromFeed(basics);
  let sources: PlayerSources;
  try {
    const answer = await getApi(path, '', deps.api);
    if (answer.status !== 'ok') return sourcesFromFeed(basics);
    sources = sourcesFromApi(basics, parseEvent(answer.json));
  } catch {
    // Not found, an error page, a wrong shape, offline, backing off: the feed's file still plays.
    return sourcesFromFeed(basics);
  }
  if (sources.from !== 'api') return sources;
  cache.delete(talkId);
  cache.set(talkId, { at: now(), sources });
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return sources;
}

/** For tests: forget what was asked. */
export function forgetPlayerSources(): void {
  cache.clear();
}
