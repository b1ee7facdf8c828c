/**
 * The box's live line: the page's talk live in a room now, or its ReLive until the recording is
 * in the archive. Read from the live state the worker keeps (lib/live/); never a request.
 */
import { livePartFor } from '../../live/join';
import type { LiveState } from '../../live/store';
import type { ScheduleLookupResult, SessionQuery } from '../lookup-types';

export function withLivePart(
  result: ScheduleLookupResult | null,
  session: Pick<SessionQuery, 'title' | 'guid' | 'code' | 'event'>,
  state: LiveState,
  now: number,
): ScheduleLookupResult | null {
  if (!result) return result;
  const hasRecording = result.recording?.confidence === 'sure';
  const live = livePartFor(state, session, now, hasRecording);
  return live ? { ...result, live } : result;
}
