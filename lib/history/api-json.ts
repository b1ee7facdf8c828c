/**
 * The first step of reading an answer of media.ccc.de's JSON API (docs/media-ccc-api.md): bytes to
 * a JSON value, or a `HistoryError` that says in words why not. What the value must look like is
 * the business of lib/history/api-shapes.ts.
 *
 * An API answer is refused as a whole when it is no JSON at all: an HTML error or sign-in page
 * (also when it claims to be JSON or came with status 200), an empty body, or JSON cut off.
 */
import { DEFAULT_MAX_BYTES } from '../poll/feed/fetch';

export type HistoryErrorKind =
  | 'not-json' // a web page, plain text or nothing where JSON should be
  | 'malformed' // JSON that does not parse: cut off, broken
  | 'wrong-shape' // JSON, but not the answer asked for
  | 'not-found' // voctoweb's `{ message: 'not found' }`, or a 404
  | 'http' // any other status that is not 2xx or 304
  | 'network'
  | 'timeout'
  | 'too-large';

/**
 * Every message of a `HistoryError`, in one place, so that moving them into the i18n catalogues
 * later is one edit. `host` is who answered; '' when the reader was not told.
 */
export function historyErrorMessage(kind: HistoryErrorKind, host: string): string {
  const who = host || 'the server';
  switch (kind) {
    case 'not-json':
      return `Instead of data, ${who} sent a web page or other text (an error or sign-in page).`;
    case 'malformed':
      return `The data from ${who} was cut off or is not valid JSON.`;
    case 'wrong-shape':
      return `The data from ${who} is not in the expected form.`;
    case 'not-found':
      return `There is no such conference or talk at ${who} (or it is not released yet).`;
    case 'http':
      return `The request to ${who} failed with an error status.`;
    case 'network':
      return `Could not connect to ${who}. Check the internet connection.`;
    case 'timeout':
      return `There was no complete answer from ${who} in time.`;
    case 'too-large':
      return `The answer from ${who} was too large to read.`;
  }
}

export class HistoryError extends Error {
  constructor(
    readonly kind: HistoryErrorKind,
    /** Who answered, for the message; '' when unknown. */
    readonly host = '',
  ) {
    super(historyErrorMessage(kind, host));
    this.name = 'HistoryError';
  }
}

/** The same cap as the feed's: the fetch enforces it while streaming, this guards other callers. */
const MAX_BYTES = DEFAULT_MAX_BYTES;

/** `application/json`, `application/problem+json` and the like; no type at all counts as JSON too. */
function declaresJson(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === '' || type === 'application/json' || type.endsWith('+json') || type === 'text/json';
}

/**
 * The JSON value of an answer body. The body decides, not the declared type: voctoweb always
 * says `application/json`, and a proxy's error page often says so too. The declared type only
 * chooses between two refusals: text that claimed to be JSON and does not parse is `malformed`
 * (cut off, most likely), text that never claimed it is `not-json`.
 *
 * Invalid UTF-8 bytes become U+FFFD, as in the feed (lib/poll/feed/decode.ts): one broken byte in
 * a description must not cost the other talks of the answer, and a mangled byte can never turn
 * into a quote or a `<`.
 */
export function readJsonBody(bytes: Uint8Array, contentType: string, host = ''): unknown {
  if (bytes.byteLength > MAX_BYTES) throw new HistoryError('too-large', host);
  // TextDecoder drops one leading BOM itself; a second one, or one after whitespace, would still
  // stop JSON.parse, so those go with the whitespace.
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^[\s\ufeff]+/, '');
  if (text === '' || text.startsWith('<')) throw new HistoryError('not-json', host);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HistoryError(declaresJson(contentType) ? 'malformed' : 'not-json', host);
  }
}
