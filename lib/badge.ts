import { browser } from 'wxt/browser';
import { countNewTalks } from './archive';
import type { AftertalkDb } from './db';

const BADGE_COLOR = '#1f6f5c';

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/** Sets the toolbar badge to the number of new talks the user has not seen yet. */
export async function refreshBadge(db: AftertalkDb): Promise<number> {
  const count = await countNewTalks(db);
  await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await browser.action.setBadgeText({ text: badgeText(count) });
  await browser.action.setTitle({ title: count > 0 ? `Aftertalk: ${count} new ${count === 1 ? 'talk' : 'talks'}` : 'Aftertalk' });
  return count;
}
