/**
 * The popup's first screen as the browser painted it last time, shown again at the next opening
 * before any of the popup's modules ran. A small classic script (entrypoints/prepaint.ts) puts it
 * into the page while the HTML is still being parsed, so the list is in the first frame, as soon
 * as an empty extension page would paint; the popup's own render replaces it in the same task,
 * from the same remembered data (lib/ui/first-screen.ts), so nothing jumps. Until then (some
 * 50 ms on a slow machine) the rows are a picture: their buttons do nothing yet.
 *
 * What is kept is the popup's own markup, which Preact built with every feed text as text. It is
 * cleaned again when read (no scripts, frames, handlers or non-http links), and the extension's
 * content security policy runs no inline script either, so a tampered entry can show wrong text
 * at worst.
 */
import { mark, PERF_MARKS } from '../perf-marks';

const KEY = 'aftertalk:first-paint:v1';
/** The element the popup renders into (entrypoints/popup/index.html). */
export const POPUP_ROOT_ID = 'app';
/** A first screen is a few tens of KB; anything much larger is not worth a synchronous read. */
const MAX_CHARS = 200_000;

const DROPPED = 'script, iframe, frame, object, embed, link, meta, style, base, form, template';

/** Keeps the markup of `root` for the next opening. */
export function rememberFirstPaint(
  root: Element | null,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  const html = root?.innerHTML ?? '';
  if (!html || html.length > MAX_CHARS) return;
  try {
    storage?.setItem(KEY, html);
  } catch {
    // Quota or disabled storage: the next opening paints when the popup's scripts ran.
  }
}

const safeUrl = (value: string) => /^(https?:|\/[^/]|#|[a-z0-9._-]+\.html)/i.test(value.trim());

/** The remembered markup as nodes, cleaned; undefined when there is none. */
function rememberedNodes(doc: Document, storage: Pick<Storage, 'getItem'> | undefined): Node[] | undefined {
  let html: string | null | undefined;
  try {
    html = storage?.getItem(KEY);
  } catch {
    return undefined;
  }
  if (!html || html.length > MAX_CHARS) return undefined;
  // Parsed as a document of its own (inert: nothing in it loads or runs), then cleaned and adopted.
  const parsed = new (doc.defaultView?.DOMParser ?? DOMParser)().parseFromString(
    `<!doctype html><html><head></head><body>${html}</body></html>`,
    'text/html',
  );
  for (const element of [...parsed.body.querySelectorAll(DROPPED)]) element.remove();
  for (const element of [...parsed.body.querySelectorAll('*')]) {
    for (const { name, value } of [...element.attributes]) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on') || ((lower === 'href' || lower === 'src') && !safeUrl(value)))
        element.removeAttribute(name);
    }
  }
  return [...parsed.body.childNodes].map((node) => doc.importNode(node, true));
}

/**
 * Puts the remembered first screen into `root` (empty, as the page's HTML leaves it); marks the
 * popup's first list when the screen has one. Answers whether it painted anything.
 */
export function paintRemembered(
  root: Element | null,
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): boolean {
  if (!root || root.childNodes.length) return false;
  const nodes = rememberedNodes(root.ownerDocument, storage);
  if (!nodes?.length) return false;
  root.replaceChildren(...nodes);
  if (root.querySelector('[data-testid="latest-talks"] li, [data-testid="new-talks"] li'))
    mark(PERF_MARKS.popupFirstList);
  return true;
}
