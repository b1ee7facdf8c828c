/**
 * Options: what may ask for the user's attention. Desktop notifications, quiet mode, languages,
 * and the conferences they follow or mute. Everything is saved at once and synced.
 */
import { useMemo, useState } from 'preact/hooks';
import { getDb } from '@/lib/archive/db';
import { formatCount } from '@/lib/format';
import { listFullMessage, setConferenceMark } from '@/lib/personal/actions';
import type { ConferenceMark } from '@/lib/personal/state';
import { loadConferences } from '@/lib/ui/queries';
import { QUIET_FOREVER, saveSettings, type Settings } from '@/lib/personal/settings';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import type { PersonalView } from '@/lib/ui/use-personal';
import { t, tp, uiLocale } from '@/lib/i18n';

const HOUR = 3600_000;
const QUIET_HOURS = [1, 8, 24];
/** The languages CCC-recorded talks come in most; any other code the user picked stays listed. */
const COMMON_LANGUAGES = ['eng', 'deu', 'fra', 'spa', 'ita', 'nld', 'por', 'pol', 'ces', 'rus'];
const SHOWN_CONFERENCES = 40;

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([uiLocale(), 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function quietLine(quietUntil: number, now: number): string {
  if (quietUntil <= now) return '';
  if (quietUntil >= QUIET_FOREVER) return t('quiet_forever_line');
  return t(
    'quiet_until_line',
    new Date(quietUntil).toLocaleString(uiLocale(), { weekday: 'short', hour: '2-digit', minute: '2-digit' }),
  );
}

export function NotificationSettings({ settings }: { settings: Settings }) {
  const save = (patch: Partial<Settings>) => void saveSettings(patch);
  const now = Date.now();
  const quiet = quietLine(settings.quietUntil, now);
  return (
    <section aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('notify_heading')}</h2>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.notifications}
          onChange={(e) => save({ notifications: e.currentTarget.checked })}
        />
        <span>
          {t('notify_new_talks')}
          <small>{t('notify_new_talks_hint')}</small>
        </span>
      </label>
      <fieldset class="indent" disabled={!settings.notifications}>
        <legend class="sr-only">{t('notify_scope')}</legend>
        <label class="choice">
          <input
            type="radio"
            name="scope"
            checked={settings.notifyScope === 'all'}
            onChange={() => save({ notifyScope: 'all' })}
          />
          <span>{t('notify_scope_all')}</span>
        </label>
        <label class="choice">
          <input
            type="radio"
            name="scope"
            checked={settings.notifyScope === 'followed'}
            onChange={() => save({ notifyScope: 'followed' })}
          />
          <span>{t('notify_scope_followed')}</span>
        </label>
      </fieldset>
      <div class="field">
        <span id="quiet-label">{t('quiet_mode')}</span>{' '}
        {quiet ? (
          <>
            <span class="hint">{quiet}</span>{' '}
            <button type="button" class="button button--quiet" onClick={() => save({ quietUntil: 0 })}>
              {t('quiet_end')}
            </button>
          </>
        ) : (
          <span class="button-row" role="group" aria-labelledby="quiet-label">
            {QUIET_HOURS.map((hours) => (
              <button
                key={hours}
                type="button"
                class="button button--quiet"
                onClick={() => save({ quietUntil: Date.now() + hours * HOUR })}
              >
                {tp('quiet_for_hours', hours, formatCount(hours))}
              </button>
            ))}
            <button type="button" class="button button--quiet" onClick={() => save({ quietUntil: QUIET_FOREVER })}>
              {t('quiet_until_off')}
            </button>
          </span>
        )}
        <small class="hint block">{t('quiet_hint')}</small>
      </div>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.markWatchedOnOpen}
          onChange={(e) => save({ markWatchedOnOpen: e.currentTarget.checked })}
        />
        <span>
          {t('mark_watched_on_open')}
          <small>{t('mark_watched_on_open_hint')}</small>
        </span>
      </label>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.markWatchedWhenPlayed}
          onChange={(e) => save({ markWatchedWhenPlayed: e.currentTarget.checked })}
        />
        <span>
          {t('mark_watched_when_played')}
          <small>{t('mark_watched_when_played_hint')}</small>
        </span>
      </label>
    </section>
  );
}

