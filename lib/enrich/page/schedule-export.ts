/**
 * pretalx publishes each talk's GUID (the media.ccc.de `dc:identifier`) only in its schedule
 * export, `<base>/<event>/schedule/export/schedule.json` (frab JSON), and a GUID cannot be
 * computed in the browser. The content script reads that same-origin file only when the
 * background says it could help (see `exportMayHelp` in lookup.ts), because it can be megabytes.
 */

/** Bigger than any congress export seen (39C3: a few MB); a hostile page gets no further. */
export const MAX_EXPORT_BYTES = 20 * 1024 * 1024;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The export next to a talk page: `[/<prefix>]/<event>/talk/<CODE>/` → `[/<prefix>]/<event>/schedule/export/schedule.json`. */
export function scheduleExportUrl(pageUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  const m = /^(.*\/)talk\/[^/]+\/?(?:index\.html)?$/i.exec(url.pathname);
  if (!m?.[1]) return null;
  return new URL(`${m[1]}schedule/export/schedule.json`, url.origin).href;
}

interface FrabEvent {
  guid?: unknown;
  code?: unknown;
  url?: unknown;
}

/** Walks schedule.conference.days[].rooms{room: events[]} for the event with this code (or URL ending in it). */
export function guidForCode(exported: unknown, code: string): string | null {
  const days = (exported as { schedule?: { conference?: { days?: unknown } } })?.schedule?.conference?.days;
  if (!Array.isArray(days)) return null;
  const wanted = code.toUpperCase();
  // One RegExp for the whole walk (a big export has thousands of events). `code` is the page's
  // `[A-Za-z0-9]{4,16}` (lib/messages.ts), so it carries no pattern syntax; escaped anyway.
  const urlEndsInCode = new RegExp(`/talk/${wanted.replace(/[^A-Z0-9]/g, '\\$&')}/?$`, 'i');
  for (const day of days) {
    const rooms = (day as { rooms?: unknown })?.rooms;
    if (!rooms || typeof rooms !== 'object') continue;
    for (const events of Object.values(rooms as Record<string, unknown>)) {
      if (!Array.isArray(events)) continue;
      for (const event of events as FrabEvent[]) {
        const byCode = typeof event?.code === 'string' && event.code.toUpperCase() === wanted;
        const byUrl = typeof event?.url === 'string' && urlEndsInCode.test(event.url);
        if ((byCode || byUrl) && typeof event.guid === 'string' && GUID.test(event.guid))
          return event.guid.toLowerCase();
      }
    }
  }
  return null;
}

/**
 * Fetches the page's own schedule export and reads the talk's GUID; null on any failure (no
 * export, too big, not JSON, no such code). Same-origin, so no permission and no CORS involved.
 */
export async function fetchGuidFromExport(
  pageUrl: string,
  code: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  const url = scheduleExportUrl(pageUrl);
  if (!url || new URL(url).origin !== new URL(pageUrl).origin) return null;
  try {
    const response = await fetchImpl(url, { credentials: 'omit', signal: AbortSignal.timeout(15_000) });
    if (!response.ok) return null;
    if (Number(response.headers.get('content-length') ?? 0) > MAX_EXPORT_BYTES) return null;
    const text = await readTextCapped(response, MAX_EXPORT_BYTES);
    return text === null ? null : guidForCode(JSON.parse(text), code);
  } catch {
    return null;
  }
}

/**
 * The body as text, read chunk by chunk and abandoned (the request cancelled) once it passes
 * `maxBytes`: a missing or false Content-Length cannot make the page's renderer hold more.
 * Null when too big.
 */
export async function readTextCapped(response: Response, maxBytes: number): Promise<string | null> {
  if (!response.body) {
    const text = await response.text();
    return text.length > maxBytes ? null : text;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}
