/**
 * One check of the streaming hosts, as lib/live/policy.ts planned it: `streams/v2.json` and the
 * ReLive indexes due, each a conditional GET (ETag, Last-Modified) of at most 4 MB. A bad answer
 * (404, HTML, cut-off JSON, the wrong shape) keeps the last good data and says why in `error`;
 * a 408, 429, 5xx, timeout or lost connection also backs off as the feed does (lib/poll/backoff.ts).
 */
import { backoffDelayMs } from '../poll/backoff';
import { fetchFeed, HttpStatusError } from '../poll/feed/fetch';
import { FeedError } from '../poll/feed/errors';
import { hostOf } from '../http-url';
import { t } from '../i18n';
import { LiveShapeError, parseReliveIndex, parseStreams } from './parse';
import { LIVE_POLL_MINUTES, reliveTargets, RELIVE_GRACE_MS, WINDOW_MARGIN_MS, type LivePlan } from './policy';
import { updateLiveState, type LiveState, type SeenConference } from './store';
import { reliveIndexUrl, STREAMS_URL } from './types';

export const LIVE_MAX_BYTES = 4 * 1024 * 1024;
export const LIVE_TIMEOUT_MS = 20_000;

export interface LivePollDeps {
  fetchImpl?: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** The conference names the user cares about (lib/live/policy.ts `interestOf`). */
  interest: readonly string[];
}

/** Why a source's answer was not used, in words for the status line. */
export function describeLiveError(
  error: unknown,
  url: string,
): { message: string; transient: boolean; retryAfterSeconds?: number | undefined } {
  const host = hostOf(url);
  if (error instanceof HttpStatusError)
    return {
      message: t('live_error_status', host, String(error.status)),
      transient: error.transient,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  if (error instanceof FeedError && (error.kind === 'network' || error.kind === 'timeout'))
    return { message: t('live_error_unreachable', host), transient: true };
  // Too large, not JSON, cut off, the wrong shape: the source's answer is not used.
  return { message: t('live_error_unreadable', host), transient: false };
}

type Answer = { status: 'not-modified' } | { status: 'ok'; json: unknown; etag: string; lastModified: string };

async function getJson(url: string, state: LiveState, deps: LivePollDeps): Promise<Answer> {
  const validators = Object.hasOwn(state.validators, url) ? state.validators[url]! : { etag: '', lastModified: '' };
  const outcome = await fetchFeed(url, validators, {
    accept: 'application/json',
    maxBytes: LIVE_MAX_BYTES,
    timeoutMs: LIVE_TIMEOUT_MS,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
  });
  if (outcome.status === 'not-modified') return outcome;
  const body = new TextDecoder('utf-8').decode(outcome.bytes).replace(/^[\s\ufeff]+/, '');
  if (body.startsWith('<')) throw new LiveShapeError('JSON (an HTML page came)');
  return { status: 'ok', json: JSON.parse(body) as unknown, etag: outcome.etag, lastModified: outcome.lastModified };
}

/** The new list, and the conferences that left it less than 3 days ago (their ReLive goes on). */
function mergeConferences(previous: SeenConference[], fresh: SeenConference[], now: number): SeenConference[] {
  const kept = previous.filter(
    (old) => !fresh.some((c) => c.slug === old.slug) && now - old.seenAt < RELIVE_GRACE_MS + WINDOW_MARGIN_MS,
  );
  return [...fresh, ...kept];
}

/** Runs the plan; answers the state it left. Requests go one after another, never in parallel. */
export async function runLivePoll(plan: LivePlan, deps: LivePollDeps): Promise<LiveState> {
  const now = deps.now ?? Date.now;
  let failed: ReturnType<typeof describeLiveError> | null = null;
  let state = await updateLiveState((s) => {
    s.lastAttemptAt = now();
  });
  if (plan.streams) {
    try {
      const answer = await getJson(STREAMS_URL, state, deps);
      state = await updateLiveState((s) => {
        const previous = s.checkedAt;
        s.checkedAt = now();
        if (answer.status === 'ok') {
          const seenAt = now();
          const fresh = parseStreams(answer.json).map((c) => ({ ...c, seenAt }));
          s.conferences = mergeConferences(s.conferences, fresh, seenAt);
          s.validators[STREAMS_URL] = { etag: answer.etag, lastModified: answer.lastModified };
        } else {
          // Unchanged: what the last answer listed is still listed.
          s.conferences = s.conferences.map((c) => (c.seenAt >= previous ? { ...c, seenAt: s.checkedAt } : c));
        }
      });
    } catch (error) {
      failed = describeLiveError(error, STREAMS_URL);
    }
  }
  // Conferences the streams answer just listed are asked about at once, not 5 minutes later.
  const targets = [...plan.relive];
  for (const target of reliveTargets({ now: now(), state, interest: deps.interest }))
    if (!targets.some(([acronym]) => acronym === target[0])) targets.push(target);
  for (const [acronym, folder] of failed?.transient ? [] : targets) {
    const url = reliveIndexUrl(acronym);
    try {
      const answer = await getJson(url, state, deps);
      state = await updateLiveState((s) => {
        const items = answer.status === 'ok' ? parseReliveIndex(answer.json, folder) : (s.relive[acronym]?.items ?? []);
        s.relive[acronym] = { items, checkedAt: now() };
        if (answer.status === 'ok') s.validators[url] = { etag: answer.etag, lastModified: answer.lastModified };
      });
    } catch (error) {
      // No index (yet) is no error: not every streamed conference has ReLive.
      const missing = error instanceof HttpStatusError && (error.status === 404 || error.status === 410);
      if (!missing) failed ??= describeLiveError(error, url);
      // Asked again at the index's next turn (lib/live/policy.ts), not on every check.
      state = await updateLiveState((s) => {
        s.relive[acronym] = { items: s.relive[acronym]?.items ?? [], checkedAt: now() };
      });
      if (failed?.transient) break;
    }
  }
  return updateLiveState((s) => {
    s.error = failed?.message ?? '';
    if (failed?.transient) {
      s.failures += 1;
      s.nextTryAt =
        now() + backoffDelayMs(s.failures, failed.retryAfterSeconds, LIVE_POLL_MINUTES, (deps.random ?? Math.random)());
    } else {
      s.failures = 0;
      s.nextTryAt = 0;
    }
  });
}
