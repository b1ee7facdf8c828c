/**
 * The gate for messages from the schedule-page content script. A content script runs next to
 * pages written by strangers, so its message is treated like page input: only this shape, only
 * bounded strings, and only about the page the sender is on.
 */
import type { SiteName } from '../page/sites/types';
import type {
  BoxAction,
  ScheduleActionRequest,
  ScheduleLookupRequest,
  ScheduleWarmRequest,
  SessionQuery,
} from '../lookup-types';
import { normaliseScheduleUrl } from '../../match/normalise-url';

const SITES: readonly SiteName[] = ['pretalx', 'fosdem', 'ccc-hub', 'linked-page'];
const MAX = {
  title: 500,
  speaker: 200,
  speakers: 20,
  url: 2048,
  code: 16,
  event: 100,
  guid: 100,
  id: 12,
  abstract: 2000,
  track: 100,
};

function boundedString(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

function optional(
  target: Partial<SessionQuery>,
  key: 'code' | 'event' | 'guid' | 'scheduleId' | 'abstract' | 'track',
  value: unknown,
  max: number,
  pattern?: RegExp,
): boolean {
  if (value === undefined) return true;
  const s = boundedString(value, max);
  if (s === undefined || (pattern && !pattern.test(s))) return false;
  if (s) target[key] = s;
  return true;
}

function parseSession(raw: unknown): SessionQuery | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const site = SITES.find((s) => s === r.site);
  const title = boundedString(r.title, MAX.title);
  const scheduleUrl = boundedString(r.scheduleUrl, MAX.url);
  if (!site || !title || !scheduleUrl) return null;
  // Only the normalised form is ever looked up; anything else is not from our adapters.
  if (normaliseScheduleUrl(scheduleUrl) !== scheduleUrl) return null;
  if (!Array.isArray(r.speakers) || r.speakers.length > MAX.speakers) return null;
  const speakers = r.speakers.map((s) => boundedString(s, MAX.speaker));
  if (speakers.some((s) => s === undefined)) return null;
  const session: SessionQuery = { site, title, scheduleUrl, speakers: speakers as string[] };
  const ok =
    optional(session, 'code', r.code, MAX.code, /^[A-Z0-9]{4,16}$/) &&
    optional(session, 'event', r.event, MAX.event) &&
    optional(session, 'guid', r.guid, MAX.guid, /^[A-Za-z0-9-]+$/) &&
    optional(session, 'scheduleId', r.scheduleId, MAX.id, /^\d+$/) &&
    optional(session, 'abstract', r.abstract, MAX.abstract) &&
    optional(session, 'track', r.track, MAX.track);
  return ok ? session : null;
}

export function parseScheduleLookupRequest(message: unknown): ScheduleLookupRequest | null {
  if (!message || typeof message !== 'object') return null;
  const m = message as Record<string, unknown>;
  if (m.type !== 'schedule-lookup' || typeof m.onlyIfKnownUrl !== 'boolean') return null;
  const session = parseSession(m.session);
  return session ? { type: 'schedule-lookup', session, onlyIfKnownUrl: m.onlyIfKnownUrl } : null;
}

const BOX_ACTIONS: readonly BoxAction[] = ['watch-later', 'watched', 'notify-me', 'opened'];

export function parseScheduleActionRequest(message: unknown): ScheduleActionRequest | null {
  if (!message || typeof message !== 'object') return null;
  const m = message as Record<string, unknown>;
  if (m.type !== 'schedule-action' || typeof m.onlyIfKnownUrl !== 'boolean' || typeof m.on !== 'boolean') return null;
  const action = BOX_ACTIONS.find((a) => a === m.action);
  if (!action) return null;
  const talkId = m.talkId === undefined ? undefined : boundedString(m.talkId, 300);
  if (action !== 'notify-me' && !talkId) return null;
  const session = parseSession(m.session);
  if (!session) return null;
  return {
    type: 'schedule-action',
    session,
    onlyIfKnownUrl: m.onlyIfKnownUrl,
    action,
    on: m.on,
    ...(talkId ? { talkId } : {}),
  };
}

export function parseScheduleWarmRequest(message: unknown): ScheduleWarmRequest | null {
  return !!message && typeof message === 'object' && (message as { type?: unknown }).type === 'schedule-warm'
    ? { type: 'schedule-warm' }
    : null;
}

export interface ContentScriptSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/**
 * From our own content script (`sender.id` is ours and it runs in a tab), asking about the page
 * it runs on: a page cannot make it look up some other URL's talk.
 */
export function isContentScriptOnPage(
  sender: ContentScriptSender,
  session: SessionQuery,
  extensionId: string,
): boolean {
  if (!isOwnContentScript(sender, extensionId)) return false;
  const pageKey = normaliseScheduleUrl(sender.url);
  if (!pageKey) return false;
  return new URL(pageKey).host === new URL(session.scheduleUrl).host;
}

/** Our own content script in a tab (not an extension page, not another extension). */
export function isOwnContentScript(
  sender: ContentScriptSender,
  extensionId: string,
): sender is ContentScriptSender & { url: string } {
  return sender.id === extensionId && typeof sender.tab?.id === 'number' && !!sender.url;
}
