import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBoxFrame } from '@/components/schedule-box/BoxFrame';
import type { ScheduleLookupResult } from '@/lib/enrich/lookup-types';
import { useLinkedomDocument } from '../../../support/render-dom';

const SESSION = { site: 'pretalx', title: 'A talk', speakers: [], videoLinks: [], hasEmbeddedRecording: false };
const RESULT: ScheduleLookupResult = {
  recording: null,
  related: [],
  exportMayHelp: false,
  mine: { watchLater: [], watched: [], waiting: false },
  missing: 'not-yet',
};

/** The frame's window, as much of it as the box uses. */
function fakeFrameWindow(hash: string) {
  const doc = useLinkedomDocument();
  const listeners = new Map<string, (event: unknown) => void>();
  const replaceState = vi.fn();
  const win = {
    document: doc,
    location: { hash, pathname: '/box.html' },
    history: { replaceState },
    ResizeObserver: class {
      observe() {}
    },
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
  };
  const mountNode = doc.createElement('div');
  doc.body.append(mountNode);
  startBoxFrame(win as unknown as Window & typeof globalThis, mountNode);
  return { win, doc, mountNode, listeners, replaceState };
}

afterEach(() => vi.unstubAllGlobals());

describe('the box’s frame', () => {
  it('forgets its token at once, and takes only the port that comes with it, once', async () => {
    const frame = fakeFrameWindow('#k1');
    expect(frame.replaceState).toHaveBeenCalledWith(null, '', '/box.html');
    const handshake = frame.listeners.get('message')!;

    const intruder = new MessageChannel();
    handshake({ data: { aftertalkBox: 'guess' }, ports: [intruder.port2] });
    intruder.port1.postMessage({
      kind: 'render',
      state: 'loading',
      session: SESSION,
      result: null,
      actions: false,
      notice: null,
    });

    const ours = new MessageChannel();
    const fromFrame: unknown[] = [];
    ours.port1.onmessage = (event) => fromFrame.push(event.data);
    handshake({ data: { aftertalkBox: 'k1' }, ports: [ours.port2] });
    // A second port with the right token (a replay) is not taken either.
    const replay = new MessageChannel();
    handshake({ data: { aftertalkBox: 'k1' }, ports: [replay.port2] });
    replay.port1.postMessage({
      kind: 'render',
      state: 'error',
      session: SESSION,
      result: null,
      actions: false,
      notice: null,
    });

    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(frame.mountNode.textContent).toBe('');

    ours.port1.postMessage({
      kind: 'render',
      state: 'ready',
      session: SESSION,
      result: RESULT,
      actions: true,
      notice: null,
    });
    await vi.waitFor(() => expect(frame.mountNode.textContent).toContain('No recording published yet'));
    expect(fromFrame).toContainEqual({ kind: 'drawn', state: 'ready' });

    // The user's click goes back to the content script with where it was; no IntersectionObserver v2 here.
    const button = [...frame.mountNode.querySelectorAll('button')].find((b) => /Notify me/.test(b.textContent ?? ''))!;
    button.getBoundingClientRect = () => ({ left: 10, top: 20, width: 100, height: 30 }) as DOMRect;
    button.dispatchEvent(new Event('click', { bubbles: true }));
    await vi.waitFor(() =>
      expect(fromFrame).toContainEqual({ kind: 'action', action: 'notify-me', on: true, x: 60, y: 35, visible: null }),
    );

    // A render request of the wrong shape draws nothing new.
    ours.port1.postMessage({ kind: 'render', state: 'ready', session: null });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(frame.mountNode.textContent).toContain('No recording published yet');
    for (const channel of [intruder, ours, replay]) channel.port1.close();
  });

  it('takes no port at all when it was opened without a token', async () => {
    const frame = fakeFrameWindow('');
    const channel = new MessageChannel();
    frame.listeners.get('message')!({ data: { aftertalkBox: '' }, ports: [channel.port2] });
    channel.port1.postMessage({
      kind: 'render',
      state: 'error',
      session: SESSION,
      result: null,
      actions: false,
      notice: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(frame.mountNode.textContent).toBe('');
    channel.port1.close();
  });

  it('unfocuses its control when the frame loses focus', () => {
    const frame = fakeFrameWindow('#k1');
    const blur = vi.fn();
    Object.defineProperty(frame.doc, 'activeElement', { value: { blur }, configurable: true });
    frame.listeners.get('blur')!({});
    expect(blur).toHaveBeenCalled();
  });
});
