/**
 * The box on a schedule page, drawn in its own extension frame (BoxFrame.tsx, box.html) that the
 * page's scripts cannot read. Everything from the feed or the page renders as text children, and
 * every href goes through safeHttpUrl: a value that is not http(s) gives plain text, never a link.
 *
 * The page still sees the frame's height. So the user's marks never change the box's size: each
 * mark's two looks are drawn in the same place (`OneOf`), the one not shown kept invisible.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { safeHttpUrl } from '@/lib/http-url';
import {
  NO_MARKS,
  RELATED_LIMIT,
  type BoxAction,
  type BoxActionHandler,
  type BoxMarks,
  type BoxPlayer,
  type MissingRecording,
  type BoxState,
  type LivePart,
  type RecordingMatch,
  type ScheduleLookupResult,
  type TalkCard,
} from '@/lib/enrich/lookup-types';
import type { ScheduleSession, VideoLink } from '@/lib/enrich/page/sites/types';
import type { BoxNotice } from '@/lib/enrich/page/box-frame-protocol';
import type { ComponentChildren } from 'preact';
import { videoLinkKindLabel } from './labels';
import { PlayerLoading } from '../player/PlayerLoading';
import { usePlayerCode } from '../player/use-player-code';
import { pageUrlOf } from '@/lib/player/sources';
import { t } from '@/lib/i18n';

export interface ScheduleBoxProps {
  session: ScheduleSession;
  /** null while loading, after an error, or when the background had nothing to say. */
  result: ScheduleLookupResult | null;
  state: BoxState;
  /** The box's buttons (Watch later, Watched, Notify me); without it the box shows no buttons. */
  onAction?: BoxActionHandler;
  /** Set when the box just ignored a click (the page covered, faded or moved it). */
  notice?: BoxNotice | null;
  /** The player the user opened with Play (the content script allowed the click). */
  player?: BoxPlayer | null;
  /** The player was closed, or saw about 90 % of the talk. */
  onPlayer?: PlayerEventHandler;
  /** Asks the worker for the talk's files (`player-sources`); without it the box offers no Play. */
  loadSources?: (talkId: string) => Promise<unknown>;
}

export type PlayerEventHandler = (event: 'closed' | 'played', talkId: string) => void;

interface PlayKit {
  player: BoxPlayer | null;
  onPlayer: PlayerEventHandler;
  loadSources: (talkId: string) => Promise<unknown>;
}

/**
 * Runs `act` only for a click the user made: a synthetic `.click()` has `isTrusted` false and must
 * not put talks on lists. Page scripts cannot reach the box's frame; this stays as a second lock.
 * (Test DOMs without the flag leave it undefined.)
 */
export function ifTrusted(act: () => void): (event: Event) => void {
  return (event) => {
    if (event.isTrusted === false) return;
    act();
  };
}

/** False when the box would only say "nothing here": the page embeds the recording and nothing is related. */
export function scheduleBoxHasContent(session: ScheduleSession, result: ScheduleLookupResult | null): boolean {
  return (
    !session.hasEmbeddedRecording ||
    session.videoLinks.length > 0 ||
    (result?.related.length ?? 0) > 0 ||
    !!result?.relatedPending
  );
}

/**
 * Two looks of one control in the same grid cell: the cell is as large as the larger look,
 * whichever is shown, and the hidden one is invisible to eyes, screen readers, find and focus.
 */
function OneOf({ first, when, otherwise }: { first: boolean; when: ComponentChildren; otherwise: ComponentChildren }) {
  return (
    <span class="one-of">
      <span class={first ? 'one-of__shown' : 'one-of__hidden'}>{when}</span>
      <span class={first ? 'one-of__hidden' : 'one-of__shown'}>{otherwise}</span>
    </span>
  );
}

