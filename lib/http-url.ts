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

/**
 * The host (with its port) of any URL that parses, '' otherwise: for messages ("media.ccc.de
 * answered 500") and for comparing two URLs' hosts, never for deciding what to trust.
 */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function isHttpUrl(s: string): boolean {
  return parseHttpUrl(s) !== null;
}

const MAX_URL_LENGTH = 2048;

/**
 * For feed values: the normalised href of an absolute http(s) URL of at most 2,048 characters
 * that is spelled with `//` (so `http:/x`, which URL would repair, is refused), else ''.
 * The limit holds for the href too: percent-encoding can make it up to 9 times longer than the
 * input, and a stored href that a later `safeHttpUrl` refuses would vanish when it is shown.
 */
export function safeHttpUrl(value: unknown): string {
  return safeUrl(value)?.href ?? '';
}

/**
 * A URL already in the form `URL` gives it (its href is itself): lower-case scheme and host name
 * whose last label is not a number (so not an IPv4 address to rewrite), no port, no user, a path of
 * characters `URL` keeps as they are, and (checked apart) without dot segments (`/.`, `%2e`) it would resolve, an
 * optional query without `'` (encoded in queries), no fragment. Most feed links are: parsing each
 * with `URL` was a tenth of turning a feed's items into talks.
 */
const CANONICAL_URL =
  /^https?:\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*)?$/;

/** Once, not a new RegExp object at every call: three or four URLs of every feed item pass here. */
const HTTP_SCHEME = /^https?:\/\//i;

/** `safeHttpUrl`'s href and host name, the URL parsed once (not at all when already canonical). */
function safeUrl(value: unknown): { href: string; hostname: string } | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!HTTP_SCHEME.test(trimmed) || trimmed.length > MAX_URL_LENGTH) return null;
  // Dot segments and encoded dots (`%2e`) are found by two searches, cheaper than the pattern's.
  const canonical = trimmed.indexOf('/.') === -1 && trimmed.indexOf('%2') === -1 && CANONICAL_URL.exec(trimmed);
  if (canonical) return { href: trimmed, hostname: canonical[1]! };
  const url = parseHttpUrl(trimmed);
  return url && url.href.length <= MAX_URL_LENGTH ? url : null;
}

/**
 * media.ccc.de's own hosts: its talk pages, its pictures (`static.`) and its files (`cdn.`).
 * Recording links, thumbnails and file links from the built-in feeds and the archive's API must
 * be on one of them, so a feed cannot send the user elsewhere or learn, by a picture's request,
 * which schedule pages they read.
 */
export const MEDIA_HOSTS: readonly string[] = ['media.ccc.de', 'static.media.ccc.de', 'cdn.media.ccc.de'];

/**
 * `safeHttpUrl`, and only on `MEDIA_HOSTS` or on `ownHost` (a custom feed's own host name, for
 * that feed's items; one or several); '' otherwise.
 */
export function mediaUrl(value: unknown, ownHost: string | readonly string[] = ''): string {
  const url = safeUrl(value);
  if (!url) return '';
  const host = url.hostname;
  if (MEDIA_HOSTS.includes(host)) return url.href;
  const own = typeof ownHost === 'string' ? [ownHost] : ownHost;
  return own.some((name) => name !== '' && host === name.toLowerCase()) ? url.href : '';
}

/** The host name a feed's own items may link to beside `MEDIA_HOSTS`: the feed URL's, '' when none. */
export function ownHostOf(feedUrl: string): string {
  return parseHttpUrl(feedUrl)?.hostname ?? '';
}
