/**
 * The schedule box's own document (`box.html`, framed into schedule pages by
 * lib/enrich/page/box-host.ts). It draws what the content script sends over the port it was
 * handed with its token, tells the content script its height, and passes the user's clicks on,
 * each with this frame's IntersectionObserver v2 verdict on the clicked control where the browser
 * has one. It asks the background one thing only: the files of the talk the user pressed Play on
 * (`player-sources`); everything else it only knows because it is shown it.
 */
import { render } from 'preact';
import { handshakeToken, parseRender, type RenderBox } from '@/lib/enrich/page/box-frame-protocol';
import { STILL_MS } from '@/lib/enrich/page/click-guard';
import type { BoxControl } from '@/lib/enrich/lookup-types';
import { ScheduleBox } from './ScheduleBox';

interface LastClick {
  x: number;
  y: number;
  visible: boolean | null;
}

type BoxWindow = Window & typeof globalThis;

/** Per control: visible (by IntersectionObserver v2) since when, or null while not visible. */
type VisibleSince = WeakMap<Element, number | null>;

/**
 * IntersectionObserver v2 (Chromium): `isVisible` is false when anything in the page covers,
 * fades, filters or transforms the frame, including overlays that let clicks through.
 */
function watchVisibility(win: BoxWindow, since: VisibleSince): IntersectionObserver | null {
  try {
    const observer = new win.IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const visible = (entry as IntersectionObserverEntry & { isVisible?: boolean }).isVisible;
          if (visible === undefined) continue;
          const was = since.get(entry.target);
          since.set(entry.target, visible ? (typeof was === 'number' ? was : entry.time) : null);
        }
      },
      { trackVisibility: true, delay: 100, threshold: [0, 1] } as IntersectionObserverInit,
    );
    return 'trackVisibility' in observer ? observer : (observer.disconnect(), null);
  } catch {
    return null;
  }
}

export function startBoxFrame(win: BoxWindow, mountNode: HTMLElement): void {
  const doc = win.document;
  let token = win.location.hash.slice(1);
  // The token is spent once read: nothing in this document's URL says it any more.
  win.history.replaceState(null, '', win.location.pathname);
  let port: MessagePort | null = null;
  let lastClick: LastClick | null = null;
  const since: VisibleSince = new WeakMap();
  const visibility = watchVisibility(win, since);

  // A control that is focused when the frame loses focus is unfocused: should the frame get focus
  // back without the user's own Tab or click, the next Space or Enter lands on nothing.
  win.addEventListener('blur', () => (doc.activeElement as HTMLElement | null)?.blur?.());

  // Capture: runs before the control's own handler, so the action goes out with its position.
  doc.addEventListener(
    'click',
    (event) => {
      const control = (event.target as Element | null)?.closest?.('a, button');
      if (!control) return;
      const rect = control.getBoundingClientRect();
      let visible: boolean | null = null;
      if (visibility) {
        const from = since.get(control);
        visible = typeof from === 'number' && event.timeStamp - from >= STILL_MS;
        // A link would open before the content script could say no: where this frame can tell, it stops it here.
        if (!visible) event.preventDefault();
      }
      lastClick = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, visible };
    },
    true,
  );

  const send = (message: object) => port?.postMessage(message);
  // Sent a moment later, once the click's listener above has certainly seen the click.
  const onAction = (action: BoxControl, on: boolean, talkId?: string) => {
    queueMicrotask(() => {
      const click = lastClick ?? { x: 0, y: 0, visible: false };
      lastClick = null;
      send({ kind: 'action', action, on, ...(talkId ? { talkId } : {}), ...click });
    });
  };

  const draw = (message: RenderBox) => {
    render(
      <ScheduleBox
        session={message.session}
        result={message.result}
        state={message.state}
        onAction={message.actions ? onAction : undefined}
        notice={message.notice}
        player={message.player}
        onPlayer={(event, talkId) => send({ kind: 'player', event, talkId })}
        // The player's files come from the worker, asked by this frame (an extension page) only
        // after the user's Play: the content script never carries them.
        loadSources={(talkId) => import('@/lib/messages').then(({ send }) => send({ type: 'player-sources', talkId }))}
      />,
      mountNode,
    );
    if (visibility) {
      visibility.disconnect();
      for (const control of mountNode.querySelectorAll('a, button')) visibility.observe(control);
    }
    send({ kind: 'drawn', state: message.state });
  };

  const sendSize = () => send({ kind: 'size', height: Math.ceil(doc.documentElement.getBoundingClientRect().height) });
  new win.ResizeObserver(sendSize).observe(doc.documentElement);

  win.addEventListener('message', (event) => {
    if (port || !token || handshakeToken(event.data) !== token || !event.ports[0]) return;
    token = '';
    port = event.ports[0];
    port.onmessage = (incoming) => {
      const message = parseRender(incoming.data);
      if (message) draw(message);
    };
    sendSize();
  });
}