export function ScheduleBox({
  session,
  result,
  state,
  onAction,
  notice,
  player,
  onPlayer,
  loadSources,
}: ScheduleBoxProps) {
  const play: PlayKit | null =
    onAction && onPlayer && loadSources ? { player: player ?? null, onPlayer, loadSources } : null;
  const recording = session.hasEmbeddedRecording ? null : (result?.recording ?? null);
  const marks = result?.mine ?? NO_MARKS;
  const unpublished = !result?.recording || result.recording.confidence === 'possible';
  const mayWait =
    state === 'ready' &&
    !!onAction &&
    unpublished &&
    result?.missing === 'not-yet' &&
    !session.hasEmbeddedRecording &&
    videoLinksOf(session).length === 0;
  const related = result?.related.slice(0, RELATED_LIMIT) ?? [];
  const videoLinks = videoLinksOf(session);
  // A live line takes the place of "No recording published yet": one line either way.
  const live = useLivePart(result?.live ?? null);
  return (
    <section class="box" aria-label={t('box_label')} aria-busy={state === 'loading'}>
      <header class="box__header">
        <h2 class="box__brand">
          <Mark />
          Aftertalk
        </h2>
      </header>
      {videoLinks.length > 0 && <VideoLinks links={videoLinks} />}
      {state === 'loading' && (
        <p class="box__status" role="status">
          {t('box_looking')}
        </p>
      )}
      {state === 'error' && (
        <p class="box__status" role="status">
          {t('box_error')}
        </p>
      )}
      {state === 'ready' && live && <LiveLine part={live} />}
      {state === 'ready' && recording && <Recording match={recording} marks={marks} onAction={onAction} play={play} />}
      {state === 'ready' && !live && !recording && !session.hasEmbeddedRecording && videoLinks.length === 0 && (
        <NoRecording missing={result?.missing ?? null} />
      )}
      {mayWait && <WaitForRecording waiting={marks.waiting} onAction={onAction!} />}
      {state === 'ready' && related.length > 0 && <Related talks={related} marks={marks} onAction={onAction} />}
      {state === 'ready' && related.length === 0 && result?.relatedPending && <RelatedPending onAction={onAction} />}
      {state === 'ready' && !scheduleBoxHasContent(session, result) && <p class="box__status">{t('box_no_related')}</p>}
      {notice && (
        <p class="box__status box__notice" role="alert">
          {notice === 'click-refused' ? t('box_click_refused') : t('box_action_failed')}
        </p>
      )}
    </section>
  );
}

/** Says why there is no recording, and promises only what may come (`MissingRecording`). */
function NoRecording({ missing }: { missing: MissingRecording | null }) {
  if (missing === 'checking')
    return (
      <p class="box__status" role="status">
        {t('box_looking_archive')}
      </p>
    );
  return (
    <p class="box__status" role="status">
      {missing === 'none'
        ? t('box_no_recording_media')
        : missing === 'unknown'
          ? t('box_no_recording_archive')
          : t('box_no_recording')}
    </p>
  );
}

/**
 * The answer's live line while it holds: "Live now" only until the talk's end (the page may stay
 * open; the frame asks no one, so it then falls back to the line it would show without one).
 */
