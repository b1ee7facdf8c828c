/**
 * Plays a talk where the user is: in the schedule box's frame (box.html) and in the popup. Built
 * only when the user pressed Play; until then nothing of it exists and nothing is requested. It
 * asks the worker for the talk's files (`player-sources`), starts the best one the browser can
 * play where the user stopped last time, offers the other qualities, audio languages and
 * subtitles, remembers the position (lib/player/positions.ts) and says when about 90 % of the
 * talk was seen (lib/player/progress.ts). Native controls do the playing: keyboard, fullscreen
 * and the browser's own menus come with them; Esc closes the player.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { mediaUrl } from '@/lib/http-url';
import { t } from '@/lib/i18n';
import { canPlayWith, startFile, type CanPlay } from '@/lib/player/choose';
import { createPositionStore, type PositionStore } from '@/lib/player/positions';
import { atTime, clock, isWatched, markPlayed, noneSeen, resumeAt, type Seen } from '@/lib/player/progress';
import {
  parsePlayerSources,
  pageUrlOf,
  sourcesFromFeed,
  type PlayerFile,
  type PlayerSources,
} from '@/lib/player/sources';
import { loadSubtitle } from '@/lib/player/subtitles';
import { PlayerChoices } from './PlayerChoices';
import './player.css';

export interface PlayerTalk {
  id: string;
  title: string;
  /** The talk's page on media.ccc.de. */
  url: string;
  /** The feed's file, played when the worker cannot be asked ('' unknown). */
  fileUrl: string;
  fileType: string;
  language: string;
  durationSeconds: number;
  /** Shown before the first frame ('' none). */
  poster: string;
}

export interface PlayerProps {
  talk: PlayerTalk;
  place: 'box' | 'popup';
  /** The worker's answer to `player-sources` for the talk (checked here again). */
  loadSources: (talkId: string) => Promise<unknown>;
  /** About 90 % of the talk has been seen: called once per opening. */
  onPlayed: () => void;
  onClose: () => void;
  positions?: PositionStore;
  fetchImpl?: typeof fetch;
  /** For tests: what the browser can play (the video element's own `canPlayType` otherwise). */
  canPlay?: CanPlay;
}

type Problem = 'cannot-play' | 'failed' | 'nothing' | null;

/** How often, at most, the position is written while the talk plays. */
const SAVE_EVERY_MS = 5000;

function feedFallback(talk: PlayerTalk): PlayerSources {
  return sourcesFromFeed({
    id: talk.id,
    title: talk.title,
    url: talk.url,
    language: talk.language,
    durationSeconds: talk.durationSeconds,
    enclosure: talk.fileUrl ? { url: talk.fileUrl, type: talk.fileType } : null,
  });
}

