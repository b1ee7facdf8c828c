/**
 * What the content script does on every page of an enabled host, kept free of browser and UI
 * APIs so unit tests can drive it with a fixture document:
 * 1. a URL test per adapter (no DOM reads on pages no adapter claims),
 * 2. the adapter reads the talk off the page,
 * 3. a loading box goes where the page's content flows, then the background's answer fills it.
 * Pages only a stored talk can vouch for (`linked-page`) get no box until the background has
 * confirmed the URL, so ordinary pages of such hosts never see a flash of Aftertalk.
 */
import {
  isScheduleLookupResult,
  type BoxActionHandler,
  type BoxPlayer,
  type BoxState,
  type ScheduleLookupResult,
  type SessionQuery,
} from '../lookup-types';
import type { Send } from '../../messages';
import type { BoxNotice } from './box-frame-protocol';
import type { MountPoint, ScheduleSession } from './sites/types';
import { detectSession, mayBeTalkUrl } from './sites/registry';
import { linkedPageAdapter } from './sites/linked-page';
import { HOSTS_WITHOUT_LINKED_PAGES } from '../access/hosts';
import { mark, PERF_MARKS } from '../../perf-marks';

const PRETALX_GENERATOR = 'meta[name="generator"][content^="pretalx" i]';

export interface BoxView {
  render(
    state: BoxState,
    result: ScheduleLookupResult | null,
    onAction?: BoxActionHandler,
    notice?: BoxNotice,
    player?: BoxPlayer | null,
  ): void;
  remove(): void;
}

export interface EnrichDeps {
  doc: Document;
  href: string;
  /** The typed message to the background (lib/messages.ts); its answer is checked again here. */
  send: Send;
  mountBox(mount: MountPoint, session: ScheduleSession): BoxView;
  /** The talk's GUID from the page's own schedule export (pretalx), null when it has none. */
  guidFromExport?(href: string, code: string): Promise<string | null>;
}

export type EnrichOutcome = 'not-a-talk-page' | 'unknown-page' | 'no-slot' | 'enriched' | 'failed';

/** The background answers a result, or null for an unknown linked page; anything else is a fault. */
function asResult(answer: unknown): ScheduleLookupResult | null | undefined {
  if (answer === null) return null;
  return isScheduleLookupResult(answer) ? answer : undefined;
}

function mayBeLinkedPage(doc: Document, url: URL): boolean {
  if (HOSTS_WITHOUT_LINKED_PAGES.has(url.hostname.toLowerCase())) return false;
  // Every page of a pretalx instance that matters is a /talk/ page, handled above.
  return doc.querySelector(PRETALX_GENERATOR) === null;
}

/**
 * The box once the background answered: its buttons ask the background to act on the talk and
 * answer the box's new state. A refused or failed action (a full list, the worker gone) leaves the
 * box as it was, saying that nothing changed. Play (allowed by the click guard like every button)
 * opens the player for the box's recording, in the box's frame; nothing is asked before it.
 */
function showAnswer(
  deps: EnrichDeps,
  box: BoxView,
  session: SessionQuery,
  onlyIfKnownUrl: boolean,
  result: ScheduleLookupResult,
): void {
  const onAction: BoxActionHandler = (action, on, talkId) => {
    if (action === 'play') {
      // Only the recording the box shows plays.
      player = on && talkId && talkId === shown.recording?.talk.id ? { talkId } : null;
      box.render('ready', shown, onAction, undefined, player);
      return;
    }
    void deps
      .send({ type: 'schedule-action', session, onlyIfKnownUrl, action, on, ...(talkId ? { talkId } : {}) })
      .then((answer) => {
        const next = asResult(answer);
        if (next) box.render('ready', (shown = next), onAction, undefined, player);
        // The player's own report needs no notice when nothing was to change (the setting is off).
        else if (action !== 'played') box.render('ready', shown, onAction, 'action-failed', player);
      })
      .catch(() => action !== 'played' && box.render('ready', shown, onAction, 'action-failed', player));
  };
  let shown = result;
  let player: BoxPlayer | null = null;
  box.render('ready', result, onAction);
}

/**
 * A worker the page woke answers the recording before its related-talks index has loaded
 * (`relatedPending`): the box shows that at once, keeping the list's place, and the whole answer
 * follows (the background's index is loaded by then, or the ask waits for it). If that ask
 * fails, the box shows the first answer without the list.
 */
async function completeRelated(
  deps: EnrichDeps,
  box: BoxView,
  session: SessionQuery,
  first: ScheduleLookupResult,
): Promise<ScheduleLookupResult> {
  let whole: ScheduleLookupResult | null | undefined;
  try {
    whole = asResult(await deps.send({ type: 'schedule-lookup', session, onlyIfKnownUrl: false }));
  } catch {
    whole = undefined;
  }
  const shown = whole ?? { ...first, relatedPending: false };
  showAnswer(deps, box, session, false, shown);
  return shown;
}

