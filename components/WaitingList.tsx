import { formatCount } from '@/lib/format';
import { safeHttpUrl } from '@/lib/http-url';
import { stopWaiting } from '@/lib/personal/actions';
import type { WaitingEntry } from '@/lib/personal/state';
import { t, tp } from '@/lib/i18n';
import { reliveFor } from '@/lib/live/join';
import { useLiveState } from '@/lib/ui/use-live';

/** Talks the user asked to be told about once their recording is published. */
export function WaitingList({ entries }: { entries: [key: string, entry: WaitingEntry, since: number][] }) {
  // The ReLive (unprocessed recording) of a waiting talk, while its release is still to come.
  const live = useLiveState();
  return (
    <section aria-labelledby="waiting-heading" data-testid="waiting">
      <h2 id="waiting-heading">
        {entries.length === 0
          ? t('waiting_heading')
          : tp('waiting_heading_count', entries.length, formatCount(entries.length))}
      </h2>
      {entries.length === 0 ? (
        <p class="empty">{t('waiting_empty')}</p>
      ) : (
        <ul class="talks">
          {entries.map(([key, { query }]) => {
            const href = safeHttpUrl(query.scheduleUrl);
            const facts = [query.event ?? '', query.speakers.join(', ')].filter(Boolean);
            const relive = live ? safeHttpUrl(reliveFor(live, query)?.pageUrl ?? '') : '';
            return (
              <li class="talk talk--waiting" key={key}>
                <div class="talk__body">
                  {href ? (
                    <a class="talk__title" href={href} target="_blank" rel="noopener noreferrer">
                      {query.title}
                    </a>
                  ) : (
                    <span class="talk__title">{query.title}</span>
                  )}
                  <div class="talk__meta">
                    {facts.map((fact) => (
                      <span key={fact}>{fact}</span>
                    ))}
                  </div>
                </div>
                <div class="talk__actions">
                  {relive && (
                    <a
                      class="chip talk__relive"
                      href={relive}
                      target="_blank"
                      rel="noopener noreferrer"
                      aria-label={t('waiting_relive_label', query.title)}
                    >
                      {t('waiting_relive')}
                    </a>
                  )}
                  <button
                    type="button"
                    class="chip"
                    aria-label={t('waiting_stop_label', query.title)}
                    onClick={() => void stopWaiting(key)}
                  >
                    {t('waiting_stop')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
