/**
 * The one place that decides whether a string is a URL Aftertalk may follow, link or fetch:
 * absolute http(s) only. `javascript:`, `data:`, relative or broken input never pass.
 */

/** Parses http(s) URLs only; anything else gives null. */
export function parseHttpUrl(input: string | URL): URL | null {
  let url: URL;
  try {
    url = new URL(typeof input === 'string' ? input.trim() : input.href);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

export function isHttpUrl(s: string): boolean {
  return parseHttpUrl(s) !== null;
}

/**
 * For feed values: the normalised href of an absolute http(s) URL of at most 2,048 characters
 * that is spelled with `//` (so `http:/x`, which URL would repair, is refused), else ''.
 */
export function safeHttpUrl(value: unknown): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed) || trimmed.length > 2048) return '';
  return parseHttpUrl(trimmed)?.href ?? '';
}
