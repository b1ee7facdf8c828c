/**
 * The join keys between a stored recording and a schedule page, derived once when a talk is
 * stored (and indexed in Dexie), so a page lookup is a handful of index hits. Order of trust
 * (docs/matching.md): GUID (the talk id itself),
 * normalised schedule URL, pretalx code, numeric schedule id, normalised title (+ speakers).
 */
import type { TalkFeedData, TalkMatchKeys } from '../archive/talk';
import { normaliseScheduleUrl, sessionCodeFromPath } from './normalise-url';
import { ONLY_ASCII } from '../text';

/** Today's pretalx code alphabet; a first tag is only taken for a code when it fits exactly. */
const PRETALX_TAG_CODE = /^[ABCDEFGHJKLMNPQRSTUVWXYZ3789]{6}$/;
const NUMERIC_ID = /^\d{1,9}$/;

/** Lower-case, no diacritics, letters and digits separated by single spaces. */
export function titleKey(title: string): string {
  // ASCII: nothing to decompose, no letters or digits beyond these (the same key, faster).
  if (ONLY_ASCII.test(title))
    return title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Names compare on their letters only: "Jürgen Beispiel", "jurgen  beispiel" and "Beispiel, Jürgen" agree. */
export function personKey(name: string): string {
  return titleKey(name).split(' ').sort().join(' ');
}

/**
 * Titles shared by many talks (openings, lightning talks, "Q&A") would join unrelated talks;
 * a key needs at least three words or 16 characters to be worth trusting.
 */
export function joinableTitleKey(title: string): string {
  const key = titleKey(title);
  return key.split(' ').length >= 3 || key.length >= 16 ? key : '';
}

function codeOf(talk: Pick<TalkFeedData, 'scheduleUrl' | 'tags' | 'conference'>, scheduleUrl: URL | null): string {
  const fromUrl = scheduleUrl ? sessionCodeFromPath(scheduleUrl.pathname) : null;
  if (fromUrl) return fromUrl;
  // Since Dec 2025 the first keyword is the pretalx code.
  const first = talk.tags[0] ?? '';
  return PRETALX_TAG_CODE.test(first) && first.toLowerCase() !== talk.conference.toLowerCase() ? first : '';
}

/** Older talks: the first keyword is a numeric schedule id; else `<acronym>-<id>-<title>` in the slug. */
function scheduleIdOf(talk: Pick<TalkFeedData, 'tags' | 'slug' | 'conference' | 'date'>): string {
  const first = talk.tags[0] ?? '';
  const givenYear = talk.date ? String(new Date(talk.date).getUTCFullYear()) : '';
  if (NUMERIC_ID.test(first) && first !== givenYear) return String(Number(first));
  const prefix = `${talk.conference.toLowerCase()}-`;
  if (!talk.conference || !talk.slug.toLowerCase().startsWith(prefix)) return '';
  const m = /^(\d{1,9})-/.exec(talk.slug.slice(prefix.length));
  return m?.[1] ? String(Number(m[1])) : '';
}

export function matchKeysOf(
  talk: Pick<TalkFeedData, 'scheduleUrl' | 'tags' | 'slug' | 'conference' | 'date' | 'title'>,
): TalkMatchKeys {
  const scheduleKey = talk.scheduleUrl ? (normaliseScheduleUrl(talk.scheduleUrl) ?? '') : '';
  const scheduleUrl = scheduleKey ? new URL(scheduleKey) : null;
  return {
    scheduleKey,
    code: codeOf(talk, scheduleUrl),
    scheduleId: scheduleIdOf(talk),
    titleKey: joinableTitleKey(talk.title),
  };
}

/**
 * Whether a page's event name (pretalx slug `all-systems-go-2025`, `fosdem-2024`, `38c3`) can be
 * the feed's conference acronym (`asg2025`, `fosdem2024`, `38c3`). Loose on purpose: it only
 * breaks ties between code/id candidates and vetoes cross-conference title matches.
 */
export function eventMatchesConference(event: string, conference: string): boolean {
  const conf = conference.toLowerCase().replace(/[^a-z0-9]/g, '');
  const words = event
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const flat = words.join('');
  if (!conf || !flat) return false;
  if (flat === conf || flat.includes(conf) || conf.includes(flat)) return true;
  // all-systems-go-2025 → "asg" + "2025"
  const initials = words
    .filter((w) => /^[a-z]/.test(w))
    .map((w) => w[0])
    .join('');
  const digits = words.filter((w) => /^\d+$/.test(w)).join('');
  return initials.length >= 2 && `${initials}${digits}` === conf;
}
