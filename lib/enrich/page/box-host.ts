/**
 * Puts the box on a schedule page as an extension frame (`box.html`) inside a closed shadow root:
 * - the page's scripts get no reference to the frame (closed root) and could not read its
 *   document if they had one (another origin): what the box shows stays between the user and us;
 * - the page's CSS reaches only the host element, and the click guard (click-guard.ts) refuses
 *   clicks when that CSS hides, fades or moves the box;
 * - the frame draws what this script sends over a private MessageChannel, and sends back its
 *   height and the user's clicks, which go to the background only when the guard allows them.
 */
import type { BoxActionHandler, BoxPlayer, BoxState, ScheduleLookupResult } from '../lookup-types';
import type { BoxView } from './enrich-page';
import type { MountPoint, ScheduleSession } from './sites/types';
import { parseFromFrame, type BoxNotice, type RenderBox } from './box-frame-protocol';
import { createClickGuard, type ClickGuard } from './click-guard';
import { mark, PERF_MARKS } from '../../perf-marks';

/** About the height of the "looking…" box, so the page moves as little as possible when it arrives. */
const FIRST_HEIGHT = 96;

const HOST_CSS = `
:host { all: initial !important; display: block !important; margin: 16px 0 !important; }
:host([data-parked]) { display: none !important; }
iframe { display: block; width: 100%; max-width: 768px; height: ${FIRST_HEIGHT}px; border: 0; margin: 0; padding: 0;
  background: transparent; color-scheme: normal; }
`;

export interface BoxHostOptions {
  /** The frame's address (`runtime.getURL('/box.html')`; in Chrome a per-session address). */
  frameUrl: string;
  /** The origin the frame's document ends up with (Chrome serves the per-session address from the extension's own origin). */
  frameOrigin: string;
  /** A fresh secret per box; the frame accepts only the port that comes with it. */
  token?: string;
}

/** A box whose frame may already be loading before the page says where the box goes. */
export interface PreparedBox {
  /** Puts the box where the page's content flows and returns its view. */
  place(mount: MountPoint, session: ScheduleSession): BoxView;
  /** The page is no talk page after all: the early frame goes away. */
  discard(): void;
}

type MovableParent = Element & { moveBefore?: (node: Node, child: Node | null) => void };

/**
 * Starts the box's frame at document_start, parked out of sight at the end of the document
 * element, so that its page has loaded when the background's answer arrives. Where the browser can
 * move a frame without reloading it (`moveBefore`, Chromium 133+) the parked frame is then moved
 * into place; elsewhere a frame would reload when moved, so nothing is parked (null) and the box
 * starts its frame where it goes.
 */
export function parkBoxEarly(doc: Document, options: BoxHostOptions): PreparedBox | null {
  const parking = doc.documentElement as MovableParent | null;
  if (!parking || typeof parking.moveBefore !== 'function') return null;
  return prepareBox(doc, options, (host) => {
    // Hidden by the host's own rule: inside the shadow root, `:host` rules marked important win
    // over any style given from outside, the element's own style attribute included.
    host.setAttribute('data-parked', '');
    parking.append(host);
  });
}

export function mountBoxHost(mount: MountPoint, session: ScheduleSession, options: BoxHostOptions): BoxView {
  return prepareBox(mount.parent.ownerDocument, options).place(mount, session);
}

function prepareBox(doc: Document, options: BoxHostOptions, park?: (host: HTMLElement) => void): PreparedBox {
  const host = doc.createElement('aftertalk-box');
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = HOST_CSS;
  const frame = doc.createElement('iframe');
  const token = options.token ?? crypto.randomUUID();
  // The player's fullscreen button (the frame is another origin: without this the browser disables
  // it). Set before the address: a frame's permissions are fixed when it navigates. `*`, not the
  // default "the src's origin": Chrome's per-session address is not the origin the document gets.
  frame.setAttribute('allow', 'fullscreen *');
  frame.src = `${options.frameUrl}#${token}`;
  frame.title = 'Aftertalk';
  // No name: a named frame could be navigated by the page through window.open(url, name).
  frame.setAttribute('referrerpolicy', 'no-referrer');
  root.append(style, frame);

  // The port to the frame's current document, or null while none has loaded yet.
  let port: MessagePort | null = null;
  let latest: RenderBox | null = null;
  let onAction: BoxActionHandler | undefined;
  let guard: ClickGuard | null = null;
  let shown = false;

  const post = (message: RenderBox) => {
    latest = message;
    port?.postMessage(message);
  };

  const onFrameMessage = (event: MessageEvent) => {
    const message = parseFromFrame(event.data);
    if (!message) return;
    if (message.kind === 'size') frame.style.height = `${Math.ceil(message.height)}px`;
    else if (message.kind === 'drawn') {
      // The first drawing is the box appearing, whether it says "looking" or already has the answer.
      if (!shown) mark(PERF_MARKS.boxShown);
      shown = true;
      if (message.state === 'ready') mark(PERF_MARKS.boxReady);
    } else if (message.kind === 'player') {
      // Closing the player, or its report that the talk was seen: not clicks made on the page's behalf.
      if (message.event === 'closed') onAction?.('play', false, message.talkId);
      else onAction?.('played', true, message.talkId);
    } else if (onAction && latest) {
      if (guard?.allows(message.x, message.y, message.visible)) onAction(message.action, message.on, message.talkId);
      else post({ ...latest, notice: 'click-refused' });
    }
  };

  // Every document the frame loads gets a port of its own, with the latest drawing: where the
  // browser reloads a frame that is moved (Firefox has no moveBefore) the box is drawn again
  // instead of staying empty, and a load event of anything else than box.html (an initial blank
  // document) costs nothing, since the handshake is addressed to the extension's origin only.
  const connect = () => {
    port?.close();
    const channel = new MessageChannel();
    channel.port1.onmessage = onFrameMessage;
    // A set origin, never '*': should the frame ever show something else, the port stays here.
    frame.contentWindow?.postMessage({ aftertalkBox: token }, options.frameOrigin, [channel.port2]);
    port = channel.port1;
    if (latest) port.postMessage(latest);
  };
  frame.addEventListener('load', connect);

  const remove = () => {
    guard?.stop();
    frame.removeEventListener('load', connect);
    port?.close();
    host.remove();
  };

  park?.(host);

  /** Moves the parked box, frame and all, without reloading it; false where the browser cannot. */
  const moveInto = (parent: MovableParent, before: Node | null): boolean => {
    try {
      parent.moveBefore!(host, before);
      return true;
    } catch {
      return false;
    }
  };

  return {
    place(mount, session) {
      const parent = mount.parent as MovableParent;
      const before = mount.before && mount.before.parentNode === parent ? mount.before : null;
      if (!host.isConnected || !moveInto(parent, before)) parent.insertBefore(host, before);
      host.removeAttribute('data-parked');
      guard = createClickGuard(host, frame);
      return {
        render(
          state: BoxState,
          result: ScheduleLookupResult | null,
          handler?: BoxActionHandler,
          notice?: BoxNotice,
          player?: BoxPlayer | null,
        ) {
          onAction = handler;
          post({
            kind: 'render',
            state,
            session,
            result,
            actions: !!handler,
            notice: notice ?? null,
            player: player ?? null,
          });
        },
        remove,
      };
    },
    discard: remove,
  };
}