export function Player({ talk, place, loadSources, onPlayed, onClose, positions, fetchImpl, canPlay }: PlayerProps) {
  const store = useMemo(() => positions ?? createPositionStore(), [positions]);
  const video = useRef<HTMLVideoElement>(null);
  const section = useRef<HTMLElement>(null);
  const [sources, setSources] = useState<PlayerSources | null>(null);
  const [file, setFile] = useState<PlayerFile | null>(null);
  const [startAt, setStartAt] = useState(0);
  const [resumed, setResumed] = useState(0);
  const [problem, setProblem] = useState<Problem>(null);
  const [now, setNow] = useState(0);
  const [subtitle, setSubtitle] = useState<{ language: string; src: string } | null>(null);
  const [subtitleFailed, setSubtitleFailed] = useState(false);
  const [pip, setPip] = useState(false);
  // Playing when opened; after a switch of quality or language, as it was before the switch.
  const [autoPlay, setAutoPlay] = useState(true);
  const failed = useRef(new Set<string>());
  const progress = useRef<{ seen: Seen; last: number | null; savedAt: number; told: boolean }>({
    seen: noneSeen(),
    last: null,
    savedAt: 0,
    told: false,
  });
  const playable = (): CanPlay => canPlay ?? canPlayWith(video.current ?? document.createElement('video'));

  // The sources and the stored position, once, when the player opens.
  useEffect(() => {
    let live = true;
    const asked = loadSources(talk.id).then(parsePlayerSources, () => null);
    void Promise.all([asked, store.read(talk.id).catch(() => null)]).then(([answer, position]) => {
      if (!live) return;
      const found = answer && answer.files.length > 0 ? answer : feedFallback(talk);
      if (position) progress.current.seen = position.seen;
      const start = startFile(found, playable(), { maxHeight: place === 'popup' ? 720 : 1080 });
      const at = position ? resumeAt(position.seconds, position.duration || found.durationSeconds) : 0;
      setSources(found);
      setFile(start);
      setStartAt(at);
      setResumed(at);
      setNow(at);
      setProblem(start ? null : found.files.length > 0 ? 'cannot-play' : 'nothing');
    });
    return () => {
      live = false;
    };
  }, [talk.id]);

  const save = () => {
    const element = video.current;
    if (!element || !file) return;
    progress.current.savedAt = Date.now();
    const duration = Number.isFinite(element.duration) ? element.duration : 0;
    void store
      .write(talk.id, { seconds: element.currentTime, duration, seen: progress.current.seen, at: Date.now() })
      .catch(() => undefined);
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  // The position is written on pause and every few seconds; and when the player or its page goes.
  useEffect(() => {
    const onHide = () => saveRef.current();
    const view = document.defaultView;
    view?.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      view?.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      saveRef.current();
    };
  }, []);

  // Focus goes into the player when it opens, so the keyboard works it at once.
  useEffect(() => {
    (video.current ?? section.current)?.focus();
  }, [file !== null]);

  // Blob URLs of subtitles are freed when replaced and when the player closes.
  useEffect(() => () => subtitle && URL.revokeObjectURL(subtitle.src), [subtitle]);

  const onTimeUpdate = () => {
    const element = video.current;
    if (!element) return;
    const current = element.currentTime;
    const state = progress.current;
    const duration = Number.isFinite(element.duration) ? element.duration : talk.durationSeconds;
    if (state.last !== null && !element.seeking) markPlayed(state.seen, state.last, current, duration);
    state.last = element.seeking ? null : current;
    if (!state.told && isWatched(state.seen)) {
      state.told = true;
      onPlayed();
    }
    if (Date.now() - state.savedAt >= SAVE_EVERY_MS) save();
    if (Math.floor(current) !== Math.floor(now)) setNow(current);
  };

  const onError = () => {
    const element = video.current;
    if (!element?.error || !file || !sources) return;
    failed.current.add(file.url);
    if (element.error.code === MediaError.MEDIA_ERR_NETWORK) {
      setProblem('failed');
      return;
    }
    // Not a file this browser plays after all: the next one in the same language, if any.
    const next = sources.files.find(
      (other) => other.language === file.language && !failed.current.has(other.url) && playable()(other),
    );
    if (next) switchTo(next);
    else setProblem('cannot-play');
  };

  const switchTo = (next: PlayerFile) => {
    const element = video.current;
    const at = element ? element.currentTime : now;
    setAutoPlay(!element || !element.paused);
    setStartAt(at);
    progress.current.last = null;
    setFile(next);
    setProblem(null);
  };

  const chooseSubtitle = (language: string) => {
    setSubtitleFailed(false);
    const chosen = sources?.subtitles.find((candidate) => candidate.language === language);
    if (!chosen) {
      setSubtitle(null);
      return;
    }
    void loadSubtitle(chosen, fetchImpl).then((text) => {
      if (text === null) {
        setSubtitleFailed(true);
        setSubtitle(null);
        return;
      }
      setSubtitle({ language, src: URL.createObjectURL(new Blob([text], { type: 'text/vtt' })) });
    });
  };

  const togglePip = async () => {
    const element = video.current;
    if (!element) return;
    try {
      if (document.pictureInPictureElement) await document.exitPictureInPicture();
      else await element.requestPictureInPicture();
    } catch {
      // Refused (no picture yet, or the browser said no): the button stays as it was.
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || document.fullscreenElement) return;
    event.preventDefault();
    event.stopPropagation();
    onClose();
  };

  const leave = () => {
    video.current?.pause();
    save();
  };

  const pageUrl = pageUrlOf(sources?.pageUrl || talk.url);
  const fileUrl = mediaUrl(file?.url ?? talk.fileUrl);
  const continueUrl = atTime(pageUrl || fileUrl, now);
  const pipOffered = typeof document !== 'undefined' && document.pictureInPictureEnabled && file?.kind === 'video';
  const links = (
    <>
      {fileUrl && (
        <a href={fileUrl} target="_blank" rel="noopener noreferrer" download>
          {t('player_download')}
        </a>
      )}
      {pageUrl && (
        <a href={pageUrl} target="_blank" rel="noopener noreferrer">
          {t('box_watch_on_media')}
        </a>
      )}
    </>
  );

  return (
    <section
      ref={section}
      class={`player player--${place}`}
      aria-label={t('player_label', talk.title)}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div class="player__bar">
        <p class="player__title">{talk.title}</p>
        <button
          type="button"
          class="player__close"
          aria-label={t('player_close')}
          title={t('player_close')}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      {!sources && (
        <p class="player__status" role="status">
          {t('player_loading')}
        </p>
      )}
      {problem && (
        <p class="player__problem" role="alert">
          {problem === 'cannot-play'
            ? t('player_cannot_play')
            : problem === 'failed'
              ? t('player_failed')
              : t('player_nothing')}{' '}
          <span class="player__links">{links}</span>
        </p>
      )}
      {file && problem !== 'cannot-play' && (
        <video
          ref={video}
          class="player__video"
          controls
          autoPlay={autoPlay}
          preload="metadata"
          playsInline
          poster={mediaUrl(talk.poster) || undefined}
          aria-label={talk.title}
          src={atTime(file.url, startAt)}
          onTimeUpdate={onTimeUpdate}
          onSeeking={() => (progress.current.last = null)}
          onPlaying={() => (progress.current.last = video.current?.currentTime ?? null)}
          onPause={save}
          onEnded={save}
          onError={onError}
          onEnterPictureInPicture={() => setPip(true)}
          onLeavePictureInPicture={() => setPip(false)}
        >
          {subtitle && (
            <track
              key={subtitle.src}
              kind="subtitles"
              src={subtitle.src}
              srcLang={subtitle.language}
              label={subtitle.language}
              default
            />
          )}
        </video>
      )}
      {file && sources && (
        <PlayerChoices
          sources={sources}
          file={file}
          canPlay={playable()}
          subtitle={subtitle?.language ?? ''}
          onFile={switchTo}
          onSubtitle={chooseSubtitle}
        >
          {pipOffered && (
            <button type="button" class="player__button" aria-pressed={pip} onClick={() => void togglePip()}>
              {t('player_pip')}
            </button>
          )}
        </PlayerChoices>
      )}
      {subtitleFailed && (
        <p class="player__status" role="status">
          {t('player_subtitles_failed')}
        </p>
      )}
      {resumed > 0 && file && !problem && (
        <p class="player__status">
          {t('player_resumed', clock(resumed))}{' '}
          <button
            type="button"
            class="player__link-button"
            onClick={() => {
              setResumed(0);
              if (video.current) video.current.currentTime = 0;
            }}
          >
            {t('player_start_over')}
          </button>
        </p>
      )}
      <p class="player__note">
        {place === 'popup' && <span>{t('player_popup_note')} </span>}
        {continueUrl && (
          <a href={continueUrl} target="_blank" rel="noopener noreferrer" onClick={leave}>
            {now >= 1 ? t('player_continue_at', clock(now)) : t('player_continue')}
          </a>
        )}
      </p>
    </section>
  );
}
