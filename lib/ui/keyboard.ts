/**
 * The popup's keyboard: ↓/↑ move through the talks (Home/End to the ends), Enter opens the
 * focused talk (a real link), "/" goes to the search box, and outside the search box
 * "r" checks the feed now and "m" marks all new talks seen. Keys inside the player are the player's.
 */
export interface PopupShortcuts {
  refresh(): void;
  markAllSeen(): void;
}

const TALK_LINK = '.talk__title';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

/** Moves focus among the talk links of `root`; returns whether the key was handled. */
export function moveFocus(root: ParentNode, active: Element | null, key: string): boolean {
  const links = [...root.querySelectorAll<HTMLElement>(TALK_LINK)];
  if (links.length === 0) return false;
  // The row holding focus (its link or one of its buttons); none when focus is elsewhere.
  const row = active ? links.findIndex((link) => (link.closest('li') ?? link).contains(active)) : -1;
  let next: number;
  if (key === 'ArrowDown') next = row === -1 ? 0 : Math.min(links.length - 1, row + 1);
  else if (key === 'ArrowUp') next = row <= 0 ? 0 : row - 1;
  else if (key === 'Home') next = 0;
  else if (key === 'End') next = links.length - 1;
  else return false;
  links[next]!.focus();
  links[next]!.scrollIntoView?.({ block: 'nearest' });
  return true;
}

export function handlePopupKey(
  event: KeyboardEvent,
  root: ParentNode,
  search: HTMLInputElement | null,
  shortcuts: PopupShortcuts,
): void {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  // The player's keys are its own (arrows seek, Space plays, Esc closes it).
  if ((event.target as Element | null)?.closest?.('.player')) return;
  const typing = isTyping(event.target);
  // From the search box, ↓ goes into the results; other keys are typing.
  if (typing) {
    if (event.key === 'ArrowDown' && event.target === search && moveFocus(root, null, 'ArrowDown'))
      event.preventDefault();
    return;
  }
  if (event.key === '/') {
    search?.focus();
    event.preventDefault();
  } else if (event.key === 'r') {
    shortcuts.refresh();
  } else if (event.key === 'm') {
    shortcuts.markAllSeen();
  } else if (moveFocus(root, document.activeElement, event.key)) {
    event.preventDefault();
  }
}
