/**
 * When the streaming hosts are asked (docs/live.md, "Manners"). Pure: lib/live/poll.ts applies it.
 *
 * - Never without the user's permission for the hosts.
 * - Only for conferences the user cares about: followed ones, and those of schedule pages open in
 *   the last hour (with "all conferences" chosen, the popup's Live now also counts any streamed one).
 * - Every 5 minutes while such a conference is live by the last answer's own times (from an hour
 *   before it starts to an hour after it ends, or while the site says it streams); its ReLive
 *   index with it, and every 30 minutes for 3 days after the end while recordings are processed.
 * - Otherwise only to find out whether a conference went live: when a page of it opens, the popup
 *   opens or the permission was just given, at most every 30 minutes, and only for a conference
 *   the archive does not know to be over (its newest talk older than 14 days).
 * - After a transient failure, nothing until the backoff (lib/poll/backoff.ts) has passed.
 */
import { conferenceMatches } from './join';
import type { LiveState, SeenConference } from './store';

const MINUTE = 60_000;
export const LIVE_POLL_MINUTES = 5;
export const DISCOVERY_MS = 30 * MINUTE;
export const RELIVE_AFTER_MS = 30 * MINUTE;
export const WINDOW_MARGIN_MS = 60 * MINUTE;
export const RELIVE_GRACE_MS = 3 * 24 * 60 * MINUTE;
export const PAGE_INTEREST_MS = 60 * MINUTE;
/** A conference whose newest talk in the archive is older than this is over. */
export const OVER_AFTER_MS = 14 * 24 * 60 * MINUTE;
/** Alarms fire up to a few seconds early: a check due in less than this counts as due. */
const SLACK_MS = 30_000;

export type LiveReason = 'alarm' | 'page' | 'popup' | 'granted';

export interface LiveInputs {
  now: number;
  reason: LiveReason;
  permitted: boolean;
  followed: ReadonlySet<string>;
  /** The popup's Live now lists every streamed conference, not only followed ones. */
  scopeAll: boolean;
  state: LiveState;
  /** The newest talk date in the archive per conference name asked about (0: none in the archive). */
  newestTalk: (conference: string) => number;
}

export interface LivePlan {
  streams: boolean;
  /** ReLive indexes to fetch: [acronym, the site's folder for its links]. */
  relive: [acronym: string, folder: string][];
  /** Whether the 5-minute alarm should exist. */
  keepAlarm: boolean;
}

const NOTHING: LivePlan = { streams: false, relive: [], keepAlarm: false };

/** The conference names the user cares about now: followed ones and open schedule pages' events. */
export function interestOf(inputs: Pick<LiveInputs, 'followed' | 'state' | 'now'>): string[] {
  const pages = Object.entries(inputs.state.pages)
    .filter(([, at]) => inputs.now - at < PAGE_INTEREST_MS)
    .map(([event]) => event);
  return [...new Set([...inputs.followed, ...pages])];
}

export function isLiveWindow(conference: SeenConference, now: number): boolean {
  if (conference.streaming && now - conference.seenAt < WINDOW_MARGIN_MS) return true;
  const { startsAt, endsAt } = conference;
  return startsAt > 0 && endsAt > 0 && startsAt - WINDOW_MARGIN_MS <= now && now <= endsAt + WINDOW_MARGIN_MS;
}

/** Ended (or left the site's list) less than 3 days ago: its ReLive is still being processed. */
function inReliveGrace(conference: SeenConference, now: number): boolean {
  const end = Math.max(conference.endsAt, conference.seenAt);
  return now <= end + RELIVE_GRACE_MS;
}

export function planLivePoll(inputs: LiveInputs): LivePlan {
  const { now, state, reason } = inputs;
  if (!inputs.permitted) return NOTHING;
  const interest = interestOf(inputs);
  const wanted = (conference: SeenConference) => interest.some((name) => conferenceMatches(conference, name));
  const live = state.conferences.filter((c) => isLiveWindow(c, now) && (wanted(c) || inputs.scopeAll));
  const afterwards = state.conferences.filter((c) => wanted(c) && !isLiveWindow(c, now) && inReliveGrace(c, now));
  const keepAlarm = live.length > 0 || afterwards.length > 0;
  if (state.nextTryAt > now) return { ...NOTHING, keepAlarm };

  const since = now - state.lastAttemptAt;
  let streams = live.length > 0 && since >= LIVE_POLL_MINUTES * MINUTE - SLACK_MS;
  if (!streams && reason !== 'alarm' && since >= DISCOVERY_MS - SLACK_MS) {
    // Something may have gone live that the last answer did not list yet.
    const known = (name: string) => state.conferences.some((c) => conferenceMatches(c, name));
    const maybeLive = interest.some((name) => {
      const newest = inputs.newestTalk(name);
      return !known(name) && (newest === 0 || now - newest < OVER_AFTER_MS);
    });
    streams = reason === 'granted' ? interest.length > 0 : maybeLive || (reason === 'popup' && inputs.scopeAll);
  }
  const relive = reliveTargets({ ...inputs, interest });
  return { streams, relive, keepAlarm: keepAlarm || streams };
}

/**
 * The ReLive indexes due: of wanted conferences live now (every 5 minutes) or in their 3 days
 * after (every 30 minutes). Also asked right after a streams answer listed a conference anew.
 */
export function reliveTargets({
  now,
  state,
  interest,
}: Pick<LiveInputs, 'now' | 'state'> & { interest: readonly string[] }): [string, string][] {
  const relive: [string, string][] = [];
  for (const conference of state.conferences) {
    if (!interest.some((name) => conferenceMatches(conference, name))) continue;
    const inWindow = isLiveWindow(conference, now);
    if (!inWindow && !inReliveGrace(conference, now)) continue;
    const checked = Object.hasOwn(state.relive, conference.acronym) ? state.relive[conference.acronym]!.checkedAt : 0;
    const every = inWindow ? LIVE_POLL_MINUTES * MINUTE : RELIVE_AFTER_MS;
    if (now - checked >= every - SLACK_MS && !relive.some(([acronym]) => acronym === conference.acronym))
      relive.push([conference.acronym, conference.slug]);
  }
  return relive;
}
