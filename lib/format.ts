/** Display formatting shared by popup, options and the schedule box; locale-aware through Intl in the browser's UI language. */
import { t, uiLocale } from './i18n';

/**
 * Intl formatters are costly to create (a millisecond or more each the first time, as the
 * locale's data is loaded) and a list of 40 talks asks for a hundred of them: one per locale and
 * options, kept for the life of the page.
 */
type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat;
const formatters = new Map<string, Formatter>();

function cached<F extends Formatter>(kind: string, locale: string, options: object, create: () => F): F {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = create();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached('number', locale, options, () => new Intl.NumberFormat(locale, options));
}

/**
 * Creates the number and date formats the schedule box shows (durations, release dates, file
 * sizes). The first of each in a fresh process loads ICU data: 30 to 90 ms for numbers, about
 * 10 ms for dates, measured in Chromium on this project's 2-vCPU CI machine. The background
 * does it when a talk page starts loading (lib/background.ts, `schedule-warm`), and formats the
 * box's texts itself, so the page's content script never pays it.
 */
export function warmFormats(locale: string = uiLocale()): void {
  numberFormat(locale);
  dateTimeFormat(locale, DATE_OPTIONS);
}

export function formatDuration(seconds: number): string {
  if (!seconds) return '';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('duration_minutes', formatCount(minutes));
  return t('duration_hours_minutes', formatCount(Math.floor(minutes / 60)), String(minutes % 60).padStart(2, '0'));
}

const DATE_OPTIONS: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

export function formatDate(ms: number, locale: string = uiLocale()): string {
  if (!ms) return '';
  return dateTimeFormat(locale, DATE_OPTIONS).format(ms);
}

export function formatTime(ms: number, now = Date.now(), locale: string = uiLocale()): string {
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return dateTimeFormat(locale, options).format(ms);
}

export function formatCount(n: number, locale: string = uiLocale()): string {
  return numberFormat(locale).format(n);
}

/** "just now", "5 min ago", "3 h ago", else the time. */
export function formatAgo(ms: number, now = Date.now()): string {
  const minutes = Math.floor((now - ms) / 60_000);
  if (minutes < 1) return t('ago_just_now');
  if (minutes < 60) return t('ago_minutes', formatCount(minutes));
  if (minutes < 6 * 60) return t('ago_hours', formatCount(Math.floor(minutes / 60)));
  return formatTime(ms, now);
}

/** "a, b and c" / "a, b und c": a list joined the way the UI language joins one. */
export function listOf(parts: readonly string[], locale: string = uiLocale()): string {
  const options: Intl.ListFormatOptions = { style: 'long', type: 'conjunction' };
  return cached('list', locale, options, () => new Intl.ListFormat(locale, options)).format(parts);
}

/** Decimal units, like the sizes FOSDEM and media.ccc.de print: 1_200_000_000 → "1.2 GB". */
export function formatFileSize(bytes: number, locale: string = uiLocale()): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit > 0 && value < 10 ? 1 : 0;
  return `${numberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
