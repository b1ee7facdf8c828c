import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getDb } from '@/lib/archive/db';
import { formatCount } from '@/lib/format';
import { type ArchiveScheduleHost, filterCandidateHosts, scheduleHostsInArchive } from '@/lib/enrich/access/feed-hosts';
import { REQUIRED_SCHEDULE_SITE_NAMES } from '@/lib/enrich/access/hosts';
import { disableScheduleHost, enableScheduleHosts, grantedOptionalHosts } from '@/lib/enrich/access/registration';
import { feedUrlOf, loadSettings } from '@/lib/personal/settings';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import './schedule-sites.css';
import { t, tp } from '@/lib/i18n';

const sites = (n: number) => tp('count_sites', n, formatCount(n));
const talks = (n: number) => tp('count_talks', n, formatCount(n));

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

  const candidates = useMemo(
    () => (archiveHosts && granted ? filterCandidateHosts(archiveHosts, granted) : undefined),
    [archiveHosts, granted],
  );
  const byHost = useMemo(() => new Map((archiveHosts ?? []).map((entry) => [entry.host, entry])), [archiveHosts]);

  /** Not async on purpose: `enableScheduleHosts` sends the permission request before anything else. */
  function enable(hosts: string[]) {
    const request = enableScheduleHosts(hosts);
    setBusy(true);
    setMessage('');
    void request
      .then((ok) =>
        setMessage(
          ok ? t('sites_enabled', hosts.length === 1 ? hosts[0]! : sites(hosts.length)) : t('sites_not_granted'),
        ),
      )
      .finally(() => {
        setBusy(false);
        refresh();
      });
  }

  function remove(host: string) {
    setBusy(true);
    setMessage('');
    void disableScheduleHost(host)
      .then((ok) => setMessage(ok ? t('sites_removed', host) : t('sites_remove_failed', host)))
      .finally(() => {
        setBusy(false);
        refresh();
      });
  }

  return (
    <section class="schedule-sites" aria-labelledby="schedule-sites-heading">
      <h2 id="schedule-sites-heading">{t('sites_heading')}</h2>
      <p class="hint">{t('sites_hint')}</p>
      <p class="schedule-sites__builtin">
        <span class="schedule-sites__label">{t('sites_builtin')}</span> {REQUIRED_SCHEDULE_SITE_NAMES.join(', ')}
      </p>

      <h3>{t('sites_from_archive')}</h3>
      <ArchiveCandidates
        total={total}
        archiveHosts={archiveHosts}
        candidates={candidates}
        busy={busy}
        onEnable={enable}
      />

      {granted && granted.length > 0 && (
        <>
          <h3>{t('sites_enabled_by_you')}</h3>
          <ul class="site-list" aria-label={t('sites_enabled_label')}>
            {granted.map((host) => (
              <li class="site" key={host}>
                <span class="site__host">{host}</span>
                <span class="site__meta">
                  {host === feedHost ? t('sites_also_feed') : byHost.has(host) ? talks(byHost.get(host)!.talks) : ''}
                </span>
                {host !== feedHost && (
                  <button
                    type="button"
                    class="button button--quiet"
                    disabled={busy}
                    onClick={() => remove(host)}
                    aria-label={t('sites_remove_label', host)}
                  >
                    {t('sites_remove')}
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
  if (total === 0) return <p class="hint">{t('sites_sync_first')}</p>;
  if (!candidates || !archiveHosts) return <p class="hint">{t('sites_looking')}</p>;
  if (archiveHosts.length === 0) return <p class="hint">{t('sites_none_linked')}</p>;
  if (candidates.length === 0) return <p class="hint">{t('sites_all_enabled')}</p>;
  return (
    <>
      <p class="hint">{t('sites_candidates_hint')}</p>
      <div class="schedule-sites__bulk">
        <button type="button" class="button" disabled={busy} onClick={() => onEnable(candidates.map((c) => c.host))}>
          {t('sites_enable_all', sites(candidates.length))}
        </button>
      </div>
      <ul class="site-list site-list--scroll" aria-label={t('sites_from_archive_label')}>
        {candidates.map((candidate) => (
          <li class="site" key={candidate.host}>
            <span class="site__host">{candidate.host}</span>
            <span class="site__meta">
              {talks(candidate.talks)}
              {candidate.conferences.length > 0 && ` · ${candidate.conferences.join(', ')}`}
            </span>
            <button
              type="button"
              class="button button--quiet"
              disabled={busy}
              onClick={() => onEnable([candidate.host])}
              aria-label={t('sites_enable_label', candidate.host)}
            >
              {t('sites_enable')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
