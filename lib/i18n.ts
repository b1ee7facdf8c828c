/**
 * UI text through `browser.i18n` (catalogues in public/_locales/<lang>/messages.json, English
 * and German). The catalogues are not bundled: the browser has them, and every key is in every
 * language (tests/unit/i18n.test.ts), so in the extension `getMessage` always answers. Where
 * there is no browser to ask (unit tests and the benchmark, with WXT's fake browser) a fallback
 * catalogue set by `setFallbackCatalogue` answers, with the browser's placeholder rules: named
 * `$NAME$` placeholders whose content is `$1`…`$9`, and `$$` for "$".
 */
import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;
/** `talks` for the pair `talks_one` / `talks_other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_one` ? (`${Base}_other` extends MessageKey ? Base : never) : never;
}[MessageKey];
export type Substitution = string | number;

interface CatalogueEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** What `getMessage` would answer from `catalogue`; '' for an unknown key. Exported for tests. */
export function messageFrom(
  catalogue: Record<string, CatalogueEntry>,
  key: string,
  substitutions: readonly Substitution[] = [],
): string {
  const entry = catalogue[key];
  if (!entry) return '';
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value.content]),
  );
  const withContent = entry.message.replace(
    /\$([A-Za-z0-9_@]+)\$/g,
    (whole, name: string) => placeholders[name.toLowerCase()] ?? whole,
  );
  return withContent.replace(/\$(\$|[1-9])/g, (_, what: string) =>
    what === '$' ? '$' : String(substitutions[Number(what) - 1] ?? ''),
  );
}

function fromBrowser(key: string, substitutions: string[]): string {
  try {
    // Typed by WXT with the keys of the generated catalogue; this wrapper is the typed entry point.
    const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string[]) => string;
    return getMessage(key, substitutions) || '';
  } catch {
    return ''; // No i18n API here (unit tests' fake browser).
  }
}

/** The message `key` in the browser's UI language, with `$1`… filled in from `substitutions`. */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  const strings = substitutions.map(String);
  return fromBrowser(key, strings) || (fallback ? messageFrom(fallback, key, strings) : key);
}

let fallback: Record<string, CatalogueEntry> | undefined;

/** Answers `t` where no browser does (tests/support/i18n-setup.ts, the benchmark). */
export function setFallbackCatalogue(catalogue: Record<string, CatalogueEntry>): void {
  fallback = catalogue;
}

let pluralRules: Intl.PluralRules | undefined;

/** `key_one` or `key_other`, as the UI language's plural rules choose for `count`; `$1`… are `substitutions`. */
export function tp(key: PluralKey, count: number, ...substitutions: Substitution[]): string {
  pluralRules ??= new Intl.PluralRules(uiLocale());
  const form = pluralRules.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}` as MessageKey, ...substitutions);
}

let locale: string | undefined;

/**
 * The browser's UI language ("en-US", "de"), for Intl formats; the runtime's default where there
 * is none. Read once per page: it cannot change while a page lives, and lists ask for it per row.
 */
export function uiLocale(): string {
  locale ??= readUiLocale();
  return locale;
}

function readUiLocale(): string {
  try {
    const language = browser.i18n.getUILanguage();
    if (language) return language;
  } catch {
    // No i18n API here (unit tests' fake browser).
  }
  return new Intl.DateTimeFormat().resolvedOptions().locale;
}

/** For tests: forget the cached plural rules and language after the UI language was stubbed. */
export function resetI18nCache(): void {
  pluralRules = undefined;
  locale = undefined;
}
