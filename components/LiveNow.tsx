/**
 * The popup's "Live now": for the conferences the user follows (or every streamed one, a
 * setting), each room with a talk on air, its talk and a link to the room's stream; and, until the
 * user has answered, the one offer to allow the streaming hosts, made from a click in the popup.
 * Everything shown comes from the live state the worker keeps (lib/live/); the popup asks no host.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatTime } from '@/lib/format';
import { safeHttpUrl } from '@/lib/http-url';
import { conferenceMatches, liveNow, type LiveNowConference } from '@/lib/live/join';
import { recalledLiveNow, rememberLiveNow } from '@/lib/ui/live-now-memory';
import { requestLivePermission } from '@/lib/live/permission';
import type { PersonalView } from '@/lib/ui/use-personal';
import { useLivePermission, useLiveState, useNow } from '@/lib/ui/use-live';
import { t } from '@/lib/i18n';
import './live-now.css';

/** The popup's own memory of "Not now": the offer is made once (Options keeps the switch). */
const OFFER_KEY = 'aftertalk-live-offer';

function offerDeclined(): boolean {
  try {
    return localStorage.getItem(OFFER_KEY) === 'declined';
  } catch {
    return true;
  }
}

export function LiveNow({ personal }: { personal: PersonalView | undefined }) {
  const state = useLiveState();
  const [permitted, recheck] = useLivePermission();
  const now = useNow();
  const [declined, setDeclined] = useState(offerDeclined);
  // Last opening's Live now, drawn until the live state is read (lib/ui/live-now-memory.ts).
  const [recalled] = useState(() => recalledLiveNow(Date.now()));
  const followed = personal ? [...personal.audience.followed] : [];
  const scopeAll = personal?.settings.liveScope === 'all';
  const ready = !!personal && permitted !== undefined && (!permitted || !!state);
  const conferences =
    ready && permitted && state
      ? liveNow(state, now, (c) => scopeAll || followed.some((name) => conferenceMatches(c, name)))
      : null;
  useEffect(() => {
    if (ready) rememberLiveNow(conferences ?? []);
  });
  if (!ready) return recalled.length ? <LiveSection conferences={recalled} now={now} error="" /> : null;
  if (!permitted) {
    if (declined || followed.length === 0) return null;
    const ask = () =>
      void requestLivePermission().then((granted) => {
        recheck();
        if (!granted) setDeclined(true);
      });
    const decline = () => {
      try {
        localStorage.setItem(OFFER_KEY, 'declined');
      } catch {
        // Without storage the offer simply comes back next time.
      }
      setDeclined(true);
    };
    return (
      <aside class="live-offer" data-testid="live-offer">
        <p class="live-offer__text">
          {followed.length === 1 ? t('live_offer', followed[0]!.toUpperCase()) : t('live_offer_any')}
          <span class="live-offer__note">{t('live_offer_note')}</span>
        </p>
        <span class="live-offer__buttons">
          <button type="button" class="button" onClick={ask}>
            {t('live_offer_yes')}
          </button>
          <button type="button" class="chip" onClick={decline}>
            {t('live_offer_no')}
          </button>
        </span>
      </aside>
    );
  }
  if (!conferences?.length) return null;
  return <LiveSection conferences={conferences} now={now} error={state?.error ?? ''} />;
}

function LiveSection({ conferences, now, error }: { conferences: LiveNowConference[]; now: number; error: string }) {
  return (
    <section aria-labelledby="live-heading" data-testid="live-now" class="live-now">
      <h2 id="live-heading">
        <span class="live-now__dot" aria-hidden="true" />
        {t('live_heading')}
      </h2>
      {error && (
        <p class="live-now__status" role="status">
          {error}
        </p>
      )}
      {conferences.map((conference) => (
        <div class="group" key={conference.acronym}>
          <h3>{conference.title}</h3>
          <ul class="talks">
            {conference.rooms.map((room) => {
              const href = safeHttpUrl(room.url);
              return (
                <li class="talk live-room" key={room.url}>
                  <div class="talk__body">
                    <span class="live-room__name">{room.name}</span>
                    <span class="talk__title">{room.talk.title}</span>
                    <div class="talk__meta">
                      {room.talk.speaker && <span>{room.talk.speaker}</span>}
                      <span>{t('live_until', formatTime(room.talk.end, now))}</span>
                    </div>
                  </div>
                  {href && (
                    <a
                      class="button live-room__stream"
                      href={href}
                      target="_blank"
                      rel="noopener noreferrer"
                      aria-label={t('live_watch_stream_label', room.name, room.talk.title)}
                    >
                      {t('live_watch_stream')}
                    </a>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
