import { liveQuery } from 'dexie';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * Preact binding for Dexie's liveQuery: re-renders when the queried tables change, in this or
 * any other extension context. `undefined` until the first result arrives.
 *
 * When the inputs change (a search keystroke), the query starts right after the render that asked
 * for it (a layout effect), not after the next paint as a plain effect would: a keystroke
 * otherwise waits up to a frame (10 to 25 ms in the benchmark) before its query even begins; and
 * it is read at once, not only when Dexie's live query first runs (a timer task later). The
 * very first query waits for the first paint instead: opening the database is work the page's
 * first frame (painted from what it already has, e.g. lib/ui/first-screen.ts) need not wait for.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const painted = useRef(false);
  useLayoutEffect(() => {
    let subscription: { unsubscribe(): void } | undefined;
    const start = (onAnswer?: () => void) => {
      subscription = liveQuery(query).subscribe({
        next: (answer) => {
          onAnswer?.();
          setValue(answer);
        },
        error: (error: unknown) => console.error('Aftertalk query failed', error),
      });
    };
    if (painted.current) {
      // Dexie runs a new live query's first read in a timer task, after everything else this task
      // renders: on a search's first letter, 5 to 25 ms of removing the lists. The answer is read
      // at once here as well; the subscription keeps it current and has the last word.
      let current = true;
      let answered = false;
      query().then(
        (first) => current && !answered && setValue(first),
        () => undefined, // the subscription reports failures
      );
      start(() => (answered = true));
      return () => {
        current = false;
        subscription?.unsubscribe();
      };
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
