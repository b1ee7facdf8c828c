import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markTalksSeen, mergeFeedIntoArchive } from '@/lib/archive/merge';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import { loadConferences, loadLatestTalks, loadNewTalkGroups, searchTalks } from '@/lib/ui/queries';
import { feedTalk, uniqueDbName } from '../../support/talks';

const options = (now: number) => ({
  feedUrl: 'https://media.ccc.de/podcast-hq.xml',
  now,
  validators: { etag: '', lastModified: '', bodyHash: String(now) },
});
let db: AftertalkDb;

beforeEach(async () => {
  db = openDb(uniqueDbName());
  await mergeFeedIntoArchive(
    db,
    [
      feedTalk({ id: 'k1', title: 'Breaking UEFI Secure Boot', speakers: ['Jürgen Müller'], conference: '39c3' }),
      feedTalk({ id: 'k2', title: 'systemd in 2025', speakers: ['Lennart P.'], conference: 'asg2025' }),
      feedTalk({ id: 'k3', title: 'Mapping the Alps', speakers: ['Anna'], conference: 'sotm2025' }),
    ],
    options(1000),
  );
  await mergeFeedIntoArchive(
    db,
    [
      feedTalk({ id: 'n1', title: 'Rust in the kernel', conference: '39c3' }),
      feedTalk({ id: 'n2', title: 'Boot loaders', conference: 'asg2025' }),
      feedTalk({ id: 'n3', title: 'Secure boot again', conference: '39c3' }),
    ],
    options(2000),
  );
});
afterEach(() => db.delete());

describe('popup queries', () => {
  it('groups new talks by conference, newest release first', async () => {
    const { groups, hidden } = await loadNewTalkGroups(db);
    expect(groups.map((g) => [g.conference, g.talks.map((t) => t.id)])).toEqual([
      ['39c3', ['n1', 'n3']],
      ['asg2025', ['n2']],
    ]);
    expect(hidden).toBe(0);
  });
  it('lists followed conferences first and leaves muted ones out, counting them', async () => {
    const audience = {
      followed: new Set(['asg2025']),
      muted: new Set<string>(),
      languages: new Set<string>(),
      notifyScope: 'all' as const,
    };
    expect((await loadNewTalkGroups(db, audience)).groups.map((g) => g.conference)).toEqual(['asg2025', '39c3']);
    const muted = await loadNewTalkGroups(db, { ...audience, followed: new Set(), muted: new Set(['39c3']) });
    expect(muted.groups.map((g) => g.conference)).toEqual(['asg2025']);
    expect(muted.hidden).toBe(2);
  });
  it('lists the conferences of the archive with their number of talks', async () => {
    expect(await loadConferences(db)).toEqual([
      { conference: '39c3', talks: 3 },
      { conference: 'asg2025', talks: 2 },
      { conference: 'sotm2025', talks: 1 },
    ]);
  });
  it('lists the latest releases without the new ones, in feed order, paged', async () => {
    expect((await loadLatestTalks(db, 10)).map((t) => t.id)).toEqual(['k1', 'k2', 'k3']);
    expect((await loadLatestTalks(db, 2)).map((t) => t.id)).toEqual(['k1', 'k2']);
    await markTalksSeen(db, ['n2']);
    expect((await loadLatestTalks(db, 10)).map((t) => t.id)).toEqual(['n2', 'k1', 'k2', 'k3']);
  });
  it('searches title, speaker and conference by word prefix, newest first', async () => {
    expect((await searchTalks(db, 'boot', 10)).map((t) => t.id)).toEqual(['n2', 'n3', 'k1']);
    expect((await searchTalks(db, 'secure boot', 10)).map((t) => t.id)).toEqual(['n3', 'k1']);
    expect((await searchTalks(db, 'muller', 10)).map((t) => t.id)).toEqual(['k1']);
    expect((await searchTalks(db, 'sotm', 10)).map((t) => t.id)).toEqual(['k3']);
    expect(await searchTalks(db, 'nothing-like-this', 10)).toEqual([]);
    expect(await searchTalks(db, '  ', 10)).toEqual([]);
  });
  it('reads the talks of a known index together with the archive version, not after it', async () => {
    await searchTalks(db, 'boot', 10);
    // The archive version's read is held back: the talks must be asked for while it is pending.
    const readMeta = db.meta.get.bind(db.meta);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    vi.spyOn(db.meta, 'get').mockImplementation((async (key: string) => {
      await held;
      return readMeta(key);
    }) as typeof db.meta.get);
    const bulkGet = vi.spyOn(db.talks, 'bulkGet');
    const search = searchTalks(db, 'secure', 10);
    await vi.waitFor(() => expect(bulkGet).toHaveBeenCalledWith(['n3', 'k1']));
    release();
    expect((await search).map((t) => t.id)).toEqual(['n3', 'k1']);
    vi.restoreAllMocks();
  });
  it('finds what a merge brought after the index was read', async () => {
    expect((await searchTalks(db, 'rust', 10)).map((t) => t.id)).toEqual(['n1']);
    await mergeFeedIntoArchive(
      db,
      [feedTalk({ id: 'r2', title: 'Rust for boot loaders', conference: '39c3' })],
      options(2500),
    );
    expect((await searchTalks(db, 'rust', 10)).map((t) => t.id)).toEqual(['r2', 'n1']);
  });
  it('answers very common words with the newest page of them', async () => {
    const many = Array.from({ length: 3200 }, (_, i) => feedTalk({ id: `c${i}`, title: `Common talk ${i}` }));
    await mergeFeedIntoArchive(db, many, options(3000));
    const hits = await searchTalks(db, 'common', 5);
    expect(hits.map((t) => t.id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
  });
});
