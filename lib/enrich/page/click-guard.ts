/**
 * The page must not click for the user. With CSS alone a page can turn the box into an invisible
 * layer over its own content (opacity .001, position fixed, a high z-index) or slide it under the
 * pointer just before a click: the user's next real click then lands on "Watch later". A trusted
 * event cannot tell, so a click counts only when, at that moment:
 * - the box has stood still in the page for STILL_MS (scrolling does not count as moving),
 * - nothing around it makes it see-through, filtered, clipped, masked or blended,
 * - the box is drawn at its real size (no scale transform), and
 * - the box itself is the topmost element at the clicked point.
 * The frame adds its own IntersectionObserver v2 verdict where the browser has one (Chromium),
 * which also sees overlays that let clicks through (`pointer-events: none`).
 */

/** How long the box must have stood still before a click on it counts. */
export const STILL_MS = 500;
/** How often the box's place is sampled while it is on screen. */
const SAMPLE_MS = 100;

export interface ClickGuard {
  /** Whether a click at (`x`, `y`) in the frame's own coordinates may act. */
  allows(x: number, y: number, frameSaysVisible: boolean | null): boolean;
  stop(): void;
}

/**
 * Where the box is in the document (not the viewport: scrolling is not moving) and how wide.
 * Its height is left out: it changes with what the box itself shows.
 */
function placeOf(element: Element): string {
  const rect = element.getBoundingClientRect();
  const view = element.ownerDocument.defaultView;
  const x = rect.left + (view?.scrollX ?? 0);
  const y = rect.top + (view?.scrollY ?? 0);
  return `${Math.round(x)},${Math.round(y)},${Math.round(rect.width)}`;
}

/** True when an element or one of its ancestors makes what it holds hard to see. */
export function seeThroughAncestor(element: Element): Element | null {
  const view = element.ownerDocument.defaultView;
  if (!view) return element;
  for (let node: Element | null = element; node; node = node.parentElement) {
    const style = view.getComputedStyle(node);
    if (
      Number.parseFloat(style.opacity) < 1 ||
      style.visibility !== 'visible' ||
      (style.filter && style.filter !== 'none') ||
      (style.clipPath && style.clipPath !== 'none') ||
      (style.maskImage && style.maskImage !== 'none') ||
      (style.mixBlendMode && style.mixBlendMode !== 'normal')
    )
      return node;
  }
  return null;
}

export function createClickGuard(
  host: HTMLElement,
  frame: HTMLIFrameElement,
  now = () => performance.now(),
): ClickGuard {
  const doc = host.ownerDocument;
  let place = placeOf(host);
  let stillSince = now();
  const sample = () => {
    const current = placeOf(host);
    if (current !== place) {
      place = current;
      stillSince = now();
    }
  };
  const timer = setInterval(sample, SAMPLE_MS);

  return {
    allows(x, y, frameSaysVisible) {
      sample();
      if (frameSaysVisible === false) return false;
      if (now() - stillSince < STILL_MS) return false;
      if (seeThroughAncestor(host)) return false;
      const rect = frame.getBoundingClientRect();
      // A scale transform makes the drawn size differ from the layout size.
      if (Math.abs(rect.width - frame.offsetWidth) > 1 || Math.abs(rect.height - frame.offsetHeight) > 1) return false;
      const top = doc.elementsFromPoint(rect.left + x, rect.top + y)[0];
      // Seen from the document, anything in the box's closed shadow root is the host.
      return top === host;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
