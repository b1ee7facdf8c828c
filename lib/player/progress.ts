/**
 * What of a talk was seen, and where to go on. A talk counts as watched once about 90 % of it was
 * really played (`WATCHED_SHARE`): the talk is cut into `SLICES` slices, a slice counts when
 * playback ran through part of it, and a jump (seeking to the end) sees nothing. What was seen
 * is kept with the position, so watching a talk in two sittings counts too.
 */

/** How many slices a talk is cut into for "what was seen". */
export const SLICES = 100;
/** The share of slices that makes a talk watched. */
export const WATCHED_SHARE = 0.9;
/** Between two `timeupdate`s playback moves a quarter second (faster at 2×); more is a jump. */
const MAX_STEP_SECONDS = 4;
/**
 * Resume only past the first seconds, and not in the last ones (the talk is over then): 10 s and
 * 20 s of a talk, less for a clip (5 % and 10 % of its length).
 */
export const RESUME_AFTER_SECONDS = 10;
export const RESUME_BEFORE_END_SECONDS = 20;

/** Seen slices as a bit set, one bit a slice (13 bytes). */
export type Seen = Uint8Array;

export function noneSeen(): Seen {
  return new Uint8Array(Math.ceil(SLICES / 8));
}

/** `from`…`to` (seconds) was played through: every slice it touches counts. */
export function markPlayed(seen: Seen, from: number, to: number, duration: number): Seen {
  if (!(duration > 0) || !(to >= from) || to - from > MAX_STEP_SECONDS) return seen;
  const first = Math.max(0, Math.floor((from / duration) * SLICES));
  const last = Math.min(SLICES - 1, Math.floor((Math.min(to, duration) / duration) * SLICES));
  for (let slice = first; slice <= last; slice++) seen[slice >> 3]! |= 1 << (slice & 7);
  return seen;
}

export function seenShare(seen: Seen): number {
  let count = 0;
  for (let slice = 0; slice < SLICES; slice++) if (seen[slice >> 3]! & (1 << (slice & 7))) count++;
  return count / SLICES;
}

export function isWatched(seen: Seen): boolean {
  return seenShare(seen) >= WATCHED_SHARE;
}

/** The bit set as 26 hex digits, for storage. */
export function encodeSeen(seen: Seen): string {
  return [...seen].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A stored bit set, or nothing seen when it is not one. */
export function decodeSeen(value: unknown): Seen {
  const seen = noneSeen();
  if (typeof value !== 'string' || !/^[0-9a-f]*$/.test(value) || value.length !== seen.length * 2) return seen;
  for (let i = 0; i < seen.length; i++) seen[i] = Number.parseInt(value.slice(i * 2, i * 2 + 2), 16);
  return seen;
}

/** Where to go on from a stored position: 0 (from the start) near either end or when unknown. */
export function resumeAt(position: number, duration: number): number {
  const after = duration > 0 ? Math.min(RESUME_AFTER_SECONDS, duration * 0.05) : RESUME_AFTER_SECONDS;
  const beforeEnd = duration > 0 ? Math.min(RESUME_BEFORE_END_SECONDS, duration * 0.1) : 0;
  if (!(position >= after)) return 0;
  if (duration > 0 && position > duration - beforeEnd) return 0;
  return Math.floor(position);
}

/**
 * An address that starts playback at `seconds`: media.ccc.de's talk page and a plain file both
 * read `#t=<seconds>` (the page's player and the browsers' media fragments).
 */
export function atTime(url: string, seconds: number): string {
  if (!url) return '';
  const base = url.split('#')[0]!;
  const whole = Math.floor(seconds);
  return whole > 0 ? `${base}#t=${whole}` : base;
}

/** A position as a player shows it: `4:05`, `1:02:03`. */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds || 0));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
