import { describe, expect, it } from 'vitest';
import {
  atTime,
  clock,
  decodeSeen,
  encodeSeen,
  isWatched,
  markPlayed,
  noneSeen,
  resumeAt,
  seenShare,
} from '@/lib/player/progress';

/** Plays `from`…`to` of a talk of `duration` seconds in quarter-second steps, as timeupdate does. */
function play(seen = noneSeen(), from: number, to: number, duration: number) {
  for (let t = from; t < to; t += 0.25) markPlayed(seen, t, Math.min(to, t + 0.25), duration);
  return seen;
}

describe('the 90 % rule', () => {
  it('counts a talk played to 90 % as watched, and 85 % not', () => {
    expect(isWatched(play(undefined, 0, 3600 * 0.85, 3600))).toBe(false);
    expect(isWatched(play(undefined, 0, 3600 * 0.9, 3600))).toBe(true);
  });

  it('counts what was seen in two sittings together', () => {
    const seen = play(undefined, 0, 1800, 3600);
    const stored = decodeSeen(encodeSeen(seen));
    expect(isWatched(play(stored, 1800, 3300, 3600))).toBe(true);
  });

  it('does not count a jump: seeking to the end sees nothing in between', () => {
    const seen = play(undefined, 0, 60, 3600);
    markPlayed(seen, 60, 3590, 3600);
    play(seen, 3590, 3600, 3600);
    expect(isWatched(seen)).toBe(false);
    expect(seenShare(seen)).toBeLessThan(0.05);
  });

  it('ignores odd values: no duration, backwards, NaN', () => {
    const seen = noneSeen();
    markPlayed(seen, 0, 2, 0);
    markPlayed(seen, 5, 3, 60);
    markPlayed(seen, Number.NaN, 3, 60);
    expect(seenShare(seen)).toBe(0);
  });

  it('plays a short clip to the end: every slice seen', () => {
    const seen = play(undefined, 0, 6, 6);
    expect(seenShare(seen)).toBe(1);
    expect(encodeSeen(seen)).toBe(`${'ff'.repeat(12)}0f`);
  });

  it('reads nothing seen from a stored value that is not one', () => {
    for (const value of [undefined, 1, 'xyz', 'ff', `${'ff'.repeat(12)}0g`, `${'ff'.repeat(20)}`])
      expect(seenShare(decodeSeen(value))).toBe(0);
  });
});

describe('resume', () => {
  it('goes on where the user stopped, not in the first seconds or the last ones', () => {
    expect(resumeAt(754.6, 3600)).toBe(754);
    expect(resumeAt(8, 3600)).toBe(0);
    expect(resumeAt(3590, 3600)).toBe(0);
    expect(resumeAt(Number.NaN, 3600)).toBe(0);
    // Unknown length: only the start is skipped.
    expect(resumeAt(754, 0)).toBe(754);
  });

  it('scales both margins down for a clip', () => {
    expect(resumeAt(3, 6)).toBe(3);
    expect(resumeAt(0.2, 6)).toBe(0);
    expect(resumeAt(5.7, 6)).toBe(0);
  });

  it('makes the address of a position and shows it as a clock', () => {
    expect(atTime('https://media.ccc.de/v/x', 754.6)).toBe('https://media.ccc.de/v/x#t=754');
    expect(atTime('https://media.ccc.de/v/x#t=3', 0)).toBe('https://media.ccc.de/v/x');
    expect(atTime('', 5)).toBe('');
    expect(clock(754.6)).toBe('12:34');
    expect(clock(3723)).toBe('1:02:03');
    expect(clock(Number.NaN)).toBe('0:00');
  });
});
