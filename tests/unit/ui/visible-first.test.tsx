import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstRowsOf, ROWS_IN_VIEW, rowsToRenderNow, usePaintedOnce, useVisibleFirst } from '@/lib/ui/visible-first';
import { useLinkedomDocument } from '../../support/render-dom';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
/** Effects run after the paint: in Node, Preact schedules them with a timer. */
const afterPaint = () => new Promise((resolve) => setTimeout(resolve, 60));

describe('rowsToRenderNow', () => {
  it('renders the rows in view, and beyond them only rows already on screen', () => {
    expect(rowsToRenderNow(ids('a', 25), new Set(), 10)).toBe(10);
    expect(rowsToRenderNow(ids('a', 6), new Set(), 10)).toBe(6);
    // Same talks as a moment ago (a keystroke within a word): all at once.
    expect(rowsToRenderNow(ids('a', 25), new Set(ids('a', 25)), 10)).toBe(25);
    // Up to the first row beyond the view that was not there.
    const next = [...ids('a', 14), 'new', ...ids('b', 5)];
    expect(rowsToRenderNow(next, new Set(ids('a', 25)), 10)).toBe(14);
    // New rows inside the view never wait.
    expect(rowsToRenderNow(['x', ...ids('a', 12)], new Set(ids('a', 12)), 10)).toBe(13);
  });
});

describe('firstRowsOf', () => {
  it('cuts groups in order to a budget in all, keeping one entry per group', () => {
    expect(
      firstRowsOf(
        [
          [1, 2, 3],
          [4, 5],
          [6, 7, 8, 9],
        ],
        4,
      ),
    ).toEqual([[1, 2, 3], [4], []]);
    expect(firstRowsOf([[1], [], [2, 3]], 10)).toEqual([[1], [], [2, 3]]);
    expect(firstRowsOf([[1, 2]], 0)).toEqual([[]]);
  });
});

describe('visible-first hooks in a rendered list', () => {
  let container: HTMLElement;
  const mount = () => {
    const doc = useLinkedomDocument();
    container = doc.createElement('div');
    doc.body.append(container);
  };
  const rows = () => container.querySelectorAll('li').length;
  afterEach(() => {
    render(null, container);
    vi.unstubAllGlobals();
  });

  function List({ items }: { items: string[] }) {
    const count = useVisibleFirst(items);
    return (
      <ul>
        {items.slice(0, count).map((id) => (
          <li key={id}>{id}</li>
        ))}
      </ul>
    );
  }

  it('renders the rows in view first and the rest after the paint; a list of other talks does it again', async () => {
    mount();
    render(<List items={ids('a', 25)} />, container);
    expect(rows()).toBe(ROWS_IN_VIEW);
    await afterPaint();
    expect(rows()).toBe(25);

    // A keystroke within a word: the same talks, all of them at once.
    render(<List items={ids('a', 25)} />, container);
    expect(rows()).toBe(25);
    render(<List items={ids('a', 20)} />, container);
    expect(rows()).toBe(20);

    // Other talks: the view first again.
    render(<List items={ids('b', 20)} />, container);
    expect(rows()).toBe(ROWS_IN_VIEW);
    await afterPaint();
    expect(rows()).toBe(20);
  });

  it('usePaintedOnce is false in the first render only', async () => {
    mount();
    const seen: boolean[] = [];
    function Probe() {
      seen.push(usePaintedOnce());
      return null;
    }
    render(<Probe />, container);
    expect(seen).toEqual([false]);
    await afterPaint();
    expect(seen).toEqual([false, true]);
  });
});
