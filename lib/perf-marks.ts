/**
 * User Timing marks at the moments users wait for (first list in the popup, search results,
 * the box on a schedule page). They cost next to nothing and let the benchmark (bench/) read
 * real timings out of the real extension instead of guessing from outside.
 */
export const PERF_MARKS = {
  popupFirstList: 'aftertalk:popup-first-list',
  searchRendered: 'aftertalk:search-rendered',
  /** The box is on the page, saying it is looking (before the background's answer). */
  boxShown: 'aftertalk:box-shown',
  /** The box shows the background's answer. */
  boxReady: 'aftertalk:box-ready',
  lookupSent: 'aftertalk:lookup-sent',
  lookupAnswered: 'aftertalk:lookup-answered',
} as const;

/** User Timing measures taken in the background worker. */
export const PERF_MEASURES = {
  scheduleLookup: 'aftertalk:schedule-lookup',
} as const;

/** A measure from `start` (a `performance.now()` reading) to now. */
export function measureSince(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // Timings are never worth failing the work they time.
  }
}

const done = new Set<string>();

export function markOnce(name: string): void {
  if (done.has(name)) return;
  done.add(name);
  mark(name);
}

export function mark(name: string, detail?: unknown): void {
  try {
    performance.mark(name, detail === undefined ? undefined : { detail });
  } catch {
    // A page may have replaced `performance`; timings are never worth an error.
  }
}

/**
 * User Timing measures `<prefix>:<phase>` for consecutive steps of one piece of work (a poll's
 * fetch, parse, merge, …), read by the benchmark from the worker (bench/browser.ts).
 */
export function phaseTimer(prefix: string): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    try {
      performance.measure(`${prefix}:${phase}`, { start: last, end: now });
    } catch {
      // Timings are never worth failing the work they time.
    }
    last = now;
  };
}
