/**
 * What the content script and the box's frame say to each other. The box is drawn inside an
 * extension page (`box.html`) framed into the schedule page: the page's scripts cannot read a
 * cross-origin document, so nothing the box shows (recording, related talks, the user's marks,
 * the waiting state) is theirs to read (docs/architecture.md "The schedule box").
 *
 * The two sides speak over a MessageChannel. The content script hands one end to the frame once,
 * together with a token the frame got in its own URL fragment: a page cannot read that URL (the
 * frame sits in a closed shadow root and is cross-origin), so it cannot hand the frame a port of
 * its own. Everything that crosses is checked on arrival all the same.
 */
import {
  isScheduleLookupResult,
  type BoxControl,
  type BoxPlayer,
  type BoxState,
  type ScheduleLookupResult,
} from '../lookup-types';
import type { ScheduleSession } from './sites/types';

/**
 * What the box says under its content: it ignored a click because the page covered, moved or faded
 * it just then (`click-refused`), or the background did not do what the click asked (`action-failed`).
 */
export const BOX_NOTICES = ['click-refused', 'action-failed'] as const;
export type BoxNotice = (typeof BOX_NOTICES)[number];

/** Content script → frame: draw this. */
export interface RenderBox {
  kind: 'render';
  state: BoxState;
  session: ScheduleSession;
  result: ScheduleLookupResult | null;
  /** Whether the box offers its buttons (only once the background's answer is in). */
  actions: boolean;
  notice: BoxNotice | null;
  /** The player the user opened (Play, allowed by the click guard), null when none is open. */
  player: BoxPlayer | null;
}

/** Frame → content script: the box's document is this tall (the content script sizes the frame). */
export interface BoxSize {
  kind: 'size';
  height: number;
}

/** Frame → content script: the state it drew (the benchmark's "box ready" mark is set on it). */
export interface BoxDrawn {
  kind: 'drawn';
  state: BoxState;
}

/**
 * Frame → content script: the user clicked one of the box's buttons or links. `x`/`y` is the
 * click in the frame's own coordinates, for the content script's check that the box was really
 * there to be seen; `visible` is the frame's own IntersectionObserver v2 verdict (null where the
 * browser has none).
 */
export interface BoxClick {
  kind: 'action';
  action: BoxControl;
  on: boolean;
  talkId?: string;
  x: number;
  y: number;
  visible: boolean | null;
}

/**
 * Frame → content script: the player was closed (its close button or Esc), or saw about 90 % of
 * the talk. Neither is a click on the page's behalf: closing is always allowed, and `played`
 * only follows playback the user started with a click the guard allowed.
 */
export interface BoxPlayerEvent {
  kind: 'player';
  event: 'closed' | 'played';
  talkId: string;
}

export type FromFrame = BoxSize | BoxDrawn | BoxClick | BoxPlayerEvent;

/** The message that introduces the content script's port to the frame. */
export interface BoxHandshake {
  aftertalkBox: string;
}

/** The clicks the frame reports; `played` is no click (`BoxPlayerEvent`). */
const ACTIONS: readonly BoxControl[] = ['watch-later', 'watched', 'notify-me', 'opened', 'play'];
const MAX_TALK_ID = 300;
const STATES: readonly BoxState[] = ['loading', 'ready', 'error'];
const MAX_HEIGHT = 4000;

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object';
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const isTalkId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_TALK_ID;

/** A message from the frame, or null: the content script acts on nothing else. */
export function parseFromFrame(data: unknown): FromFrame | null {
  if (!isObject(data)) return null;
  if (data.kind === 'size') {
    return finite(data.height) && data.height >= 0 ? { kind: 'size', height: Math.min(data.height, MAX_HEIGHT) } : null;
  }
  if (data.kind === 'drawn') {
    return STATES.includes(data.state as BoxState) ? { kind: 'drawn', state: data.state as BoxState } : null;
  }
  if (data.kind === 'player') {
    const { event, talkId } = data;
    if ((event !== 'closed' && event !== 'played') || !isTalkId(talkId)) return null;
    return { kind: 'player', event, talkId };
  }
  if (data.kind !== 'action') return null;
  const { action, on, talkId, x, y, visible } = data;
  if (!ACTIONS.includes(action as BoxControl) || typeof on !== 'boolean') return null;
  if (talkId !== undefined && !isTalkId(talkId)) return null;
  if (!finite(x) || !finite(y) || (visible !== null && typeof visible !== 'boolean')) return null;
  return { kind: 'action', action: action as BoxControl, on, ...(talkId ? { talkId } : {}), x, y, visible };
}

/** A render request, or null. The frame trusts its port, but not blindly: a wrong shape draws nothing. */
export function parseRender(data: unknown): RenderBox | null {
  if (!isObject(data) || data.kind !== 'render') return null;
  const { state, session, result, actions, notice, player } = data;
  if (!STATES.includes(state as BoxState) || typeof actions !== 'boolean') return null;
  // No player said is no player open.
  if (player !== undefined && player !== null && !(isObject(player) && isTalkId(player.talkId))) return null;
  if (notice !== null && !BOX_NOTICES.includes(notice as BoxNotice)) return null;
  if (!isObject(session) || !Array.isArray(session.videoLinks) || typeof session.hasEmbeddedRecording !== 'boolean')
    return null;
  if (result !== null && !isScheduleLookupResult(result)) return null;
  return {
    ...(data as unknown as RenderBox),
    player: isObject(player) && isTalkId(player.talkId) ? { talkId: player.talkId } : null,
  };
}

/** The handshake's token, or null when the message is anything else. */
export function handshakeToken(data: unknown): string | null {
  return isObject(data) && typeof data.aftertalkBox === 'string' ? data.aftertalkBox : null;
}
