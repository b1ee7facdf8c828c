import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useLinkedomDocument } from '../../support/render-dom';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('useLiveQuery', () => {
  let container: HTMLElement;
  afterEach(() => {
    render(null, container);
    vi.unstubAllGlobals();
  });

  it('runs the first query after the first frame, and a query for new inputs without waiting for one', async () => {
    const doc = useLinkedomDocument();
    container = doc.createElement('div');
    doc.body.append(container);
    // Frames come when the test says so.
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const asked: string[] = [];
    function Results({ term }: { term: string }) {
      const value = useLiveQuery(async () => {
        asked.push(term);
        return `results for ${term}`;
      }, [term]);
      return <p>{value ?? 'painted from memory'}</p>;
    }

    render(<Results term="a" />, container);
    await tick();
    // No frame yet: the first frame does not wait for the database.
    expect(asked).toEqual([]);
    expect(container.textContent).toBe('painted from memory');
    frames.splice(0).forEach((frame) => frame(0));
    await tick();
    expect(asked).toEqual(['a']);
    expect(container.textContent).toBe('results for a');

    // A keystroke: its query runs without another frame, at once (not in Dexie's timer task), and
    // the live query reads it again to keep it current.
    render(<Results term="ab" />, container);
    expect(asked).toEqual(['a', 'ab']);
    await tick();
    expect(frames).toHaveLength(0);
    expect(asked).toEqual(['a', 'ab', 'ab']);
    expect(container.textContent).toBe('results for ab');
  });

  it('shows the answer read at once before the live query runs, and the live answer after it', async () => {
    const doc = useLinkedomDocument();
    container = doc.createElement('div');
    doc.body.append(container);
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => setTimeout(() => callback(0), 0));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    let reads = 0;
    function Results({ term }: { term: string }) {
      const value = useLiveQuery(async () => `${term} read ${++reads}`, [term]);
      return <p>{value ?? ''}</p>;
    }
    render(<Results term="a" />, container);
    await tick();
    expect(container.textContent).toBe('a read 1');
    // Timers held back: only what was read at once can be on screen.
    vi.useFakeTimers();
    try {
      render(<Results term="b" />, container);
      for (let i = 0; i < 5; i++) await Promise.resolve();
      expect(container.textContent).toBe('b read 2');
      await vi.runAllTimersAsync();
      expect(container.textContent).toBe('b read 3');
    } finally {
      vi.useRealTimers();
    }
  });
});
