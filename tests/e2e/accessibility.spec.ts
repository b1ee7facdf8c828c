import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { createRequire } from 'node:module';
import type { Frame, Page } from '@playwright/test';
import { scheduleFeed } from '../support/schedule-feed';
import { displayTitle, SAMPLE_NEW_TALKS } from '../support/sample-feed';
import { expect, test } from './extension';
import { badgeText, boxFrame, boxOf, HQ_FEED, openPopup, popupWithNewTalks, waitForSync } from './steps';
import { thumbnailReply } from './thumbnails';

/** Keyboard use and automated axe checks on the popup, the options page and an enriched page. */

async function seriousViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** axe inside one frame: the schedule box's document, which the page's own axe run cannot enter. */
async function seriousViolationsIn(frame: Frame) {
  await frame.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await frame.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  nodes: { target: string[] }[];
}

test.beforeEach(({ internet }) => {
  internet.onHost('static.media.ccc.de', (request) => thumbnailReply(request.url ?? '/'));
});

test('popup and options: no serious or critical axe violations; the popup works from the keyboard', async ({
  launchExtension,
  internet,
}) => {
  internet.serveFeed(HQ_FEED, scheduleFeed());
  const { worker, context, extensionId } = await launchExtension();
  const first = await waitForSync(worker);
  const popup = await popupWithNewTalks({ internet, worker, context, extensionId }, first.lastAttemptAt);
  expect(await seriousViolations(popup)).toEqual([]);

  // "/" to search, ↓ into the results, ↓ again, Escape-free way back with "/".
  await popup.locator('body').click({ position: { x: 5, y: 5 } });
  await popup.keyboard.press('/');
  await expect(popup.getByRole('searchbox', { name: 'Search the archive' })).toBeFocused();
  await popup.keyboard.press('Escape');
  await popup.getByRole('searchbox', { name: 'Search the archive' }).blur();
  await popup.keyboard.press('ArrowDown');
  await expect(popup.locator('.talk__title').first()).toBeFocused();
  await popup.keyboard.press('ArrowDown');
  await expect(popup.locator('.talk__title').nth(1)).toBeFocused();
  await expect(popup.locator('.talk__title').nth(1)).toHaveText(displayTitle(SAMPLE_NEW_TALKS[1]!));
  await popup.keyboard.press('End');
  await expect(popup.locator('.talk__title').last()).toBeFocused();
  // "m" marks all seen.
  await popup.keyboard.press('m');
  await expect(popup.getByTestId('new-talks')).toHaveCount(0);
  await expect.poll(() => badgeText(worker)).toBe('');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading', { name: 'Conferences' })).toBeVisible();
  expect(await seriousViolations(options)).toEqual([]);
});

test('an enriched schedule page: the box has no serious or critical axe violations', async ({
  launchExtension,
  internet,
}) => {
  internet.serveFeed(HQ_FEED, scheduleFeed());
  const url = 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/';
  internet.on('cfp.all-systems-go.io', new URL(url).pathname, {
    status: 200,
    body: readFileSync('tests/fixtures/sites/pretalx/released-2025-all-systems-go.html', 'utf8'),
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
  const { worker, context } = await launchExtension();
  await waitForSync(worker);
  const page = await context.newPage();
  await page.goto(url);
  const box = await boxOf(page);
  await expect(box.getByRole('link', { name: 'Watch on media.ccc.de' })).toBeVisible();
  // The box's own document, checked where it is drawn (the page's scripts and axe cannot look into it from the page).
  const frame = await boxFrame(page);
  expect(await seriousViolationsIn(frame)).toEqual([]);
});

test('the popup’s search of all of media.ccc.de: no serious or critical axe violations, offered or answered', async ({
  launchExtension,
  internet,
}) => {
  internet.serveFeed(HQ_FEED, scheduleFeed());
  const { worker, context, extensionId } = await launchExtension();
  await waitForSync(worker);
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('searchbox', { name: 'Search the archive' }).fill('radio astronomy');
  const offer = popup.getByRole('button', { name: 'Search all of media.ccc.de for “radio astronomy”' });
  await expect(offer).toBeVisible();
  expect(await seriousViolations(popup)).toEqual([]);
  await offer.click();
  await expect(popup.getByRole('list', { name: 'From media.ccc.de’s archive' }).locator('.talk')).toHaveCount(2);
  expect(await seriousViolations(popup)).toEqual([]);
});