export function LanguageSettings({ settings }: { settings: Settings }) {
  const chosen = new Set(settings.languages);
  const codes = [...new Set([...COMMON_LANGUAGES, ...settings.languages])];
  const toggle = (code: string, on: boolean) =>
    void saveSettings({ languages: codes.filter((c) => (c === code ? on : chosen.has(c))) });
  return (
    <section aria-labelledby="languages-heading">
      <h2 id="languages-heading">{t('languages_heading')}</h2>
      <p class="hint">{t('languages_hint')}</p>
      <div class="language-grid">
        {codes.map((code) => (
          <label class="choice choice--inline" key={code}>
            <input type="checkbox" checked={chosen.has(code)} onChange={(e) => toggle(code, e.currentTarget.checked)} />
            <span>{languageName(code)}</span>
          </label>
        ))}
      </div>
    </section>
  );
}

export function ConferenceSettings({ personal }: { personal: PersonalView }) {
  const [filter, setFilter] = useState('');
  const [showAll, setShowAll] = useState(false);
  const conferences = useLiveQuery(() => loadConferences(getDb()), []);
  const { followed, muted } = personal.audience;
  const rows = useMemo(() => {
    const known = new Map((conferences ?? []).map((c) => [c.conference, c.talks]));
    // Marked conferences first (also those not in this browser's archive, from another browser).
    for (const name of [...followed, ...muted]) if (!known.has(name)) known.set(name, 0);
    const needle = filter.trim().toLowerCase();
    return [...known]
      .filter(([name]) => !needle || name.toLowerCase().includes(needle))
      .sort((a, b) => rank(b[0]) - rank(a[0]) || a[0].localeCompare(b[0], undefined, { numeric: true }));
    function rank(name: string) {
      return followed.has(name) ? 2 : muted.has(name) ? 1 : 0;
    }
  }, [conferences, followed, muted, filter]);
  const shown = showAll || filter ? rows : rows.slice(0, SHOWN_CONFERENCES);
  // Following or muting one more than the list holds (lib/personal/state.ts LIST_CAP) is refused with a message.
  const [notice, setNotice] = useState<string | null>(null);
  const mark = (name: string, value: ConferenceMark | null) =>
    void setConferenceMark(name, value).then(
      () => setNotice(null),
      (error: unknown) => setNotice(listFullMessage(error)),
    );
  return (
    <section aria-labelledby="conferences-heading" id="conferences">
      <h2 id="conferences-heading">{t('conferences_heading')}</h2>
      <p class="hint">{t('conferences_hint')}</p>
      <input
        class="filter"
        type="search"
        placeholder={t('conferences_filter_placeholder')}
        aria-label={t('conferences_filter_label')}
        value={filter}
        onInput={(e) => setFilter(e.currentTarget.value)}
      />
      {notice && (
        <p class="hint" role="alert">
          {notice}
        </p>
      )}
      <ul class="conference-list">
        {shown.map(([name, talks]) => {
          const isFollowed = followed.has(name);
          const isMuted = muted.has(name);
          return (
            <li key={name} data-conference={name}>
              <span class="conference-list__name">{name}</span>
              <span class="hint">
                {talks ? tp('count_talks', talks, formatCount(talks)) : t('conferences_not_in_archive')}
              </span>
              <button
                type="button"
                class="chip"
                aria-pressed={isFollowed}
                aria-label={t('conferences_follow_label', name)}
                onClick={() => mark(name, isFollowed ? null : 'follow')}
              >
                {isFollowed ? t('conference_following') : t('conference_follow')}
              </button>
              <button
                type="button"
                class="chip"
                aria-pressed={isMuted}
                aria-label={t('conferences_mute_label', name)}
                onClick={() => mark(name, isMuted ? null : 'mute')}
              >
                {isMuted ? t('conference_muted') : t('conference_mute')}
              </button>
            </li>
          );
        })}
      </ul>
      {!showAll && !filter && rows.length > SHOWN_CONFERENCES && (
        <button type="button" class="link-button" onClick={() => setShowAll(true)}>
          {t('conferences_show_all', formatCount(rows.length))}
        </button>
      )}
    </section>
  );
}
