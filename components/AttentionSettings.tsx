/**
 * Options: what may ask for the user's attention. Desktop notifications, quiet mode, languages,
 * and the conferences they follow or mute. Everything is saved at once and synced.
 */
import { useMemo, useState } from 'preact/hooks';
import { getDb } from '@/lib/db';
import { formatCount } from '@/lib/format';
import { setConferenceMark } from '@/lib/personal/actions';
import { loadConferences } from '@/lib/popup/queries';
import { QUIET_FOREVER, saveSettings, type Settings } from '@/lib/settings';
import { useLiveQuery } from '@/lib/use-live-query';
import type { PersonalView } from '@/lib/use-personal';

const HOUR = 3600_000;
const QUIET_CHOICES: [label: string, hours: number][] = [
  ['for 1 hour', 1],
  ['for 8 hours', 8],
  ['for 24 hours', 24],
];
/** The languages CCC-recorded talks come in most; any other code the user picked stays listed. */
const COMMON_LANGUAGES = ['eng', 'deu', 'fra', 'spa', 'ita', 'nld', 'por', 'pol', 'ces', 'rus'];
const SHOWN_CONFERENCES = 40;

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([navigator.language, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function quietLine(quietUntil: number, now: number): string {
  if (quietUntil <= now) return '';
  if (quietUntil >= QUIET_FOREVER) return 'Quiet until you turn it off.';
  return `Quiet until ${new Date(quietUntil).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })}.`;
}

export function NotificationSettings({ settings }: { settings: Settings }) {
  const save = (patch: Partial<Settings>) => void saveSettings(patch);
  const now = Date.now();
  const quiet = quietLine(settings.quietUntil, now);
  return (
    <section aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications</h2>
      <label class="choice">
        <input type="checkbox" checked={settings.notifications} onChange={(e) => save({ notifications: e.currentTarget.checked })} />
        <span>
          Notify me about new talks
          <small>At most one notification per check, e.g. “7 new talks from 39c3, 2 from asg2025”. Never for the first import.</small>
        </span>
      </label>
      <fieldset class="indent" disabled={!settings.notifications}>
        <legend class="sr-only">Which new talks</legend>
        <label class="choice">
          <input type="radio" name="scope" checked={settings.notifyScope === 'all'} onChange={() => save({ notifyScope: 'all' })} />
          <span>All new talks, except muted conferences</span>
        </label>
        <label class="choice">
          <input type="radio" name="scope" checked={settings.notifyScope === 'followed'} onChange={() => save({ notifyScope: 'followed' })} />
          <span>Only talks of conferences I follow</span>
        </label>
      </fieldset>
      <div class="field">
        <span id="quiet-label">Quiet mode</span>{' '}
        {quiet ? (
          <>
            <span class="hint">{quiet}</span>{' '}
            <button type="button" class="button button--quiet" onClick={() => save({ quietUntil: 0 })}>
              End quiet mode
            </button>
          </>
        ) : (
          <span class="button-row" role="group" aria-labelledby="quiet-label">
            {QUIET_CHOICES.map(([label, hours]) => (
              <button key={hours} type="button" class="button button--quiet" onClick={() => save({ quietUntil: Date.now() + hours * HOUR })}>
                {label}
              </button>
            ))}
            <button type="button" class="button button--quiet" onClick={() => save({ quietUntil: QUIET_FOREVER })}>
              until I turn it off
            </button>
          </span>
        )}
        <small class="hint block">No notifications while quiet; the badge still counts. Recordings you asked for are still moved to Watch later.</small>
      </div>
      <label class="choice">
        <input type="checkbox" checked={settings.markWatchedOnOpen} onChange={(e) => save({ markWatchedOnOpen: e.currentTarget.checked })} />
        <span>
          Mark a talk watched when I open its recording from Aftertalk
          <small>Otherwise use ○ in the popup or “Mark watched” on schedule pages.</small>
        </span>
      </label>
    </section>
  );
}

export function LanguageSettings({ settings }: { settings: Settings }) {
  const chosen = new Set(settings.languages);
  const codes = [...new Set([...COMMON_LANGUAGES, ...settings.languages])];
  const toggle = (code: string, on: boolean) => void saveSettings({ languages: codes.filter((c) => (c === code ? on : chosen.has(c))) });
  return (
    <section aria-labelledby="languages-heading">
      <h2 id="languages-heading">Languages</h2>
      <p class="hint">New talks in other languages do not count on the badge and do not notify; they stay in the archive and in search. Nothing ticked: every language. Talks whose language the feed does not say always count.</p>
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
  return (
    <section aria-labelledby="conferences-heading" id="conferences">
      <h2 id="conferences-heading">Conferences</h2>
      <p class="hint">Followed conferences are listed first in the popup. Muted ones never count on the badge or notify, but stay in the archive and in search.</p>
      <input class="filter" type="search" placeholder="Find a conference, e.g. 39c3" aria-label="Find a conference" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      <ul class="conference-list">
        {shown.map(([name, talks]) => {
          const isFollowed = followed.has(name);
          const isMuted = muted.has(name);
          return (
            <li key={name} data-conference={name}>
              <span class="conference-list__name">{name}</span>
              <span class="hint">{talks ? `${formatCount(talks)} ${talks === 1 ? 'talk' : 'talks'}` : 'not in this archive'}</span>
              <button type="button" class="chip" aria-pressed={isFollowed} aria-label={`Follow ${name}`} onClick={() => void setConferenceMark(name, isFollowed ? null : 'follow')}>
                {isFollowed ? '★ Following' : '☆ Follow'}
              </button>
              <button type="button" class="chip" aria-pressed={isMuted} aria-label={`Mute ${name}`} onClick={() => void setConferenceMark(name, isMuted ? null : 'mute')}>
                {isMuted ? 'Muted' : 'Mute'}
              </button>
            </li>
          );
        })}
      </ul>
      {!showAll && !filter && rows.length > SHOWN_CONFERENCES && (
        <button type="button" class="link-button" onClick={() => setShowAll(true)}>
          Show all {formatCount(rows.length)} conferences
        </button>
      )}
    </section>
  );
}
