import { liveQuery } from 'dexie';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * Preact binding for Dexie's liveQuery: re-renders when the queried tables change, in this or
 * any other extension context. `undefined` until the first result arrives.
 *
 * When the inputs change (a search keystroke), the query starts right after the render that asked
 * for it (a layout effect), not after the next paint as a plain effect would: a keystroke
 * otherwise waits up to a frame (10 to 25 ms in the benchmark) before its query even begins. The
 * very first query waits for the first paint instead: opening the database is work the page's
 * first frame (painted from what it already has, e.g. lib/ui/first-screen.ts) need not wait for.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const painted = useRef(false);
  useLayoutEffect(() => {
    let subscription: { unsubscribe(): void } | undefined;
    const start = () => {
      subscription = liveQuery(query).subscribe({
        next: setValue,
        error: (error: unknown) => console.error('Aftertalk query failed', error),
      });
    };
    if (painted.current) {
      start();
      return () => subscription?.unsubscribe();
    }
    painted.current = true;
    const cancel = afterNextPaint(start);
    return () => {
      cancel();
      subscription?.unsubscribe();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}

/** Runs `work` once the next frame is painted (a task queued from the frame's animation callback). */
function afterNextPaint(work: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    const timer = setTimeout(work, 0);
    return () => clearTimeout(timer);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
