import { describe, expect, it } from 'vitest';
import {
  isContentScriptOnPage,
  isOwnContentScript,
  isOwnExtensionPage,
  MAX_SEARCH_QUERY,
  MESSAGES,
  parseMessage,
  senderMayAsk,
  type Message,
  type MessageType,
} from '@/lib/messages';

/** The table's validator for one type: what `parseMessage` accepts as that message, else null. */
const parserOf =
  <K extends MessageType>(type: K) =>
  (message: unknown): Extract<Message, { type: K }> | null => {
    const parsed = parseMessage(message);
    return parsed?.type === type ? (parsed as Extract<Message, { type: K }>) : null;
  };
const parseBackgroundRequest = (message: unknown) => {
  const parsed = parseMessage(message);
  return parsed && MESSAGES[parsed.type].from === 'extension-page' ? parsed : null;
};
const parseScheduleLookupRequest = parserOf('schedule-lookup');
const parseScheduleActionRequest = parserOf('schedule-action');
const parseScheduleWarmRequest = parserOf('schedule-warm');

const session = {
  site: 'pretalx',
  title: 'Reproducible builds',
  speakers: ['Ada Example'],
  scheduleUrl: 'https://pretalx.com/democon-2026/talk/QK3PXA/',
  code: 'QK3PXA',
  event: 'democon-2026',
  abstract: 'Why bit-for-bit identical builds matter.',
};
const request = { type: 'schedule-lookup', session, onlyIfKnownUrl: false };

describe('parseScheduleLookupRequest', () => {
  it('accepts what the adapters produce', () => {
    expect(parseScheduleLookupRequest(request)).toEqual(request);
  });

  it.each([
    ['no type', { ...request, type: undefined }],
    ['another type', { ...request, type: 'sync-now' }],
    ['a missing flag', { type: 'schedule-lookup', session }],
    ['an unknown site', { ...request, session: { ...session, site: 'evil' } }],
    [
      'a URL that is not normalised',
      { ...request, session: { ...session, scheduleUrl: 'https://pretalx.com/democon-2026/talk/QK3PXA/?x=1' } },
    ],
    ['a javascript: URL', { ...request, session: { ...session, scheduleUrl: 'javascript:alert(1)' } }],
    ['a huge title', { ...request, session: { ...session, title: 'x'.repeat(501) } }],
    ['too many speakers', { ...request, session: { ...session, speakers: Array(21).fill('x') } }],
    ['a speaker that is not a string', { ...request, session: { ...session, speakers: [{}] } }],
    ['a lower-case code', { ...request, session: { ...session, code: 'qk3pxa' } }],
    ['a non-numeric schedule id', { ...request, session: { ...session, scheduleId: '1 OR 1' } }],
    ['an oversized abstract', { ...request, session: { ...session, abstract: 'a'.repeat(2001) } }],
    ['null', null],
    ['a string', 'schedule-lookup'],
  ])('refuses %s', (_, message) => {
    expect(parseScheduleLookupRequest(message)).toBeNull();
  });

  it('passes on relatedLater only when it is true', () => {
    expect(parseScheduleLookupRequest({ ...request, relatedLater: true })).toEqual({ ...request, relatedLater: true });
    for (const relatedLater of [false, 'yes', 1, {}])
      expect(parseScheduleLookupRequest({ ...request, relatedLater })).toEqual(request);
  });

  it('drops fields it does not know instead of passing them on', () => {
    const parsed = parseScheduleLookupRequest({ ...request, session: { ...session, sql: 'drop' }, extra: 1 });
    expect(parsed?.session).not.toHaveProperty('sql');
    expect(parsed).not.toHaveProperty('extra');
  });
});

describe('isContentScriptOnPage', () => {
  const parsed = parseScheduleLookupRequest(request)!;
  it('accepts our content script asking about the page it runs on', () => {
    expect(
      isContentScriptOnPage(
        { id: 'ext', url: 'https://pretalx.com/democon-2026/talk/QK3PXA/?lang=de', tab: { id: 3 } },
        parsed.session,
        'ext',
      ),
    ).toBe(true);
  });

  it.each([
    ['another extension', { id: 'other', url: 'https://pretalx.com/x/', tab: { id: 3 } }],
    ['an extension page (no tab)', { id: 'ext', url: 'chrome-extension://ext/popup.html' }],
    ['a page on another host', { id: 'ext', url: 'https://evil.example/democon-2026/talk/QK3PXA/', tab: { id: 3 } }],
    ['no URL', { id: 'ext', tab: { id: 3 } }],
    // A page that rewrote its address to ask whether the user waits for another talk of its host.
    ['another page of the same host', { id: 'ext', url: 'https://pretalx.com/othercon/talk/AAAAAA/', tab: { id: 3 } }],
    [
      'the same event’s schedule page',
      { id: 'ext', url: 'https://pretalx.com/democon-2026/schedule/', tab: { id: 3 } },
    ],
  ])('refuses %s', (_, sender) => {
    expect(isContentScriptOnPage(sender, parsed.session, 'ext')).toBe(false);
  });
});

