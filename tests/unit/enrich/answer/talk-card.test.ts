import { describe, expect, it } from 'vitest';
import type { StoredTalk } from '@/lib/archive/talk';
import { toTalkCard } from '@/lib/enrich/answer/talk-card';
import { feedTalk } from '../../../support/talks';

const stored = (fields: Partial<StoredTalk>) => ({ ...feedTalk(fields), firstSeenAt: 5 }) as StoredTalk;

describe('toTalkCard', () => {
  it('keeps links and pictures on media.ccc.de’s hosts', () => {
    const card = toTalkCard(
      stored({ url: 'https://media.ccc.de/v/39c3-1-x', thumbnail: 'https://static.media.ccc.de/media/1.jpg' }),
    );
    expect(card).toMatchObject({
      url: 'https://media.ccc.de/v/39c3-1-x',
      thumbnail: 'https://static.media.ccc.de/media/1.jpg',
    });
  });

  it('gives the page no link and no picture on another host, so it never loads one', () => {
    const talk = stored({ url: 'https://evil.example/v/phish', thumbnail: 'https://tracker.example/p.gif?u=1' });
    expect(toTalkCard(talk)).toMatchObject({ url: '', thumbnail: '' });
    expect(toTalkCard(talk, undefined, 'evil.example')).toMatchObject({
      url: 'https://evil.example/v/phish',
      thumbnail: '',
    });
  });
});
