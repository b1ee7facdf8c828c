/**
 * The player's choices under the video: audio language (where media.ccc.de has the original and
 * a translation), quality, subtitles; each a labelled native select, shown only when there is a
 * choice. `children` go on the same line (picture-in-picture).
 */
import type { ComponentChildren } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import {
  formatName,
  languagesName,
  languagesOf,
  qualitiesOf,
  subtitlesOf,
  switchLanguage,
  type CanPlay,
} from '@/lib/player/choose';
import type { PlayerFile, PlayerSources } from '@/lib/player/sources';

interface Props {
  sources: PlayerSources;
  file: PlayerFile;
  canPlay: CanPlay;
  /** The language of the subtitles shown, '' for none. */
  subtitle: string;
  onFile: (file: PlayerFile) => void;
  onSubtitle: (language: string) => void;
  children?: ComponentChildren;
}

function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** "German (original)", "English (translation)", "German + English". */
function languageLabel(code: string, original: string, ui: string): string {
  if (!code) return t('player_language_unknown');
  const name = languagesName(code, ui);
  if (code.includes('-')) return name;
  return code === original ? t('player_language_original', name) : t('player_language_translation', name);
}

/** "1080p WebM", "Audio only (Opus)". */
export function qualityLabel(file: PlayerFile): string {
  if (file.kind === 'audio') return t('player_audio_only', formatName(file.mimeType));
  return file.height ? `${file.height}p ${formatName(file.mimeType)}` : formatName(file.mimeType);
}

export function PlayerChoices({ sources, file, canPlay, subtitle, onFile, onSubtitle, children }: Props) {
  const ui = uiLanguage();
  const languages = languagesOf(sources.files, sources.originalLanguage).filter(
    (language) => qualitiesOf(sources.files, language, canPlay).length > 0,
  );
  const qualities = qualitiesOf(sources.files, file.language, canPlay);
  const subtitles = subtitlesOf(sources.subtitles);
  return (
    <div class="player__choices">
      {languages.length > 1 && (
        <span class="player__choice">
          <label for="player-audio">{t('player_audio')}</label>
          <select
            id="player-audio"
            value={file.language}
            onChange={(event) => {
              const next = switchLanguage(sources.files, file, event.currentTarget.value, canPlay);
              if (next) onFile(next);
            }}
          >
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageLabel(code, sources.originalLanguage, ui)}
              </option>
            ))}
          </select>
        </span>
      )}
      {qualities.length > 1 && (
        <span class="player__choice">
          <label for="player-quality">{t('player_quality')}</label>
          <select
            id="player-quality"
            value={file.url}
            onChange={(event) => {
              const next = qualities.find((candidate) => candidate.url === event.currentTarget.value);
              if (next) onFile(next);
            }}
          >
            {qualities.map((quality) => (
              <option key={quality.url} value={quality.url}>
                {qualityLabel(quality)}
              </option>
            ))}
          </select>
        </span>
      )}
      {subtitles.length > 0 && (
        <span class="player__choice">
          <label for="player-subtitles">{t('player_subtitles')}</label>
          <select id="player-subtitles" value={subtitle} onChange={(event) => onSubtitle(event.currentTarget.value)}>
            <option value="">{t('player_subtitles_off')}</option>
            {subtitles.map((candidate) => (
              <option key={candidate.language} value={candidate.language}>
                {candidate.note
                  ? `${languagesName(candidate.language, ui)} (${candidate.note})`
                  : languagesName(candidate.language, ui)}
              </option>
            ))}
          </select>
        </span>
      )}
      {children}
    </div>
  );
}
