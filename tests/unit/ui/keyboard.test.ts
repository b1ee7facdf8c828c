import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { handlePopupKey, moveFocus } from '@/lib/ui/keyboard';

function list() {
  const { document } = parseHTML(
    '<main><input type="search"><ul>' +
      [0, 1, 2].map((i) => `<li><a class="talk__title" href="#${i}">Talk ${i}</a><button>✓</button></li>`).join('') +
      '</ul></main>',
  );
  const links = [...document.querySelectorAll('a')];
  const focused: number[] = [];
  links.forEach((link, i) => (link.focus = () => void focused.push(i)));
  return {
    document,
    links,
    buttons: [...document.querySelectorAll('button')],
    focused,
    root: document.querySelector('main')!,
    search: document.querySelector('input') as unknown as HTMLInputElement,
  };
}

describe('popup keyboard', () => {
  it('moves from nowhere to the first talk, then down and up, clamped at both ends', () => {
    const { root, links, focused, document } = list();
    expect(moveFocus(root, document.body, 'ArrowDown')).toBe(true);
    expect(moveFocus(root, links[0]!, 'ArrowDown')).toBe(true);
    expect(moveFocus(root, links[2]!, 'ArrowDown')).toBe(true);
    expect(moveFocus(root, links[1]!, 'ArrowUp')).toBe(true);
    expect(moveFocus(root, links[0]!, 'ArrowUp')).toBe(true);
    expect(moveFocus(root, links[1]!, 'End')).toBe(true);
    expect(moveFocus(root, links[2]!, 'Home')).toBe(true);
    expect(focused).toEqual([0, 1, 2, 0, 0, 2, 0]);
    expect(moveFocus(root, links[0]!, 'x')).toBe(false);
  });
  it('counts a focused button as its row', () => {
    const { root, buttons, focused } = list();
    moveFocus(root, buttons[1]!, 'ArrowDown');
    expect(focused).toEqual([2]);
  });
  it('leaves typing alone, but ↓ in the search box enters the list; shortcuts outside it', () => {
    const { root, search, focused } = list();
    const shortcuts = { refresh: vi.fn(), markAllSeen: vi.fn() };
    const key = (k: string, target: unknown) =>
      ({
        key: k,
        target,
        preventDefault: vi.fn(),
        altKey: false,
        ctrlKey: false,
        metaKey: false,
      }) as unknown as KeyboardEvent;
    handlePopupKey(key('r', search), root, search, shortcuts);
    expect(shortcuts.refresh).not.toHaveBeenCalled();
    handlePopupKey(key('ArrowDown', search), root, search, shortcuts);
    expect(focused).toEqual([0]);
    handlePopupKey(key('r', root), root, search, shortcuts);
    handlePopupKey(key('m', root), root, search, shortcuts);
    expect(shortcuts.refresh).toHaveBeenCalledTimes(1);
    expect(shortcuts.markAllSeen).toHaveBeenCalledTimes(1);
  });
});
