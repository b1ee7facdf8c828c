/**
 * Puts the box on the page inside an open shadow root, so page CSS and the box's CSS stay apart.
 * The host is never registered with customElements.define: content scripts see no custom element
 * registry in Chrome's isolated world, and attachShadow accepts any valid custom element name.
 */
import css from './box.css?inline';

export interface MountedScheduleBox {
  host: HTMLElement;
  root: ShadowRoot;
  remove(): void;
}

/**
 * Keys typed in the box (Tab, Enter on a link) must not reach the page's single-key shortcuts
 * listening on document or window in the bubble phase. Clicks bubble on: pages see them retargeted to the
 * host, so they cannot hijack the box's links, and "click outside" handlers keep working.
 */
const CONTAINED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;
const stop = (event: Event) => event.stopPropagation();

export function mountScheduleBox(
  parent: Element,
  before: Node | null,
  render: (root: ShadowRoot) => void,
): MountedScheduleBox {
  const doc = parent.ownerDocument;
  const host = doc.createElement('aftertalk-box');
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
  for (const type of CONTAINED_EVENTS) host.addEventListener(type, stop);
  parent.insertBefore(host, before && before.parentNode === parent ? before : null);
  render(root);
  return {
    host,
    root,
    remove() {
      for (const type of CONTAINED_EVENTS) host.removeEventListener(type, stop);
      host.remove();
    },
  };
}
