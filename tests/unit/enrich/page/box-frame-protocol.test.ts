import { describe, expect, it } from 'vitest';
import { handshakeToken, parseFromFrame, parseRender } from '@/lib/enrich/page/box-frame-protocol';

const SESSION = { videoLinks: [], hasEmbeddedRecording: false, title: 'A talk' };
const RESULT = {
  recording: null,
  related: [],
  exportMayHelp: false,
  mine: { watchLater: [], watched: [] },
  missing: null,
};

describe('messages from the box’s frame', () => {
  it('reads a size, capped, a drawn state and a click with its place', () => {
    expect(parseFromFrame({ kind: 'size', height: 240 })).toEqual({ kind: 'size', height: 240 });
    expect(parseFromFrame({ kind: 'size', height: 1e9 })).toEqual({ kind: 'size', height: 4000 });
    expect(parseFromFrame({ kind: 'drawn', state: 'ready' })).toEqual({ kind: 'drawn', state: 'ready' });
    expect(
      parseFromFrame({ kind: 'action', action: 'watched', on: true, talkId: 'abc', x: 10, y: 20, visible: null }),
    ).toEqual({ kind: 'action', action: 'watched', on: true, talkId: 'abc', x: 10, y: 20, visible: null });
  });

  it('reads Play as a click, and the player’s close and "seen" reports as no clicks', () => {
    expect(
      parseFromFrame({ kind: 'action', action: 'play', on: true, talkId: 'abc', x: 1, y: 2, visible: true }),
    ).toEqual({ kind: 'action', action: 'play', on: true, talkId: 'abc', x: 1, y: 2, visible: true });
    expect(parseFromFrame({ kind: 'player', event: 'closed', talkId: 'abc' })).toEqual({
      kind: 'player',
      event: 'closed',
      talkId: 'abc',
    });
    expect(parseFromFrame({ kind: 'player', event: 'played', talkId: 'abc', extra: 1 })).toEqual({
      kind: 'player',
      event: 'played',
      talkId: 'abc',
    });
  });

  it.each([
    ['no object', 'size'],
    ['a negative height', { kind: 'size', height: -1 }],
    ['NaN', { kind: 'size', height: Number.NaN }],
    ['an unknown state', { kind: 'drawn', state: 'pwned' }],
    ['an unknown action', { kind: 'action', action: 'delete-all', on: true, x: 0, y: 0, visible: null }],
    ['a click without its place', { kind: 'action', action: 'watched', on: true, visible: null }],
    [
      'a huge talk id',
      { kind: 'action', action: 'watched', on: true, talkId: 'x'.repeat(301), x: 0, y: 0, visible: true },
    ],
    ['a visibility that is no boolean', { kind: 'action', action: 'watched', on: true, x: 0, y: 0, visible: 'yes' }],
    ['an unknown kind', { kind: 'eval', code: '1' }],
    // `played` comes from the player's own report only, never as a click.
    ['"played" as a click', { kind: 'action', action: 'played', on: true, talkId: 'a', x: 0, y: 0, visible: true }],
    ['an unknown player event', { kind: 'player', event: 'delete', talkId: 'abc' }],
    ['a player event without a talk', { kind: 'player', event: 'closed' }],
    ['a player event with a huge talk id', { kind: 'player', event: 'played', talkId: 'x'.repeat(301) }],
  ])('refuses %s', (_, data) => {
    expect(parseFromFrame(data)).toBeNull();
  });
});

describe('render requests to the frame', () => {
  it('takes a well-formed request', () => {
    const request = { kind: 'render', state: 'ready', session: SESSION, result: RESULT, actions: true, notice: null };
    // No player said is no player open.
    expect(parseRender(request)).toEqual({ ...request, player: null });
    expect(parseRender({ ...request, player: { talkId: 't1', extra: 1 } })).toEqual({
      ...request,
      player: { talkId: 't1' },
    });
    expect(parseRender({ ...request, result: null, state: 'loading', notice: 'click-refused' })).not.toBeNull();
  });

  it.each([
    ['another kind', { kind: 'size' }],
    ['an unknown state', { kind: 'render', state: 'x', session: SESSION, result: null, actions: false, notice: null }],
    [
      'an unknown notice',
      { kind: 'render', state: 'ready', session: SESSION, result: null, actions: false, notice: 'x' },
    ],
    [
      'a session without video links',
      { kind: 'render', state: 'ready', session: {}, result: null, actions: false, notice: null },
    ],
    [
      'a result without related talks',
      {
        kind: 'render',
        state: 'ready',
        session: SESSION,
        result: { ...RESULT, related: 1 },
        actions: false,
        notice: null,
      },
    ],
    [
      'an unknown missing reason',
      {
        kind: 'render',
        state: 'ready',
        session: SESSION,
        result: { ...RESULT, missing: 'x' },
        actions: false,
        notice: null,
      },
    ],
    [
      'a player without a talk',
      { kind: 'render', state: 'ready', session: SESSION, result: null, actions: true, notice: null, player: {} },
    ],
    [
      'a player that is a string',
      { kind: 'render', state: 'ready', session: SESSION, result: null, actions: true, notice: null, player: 't1' },
    ],
  ])('draws nothing for %s', (_, data) => {
    expect(parseRender(data)).toBeNull();
  });
});

describe('the handshake', () => {
  it('carries the token, and nothing else is one', () => {
    expect(handshakeToken({ aftertalkBox: 'k1' })).toBe('k1');
    expect(handshakeToken({ aftertalkBox: 1 })).toBeNull();
    expect(handshakeToken('k1')).toBeNull();
    expect(handshakeToken(null)).toBeNull();
  });
});
