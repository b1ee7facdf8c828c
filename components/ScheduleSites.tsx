import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getDb } from '@/lib/db';
import { formatCount } from '@/lib/format';
import { type ArchiveScheduleHost, filterCandidateHosts, scheduleHostsInArchive } from '@/lib/schedule/feed-hosts';
import { REQUIRED_SCHEDULE_HOSTS } from '@/lib/schedule/hosts';
import { disableScheduleHost, enableScheduleHosts, grantedOptionalHosts } from '@/lib/schedule/registration';
import { feedUrlOf, loadSettings } from '@/lib/settings';
import { useLiveQuery } from '@/lib/use-live-query';
import './schedule-sites.css';

const sites = (n: number) => (n === 1 ? '1 site' : `${formatCount(n)} sites`);
const talks = (n: number) => (n === 1 ? '1 talk' : `${formatCount(n)} talks`);

/** The host of a custom feed: its permission must not be removed from here. */
async function customFeedHost(): Promise<string | null> {
  const settings = await loadSettings();
  if (settings.feed !== 'custom') return null;
  try {
    return new URL(feedUrlOf(settings)).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Options section: which schedule sites Aftertalk enriches. Built-in sites need no permission;
 * sites named in the archive's schedule links are offered for one-click opt-in; enabled ones can
 * be removed again. Every permission request runs synchronously in its click handler.
 */
export function ScheduleSites() {
  const db = getDb();
  const archiveHosts = useLiveQuery(() => scheduleHostsInArchive(db), []);
  const total = useLiveQuery(() => db.talks.count(), []);
  const [granted, setGranted] = useState<string[] | undefined>(undefined);
  const [feedHost, setFeedHost] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    void grantedOptionalHosts()
      .then(setGranted)
      .catch((error: unknown) => {
        console.warn('Aftertalk: could not read permissions', error);
        setGranted([]);
      });
  }, []);

  useEffect(() => {
    refresh();
    void customFeedHost().then(setFeedHost);
    // Permissions also change elsewhere: the popup's banner, the browser's extension settings.
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, [refresh]);

  const candidates = useMemo(() => (archiveHosts && granted ? filterCandidateHosts(archiveHosts, granted) : undefined), [archiveHosts, granted]);
  const byHost = useMemo(() => new Map((archiveHosts ?? []).map((entry) => [entry.host, entry])), [archiveHosts]);

  /** Not async on purpose: `enableScheduleHosts` sends the permission request before anything else. */
  function enable(hosts: string[]) {
    const request = enableScheduleHosts(hosts);
    setBusy(true);
    setMessage('');
    void request
      .then((ok) => setMessage(ok ? `Enabled ${hosts.length === 1 ? hosts[0] : sites(hosts.length)}.` : 'Nothing was enabled: the browser did not grant access.'))
      .finally(() => {
        setBusy(false);
        refresh();
      });
  }

  function remove(host: string) {
    setBusy(true);
    setMessage('');
    void disableScheduleHost(host)
      .then((ok) => setMessage(ok ? `Removed ${host}.` : `Could not remove ${host}.`))
      .finally(() => {
        setBusy(false);
        refresh();
      });
  }

  return (
    <section class="schedule-sites" aria-labelledby="schedule-sites-heading">
      <h2 id="schedule-sites-heading">Schedule sites</h2>
      <p class="hint">On a conference's schedule page, Aftertalk shows the talk's recording and related recorded talks. It reads only the sites below.</p>
      <p class="schedule-sites__builtin">
        <span class="schedule-sites__label">Built in:</span> {REQUIRED_SCHEDULE_HOSTS.join(', ')}
      </p>

      <h3>Sites from your archive</h3>
      <ArchiveCandidates total={total} archiveHosts={archiveHosts} candidates={candidates} busy={busy} onEnable={enable} />

      {granted && granted.length > 0 && (
        <>
          <h3>Enabled by you</h3>
          <ul class="site-list" aria-label="Enabled schedule sites">
            {granted.map((host) => (
              <li class="site" key={host}>
                <span class="site__host">{host}</span>
                <span class="site__meta">{host === feedHost ? 'also your feed' : byHost.has(host) ? talks(byHost.get(host)!.talks) : ''}</span>
                {host !== feedHost && (
                  <button type="button" class="button button--quiet" disabled={busy} onClick={() => remove(host)} aria-label={`Remove ${host}`}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="saved" role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}

function ArchiveCandidates({
  total,
  archiveHosts,
  candidates,
  busy,
  onEnable,
}: {
  total: number | undefined;
  archiveHosts: ArchiveScheduleHost[] | undefined;
  candidates: ArchiveScheduleHost[] | undefined;
  busy: boolean;
  onEnable: (hosts: string[]) => void;
}) {
  if (total === 0) return <p class="hint">Sync the feed first: sites appear here once the archive has talks that link to their schedule pages.</p>;
  if (!candidates || !archiveHosts) return <p class="hint">Looking through the archive…</p>;
  if (archiveHosts.length === 0) return <p class="hint">No talk in your archive links to a schedule page yet.</p>;
  if (candidates.length === 0) return <p class="hint">All schedule sites named in your archive are enabled.</p>;
  return (
    <>
      <p class="hint">The talks in your archive link to schedule pages on these sites.</p>
      <div class="schedule-sites__bulk">
        <button type="button" class="button" disabled={busy} onClick={() => onEnable(candidates.map((c) => c.host))}>
          Enable all ({sites(candidates.length)})
        </button>
      </div>
      <ul class="site-list site-list--scroll" aria-label="Schedule sites from your archive">
        {candidates.map((candidate) => (
          <li class="site" key={candidate.host}>
            <span class="site__host">{candidate.host}</span>
            <span class="site__meta">
              {talks(candidate.talks)}
              {candidate.conferences.length > 0 && ` · ${candidate.conferences.join(', ')}`}
            </span>
            <button type="button" class="button button--quiet" disabled={busy} onClick={() => onEnable([candidate.host])} aria-label={`Enable ${candidate.host}`}>
              Enable
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
