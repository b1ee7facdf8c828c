/**
 * Every message that crosses a context boundary, in one table: who may send it, what it carries,
 * what comes back, and the validator that checks it. The background answers through one
 * dispatcher (lib/background.ts); extension pages and the content script call the typed `send`.
 *
 * Senders are strangers until proven otherwise. A page script cannot call `runtime.sendMessage`
 * itself, but the content script runs beside pages written by others and forwards what they
 * show, so its messages are checked like page input: only these shapes, only bounded strings,
 * and only about the page the sender is on. Anything else is dropped unanswered.
 *
 * Adding a message: one entry in `Protocol` and one in `MESSAGES`; the compiler then points at
 * the handler the background still lacks.
 */
import { browser, type Browser } from 'wxt/browser';
import type { SyncStatus } from './poll/status';
import type { CatalogueEstimate, CatalogueImport } from './history/catalogue';
import type { BoxAction, ScheduleLookupResult, SessionQuery } from './enrich/lookup-types';
import { SESSION_LIMITS, SITE_NAMES } from './enrich/page/sites/types';
import type { SearchAllAnswer } from './history/search-all';
import { normaliseScheduleUrl } from './match/normalise-url';
import { cleanPageLine, stripInvisible } from './text';
import type { PlayerSources } from './player/sources';

/** A poll's status, as `hello` and `sync-now` answer it. */
export type { SyncStatus };

/** A button in the box: turn a mark on or off for a talk the box shows (or the page's talk). */
export interface ScheduleActionRequest {
  type: 'schedule-action';
  session: SessionQuery;
  onlyIfKnownUrl: boolean;
  action: BoxAction;
  on: boolean;
  /** For every action but `notify-me`: a talk id the box shows. */
  talkId?: string;
}

export interface ScheduleLookupRequest {
  type: 'schedule-lookup';
  session: SessionQuery;
  /**
   * Set for pages only the `linked-page` adapter read: answer only when a stored talk names this
   * URL as its schedule page, otherwise `null` (the content script then shows nothing).
   */
  onlyIfKnownUrl: boolean;
  /**
   * The box's first ask: when the related-talks index is not loaded yet (a worker the page woke),
   * answer without related talks (`relatedPending`) rather than wait for it; asked again without.
   */
  relatedLater?: boolean;
}

/**
 * The page's talk is not in the archive: ask media.ccc.de's archive (lib/history/), then answer
 * as a lookup does. Sent only when a lookup answered `missing: 'checking'`.
 */
export interface ScheduleHistoryRequest {
  type: 'schedule-history';
  session: SessionQuery;
}

/**
 * The messages, by type. `from` is the sender class the background demands:
 * - `extension-page`: this extension's own popup, options or welcome page;
 * - `content-script`: our content script in a tab (any page it runs on);
 * - `content-script-on-its-page`: our content script, asking about the page it runs on.
 */
export interface Protocol {
  /** A page opened: wakes the worker, which clears what a killed predecessor left behind. */
  hello: { from: 'extension-page'; request: { type: 'hello' }; answer: SyncStatus };
  /** The Refresh button: poll now, whatever the alarm says. */
  'sync-now': { from: 'extension-page'; request: { type: 'sync-now' }; answer: SyncStatus };
  /** The user saw these new talks (or all of them): they stop counting as new. */
  'talks-seen': {
    from: 'extension-page';
    request: { type: 'talks-seen'; ids: string[] | 'all' };
    answer: { marked: number; newCount: number };
  };
  /** Options → Older recordings: what importing the whole catalogue would cost (null: could not ask). */
  'catalogue-estimate': {
    from: 'extension-page';
    request: { type: 'catalogue-estimate' };
    answer: CatalogueEstimate | null;
  };
  /** Start (or carry on with) the whole-catalogue import. */
  'catalogue-start': { from: 'extension-page'; request: { type: 'catalogue-start' }; answer: CatalogueImport };
  /** Stop the whole-catalogue import after the page in flight. */
  'catalogue-cancel': { from: 'extension-page'; request: { type: 'catalogue-cancel' }; answer: CatalogueImport };
  /**
   * The popup's "Search all of media.ccc.de": the user's search words go to media.ccc.de's search
   * and the hits are kept as history; answers their ids in the API's order, or why there are none.
   */
  'history-search': {
    from: 'extension-page';
    request: { type: 'history-search'; query: string };
    answer: SearchAllAnswer;
  };
  /**
   * Sent at `document_start` when the URL alone says the page may be a talk page: the worker wakes
   * and loads what a lookup needs while the page still loads. Carries nothing; answers whether
   * the warm-up went well.
   */
  'schedule-warm': { from: 'content-script'; request: { type: 'schedule-warm' }; answer: boolean };
  /** The page's talk: its recording and related talks, or null for a linked page no talk names. */
  'schedule-lookup': {
    from: 'content-script-on-its-page';
    request: ScheduleLookupRequest;
    answer: ScheduleLookupResult | null;
  };
  /** The recording from media.ccc.de's archive, when the archive did not have it. */
  'schedule-history': {
    from: 'content-script-on-its-page';
    request: ScheduleHistoryRequest;
    answer: ScheduleLookupResult | null;
  };
  /**
   * The player (popup, or the box's frame, both extension pages) after the user pressed Play: the
   * talk's files and subtitles (media.ccc.de's API, else the feed's file); null for a talk the
   * archive does not hold.
   */
  'player-sources': {
    from: 'extension-page';
    request: { type: 'player-sources'; talkId: string };
    answer: PlayerSources | null;
  };
  /** A box button: the box's new state, or null when the action was refused. */
  'schedule-action': {
    from: 'content-script-on-its-page';
    request: ScheduleActionRequest;
    answer: ScheduleLookupResult | null;
  };
}

