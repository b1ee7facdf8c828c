/**
 * Visible rows first. The popup shows at most about eight talk rows at once (it is at most 590 px
 * tall), yet a list holds 20 to 40. Building a row costs about a millisecond on a slow machine,
 * so the rows nobody can see yet are left for the frame after the visible ones are painted: when
 * the popup opens, and when a keystroke replaces the search results with other talks. Rows that
 * were already on screen are always kept (they cost nothing: components/TalkRow.tsx skips them).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Rows that fill the popup's list, with a little to spare. */
export const ROWS_IN_VIEW = 10;

/**
 * How many of `ids` to render now: every row up to the first one beyond `inView` that was not on
 * screen in the last frame. The rest follow after the next paint.
 */
export function rowsToRenderNow(ids: readonly string[], onScreen: ReadonlySet<string>, inView = ROWS_IN_VIEW): number {
  for (let i = inView; i < ids.length; i++) if (!onScreen.has(ids[i]!)) return i;
  return ids.length;
}

/**
 * Row groups (the new talks by conference, then the latest) cut to `budget` rows in all, in
 * order: one (possibly empty) group for each given. For the popup's first frame.
 */
export function firstRowsOf<T>(groups: readonly (readonly T[])[], budget: number): T[][] {
  let left = budget;
  return groups.map((group) => {
    const cut = group.slice(0, Math.max(left, 0));
    left -= cut.length;
    return cut;
  });
}

/** False in the component's first render, true from the render after the first paint on. */
export function usePaintedOnce(): boolean {
  const [painted, setPainted] = useState(false);
  // Preact runs effects after the frame is painted, so this asks for a second render then.
  useEffect(() => setPainted(true), []);
  return painted;
}

/**
 * How many rows of a list of `ids` to render in this frame (see `rowsToRenderNow`); when that is
 * fewer than all, the component renders again after the paint with all of them.
 */
export function useVisibleFirst(ids: readonly string[], inView = ROWS_IN_VIEW): number {
  const key = ids.join('\n');
  const onScreen = useRef<ReadonlySet<string>>(new Set());
  const [completeFor, setCompleteFor] = useState<string | undefined>(undefined);
  const count = completeFor === key ? ids.length : rowsToRenderNow(ids, onScreen.current, inView);
  useLayoutEffect(() => {
    onScreen.current = new Set(ids.slice(0, count));
  });
  useEffect(() => {
    if (count < ids.length) setCompleteFor(key);
  }, [key, count, ids.length]);
  return count;
}