describe('the warm-up message', () => {
  it('is recognised by its type alone and carries nothing else', () => {
    expect(parseScheduleWarmRequest({ type: 'schedule-warm', session: { title: 'x' } })).toEqual({
      type: 'schedule-warm',
    });
    for (const message of [null, 'schedule-warm', { type: 'schedule-lookup' }, {}])
      expect(parseScheduleWarmRequest(message)).toBeNull();
  });

  it('is only taken from our content script in a tab', () => {
    expect(isOwnContentScript({ id: 'ext', url: 'https://pretalx.com/x/talk/ABCD/', tab: { id: 1 } }, 'ext')).toBe(
      true,
    );
    expect(isOwnContentScript({ id: 'other', url: 'https://pretalx.com/x/talk/ABCD/', tab: { id: 1 } }, 'ext')).toBe(
      false,
    );
    expect(isOwnContentScript({ id: 'ext', url: 'chrome-extension://ext/popup.html' }, 'ext')).toBe(false);
  });
});

describe('parseScheduleActionRequest', () => {
  const action = {
    type: 'schedule-action',
    session,
    onlyIfKnownUrl: false,
    action: 'watch-later',
    on: true,
    talkId: 'c0ffee',
  };
  it('accepts the box buttons', () => {
    expect(parseScheduleActionRequest(action)).toEqual(action);
    const notify = { type: 'schedule-action', session, onlyIfKnownUrl: false, action: 'notify-me', on: false };
    expect(parseScheduleActionRequest(notify)).toEqual(notify);
  });
  it.each([
    ['an unknown action', { ...action, action: 'export-everything' }],
    ['a mark without a talk', { ...action, talkId: undefined }],
    ['a talk id that is not a string', { ...action, talkId: { id: 1 } }],
    ['a huge talk id', { ...action, talkId: 'x'.repeat(301) }],
    ['no on/off', { ...action, on: 'yes' }],
    ['a bad session', { ...action, session: { ...session, scheduleUrl: 'javascript:alert(1)' } }],
    ['a lookup', request],
  ])('refuses %s', (_, message) => {
    expect(parseScheduleActionRequest(message)).toBeNull();
  });
});

describe('messages from extension pages', () => {
  it('accepts only known, well-formed requests', () => {
    expect(parseBackgroundRequest({ type: 'sync-now' })).toEqual({ type: 'sync-now' });
    expect(parseBackgroundRequest({ type: 'hello', extra: 1 })).toEqual({ type: 'hello' });
    expect(parseBackgroundRequest({ type: 'talks-seen', ids: ['a'] })).toEqual({ type: 'talks-seen', ids: ['a'] });
    expect(parseBackgroundRequest({ type: 'talks-seen', ids: [1] })).toBeNull();
    expect(parseBackgroundRequest({ type: 'talks-seen', ids: Array(6000).fill('x') })).toBeNull();
    expect(parseBackgroundRequest({ type: 'drop-database' })).toBeNull();
    expect(parseBackgroundRequest('sync-now')).toBeNull();
  });
  it('trusts only this extension’s own pages', () => {
    const origin = 'chrome-extension://abc/';
    expect(isOwnExtensionPage({ id: 'abc', url: 'chrome-extension://abc/popup.html' }, 'abc', origin)).toBe(true);
    expect(isOwnExtensionPage({ id: 'abc', url: 'https://evil.example/', tab: { id: 1 } }, 'abc', origin)).toBe(false);
    expect(isOwnExtensionPage({ id: 'other', url: 'chrome-extension://other/popup.html' }, 'abc', origin)).toBe(false);
  });
});

describe('the player’s question for a talk’s files', () => {
  const parse = parserOf('player-sources');

  it('takes a talk id of up to 300 characters, and nothing else', () => {
    expect(parse({ type: 'player-sources', talkId: 'abc', extra: 1 })).toEqual({
      type: 'player-sources',
      talkId: 'abc',
    });
    expect(parse({ type: 'player-sources', talkId: 'x'.repeat(300) })).not.toBeNull();
    for (const talkId of ['', 'x'.repeat(301), 1, null, ['abc'], undefined])
      expect(parse({ type: 'player-sources', talkId })).toBeNull();
  });

  it('is for the extension’s own pages (the popup, the box’s frame), never a content script', () => {
    expect(MESSAGES['player-sources'].from).toBe('extension-page');
  });
});

