import { t } from '../../i18n';

/** Why a poll failed, in words a user can act on. Shown as-is in the popup. */
export type FeedErrorKind =
  | 'network' // offline, DNS, connection refused
  | 'timeout'
  | 'http' // non-2xx other than 304
  | 'too-large'
  | 'not-a-feed' // HTML error page, Atom, RSS 1.0, empty body
  | 'malformed' // XML that does not parse
  | 'permission'; // custom feed host not granted

export class FeedError extends Error {
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    /** Seconds the server asked us to wait (Retry-After), when it did. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

export function describeError(error: unknown): { kind: FeedErrorKind | 'internal'; message: string } {
  if (error instanceof FeedError) return { kind: error.kind, message: error.message };
  const text = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: t('error_internal', text.slice(0, 200)) };
}
