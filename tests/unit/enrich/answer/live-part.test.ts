import { describe, expect, it } from 'vitest';
import { withLivePart } from '@/lib/enrich/answer/live-part';
import { isScheduleLookupResult, NO_MARKS, type ScheduleLookupResult } from '@/lib/enrich/lookup-types';
import { emptyLiveState, type LiveState } from '@/lib/live/store';

const NOW = Date.UTC(2026, 11, 28, 12, 0, 0);
const MIN = 60_000;

const state: LiveState = {
  ...emptyLiveState(),
  conferences: [
    {
      slug: '40c3',
      acronym: '40c3',
      title: '40C3',
      startsAt: NOW - 60 * MIN,
      endsAt: NOW + 60 * MIN,
      streaming: true,
      seenAt: NOW,
      rooms: [
        {
          slug: 'saal-1',
          name: 'Saal 1',
          scheduleName: 'Saal 1',
          streamUrl: 'https://streaming.media.ccc.de/40c3/saal-1',
          current: {
            title: 'Mesh radios for everyone',
            speaker: '',
            guid: '',
            code: '',
            start: NOW - MIN,
            end: NOW + 30 * MIN,
            special: '',
          },
          next: null,
        },
      ],
    },
  ],
};

const empty: ScheduleLookupResult = {
  recording: null,
  related: [],
  exportMayHelp: false,
  mine: NO_MARKS,
  missing: 'not-yet',
};
const session = { title: 'Mesh radios for everyone', event: '40c3' };

describe('withLivePart', () => {
  it('adds the live line to the answer, which still passes the answer check', () => {
    const result = withLivePart(empty, session, state, NOW);
    expect(result?.live).toEqual({
      kind: 'live',
      room: 'Saal 1',
      url: 'https://streaming.media.ccc.de/40c3/saal-1',
      end: NOW + 30 * MIN,
    });
    expect(isScheduleLookupResult(result)).toBe(true);
  });
  it('leaves the answer as it is without one, and a null answer null', () => {
    expect(withLivePart(empty, session, emptyLiveState(), NOW)).toBe(empty);
    expect(withLivePart(null, session, state, NOW)).toBeNull();
  });
  it('makes the answer check refuse a live line of the wrong shape', () => {
    expect(
      isScheduleLookupResult({ ...empty, live: { kind: 'live', room: 'x', url: 'https://evil.example/', end: 1 } }),
    ).toBe(false);
    expect(isScheduleLookupResult({ ...empty, live: null })).toBe(true);
  });
});
