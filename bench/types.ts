/** One measured quantity in the benchmark report. */
export interface BenchRow {
  /** Report section, e.g. "Sync (Node)", "Sync (Chromium)", "Popup", "Schedule page", "Size and memory". */
  section: string;
  /** What was measured, e.g. "full sync", "fast-xml-parser parse (floor)". */
  name: string;
  /** Feed/archive size in items, or null when not size-dependent (bundle sizes). */
  items: number | null;
  /** Median of the runs (or the single value for sizes). */
  value: number;
  unit: 'ms' | 'KB' | 'MB' | 'bytes' | 'requests' | 'talks' | '%';
  /** Extra statistics when useful (p95 for latencies). */
  p95?: number;
  runs?: number;
  /** value / floor of the same run set (parse floor), when meaningful. */
  ratioToFloor?: number;
  /** The target as text (e.g. "≤ 2× floor", "≤ 100 ms") and whether the value meets it. */
  target?: string;
  met?: boolean;
  note?: string;
}
