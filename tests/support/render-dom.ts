/** A linkedom document as the global `document` Preact renders into (the unit tests run in Node). */
import { parseHTML } from 'linkedom';
import type { ComponentChild } from 'preact';
import { render } from 'preact';
import { vi } from 'vitest';

export function useLinkedomDocument(): Document {
  const { document, window } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  vi.stubGlobal('document', document);
  vi.stubGlobal('Event', (window as unknown as { Event: typeof Event }).Event);
  return document as unknown as Document;
}

export function renderInto(vnode: ComponentChild): HTMLElement {
  const doc = useLinkedomDocument();
  const container = doc.createElement('div');
  doc.body.append(container);
  render(vnode, container);
  return container;
}
