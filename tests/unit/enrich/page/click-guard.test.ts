import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClickGuard, seeThroughAncestor, STILL_MS } from '@/lib/enrich/page/click-guard';

/** A page with the box at a place, with the styles and the topmost element a test chooses. */
function fakePage() {
  const styles = new Map<object, Partial<CSSStyleDeclaration>>();
  const state = { left: 10, top: 200, width: 600, scrollY: 0, drawnWidth: 600, top_: null as object | null };
  const view = {
    scrollX: 0,
    get scrollY() {
      return state.scrollY;
    },
    getComputedStyle: (element: object) =>
      ({
        opacity: '1',
        visibility: 'visible',
        filter: 'none',
        clipPath: 'none',
        maskImage: 'none',
        mixBlendMode: 'normal',
        ...styles.get(element),
      }) as CSSStyleDeclaration,
  };
  const doc = {
    defaultView: view,
    elementsFromPoint: () => [state.top_ ?? host],
  };
  const body = { ownerDocument: doc, parentElement: null };
  const host = {
    ownerDocument: doc,
    parentElement: body,
    getBoundingClientRect: () => ({
      left: state.left,
      top: state.top - state.scrollY,
      width: state.width,
      height: 300,
    }),
  };
  const frame = {
    offsetWidth: 600,
    offsetHeight: 300,
    getBoundingClientRect: () => ({
      left: state.left,
      top: state.top - state.scrollY,
      width: state.drawnWidth,
      height: 300,
    }),
  };
  return { state, styles, host, body, frame };
}

afterEach(() => vi.useRealTimers());

function guardOn(page: ReturnType<typeof fakePage>) {
  let now = 1_000;
  const guard = createClickGuard(
    page.host as unknown as HTMLElement,
    page.frame as unknown as HTMLIFrameElement,
    () => now,
  );
  return { guard, later: (ms: number) => (now += ms) };
}

describe('the click guard', () => {
  it('lets a click through on a box that has stood still, in plain sight, under the pointer', () => {
    vi.useFakeTimers();
    const page = fakePage();
    const { guard, later } = guardOn(page);
    expect(guard.allows(20, 20, null)).toBe(false); // just placed
    later(STILL_MS);
    expect(guard.allows(20, 20, null)).toBe(true);
    expect(guard.allows(20, 20, true)).toBe(true);
    guard.stop();
  });

  it('does not count scrolling as moving, but counts a move', () => {
    vi.useFakeTimers();
    const page = fakePage();
    const { guard, later } = guardOn(page);
    later(STILL_MS);
    page.state.scrollY = 150;
    expect(guard.allows(20, 20, null)).toBe(true);
    page.state.left = 300; // slid under the pointer
    expect(guard.allows(20, 20, null)).toBe(false);
    later(STILL_MS);
    expect(guard.allows(20, 20, null)).toBe(true);
  });

  it('refuses when the frame says it is not visible (IntersectionObserver v2)', () => {
    const page = fakePage();
    const { guard, later } = guardOn(page);
    later(STILL_MS);
    expect(guard.allows(20, 20, false)).toBe(false);
  });

  it.each([
    ['an almost transparent box', { opacity: '0.001' }],
    ['a hidden box', { visibility: 'hidden' }],
    ['a filter', { filter: 'opacity(0)' }],
    ['a clip path', { clipPath: 'inset(50%)' }],
    ['a mask', { maskImage: 'linear-gradient(transparent, transparent)' }],
    ['a blend mode', { mixBlendMode: 'multiply' }],
  ])('refuses %s, set on the box or around it', (_, style) => {
    for (const on of ['host', 'body'] as const) {
      const page = fakePage();
      page.styles.set(page[on], style);
      const { guard, later } = guardOn(page);
      later(STILL_MS);
      expect(guard.allows(20, 20, null)).toBe(false);
      expect(seeThroughAncestor(page.host as unknown as Element)).toBe(page[on]);
    }
  });

  it('refuses a scaled box and a box under something else', () => {
    const scaled = fakePage();
    scaled.state.drawnWidth = 60;
    const one = guardOn(scaled);
    one.later(STILL_MS);
    expect(one.guard.allows(20, 20, null)).toBe(false);

    const covered = fakePage();
    covered.state.top_ = { overlay: true };
    const two = guardOn(covered);
    two.later(STILL_MS);
    expect(two.guard.allows(20, 20, null)).toBe(false);
  });
});
