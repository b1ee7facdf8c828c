/**
 * Who a new talk is for: the rules that decide whether it counts on the badge, is listed as new
 * and may notify. Muted conferences and talks in no wanted language stay in the archive and in
 * search; they just never ask for attention.
 */
import type { Settings } from './settings';
import type { StoredTalk } from '../archive/talk';
import { liveEntries, type PersonalState } from './state';

export interface Audience {
  followed: ReadonlySet<string>;
  muted: ReadonlySet<string>;
  /** Wanted language codes (`eng`, `deu`); empty: every language. */
  languages: ReadonlySet<string>;
  notifyScope: Settings['notifyScope'];
}

export function audienceOf(state: PersonalState, settings: Pick<Settings, 'languages' | 'notifyScope'>): Audience {
  const followed = new Set<string>();
  const muted = new Set<string>();
  for (const [conference, mark] of liveEntries(state.conferences))
    (mark === 'follow' ? followed : muted).add(conference);
  return { followed, muted, languages: new Set(settings.languages), notifyScope: settings.notifyScope };
}

/** `deu-eng` (a talk given in German, translated to English) is in both languages. */
export function languageCodes(language: string): string[] {
  return language ? language.split('-').filter(Boolean) : [];
}

/** A talk whose language the feed does not say is never filtered out: better one too many. */
export function inWantedLanguage(talk: Pick<StoredTalk, 'language'>, audience: Audience): boolean {
  if (audience.languages.size === 0) return true;
  const codes = languageCodes(talk.language);
  return codes.length === 0 || codes.some((code) => audience.languages.has(code));
}

/** Counts on the badge and is listed under "New talks". */
export function wantsAttention(talk: Pick<StoredTalk, 'conference' | 'language'>, audience: Audience): boolean {
  return !audience.muted.has(talk.conference) && inWantedLanguage(talk, audience);
}

/** May be announced by a desktop notification (the notification switch and quiet mode aside). */
export function wantsNotification(talk: Pick<StoredTalk, 'conference' | 'language'>, audience: Audience): boolean {
  return wantsAttention(talk, audience) && (audience.notifyScope === 'all' || audience.followed.has(talk.conference));
}

/** Followed conferences first, the rest keep their order (a stable sort). */
export function followedFirst<T extends { conference: string }>(
  groups: T[],
  audience: Pick<Audience, 'followed'>,
): T[] {
  return [...groups].sort(
    (a, b) => Number(audience.followed.has(b.conference)) - Number(audience.followed.has(a.conference)),
  );
}