interface Answered {
  session: ScheduleSession;
  result: ScheduleLookupResult;
}

/**
 * Second chance for older pretalx events: the GUID from the export finds what the code could not.
 * Answers the session with its GUID and the new answer (shown when it found the recording), so a
 * question to media.ccc.de's archive that follows can ask by GUID.
 */
async function retryWithGuid(deps: EnrichDeps, session: ScheduleSession, box: BoxView): Promise<Answered | null> {
  if (!session.code || !deps.guidFromExport) return null;
  const guid = await deps.guidFromExport(deps.href, session.code);
  if (!guid) return null;
  const withGuid = { ...session, guid };
  const again = asResult(await deps.send({ type: 'schedule-lookup', session: withGuid, onlyIfKnownUrl: false }));
  if (!again) return null;
  if (again.recording) showAnswer(deps, box, withGuid, false, again);
  return { session: withGuid, result: again };
}

/**
 * The talk is not in the archive: the box says it is looking in media.ccc.de's archive (the
 * answer's `missing: 'checking'`) while the background asks it, then shows what came back. If the
 * background cannot answer, the box says the archive could not be asked, and promises nothing.
 */
async function askHistory(deps: EnrichDeps, box: BoxView, { session, result }: Answered): Promise<void> {
  let answer: ScheduleLookupResult | null | undefined;
  try {
    answer = asResult(await deps.send({ type: 'schedule-history', session }));
  } catch {
    answer = undefined;
  }
  showAnswer(deps, box, session, false, answer ?? { ...result, missing: 'unknown' });
}

/**
 * The script starts at `document_start`, before the page is parsed. When the URL alone says this
 * may be a talk page, the background is told now: a stopped worker (the usual case, Chromium
 * stops it after 30 idle seconds) boots and loads the related-talks index while the page's HTML
 * arrives, instead of after it. Returns whether it asked.
 */
export function wakeBackgroundForTalkUrl(href: string, send: Send): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (!mayBeTalkUrl(url)) return false;
  // Only a head start: the lookup itself reports any trouble.
  send({ type: 'schedule-warm' }).catch(() => undefined);
  return true;
}

/** Runs `work` once the page's HTML is parsed: at once when it already is (a script injected later). */
export function whenParsed(doc: Document, work: () => void): void {
  if (doc.readyState !== 'loading') {
    work();
    return;
  }
  doc.addEventListener('DOMContentLoaded', () => work(), { once: true });
}

export async function enrichSchedulePage(deps: EnrichDeps): Promise<EnrichOutcome> {
  const { doc, href, send, mountBox } = deps;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'not-a-talk-page';
  }
  const detected = detectSession(doc, url);
  if (detected) {
    const mount = detected.adapter.mountPoint(doc);
    if (!mount) return 'no-slot';
    // Asked before the box is put in place: the background's lookup runs while the box is placed
    // and its frame loads. Placing it first cost the answer 10 to 60 ms on a page that had just
    // been parsed (the click guard's first reading of the box's place lays the page out).
    mark(PERF_MARKS.lookupSent);
    const answer = send({
      type: 'schedule-lookup',
      session: detected.session,
      onlyIfKnownUrl: false,
      relatedLater: true,
    });
    const box = mountBox(mount, detected.session);
    box.render('loading', null);
    try {
      let result = asResult(await answer);
      mark(PERF_MARKS.lookupAnswered);
      if (result) showAnswer(deps, box, detected.session, false, result);
      else box.render(result === undefined ? 'error' : 'ready', null);
      if (result?.relatedPending) result = await completeRelated(deps, box, detected.session, result);
      let latest: Answered | null = result ? { session: detected.session, result } : null;
      if (result?.exportMayHelp) latest = (await retryWithGuid(deps, detected.session, box)) ?? latest;
      if (latest?.result.missing === 'checking') await askHistory(deps, box, latest);
    } catch {
      box.render('error', null);
      return 'failed';
    }
    return 'enriched';
  }

  if (!mayBeLinkedPage(doc, url)) return 'not-a-talk-page';
  const linked = detectSession(doc, url, { allowLinkedPage: true });
  if (!linked || linked.adapter !== linkedPageAdapter) return 'not-a-talk-page';
  let result: ScheduleLookupResult | null | undefined;
  try {
    result = asResult(await send({ type: 'schedule-lookup', session: linked.session, onlyIfKnownUrl: true }));
  } catch {
    return 'failed';
  }
  if (!result) return 'unknown-page';
  const mount = linked.adapter.mountPoint(doc);
  if (!mount) return 'no-slot';
  showAnswer(deps, mountBox(mount, linked.session), linked.session, true, result);
  return 'enriched';
}