export type MessageType = keyof Protocol;
export type SenderClass = Protocol[MessageType]['from'];
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type AnswerOf<K extends MessageType> = Protocol[K]['answer'];
/** Any valid message. */
export type Message = { [K in MessageType]: RequestOf<K> }[MessageType];

/** Sends a message to the background and types its answer. */
export type Send = <R extends Message>(request: R) => Promise<AnswerOf<R['type']>>;

export const send: Send = (request) => browser.runtime.sendMessage(request) as never;

type Fields = Record<string, unknown>;

interface Entry<K extends MessageType> {
  from: Protocol[K]['from'];
  /** The message as the background accepts it (unknown fields dropped), or null. */
  parse(message: Fields): RequestOf<K> | null;
}

const MAX_SEEN_IDS = 5000;
const MAX_TALK_ID = 300;
/** Search words, not a pasted page: the most the popup sends to media.ccc.de's search. */
export const MAX_SEARCH_QUERY = 200;
const BOX_ACTIONS: readonly BoxAction[] = ['watch-later', 'watched', 'notify-me', 'opened', 'played'];

export const MESSAGES: { [K in MessageType]: Entry<K> } = {
  hello: { from: 'extension-page', parse: () => ({ type: 'hello' }) },
  'sync-now': { from: 'extension-page', parse: () => ({ type: 'sync-now' }) },
  'talks-seen': {
    from: 'extension-page',
    parse: ({ ids }) => {
      if (ids === 'all') return { type: 'talks-seen', ids };
      const valid =
        Array.isArray(ids) &&
        ids.length <= MAX_SEEN_IDS &&
        ids.every((id) => typeof id === 'string' && id.length <= MAX_TALK_ID);
      return valid ? { type: 'talks-seen', ids: ids as string[] } : null;
    },
  },
  'catalogue-estimate': { from: 'extension-page', parse: () => ({ type: 'catalogue-estimate' }) },
  'catalogue-start': { from: 'extension-page', parse: () => ({ type: 'catalogue-start' }) },
  'catalogue-cancel': { from: 'extension-page', parse: () => ({ type: 'catalogue-cancel' }) },
  'history-search': {
    from: 'extension-page',
    parse: (m) => {
      // Only the message's own field: a `query` reached through the prototype is no one's words.
      if (!Object.prototype.hasOwnProperty.call(m, 'query')) return null;
      const query = boundedString(m.query, MAX_SEARCH_QUERY)?.trim();
      return query ? { type: 'history-search', query } : null;
    },
  },
  'player-sources': {
    from: 'extension-page',
    parse: ({ talkId }) => {
      const id = boundedString(talkId, MAX_TALK_ID);
      return id ? { type: 'player-sources', talkId: id } : null;
    },
  },
  'schedule-warm': { from: 'content-script', parse: () => ({ type: 'schedule-warm' }) },
  'schedule-lookup': {
    from: 'content-script-on-its-page',
    parse: (m) => {
      if (typeof m.onlyIfKnownUrl !== 'boolean') return null;
      const session = parseSession(m.session);
      if (!session) return null;
      const { onlyIfKnownUrl } = m;
      return {
        type: 'schedule-lookup',
        session,
        onlyIfKnownUrl,
        ...(m.relatedLater === true ? { relatedLater: true } : {}),
      };
    },
  },
  'schedule-history': {
    from: 'content-script-on-its-page',
    parse: (m) => {
      const session = parseSession(m.session);
      return session ? { type: 'schedule-history', session } : null;
    },
  },
  'schedule-action': {
    from: 'content-script-on-its-page',
    parse: (m) => {
      if (typeof m.onlyIfKnownUrl !== 'boolean' || typeof m.on !== 'boolean') return null;
      const action = BOX_ACTIONS.find((a) => a === m.action);
      if (!action) return null;
      const talkId = m.talkId === undefined ? undefined : boundedString(m.talkId, MAX_TALK_ID);
      if (action !== 'notify-me' && !talkId) return null;
      const session = parseSession(m.session);
      if (!session) return null;
      const { onlyIfKnownUrl, on } = m;
      return { type: 'schedule-action', session, onlyIfKnownUrl, action, on, ...(talkId ? { talkId } : {}) };
    },
  },
};

