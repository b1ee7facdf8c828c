import { t } from '@/lib/i18n';

/**
 * Said where the player will be while its code loads on the first Play (use-player-code.ts), in
 * the popup and the box alike.
 */
export function PlayerLoading() {
  return (
    <p class="player__status" role="status">
      {t('player_loading')}
    </p>
  );
}
