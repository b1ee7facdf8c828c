import { afterEach, describe, expect, it, vi } from 'vitest';
import { TalkRow } from '@/components/TalkRow';
import type { TalkSummary } from '@/lib/ui/first-screen';
import { render } from 'preact';
import { renderInto, useLinkedomDocument } from '../../support/render-dom';

const talk: TalkSummary = {
  id: 't1',
  title: 'Measured boot with TPM2',
  conference: '39c3',
  url: 'https://media.ccc.de/v/39c3-measured-boot',
  thumbnail: 'https://static.media.ccc.de/media/congress/2025/1-hd.jpg',
  speakers: ['Lena Hoffmann'],
  durationSeconds: 2400,
  date: Date.UTC(2025, 11, 27),
  isNew: 1,
};

describe('TalkRow thumbnail', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gets its URL only after it is lazy and sends no referrer (attributes apply in the order they are set)', () => {
    const doc = useLinkedomDocument();
    const order: string[] = [];
    const create = doc.createElement.bind(doc);
    // Records the order in which Preact sets the image's attributes and its `src` property.
    doc.createElement = ((name: string) => {
      const element = create(name);
      if (name === 'img') {
        const setAttribute = element.setAttribute.bind(element);
        element.setAttribute = (attribute: string, value: string) => (
          order.push(attribute),
          setAttribute(attribute, value)
        );
        Object.defineProperty(element, 'src', {
          set: (value: string) => (order.push('src'), setAttribute('src', value)),
          get: () => element.getAttribute('src'),
        });
      }
      return element;
    }) as typeof doc.createElement;
    const container = doc.createElement('div');
    render(
      <ul>
        <TalkRow talk={talk} onOpen={() => undefined} />
      </ul>,
      container,
    );
    expect(order).toEqual(expect.arrayContaining(['loading', 'referrerpolicy', 'src']));
    expect(order.at(-1)).toBe('src');
    expect(container.querySelector('img')?.getAttribute('src')).toBe(talk.thumbnail);
  });

  it('shows the conference instead of a thumbnail that is not an http(s) URL', () => {
    const row = renderInto(
      <ul>
        <TalkRow talk={{ ...talk, thumbnail: 'javascript:alert(1)' }} onOpen={() => undefined} />
      </ul>,
    );
    expect(row.querySelector('img')).toBeNull();
    expect(row.querySelector('.talk__thumb')?.textContent).toBe('39c3');
  });
});

describe('TalkRow play button', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers Play for a talk on media.ccc.de, says which talk it plays and whether its player is open', () => {
    const onPlay = vi.fn();
    const row = renderInto(
      <ul>
        <TalkRow talk={talk} onOpen={() => undefined} onPlay={onPlay} playingId="t1" />
      </ul>,
    );
    const play = row.querySelector<HTMLButtonElement>('.talk__play');
    expect(play?.getAttribute('aria-label')).toBe('Play “Measured boot with TPM2” here');
    expect(play?.getAttribute('aria-expanded')).toBe('true');
    expect(play?.getAttribute('aria-controls')).toBe('popup-player');
    play!.click();
    expect(onPlay).toHaveBeenCalledWith(talk);
  });

  it('offers no Play without a handler, or for a talk whose page is not on media.ccc.de', () => {
    const rows = renderInto(
      <ul>
        <TalkRow talk={talk} onOpen={() => undefined} />
        <TalkRow
          talk={{ ...talk, id: 't2', url: 'https://feeds.example.org/talk' }}
          onOpen={() => undefined}
          onPlay={() => undefined}
        />
      </ul>,
    );
    expect(rows.querySelector('.talk__play')).toBeNull();
  });
});
