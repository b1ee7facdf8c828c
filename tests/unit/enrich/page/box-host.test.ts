import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountBoxHost, parkBoxEarly } from '@/lib/enrich/page/box-host';
import type { ScheduleSession } from '@/lib/enrich/page/sites/types';
import { useLinkedomDocument } from '../../../support/render-dom';

/** Messages cross a MessageChannel: generous on a busy machine, instant on a quiet one. */
const WAIT = { timeout: 5_000 };

const SESSION = {
  site: 'pretalx',
  title: 'A talk',
  videoLinks: [],
  hasEmbeddedRecording: false,
} as unknown as ScheduleSession;
const OPTIONS = {
  frameUrl: 'chrome-extension://dyn-id/box.html',
  frameOrigin: 'chrome-extension://ext-id',
  token: 'k1',
};

/** The page as the content script sees it, with the box's closed root caught on the way for the test. */
function pageWithBox() {
  const doc = useLinkedomDocument();
  doc.body.innerHTML = '<main><article><p class="first">Abstract</p></article></main>';
  const roots: ShadowRoot[] = [];
  let proto = Object.getPrototypeOf(doc.body) as { attachShadow?: unknown };
  while (!Object.hasOwn(proto, 'attachShadow')) proto = Object.getPrototypeOf(proto);
  const attach = proto.attachShadow as (init: ShadowRootInit) => ShadowRoot;
  vi.spyOn(proto as { attachShadow(init: ShadowRootInit): ShadowRoot }, 'attachShadow').mockImplementation(function (
    this: Element,
    init: ShadowRootInit,
  ) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
  const article = doc.querySelector('article')!;
  return { doc, article, roots };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the box on the page', () => {
  it('is an extension frame in a closed shadow root, where the adapter said, at the given address', () => {
    const { doc, article, roots } = pageWithBox();
    const view = mountBoxHost({ parent: article, before: article.firstChild }, SESSION, OPTIONS);
    const host = article.firstElementChild as HTMLElement;
    expect(host.localName).toBe('aftertalk-box');
    expect(host.shadowRoot).toBeNull(); // closed: a page script finds no way in
    const frame = roots[0]!.querySelector('iframe')!;
    expect(frame.getAttribute('src')).toBe('chrome-extension://dyn-id/box.html#k1');
    expect(frame.hasAttribute('name')).toBe(false);
    expect(doc.querySelectorAll('iframe')).toHaveLength(0); // nothing in the page's own tree
    view.remove();
    expect(article.querySelector('aftertalk-box')).toBeNull();
  });

  it('hands the frame its port with the token once it loaded, sends what it must draw, and sizes it', async () => {
    const { article, roots } = pageWithBox();
    const view = mountBoxHost({ parent: article, before: null }, SESSION, OPTIONS);
    view.render('loading', null);
    const frame = roots[0]!.querySelector('iframe')!;
    const postMessage = vi.fn();
    Object.defineProperty(frame, 'contentWindow', { value: { postMessage } });
    frame.dispatchEvent(new Event('load'));
    expect(postMessage).toHaveBeenCalledTimes(1);
    const [handshake, origin, [port]] = postMessage.mock.calls[0]! as [unknown, string, MessagePort[]];
    expect(handshake).toEqual({ aftertalkBox: 'k1' });
    expect(origin).toBe('chrome-extension://ext-id'); // never '*'

    const received: unknown[] = [];
    port!.onmessage = (event) => received.push(event.data);
    await vi.waitFor(() => expect(received).toHaveLength(1), WAIT);
    expect(received[0]).toMatchObject({ kind: 'render', state: 'loading', actions: false, notice: null });

    port!.postMessage({ kind: 'size', height: 321.4 });
    await vi.waitFor(() => expect(frame.style.height).toBe('322px'), WAIT);

    // A click right after the box appeared is refused, and the box says so; the action never runs.
    const onAction = vi.fn();
    view.render(
      'ready',
      {
        recording: null,
        related: [],
        exportMayHelp: false,
        mine: { watchLater: [], watched: [], waiting: false },
        missing: 'not-yet',
      },
      onAction,
    );
    port!.postMessage({ kind: 'action', action: 'notify-me', on: true, x: 5, y: 5, visible: null });
    await vi.waitFor(() => expect(received).toHaveLength(3), WAIT);
    expect(received[2]).toMatchObject({ kind: 'render', state: 'ready', notice: 'click-refused' });
    expect(onAction).not.toHaveBeenCalled();

    // Anything else from the frame is ignored.
    port!.postMessage({ kind: 'action', action: 'delete-everything', on: true, x: 5, y: 5, visible: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onAction).not.toHaveBeenCalled();
    view.remove();
    port!.close();
  });

  it('gives a frame that loads again (moved where the browser reloads it) a new port and the latest drawing', async () => {
    const { article, roots } = pageWithBox();
    const view = mountBoxHost({ parent: article, before: null }, SESSION, OPTIONS);
    const frame = roots[0]!.querySelector('iframe')!;
    const postMessage = vi.fn();
    Object.defineProperty(frame, 'contentWindow', { value: { postMessage } });
    frame.dispatchEvent(new Event('load'));
    view.render('loading', null);
    frame.dispatchEvent(new Event('load'));
    expect(postMessage).toHaveBeenCalledTimes(2);
    const first = (postMessage.mock.calls[0]! as [unknown, string, MessagePort[]])[2][0]!;
    const [handshake, origin, [second]] = postMessage.mock.calls[1]! as [unknown, string, MessagePort[]];
    expect(handshake).toEqual({ aftertalkBox: 'k1' });
    expect(origin).toBe('chrome-extension://ext-id');
    expect(second).not.toBe(first);

    const received: unknown[] = [];
    second!.onmessage = (event) => received.push(event.data);
    await vi.waitFor(() => expect(received).toHaveLength(1), WAIT);
    expect(received[0]).toMatchObject({ kind: 'render', state: 'loading' });
    // The old document's port is closed: nothing it says reaches the box any more.
    first.postMessage({ kind: 'size', height: 500 });
    second!.postMessage({ kind: 'size', height: 200 });
    await vi.waitFor(() => expect(frame.style.height).toBe('200px'), WAIT);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(frame.style.height).toBe('200px');
    view.remove();
    second!.close();
  });

  it('parks nothing where a frame cannot be moved without reloading', () => {
    const { doc } = pageWithBox();
    // linkedom, like Firefox today, has no Element.moveBefore.
    expect(parkBoxEarly(doc, OPTIONS)).toBeNull();
  });
});