function useLivePart(part: LivePart | null): LivePart | null {
  const [, setEnded] = useState(0);
  const endsAt = part?.kind === 'live' ? part.end : 0;
  useEffect(() => {
    if (!endsAt) return;
    // Timers wait at most 2^31 − 1 ms; a talk ends long before that.
    const timer = setTimeout(() => setEnded(endsAt), Math.min(Math.max(0, endsAt - Date.now()), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [endsAt]);
  if (!part || !safeHttpUrl(part.url)) return null;
  return part.kind === 'live' && part.end <= Date.now() ? null : part;
}

/**
 * "Live now in Saal 1" with the room's stream during the talk's slot, or "ReLive: unprocessed
 * recording" with its page afterwards, until the recording is on media.ccc.de. One line, the
 * same height as the "No recording" status it replaces.
 */
function LiveLine({ part }: { part: LivePart }) {
  const href = safeHttpUrl(part.url);
  const isLive = part.kind === 'live';
  return (
    <p class={`box__status live-line live-line--${part.kind}`} role="status">
      <span class="live-line__dot" aria-hidden="true" />
      <span class="live-line__text">{isLive ? t('box_live_now', part.room) : t('box_relive')}</span>
      <a class="live-line__link" href={href} target="_blank" rel="noopener noreferrer">
        {isLive ? t('box_live_stream') : t('box_relive_link')}
      </a>
    </p>
  );
}

function videoLinksOf(session: ScheduleSession): VideoLink[] {
  return session.videoLinks.filter((link) => safeHttpUrl(link.url));
}

/** "Notify me when the recording is published", or, once asked, a way to take it back. */
function WaitForRecording({ waiting, onAction }: { waiting: boolean; onAction: BoxActionHandler }) {
  return (
    <p class="wait">
      <OneOf
        first={waiting}
        when={
          <span class="wait__waiting">
            <span class="wait__note">{t('box_wait_note')}</span>
            <button type="button" class="quiet-button" onClick={ifTrusted(() => onAction('notify-me', false))}>
              {t('waiting_stop')}
            </button>
          </span>
        }
        otherwise={
          <button type="button" class="quiet-button" onClick={ifTrusted(() => onAction('notify-me', true))}>
            {t('box_notify_me')}
          </button>
        }
      />
    </p>
  );
}

/** Watch later and Watched for one talk; `compact` for the related list (labels stay for screen readers). */
function TalkMarks({
  talk,
  marks,
  onAction,
  compact,
}: {
  talk: TalkCard;
  marks: BoxMarks;
  onAction?: BoxActionHandler;
  compact?: boolean;
}) {
  const later = marks.watchLater.includes(talk.id);
  const watched = marks.watched.includes(talk.id);
  if (!onAction) return <WatchedPill watched={watched} />;
  return (
    <span class={`marks${compact ? ' marks--compact' : ''}`}>
      <button
        type="button"
        class="mark-button"
        aria-pressed={later}
        aria-label={compact ? t('talk_later_label', talk.title) : undefined}
        title={t('talk_later')}
        onClick={ifTrusted(() => onAction('watch-later', !later, talk.id))}
      >
        <OneOf first={later} when={<span aria-hidden="true">★</span>} otherwise={<span aria-hidden="true">☆</span>} />
        {` ${compact ? t('box_later_short') : t('talk_later')}`}
      </button>
      <button
        type="button"
        class="mark-button"
        aria-pressed={watched}
        aria-label={compact ? t('talk_watched_label', talk.title) : undefined}
        title={t('talk_watched')}
        onClick={ifTrusted(() => onAction('watched', !watched, talk.id))}
      >
        <OneOf
          first={watched}
          when={
            <span>
              <span aria-hidden="true">✓</span> {t('talk_watched')}
            </span>
          }
          otherwise={
            <span>
              <span aria-hidden="true">○</span> {compact ? t('talk_watched') : t('talk_mark_watched')}
            </span>
          }
        />
      </button>
    </span>
  );
}

function Mark() {
  return (
    <svg class="box__mark" viewBox="0 0 128 128" width="18" height="18" aria-hidden="true">
      <rect x="4" y="4" width="120" height="120" rx="28" fill="#1f6f5c" />
      <path
        d="M28 30h72a12 12 0 0 1 12 12v40a12 12 0 0 1-12 12H64l-22 18V94H28a12 12 0 0 1-12-12V42a12 12 0 0 1 12-12z"
        fill="#fff"
      />
      <path d="M55 46l30 16-30 16z" fill="#1f6f5c" />
    </svg>
  );
}

function VideoLinks({ links }: { links: VideoLink[] }) {
  return (
    <div class="box__part video-links">
      <h3 id="aftertalk-fosdem-video">{t('box_fosdem_heading')}</h3>
      <ul class="files" aria-labelledby="aftertalk-fosdem-video">
        {links.map((link) => {
          const kind = videoLinkKindLabel(link.kind);
          return (
            <li key={link.url}>
              {kind && (
                <span class="pill" aria-hidden="true">
                  {kind}
                </span>
              )}
              <a href={safeHttpUrl(link.url)} target="_blank" rel="noopener noreferrer">
                {link.label || kind || t('box_video_file')}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Recording({
  match,
  marks,
  onAction,
  play,
}: {
  match: RecordingMatch;
  marks: BoxMarks;
  onAction?: BoxActionHandler;
  play: PlayKit | null;
}) {
  const { talk } = match;
  const href = safeHttpUrl(talk.url);
  const fileHref = safeHttpUrl(match.fileUrl);
  const facts = [talk.durationText, talk.releasedText ? t('box_released', talk.releasedText) : ''];
  // Play only for a talk of media.ccc.de (its files come from there), and only with the box's buttons.
  const playable = !!play && !!onAction && !!pageUrlOf(talk.url);
  const playing = playable && play!.player?.talkId === talk.id;
  const Player = usePlayerCode(playing);
  const playButton = useRef<HTMLButtonElement>(null);
  const wasPlaying = useRef(false);
  // Closing the player gives the focus back to Play, where the user left it.
  useEffect(() => {
    if (wasPlaying.current && !playing) playButton.current?.focus();
    wasPlaying.current = playing;
  }, [playing]);
  return (
    <div class="box__part recording">
      <h3>{t('box_recording_heading')}</h3>
      <div class="recording__row">
        <Thumbnail src={talk.thumbnail} width={128} height={72} href={href} />
        <div class="recording__body">
          <p class="recording__title">
            {talk.title}
            <WatchedPill watched={marks.watched.includes(talk.id)} />
          </p>
          {talk.speakers.length > 0 && <p class="recording__speakers">{talk.speakers.join(', ')}</p>}
          <Meta conference={talk.conference} facts={facts} />
          {match.confidence === 'possible' && <p class="recording__note">{t('box_possible')}</p>}
          {(href || fileHref) && (
            <p class="recording__links">
              {playable && (
                <button
                  ref={playButton}
                  type="button"
                  class="button play-button"
                  aria-expanded={playing}
                  aria-label={t('player_play_label', talk.title)}
                  onClick={ifTrusted(() => onAction!('play', !playing, talk.id))}
                >
                  <span aria-hidden="true">▶ </span>
                  {t('player_play')}
                </button>
              )}
              {href && (
                <a
                  class="button"
                  href={href}
                  target="_blank"
                  rel="noopener noreferrer"
                  onClick={ifTrusted(() => onAction?.('opened', true, talk.id))}
                >
                  {t('box_watch_on_media')}
                </a>
              )}
              {fileHref && (
                <a class="download" href={fileHref} target="_blank" rel="noopener noreferrer">
                  {match.downloadText || t('download_recording')}
                </a>
              )}
            </p>
          )}
          {onAction && (
            <p class="recording__marks">
              <TalkMarks talk={talk} marks={marks} onAction={onAction} />
            </p>
          )}
        </div>
      </div>
      {playing && !Player && <PlayerLoading />}
      {playing && Player && (
        <Player
          place="box"
          talk={{
            id: talk.id,
            title: talk.title,
            url: talk.url,
            fileUrl: match.fileUrl,
            fileType: match.fileType,
            language: '',
            durationSeconds: talk.durationSeconds,
            poster: talk.thumbnail,
          }}
          loadSources={play!.loadSources}
          onPlayed={() => play!.onPlayer('played', talk.id)}
          onClose={() => play!.onPlayer('closed', talk.id)}
        />
      )}
    </div>
  );
}

function Related({
  talks,
  marks,
  onAction,
  pending,
}: {
  talks: TalkCard[];
  marks: BoxMarks;
  onAction?: BoxActionHandler;
  pending?: boolean;
}) {
  return (
    <div class={pending ? 'box__part related related--pending' : 'box__part related'} aria-busy={pending}>
      {/* Ids are scoped to the shadow root, so a fixed id cannot clash with the page. */}
      <h3 id="aftertalk-related">{t('box_related')}</h3>
      <ul class="related__list" aria-labelledby="aftertalk-related" aria-hidden={pending}>
        {talks.map((talk) => {
          const href = safeHttpUrl(talk.url);
          return (
            <li key={talk.id} class="related__item">
              <Thumbnail src={talk.thumbnail} width={64} height={36} keepFrame />
              <div class="related__body">
                {href ? (
                  <a
                    class="related__title"
                    href={href}
                    target="_blank"
                    rel="noopener noreferrer"
                    onClick={ifTrusted(() => onAction?.('opened', true, talk.id))}
                  >
                    {talk.title}
                  </a>
                ) : (
                  <span class="related__title">{talk.title}</span>
                )}
                <Meta conference={talk.conference} facts={[talk.durationText]}>
                  <span class={marks.watched.includes(talk.id) ? '' : 'one-of__hidden'}>{t('talk_watched')}</span>
                </Meta>
              </div>
              {onAction && <TalkMarks talk={talk} marks={marks} onAction={onAction} compact />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Rows of nothing, for the list's place while its talks load. */
const PLACEHOLDER_TALKS: TalkCard[] = Array.from({ length: RELATED_LIMIT }, (_, i) => ({
  id: `pending-${i}`,
  title: '\u00a0',
  conference: '',
  speakers: [],
  url: '',
  thumbnail: '',
  durationSeconds: 0,
  date: 0,
  firstSeenAt: 0,
  durationText: '',
  releasedText: '',
}));

/**
 * The related list's place while a woken worker loads its index (`relatedPending`): a full list
 * of the same rows, invisible (not seen, not focusable, not clickable), so the box does not grow
 * and push the page down when the talks come.
 */
function RelatedPending({ onAction }: { onAction?: BoxActionHandler }) {
  return <Related talks={PLACEHOLDER_TALKS} marks={NO_MARKS} onAction={onAction && (() => undefined)} pending />;
}

/** The "Watched" pill after a title: its place is kept when it is not shown. */
function WatchedPill({ watched }: { watched: boolean }) {
  return <span class={`watched-pill${watched ? '' : ' one-of__hidden'}`}>{t('talk_watched')}</span>;
}

function Meta({ conference, facts, children }: { conference: string; facts: string[]; children?: ComponentChildren }) {
  const shown = facts.filter(Boolean);
  if (!conference && shown.length === 0 && !children) return null;
  return (
    <p class="meta">
      {conference && <span class="meta__conference">{conference}</span>}
      {shown.map((fact) => (
        <span key={fact}>{fact}</span>
      ))}
      {children}
    </p>
  );
}

/**
 * Decorative (the title says it all). Page CSPs may block the image, and some thumbnails are
 * gone: on error the image disappears instead of showing as broken. `keepFrame` leaves an empty
 * frame in its place so that the titles of a list stay aligned.
 */
function Thumbnail({
  src,
  width,
  height,
  href,
  keepFrame,
}: {
  src: string;
  width: number;
  height: number;
  href?: string;
  keepFrame?: boolean;
}) {
  const [failed, setFailed] = useState('');
  const safe = safeHttpUrl(src);
  const shown = safe !== '' && failed !== safe;
  if (!shown && !keepFrame) return null;
  const className = `thumb thumb--${width}`;
  // loading and referrerpolicy before src: Preact sets attributes in prop order.
  const img = shown && (
    <img
      alt=""
      width={width}
      height={height}
      loading="lazy"
      decoding="async"
      referrerpolicy="no-referrer"
      src={safe}
      onError={() => setFailed(safe)}
    />
  );
  return href && shown ? (
    <a class={className} href={href} target="_blank" rel="noopener noreferrer" tabIndex={-1} aria-hidden="true">
      {img}
    </a>
  ) : (
    <span class={className} aria-hidden="true">
      {img}
    </span>
  );
}
