/**
 * "Search all of media.ccc.de" below the popup's search results, with its hook
 * (lib/ui/use-search-all.ts): when it is offered, what a click sends, and what the popup shows
 * while searching, after an answer and after a failure. The worker is a fake `send`.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SearchAll } from '@/components/SearchAll';
import type { RowKit } from '@/components/TalkRow';
import { openDb, type AftertalkDb } from '@/lib/archive/db';
import { mergeHistoryIntoArchive } from '@/lib/archive/merge';
import type { AnswerOf, Send } from '@/lib/messages';
import { useSearchAll } from '@/lib/ui/use-search-all';
import { useLinkedomDocument } from '../../support/render-dom';
import { feedTalk, uniqueDbName } from '../../support/talks';

type Answer = AnswerOf<'history-search'>;

const kit: RowKit = {
  marksOf: () => ({ later: false, watched: false }),
  onOpen: () => undefined,
  onToggleLater: () => undefined,
  onToggleWatched: () => undefined,
};

let db: AftertalkDb;
let container: HTMLElement;
let sent: unknown[];
/** The worker's answers, settled by the test. */
let answers: { resolve: (answer: Answer) => void; reject: (error: unknown) => void }[];
const send = ((request: unknown) => {
  sent.push(request);
  return new Promise<Answer>((resolve, reject) => answers.push({ resolve, reject }));
}) as Send;

function Harness({ search, localCount }: { search: string; localCount: number | undefined }) {
  const view = useSearchAll(db, search, send);
  return <SearchAll view={view} localCount={localCount} kit={kit} />;
}

/** `found`: how many talks the local search found (none unless said; `null`: still asking). */
function show(search: string, found: number | null = 0) {
  const localCount = found ?? undefined;
  act(() => render(<Harness search={search} localCount={localCount} />, container));
}

const text = () => container.textContent ?? '';
const offer = () => [...container.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Search all'));
const status = () => container.querySelector('[role="status"]');
const titles = () => [...container.querySelectorAll('.talk__title')].map((a) => a.textContent);
const click = async (button: Element | undefined) => {
  expect(button).toBeDefined();
  await act(() => void button!.dispatchEvent(new Event('click')));
};

const RADIO = feedTalk({ id: 'radio-1', title: 'Open hardware for radio astronomy', conference: '36c3' });
const REMOTE = feedTalk({ id: 'radio-2', title: 'Radio astronomy, remote edition', conference: 'rc3' });

beforeEach(async () => {
  const doc = useLinkedomDocument();
  container = doc.createElement('div');
  doc.body.append(container);
  db = openDb(uniqueDbName());
  sent = [];
  answers = [];
  // What the worker would have stored before answering.
  await mergeHistoryIntoArchive(
    db,
    [RADIO, REMOTE].map((talk) => ({ talk, releasedAt: 1 })),
    1,
  );
});
afterEach(async () => {
  act(() => render(null, container));
  vi.unstubAllGlobals();
  await db.delete();
});

describe('SearchAll', () => {
  it('is offered below a search that found fewer than five talks, naming the words and where they go', () => {
    for (const count of [0, 4]) {
      show('radio astronomy', count);
      expect(offer()?.textContent).toBe('Search all of media.ccc.de for “radio astronomy”');
      expect(text()).toContain('This sends the search words to media.ccc.de.');
    }
    show('radio astronomy', 5);
    expect(offer()).toBeUndefined();
    // Not before the local search has answered, and not without words.
    show('radio astronomy', null);
    expect(offer()).toBeUndefined();
    show('', 0);
    expect(offer()).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('sends the words on a click, says it is searching, then lists the hits under their own heading', async () => {
    show('radio astronomy');
    await click(offer());
    expect(sent).toEqual([{ type: 'history-search', query: 'radio astronomy' }]);
    expect(status()?.getAttribute('aria-live')).toBe('polite');
    expect(status()?.textContent).toBe('Searching media.ccc.de…');
    expect(offer()).toBeUndefined();

    await act(() => answers[0]!.resolve({ ok: true, ids: ['radio-2', 'radio-1'] }));
    await vi.waitFor(() => expect(titles()).toEqual([REMOTE.title, RADIO.title]));
    expect(container.querySelector('h2')?.textContent).toBe('From media.ccc.de’s archive');
    expect(container.querySelector('[data-testid="search-all-results"]')?.getAttribute('aria-labelledby')).toBe(
      container.querySelector('h2')?.id,
    );
    expect(status()?.textContent).toBe('media.ccc.de found 2 talks; they are in your archive now.');
    expect(offer()).toBeUndefined();
  });

  it('says so when media.ccc.de found nothing', async () => {
    show('no such talk');
    await click(offer());
    await act(() => answers[0]!.resolve({ ok: true, ids: [] }));
    await vi.waitFor(() => expect(status()?.textContent).toBe('media.ccc.de found no talk for “no such talk”.'));
    expect(titles()).toEqual([]);
    expect(container.querySelector('h2')).toBeNull();
  });

  it.each([
    ['unreachable', (a: (typeof answers)[number]) => a.resolve({ ok: false, error: 'unreachable' })],
    ['busy', (a: (typeof answers)[number]) => a.resolve({ ok: false, error: 'busy' })],
    ['no answer at all', (a: (typeof answers)[number]) => a.resolve(undefined as unknown as Answer)],
    ['a failed message', (a: (typeof answers)[number]) => a.reject(new Error('Receiving end does not exist.'))],
  ])('says media.ccc.de could not be searched (%s), and offers to try again', async (_, settle) => {
    show('radio astronomy');
    await click(offer());
    await act(() => settle(answers[0]!));
    await vi.waitFor(() => expect(status()?.textContent).toBe('media.ccc.de could not be searched right now.'));
    expect(status()?.className).toContain('search-all__status--error');
    expect(titles()).toEqual([]);
    await click(offer());
    expect(sent).toHaveLength(2);
  });

  it('forgets what it found when the words change, and drops an answer for words no longer searched', async () => {
    show('radio astronomy');
    await click(offer());
    await act(() => answers[0]!.resolve({ ok: true, ids: ['radio-1'] }));
    await vi.waitFor(() => expect(titles()).toEqual([RADIO.title]));
    // A cleared field and the same words again: a fresh start (the talks are now found locally).
    show('');
    show('radio astronomy', 2);
    expect(titles()).toEqual([]);
    expect(offer()).toBeDefined();

    await click(offer());
    show('radio telescopes');
    await act(() => answers[1]!.resolve({ ok: true, ids: ['radio-1'] }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(titles()).toEqual([]);
    expect(status()?.textContent).toBe('');
    expect(offer()?.textContent).toBe('Search all of media.ccc.de for “radio telescopes”');
  });

  it('sends at most 200 characters of the search', async () => {
    show(`radio ${'x'.repeat(300)}`);
    await click(offer());
    expect((sent[0] as { query: string }).query).toHaveLength(200);
  });
});