describe('the popup’s search of all of media.ccc.de', () => {
  const parseHistorySearch = parserOf('history-search');

  it('accepts search words of up to 200 characters, trimmed, and nothing else', () => {
    expect(parseHistorySearch({ type: 'history-search', query: 'radio astronomy' })).toEqual({
      type: 'history-search',
      query: 'radio astronomy',
    });
    expect(parseHistorySearch({ type: 'history-search', query: '  radio  ', extra: 1 })).toEqual({
      type: 'history-search',
      query: 'radio',
    });
    expect(parseHistorySearch({ type: 'history-search', query: 'x'.repeat(MAX_SEARCH_QUERY) })?.query).toHaveLength(
      200,
    );
    // Words that happen to name an object property are only words.
    expect(parseHistorySearch({ type: 'history-search', query: 'constructor' })?.query).toBe('constructor');
  });

  it.each([
    ['too long', { type: 'history-search', query: 'x'.repeat(MAX_SEARCH_QUERY + 1) }],
    ['empty', { type: 'history-search', query: '' }],
    ['only spaces', { type: 'history-search', query: '   ' }],
    ['missing', { type: 'history-search' }],
    ['a number', { type: 'history-search', query: 42 }],
    ['an array', { type: 'history-search', query: ['radio'] }],
    ['an object', { type: 'history-search', query: { toString: () => 'radio' } }],
    ['null', { type: 'history-search', query: null }],
    ['a String object', { type: 'history-search', query: new String('radio') }],
  ])('refuses a query that is %s', (_, message) => {
    expect(parseHistorySearch(message)).toBeNull();
  });

  it('reads only the message’s own field, never one reached through its prototype', () => {
    expect(
      parseHistorySearch(Object.assign(Object.create({ query: 'radio' }) as object, { type: 'history-search' })),
    ).toBeNull();
    // What JSON (and structured cloning) makes of a `__proto__` key: an own field of that name.
    expect(parseHistorySearch(JSON.parse('{"type":"history-search","__proto__":{"query":"radio"}}'))).toBeNull();
    const parsed = parseHistorySearch(
      JSON.parse('{"type":"history-search","query":"radio","__proto__":{"x":1},"constructor":"y"}'),
    );
    expect(parsed).toEqual({ type: 'history-search', query: 'radio' });
    expect(Object.keys(parsed!)).toEqual(['type', 'query']);
  });

  it('is taken only from this extension’s own pages', () => {
    const origin = 'chrome-extension://ext/';
    const request = parseHistorySearch({ type: 'history-search', query: 'radio' })!;
    expect(senderMayAsk(request, { id: 'ext', url: 'chrome-extension://ext/popup.html' }, 'ext', origin)).toBe(true);
    expect(
      senderMayAsk(request, { id: 'ext', url: 'https://pretalx.com/x/talk/ABCD/', tab: { id: 3 } }, 'ext', origin),
    ).toBe(false);
    expect(senderMayAsk(request, { id: 'other', url: 'chrome-extension://other/popup.html' }, 'ext', origin)).toBe(
      false,
    );
  });
});

describe('the message table', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'refuses a message typed as the object property %s',
    (type) => {
      expect(parseMessage({ type })).toBeNull();
    },
  );

  const origin = 'chrome-extension://ext/';
  const page = { id: 'ext', url: 'chrome-extension://ext/popup.html' };
  const contentScript = { id: 'ext', url: 'https://pretalx.com/democon-2026/talk/QK3PXA/', tab: { id: 3 } };
  const elsewhere = { id: 'ext', url: 'https://evil.example/democon-2026/talk/QK3PXA/', tab: { id: 3 } };
  const lookup = parseMessage({ type: 'schedule-lookup', session, onlyIfKnownUrl: false })!;

  it('takes each message only from the sender class its entry names', () => {
    const may = (request: Message, sender: object) => senderMayAsk(request, sender, 'ext', origin);
    expect(may({ type: 'sync-now' }, page)).toBe(true);
    expect(may({ type: 'sync-now' }, contentScript)).toBe(false);
    expect(may({ type: 'talks-seen', ids: 'all' }, contentScript)).toBe(false);
    expect(may({ type: 'schedule-warm' }, contentScript)).toBe(true);
    expect(may({ type: 'schedule-warm' }, page)).toBe(false);
    expect(may(lookup, contentScript)).toBe(true);
    expect(may(lookup, page)).toBe(false);
    expect(may(lookup, elsewhere)).toBe(false);
  });

  it('names a sender class for every message', () => {
    for (const entry of Object.values(MESSAGES))
      expect(['extension-page', 'content-script', 'content-script-on-its-page']).toContain(entry.from);
  });
});

describe('page text in a session', () => {
  it('arrives without bidi and invisible characters, as feed text does', () => {
    const parsed = parseScheduleLookupRequest({
      ...request,
      session: {
        ...session,
        title: 'Reproducible\u202e builds\u200b',
        speakers: ['Ada\u2066 Example', '\u200b'],
        event: 'demo\u200dcon',
        track: 'Se\u2060curity',
        abstract: 'Line one\u202e\nline two',
      },
    });
    expect(parsed?.session).toMatchObject({
      title: 'Reproducible builds',
      speakers: ['Ada Example'],
      event: 'democon',
      track: 'Security',
      abstract: 'Line one\nline two',
    });
  });

  it('refuses a title that is nothing but invisible characters', () => {
    expect(parseScheduleLookupRequest({ ...request, session: { ...session, title: '\u202e\u200b ' } })).toBeNull();
  });
});