const isMessageType = (type: unknown): type is MessageType =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(MESSAGES, type);

/** The message as the table accepts it, or null: an unknown type, a wrong shape, an oversized field. */
export function parseMessage(message: unknown): Message | null {
  if (!message || typeof message !== 'object') return null;
  const fields = message as Fields;
  if (!isMessageType(fields.type)) return null;
  return (MESSAGES[fields.type] as Entry<MessageType>).parse(fields);
}

export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/** Whether `sender` belongs to the sender class the message's entry demands. */
export function senderMayAsk(
  request: Message,
  sender: Sender | Browser.runtime.MessageSender,
  extensionId = browser.runtime.id,
  extensionOrigin = browser.runtime.getURL('/'),
): boolean {
  switch (MESSAGES[request.type].from) {
    case 'extension-page':
      return isOwnExtensionPage(sender, extensionId, extensionOrigin);
    case 'content-script':
      return isOwnContentScript(sender, extensionId);
    case 'content-script-on-its-page':
      return 'session' in request && isContentScriptOnPage(sender, request.session, extensionId);
  }
}

/** Only this extension's own pages (popup, options) may drive the archive; never a web page. */
export function isOwnExtensionPage(sender: Sender, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

/** Our own content script in a tab (not an extension page, not another extension). */
export function isOwnContentScript(sender: Sender, extensionId: string): sender is Sender & { url: string } {
  return sender.id === extensionId && typeof sender.tab?.id === 'number' && !!sender.url;
}

/**
 * From our own content script, asking about the page it runs on, and only that page: the script
 * reads the address at document_start, before page scripts run, and the browser reports the
 * frame's address now. A page that rewrote its address (history.replaceState) to ask about
 * another talk of its host fails one or the other, and gets no answer.
 */
export function isContentScriptOnPage(sender: Sender, session: SessionQuery, extensionId: string): boolean {
  if (!isOwnContentScript(sender, extensionId)) return false;
  const pageKey = normaliseScheduleUrl(sender.url);
  return !!pageKey && pageKey === session.scheduleUrl;
}

function boundedString(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

type OptionalField = 'code' | 'event' | 'guid' | 'scheduleId' | 'abstract' | 'track';

/** An optional field: absent is fine, present must be a bounded string (matching `pattern`). */
function optional(target: Partial<SessionQuery>, key: OptionalField, value: unknown, pattern?: RegExp): boolean {
  if (value === undefined) return true;
  const s = boundedString(value, SESSION_LIMITS[key]);
  if (s === undefined || (pattern && !pattern.test(s))) return false;
  if (s) target[key] = s;
  return true;
}

/**
 * The session a page's adapter read, as the background accepts it. Its text is the page's, so it
 * is cleaned as feed text is (lib/text.ts): bidi and invisible characters would make the waiting
 * list and the box show something else than they store.
 */
function parseSession(raw: unknown): SessionQuery | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Fields;
  const site = SITE_NAMES.find((s) => s === r.site);
  const title = cleanPageLine(boundedString(r.title, SESSION_LIMITS.title) ?? '');
  const scheduleUrl = boundedString(r.scheduleUrl, SESSION_LIMITS.url);
  if (!site || !title || !scheduleUrl) return null;
  // Only the normalised form is ever looked up; anything else is not from our adapters.
  if (normaliseScheduleUrl(scheduleUrl) !== scheduleUrl) return null;
  if (!Array.isArray(r.speakers) || r.speakers.length > SESSION_LIMITS.speakers) return null;
  const speakers = r.speakers.map((s) => boundedString(s, SESSION_LIMITS.speaker));
  if (speakers.some((s) => s === undefined)) return null;
  const cleanSpeakers = (speakers as string[]).map(cleanPageLine).filter(Boolean);
  const session: SessionQuery = { site, title, scheduleUrl, speakers: cleanSpeakers };
  const ok =
    optional(session, 'code', r.code, /^[A-Z0-9]{4,16}$/) &&
    optional(session, 'event', r.event) &&
    optional(session, 'guid', r.guid, /^[A-Za-z0-9-]+$/) &&
    optional(session, 'scheduleId', r.scheduleId, /^\d+$/) &&
    optional(session, 'abstract', r.abstract) &&
    optional(session, 'track', r.track);
  if (!ok) return null;
  for (const key of ['event', 'track'] as const) if (session[key]) session[key] = cleanPageLine(session[key]);
  if (session.abstract) session.abstract = stripInvisible(session.abstract);
  return session;
}
