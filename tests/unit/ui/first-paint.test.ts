/**
 * The popup's remembered first paint (lib/ui/first-paint.ts): painted back as it was kept, into
 * an empty root only, cleaned of anything that could run or lead elsewhere, and marked as the
 * first list only when it has rows.
 */
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { paintRemembered, rememberFirstPaint } from '@/lib/ui/first-paint';
import { PERF_MARKS } from '@/lib/perf-marks';

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

function page(body = '<div id="app"></div>') {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`);
  return document as unknown as Document;
}

const SCREEN =
  '<header><h1>Aftertalk</h1></header><section data-testid="latest-talks"><ul class="talks">' +
  '<li class="talk"><a class="talk__title" href="https://media.ccc.de/v/x" target="_blank">Secure &amp; boot</a></li>' +
  '</ul></section>';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the remembered first paint', () => {
  it('paints what the last opening showed, and marks the first list', () => {
    const storage = memoryStorage();
    const before = page(`<div id="app">${SCREEN}</div>`);
    rememberFirstPaint(before.getElementById('app'), storage);
    const marks = vi.spyOn(performance, 'mark');
    const next = page();
    expect(paintRemembered(next.getElementById('app'), storage)).toBe(true);
    expect(next.getElementById('app')!.innerHTML).toBe(SCREEN);
    expect(next.querySelector('.talk__title')!.textContent).toBe('Secure & boot');
    expect(marks).toHaveBeenCalledWith(PERF_MARKS.popupFirstList, undefined);
  });

  it('paints nothing without a remembered screen, or into a root that already has content', () => {
    const storage = memoryStorage();
    expect(paintRemembered(page().getElementById('app'), storage)).toBe(false);
    rememberFirstPaint(page(`<div id="app">${SCREEN}</div>`).getElementById('app'), storage);
    const busy = page('<div id="app"><p>popup</p></div>');
    expect(paintRemembered(busy.getElementById('app'), storage)).toBe(false);
    expect(busy.getElementById('app')!.innerHTML).toBe('<p>popup</p>');
  });

  it('does not mark a first list when the screen has no rows', () => {
    const storage = memoryStorage();
    rememberFirstPaint(page('<div id="app"><p class="empty">No talks</p></div>').getElementById('app'), storage);
    const marks = vi.spyOn(performance, 'mark');
    expect(paintRemembered(page().getElementById('app'), storage)).toBe(true);
    expect(marks).not.toHaveBeenCalled();
  });

  it('drops scripts, frames, handlers and links that are not http(s) or the extension’s own pages', () => {
    const storage = memoryStorage();
    storage.setItem(
      'aftertalk:first-paint:v1',
      '<p onclick="steal()">a</p><script>steal()</script><iframe src="https://x.example"></iframe>' +
        '<a href="javascript:steal()">b</a><a href="/options.html">c</a><img src="data:image/png;base64,AA" alt="">',
    );
    const next = page();
    paintRemembered(next.getElementById('app'), storage);
    expect(next.getElementById('app')!.innerHTML).toBe('<p>a</p><a>b</a><a href="/options.html">c</a><img alt="">');
  });
});
