/**
 * The toolbar badge: the number of new talks the user wants to hear about (not muted, in a wanted
 * language) and has not seen, with a tooltip that says so in words.
 */
import { browser } from 'wxt/browser';
import type { AftertalkDb } from '../archive/db';
import { audienceOf, wantsAttention, type Audience } from '../personal/audience';
import { loadPersonal } from '../personal/store';
import { settingsOf } from '../personal/settings';
import { t, tp } from '../i18n';
import { formatCount } from '../format';

const BADGE_COLOR = '#1f6f5c';

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

export async function loadAudience(): Promise<Audience> {
  const state = await loadPersonal();
  return audienceOf(state, settingsOf(state));
}

/** New talks that ask for attention: not of a muted conference, in a wanted language. */
export async function countWantedNewTalks(db: AftertalkDb, audience: Audience): Promise<number> {
  let count = 0;
  await db.talks
    .where('isNew')
    .equals(1)
    .each((talk) => {
      if (wantsAttention(talk, audience)) count++;
    });
  return count;
}

/** Sets the toolbar badge to the number of new talks the user wants to hear about and has not seen. */
export async function refreshBadge(db: AftertalkDb): Promise<number> {
  const count = await countWantedNewTalks(db, await loadAudience());
  await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await browser.action.setBadgeText({ text: badgeText(count) });
  await browser.action.setTitle({ title: count > 0 ? tp('badge_title', count, formatCount(count)) : t('extName') });
  return count;
}
