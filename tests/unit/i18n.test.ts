/**
 * The catalogues in public/_locales: English and German have the same keys and placeholders,
 * every key the code asks for exists, every entry is used, and the wiring really switches language.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ScheduleBox } from '@/components/schedule-box/ScheduleBox';
import { formatAgo, formatCount, formatDuration } from '@/lib/format';
import { messageFrom, resetI18nCache, t, tp, uiLocale } from '@/lib/i18n';
import { newTalksNotice, recordingOutNotice } from '@/lib/tell/notifications';
import { describeSyncStatus } from '@/lib/ui/status-text';
import { EMPTY_STATUS } from '@/lib/poll/status';
import { StorageFullError } from '@/lib/archive/merge';
import { describeError } from '@/lib/poll/feed/errors';
import { fetchFeed } from '@/lib/poll/feed/fetch';
import { checkFeedXml } from '@/lib/poll/feed/parse';
import { describeMirrorStatus } from '@/lib/personal/sync-mirror';
import { describeCounts } from '@/lib/personal/transfer';
import { renderInto } from '../support/render-dom';
import { pretalxSession, recordingResult } from '../support/sample-results';

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Catalogue = Record<string, Entry>;

const ROOT = join(__dirname, '..', '..');
const LANGUAGES = ['en', 'de'] as const;
const catalogues = Object.fromEntries(
  LANGUAGES.map((lang) => [
    lang,
    JSON.parse(readFileSync(join(ROOT, 'public', '_locales', lang, 'messages.json'), 'utf8')) as Catalogue,
  ]),
) as Record<(typeof LANGUAGES)[number], Catalogue>;
const { en, de } = catalogues;
/** Used by the manifest (`__MSG_extName__` …) rather than by code. */
const MANIFEST_KEYS = ['extName', 'extDescription', 'commandOpen'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Keys asked for in components/, lib/ and entrypoints/: `t('key'` directly, `tp('key'` as key_one and key_other. */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of ['components', 'lib', 'entrypoints'].flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const text = readFileSync(file, 'utf8');
    for (const [, key] of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.set(key!, file);
    for (const [, key] of text.matchAll(/\btp\(\s*'([^']+)'/g)) {
      used.set(`${key}_one`, file);
      used.set(`${key}_other`, file);
    }
  }
  return used;
}

