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

    // A keystroke: its query runs without another frame.
    render(<Results term="ab" />, container);
    await tick();
    expect(frames).toHaveLength(0);
    expect(asked).toEqual(['a', 'ab']);
    expect(container.textContent).toBe('results for ab');
  });
});