const placeholderNames = (message: string) =>
  [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();

describe('message catalogues', () => {
  it('have the same keys in every language', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('use keys and messages the browsers accept', () => {
    for (const lang of LANGUAGES) {
      for (const [key, entry] of Object.entries(catalogues[lang])) {
        expect(key, `${lang}: ${key}`).toMatch(/^(?!@@)[A-Za-z0-9_@]+$/);
        expect(typeof entry.message, `${lang}: ${key}`).toBe('string');
        expect(entry.message.trim(), `${lang}: ${key} is empty`).not.toBe('');
      }
    }
  });

  it('declare the same placeholders in every language, and use each of them', () => {
    for (const key of Object.keys(en)) {
      const mine = en[key]!;
      const theirs = de[key];
      if (!theirs) continue; // Reported by the key test.
      expect(theirs.placeholders ?? {}, `placeholders of ${key}`).toEqual(mine.placeholders ?? {});
      for (const [lang, entry] of [
        ['en', mine],
        ['de', theirs],
      ] as const) {
        const declared = Object.keys(entry.placeholders ?? {})
          .map((name) => name.toLowerCase())
          .sort();
        expect([...new Set(placeholderNames(entry.message))], `${lang}: placeholders used in ${key}`).toEqual(declared);
        expect(entry.message.replace(/\$\$/g, ''), `${lang}: ${key} has a stray $1 outside a placeholder`).not.toMatch(
          /\$[1-9]/,
        );
      }
    }
  });

  it('have every key the code asks for', () => {
    const missing = [...usedKeys()]
      .filter(([key]) => LANGUAGES.some((lang) => !(key in catalogues[lang])))
      .map(([key, file]) => `${key} (${file.slice(ROOT.length + 1)})`);
    expect(missing).toEqual([]);
  });

  it('have no unused entries', () => {
    const used = usedKeys();
    const unused = Object.keys(en).filter((key) => !used.has(key) && !MANIFEST_KEYS.includes(key));
    expect(unused).toEqual([]);
  });

  it('name the extension and describe it for the stores', () => {
    for (const lang of LANGUAGES) {
      expect(catalogues[lang].extName?.message).toBe('Aftertalk');
      // Chrome Web Store: at most 132 characters.
      expect(catalogues[lang].extDescription?.message.length).toBeLessThanOrEqual(132);
    }
  });
});

describe('t and tp', () => {
  afterEach(() => resetI18nCache());

  it('fall back to English when the browser has no answer', () => {
    expect(t('popup_refresh')).toBe('Refresh');
    expect(t('status_importing', '1', '2')).toBe('Importing 1 of 2 talks…');
    expect(tp('count_talks', 1, '1')).toBe('1 talk');
    expect(tp('count_talks', 2, '2')).toBe('2 talks');
  });

  it('fill in placeholders like the browser does', () => {
    const catalogue = {
      a: { message: 'x $ONE$ y $TWO$ $$5', placeholders: { one: { content: '$2' }, two: { content: '$1' } } },
    };
    expect(messageFrom(catalogue, 'a', ['first', 'second'])).toBe('x second y first $5');
    expect(messageFrom(catalogue, 'missing')).toBe('');
  });
});

describe('in German', () => {
  beforeEach(() => {
    resetI18nCache();
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) =>
      messageFrom(
        de,
        key,
        typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []),
      )) as typeof browser.i18n.getMessage);
    vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('de');
  });
  afterEach(() => {
    resetI18nCache();
    vi.unstubAllGlobals();
  });

  it('formats numbers, durations and ages the German way', () => {
    expect(uiLocale()).toBe('de');
    expect(formatCount(1200)).toBe('1.200');
    expect(formatDuration(3900)).toBe('1 Std. 05 Min.');
    expect(formatAgo(Date.now() - 5 * 60_000)).toBe('vor 5 Min.');
  });

  it('says how polling goes', () => {
    const now = Date.now();
    expect(
      describeSyncStatus({ ...EMPTY_STATUS, running: true, lastAttemptAt: now }, { done: 1200, total: 2041 }, now).text,
    ).toBe('Importiere 1.200 von 2.041 Vorträgen …');
    expect(describeSyncStatus(EMPTY_STATUS, null, now).text).toBe('Noch nicht geprüft');
  });

  it('writes notifications with German plurals and quotes', () => {
    const talk = (id: string, conference: string) => ({ id, title: id, conference, speakers: [] });
    const notice = newTalksNotice([talk('a', '39c3'), talk('b', '39c3'), talk('c', 'asg2025')], new Set(), 1);
    expect(notice).toMatchObject({ title: '3 neue Vorträge', message: '2 neue Vorträge von 39c3, 1 von asg2025' });
    expect(newTalksNotice([talk('a', '39c3'), talk('c', 'asg2025')], new Set(), 1)?.message).toBe(
      '1 neuer Vortrag von 39c3, 1 von asg2025',
    );
    expect(recordingOutNotice(talk('Ein Vortrag', '39c3')).message).toBe('Die Aufzeichnung von „Ein Vortrag“ ist da.');
  });

  it('explains failed polls in German, from the feed check to the network', async () => {
    const refusal = (xml: string) => {
      try {
        checkFeedXml(xml);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(refusal('')).toBe('Der Feed war leer.');
    expect(refusal('{"error": 1}')).toBe(
      'Die Feed-Adresse lieferte etwas, das kein XML ist (eine Text- oder JSON-Meldung?).',
    );
    expect(refusal('<rss><channel><title>x</title>')).toBe(
      'Der Feed ist kein gültiges XML: Er endet, bevor seine Elemente geschlossen sind (ein abgebrochener Download?).',
    );
    const offline = await fetchFeed(
      'https://media.ccc.de/podcast-hq.xml',
      { etag: '', lastModified: '' },
      { fetchImpl: () => Promise.reject(new TypeError('Failed to fetch')) },
    ).catch((error: Error) => error.message);
    expect(offline).toMatch(/^Feed nicht erreichbar \(media\.ccc\.de\): /);
    expect(describeError(new Error('boom')).message).toBe('Aftertalk konnte den Feed nicht speichern: boom');
    expect(new StorageFullError(2000).message).toContain(
      'die Beschreibungen der 2.000 ältesten Vorträge wurden entfernt',
    );
  });

  it('describes imports and the sync storage in German', () => {
    expect(
      describeCounts({ settings: 2, followed: 1, muted: 0, watchLater: 3, watched: 0, waiting: 2, skipped: 0 }),
    ).toBe('3 × Später ansehen, 1 gefolgte Konferenz, 2 erwartete Aufzeichnungen und 2 Einstellungen');
    const left = { settings: 0, conferences: 0, waiting: 0, watchLater: 1, watched: 312 };
    expect(describeMirrorStatus({ ok: true, at: 1, left })).toBe(
      'Im Sync-Speicher deines Browsers abgelegt, aber der ist voll; nur in diesem Browser bleiben: 1 älterer Eintrag in „Später ansehen“ und 312 ältere „Angeschaut“-Markierungen.',
    );
    expect(describeMirrorStatus(undefined)).toBe('Noch nicht mit deinen anderen Browsern abgeglichen.');
  });

  it('renders the schedule-page box in German', () => {
    const container = renderInto(
      createElement(ScheduleBox, {
        session: pretalxSession,
        result: recordingResult,
        state: 'ready',
        onAction: () => {},
      }),
    );
    const text = container.textContent ?? '';
    expect(container.querySelector('section')?.getAttribute('aria-label')).toBe(
      'Aftertalk: Aufzeichnung und verwandte Vorträge',
    );
    expect(text).toContain('Aufzeichnung auf media.ccc.de');
    expect(text).toContain('Auf media.ccc.de ansehen');
    expect(text).toContain('Verwandte Aufzeichnungen');
    expect(text).not.toContain('Watch later');
  });
});
