import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeFeedIntoArchive } from '@/lib/archive/merge';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import { RELATED_SNAPSHOT_KEY } from '@/lib/archive/db';
import { RelatedTalksService } from '@/lib/enrich/related/service';
import { lookupSchedulePage } from '@/lib/enrich/answer/lookup';
import type { SessionQuery } from '@/lib/enrich/lookup-types';
import type { ScheduleLookupRequest } from '@/lib/messages';
import type { TalkFeedData } from '@/lib/archive/talk';
import { feedTalk, uniqueDbName } from '../../../support/talks';

let db: AftertalkDb;
let syncs = 0;
beforeEach(() => {
  db = openDb(uniqueDbName());
  syncs = 0;
});
afterEach(async () => {
  await db.delete();
});

async function sync(service: RelatedTalksService | null, ...talks: TalkFeedData[]) {
  const merge = await mergeFeedIntoArchive(db, talks, {
    feedUrl: 'f',
    now: 1000 * ++syncs,
    validators: { etag: '', lastModified: '', bodyHash: String(syncs) },
  });
  await service?.applyMerge(merge.changedIds, merge.archiveVersion);
  return merge;
}

const systemd = (id: string, title: string, conference: string, extra: Partial<TalkFeedData> = {}) =>
  feedTalk({
    id,
    title,
    conference,
    speakers: ['Lena Hoffmann'],
    description: 'systemd, unified kernel images and measured boot with the TPM.',
    tags: ['systemd'],
    ...extra,
  });

const ARCHIVE = [
  systemd('uki', 'Unified kernel images in practice', 'asg2025', {
    scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/',
    enclosure: { url: 'https://cdn.media.ccc.de/uki.mp4', type: 'video/mp4', length: 1000 },
  }),
  systemd('uki-again', 'Unified kernel images in practice', 'asg2025'),
  systemd('tpm', 'Measured boot with TPM2 and systemd', '39c3'),
  systemd('boot', 'systemd-boot for distributions', 'fosdem2025'),
  feedTalk({
    id: 'osm',
    title: 'Vector tiles for OpenStreetMap',
    conference: 'sotm2025',
    speakers: ['Aiko Tanaka'],
    description: 'Maps and tiles.',
    tags: ['maps'],
  }),
  feedTalk({
    id: 'py',
    title: 'Packaging Python wheels',
    conference: 'froscon2025',
    speakers: ['Sam Okafor'],
    description: 'pip, uv and wheels.',
    tags: ['python'],
  }),
];

function request(session: Partial<SessionQuery>, onlyIfKnownUrl = false): ScheduleLookupRequest {
  return {
    type: 'schedule-lookup',
    onlyIfKnownUrl,
    session: {
      site: 'pretalx',
      title: 'A talk',
      speakers: [],
      scheduleUrl: 'https://pretalx.com/x/talk/ZZZZZZ/',
      ...session,
    },
  };
}

describe('lookupSchedulePage', () => {
  it('answers the recording and related talks, never the talk itself or its re-release', async () => {
    const related = new RelatedTalksService(db);
    await sync(related, ...ARCHIVE);
    const result = await lookupSchedulePage(
      { db, related },
      request({ scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/' }),
    );
    expect(result?.recording).toMatchObject({
      by: 'url',
      confidence: 'sure',
      fileUrl: 'https://cdn.media.ccc.de/uki.mp4',
      fileType: 'video/mp4',
      downloadText: 'Download video (MP4, 1 KB)',
      talk: { id: 'uki', url: 'https://media.ccc.de/v/39c3-uki-talk' },
    });
    const ids = result!.related.map((t) => t.id);
    expect(ids.slice(0, 2).sort()).toEqual(['boot', 'tpm']);
    expect(ids).not.toContain('uki');
    expect(ids).not.toContain('uki-again');
    expect(ids.length).toBeLessThanOrEqual(5);
  });

  it('gets the related-talks index ready before it looks for the recording (a fresh worker loads it meanwhile)', async () => {
    await sync(null, ...ARCHIVE);
    const order: string[] = [];
    const service = new RelatedTalksService(db);
    const related = {
      warm: async () => void order.push('warm'),
      query: (...args: Parameters<RelatedTalksService['query']>) => (order.push('query'), service.query(...args)),
    };
    const result = await lookupSchedulePage(
      { db, related },
      request({ scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/' }),
    );
    expect(result?.recording?.talk.id).toBe('uki');
    expect(order).toEqual(['warm', 'query']);
  });

  it("a woken worker's first answer to the box has the recording without waiting for the related-talks index", async () => {
    const first = new RelatedTalksService(db);
    await sync(first, ...ARCHIVE);
    const uki = request({ scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/' });

    // A fresh worker: its index is not in memory and its snapshot is still to be read.
    const woken = new RelatedTalksService(db);
    // Its snapshot read (warm) takes longer than finding the recording: here it never ends on its own.
    vi.spyOn(woken, 'warm').mockImplementation(() => new Promise(() => undefined));
    const query = vi.spyOn(woken, 'query');
    const early = await lookupSchedulePage({ db, related: woken }, { ...uki, relatedLater: true });
    expect(early?.recording?.talk.id).toBe('uki');
    expect(early?.related).toEqual([]);
    expect(early?.relatedPending).toBe(true);
    expect(query).not.toHaveBeenCalled();

    // The second ask (without relatedLater) waits for the index and answers the related talks.
    const whole = await lookupSchedulePage({ db, related: woken }, uki);
    expect(whole?.relatedPending).toBeUndefined();
    expect(
      whole!.related
        .map((t) => t.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['boot', 'tpm']);
    expect(whole!.recording).toEqual(early!.recording);

    // Once the index is loaded, even the first ask answers everything at once.
    const loaded = await lookupSchedulePage({ db, related: woken }, { ...uki, relatedLater: true });
    expect(woken.isLoaded()).toBe(true);
    expect(loaded).toEqual(whole);
  });

  it("a woken worker's first ask reads the related-talks snapshot only after its own reads", async () => {
    await sync(null, ...ARCHIVE);
    const order: string[] = [];
    const service = new RelatedTalksService(db);
    const related = {
      isLoaded: () => false,
      warm: async () => void order.push('warm'),
      query: (...args: Parameters<RelatedTalksService['query']>) => service.query(...args),
    };
    const where = db.talks.where.bind(db.talks);
    vi.spyOn(db.talks, 'where').mockImplementation(((index: string) => (order.push('read'), where(index))) as never);
    const early = await lookupSchedulePage(
      { db, related },
      {
        ...request({ scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/' }),
        relatedLater: true,
      },
    );
    expect(early?.recording?.talk.id).toBe('uki');
    expect(early?.relatedPending).toBe(true);
    // Started (so the second ask finds it loading), but after the reads the first answer needs.
    expect(order.at(-1)).toBe('warm');
    expect(order.filter((step) => step === 'warm')).toHaveLength(1);
    expect(order.indexOf('read')).toBeLessThan(order.indexOf('warm'));
  });

  it('ranks related talks from the page text when there is no recording', async () => {
    const related = new RelatedTalksService(db);
    await sync(related, ...ARCHIVE);
    const result = await lookupSchedulePage(
      { db, related },
      request({ title: 'OpenStreetMap vector tiles for the next decade', abstract: 'Maps, tiles and styles.' }),
    );
    expect(result?.recording).toBeNull();
    expect(result?.related[0]?.id).toBe('osm');
  });

  it('answers null for a linked page whose URL no talk names, even when something else matches', async () => {
    const related = new RelatedTalksService(db);
    await sync(related, ...ARCHIVE);
    const byTitleOnly = request(
      {
        site: 'linked-page',
        title: 'Unified kernel images in practice',
        scheduleUrl: 'https://elsewhere.example/uki/',
      },
      true,
    );
    expect(await lookupSchedulePage({ db, related }, byTitleOnly)).toBeNull();
  });

  it('gives no release date for talks that came with the first import', async () => {
    const related = new RelatedTalksService(db);
    await sync(related, ...ARCHIVE);
    await sync(
      related,
      feedTalk({
        id: 'later',
        title: 'A later recording of something',
        scheduleUrl: 'https://pretalx.com/e/talk/LATERR/',
      }),
      ...ARCHIVE,
    );
    const first = await lookupSchedulePage(
      { db, related },
      request({ scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/' }),
    );
    expect(first?.recording?.talk).toMatchObject({ firstSeenAt: 0, releasedText: '' });
    const later = await lookupSchedulePage(
      { db, related },
      request({ scheduleUrl: 'https://pretalx.com/e/talk/LATERR/' }),
    );
    expect(later?.recording?.talk).toMatchObject({ firstSeenAt: 2000, releasedText: 'Jan 1, 1970' });
  });

  it('drops feed values that are not http(s) links', async () => {
    const related = new RelatedTalksService(db);
    await sync(
      related,
      systemd('x', 'A talk with a hostile enclosure', 'asg2025', {
        scheduleUrl: 'https://pretalx.com/e/talk/HOSTIL/',
        thumbnail: 'javascript:alert(1)',
        enclosure: { url: 'data:text/html,hi', type: 'video/mp4', length: 1 },
      }),
    );
    const result = await lookupSchedulePage(
      { db, related },
      request({ scheduleUrl: 'https://pretalx.com/e/talk/HOSTIL/' }),
    );
    expect(result?.recording).toMatchObject({ fileUrl: '', downloadText: '', talk: { thumbnail: '' } });
  });
});

describe('lookupSchedulePage: when the schedule export may help', () => {
  const old38 = (id: string, code = '') =>
    feedTalk({
      id,
      conference: '38c3',
      title: `An older congress talk number ${id}`,
      tags: code ? [code, '38c3'] : ['11742', '38c3'],
      scheduleUrl: `https://events.ccc.de/congress/2024/hub/en/event/${id}/`,
    });
  const page = request({
    site: 'pretalx',
    code: 'HQCCYH',
    event: '38c3',
    scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/',
  });

  it('says so for a pretalx page of an event whose stored talks carry no codes', async () => {
    const related = new RelatedTalksService(db);
    await sync(related, old38('a'), old38('b'));
    expect((await lookupSchedulePage({ db, related }, page))?.exportMayHelp).toBe(true);
  });

  it("not when the event's talks have codes, the event is unknown, or the page gave a GUID", async () => {
    const related = new RelatedTalksService(db);
    await sync(related, old38('a', 'ABCDEF'), old38('b'));
    expect((await lookupSchedulePage({ db, related }, page))?.exportMayHelp).toBe(false);
    expect(
      (await lookupSchedulePage({ db, related }, { ...page, session: { ...page.session, event: 'democon-2026' } }))
        ?.exportMayHelp,
    ).toBe(false);
    expect(
      (await lookupSchedulePage({ db, related }, { ...page, session: { ...page.session, guid: 'x' } }))?.exportMayHelp,
    ).toBe(false);
  });

  it('finds the recording once the GUID is known', async () => {
    const related = new RelatedTalksService(db);
    await sync(related, old38('3c5a0d3e-8f6b-5e9a-b0c1-2d3e4f5a6b7c'));
    const result = await lookupSchedulePage(
      { db, related },
      { ...page, session: { ...page.session, guid: '3C5A0D3E-8F6B-5E9A-B0C1-2D3E4F5A6B7C' } },
    );
    expect(result?.recording).toMatchObject({ by: 'guid', confidence: 'sure' });
  });
});

describe('RelatedTalksService', () => {
  it('a fresh worker loads the saved snapshot instead of re-reading the archive', async () => {
    const first = new RelatedTalksService(db);
    await sync(first, ...ARCHIVE);
    await first.warm();
    expect(await db.meta.get(RELATED_SNAPSHOT_KEY)).toBeDefined();

    const cold = new RelatedTalksService(db);
    const orderBy = vi.spyOn(db.talks, 'orderBy');
    /** A rebuild pages through the talks by primary key. */
    const rebuilds = () => orderBy.mock.calls.filter(([index]) => index === ':id').length;
    const hits = await cold.query(
      { id: '', title: 'systemd measured boot', speakers: [], tags: [], conference: '', description: '' },
      { limit: 3 },
    );
    expect(hits.map((h) => h.id)).toContain('tpm');
    expect(rebuilds()).toBe(0);
  });

  it('a sync on a cold worker updates the previous snapshot instead of rebuilding', async () => {
    const warm = new RelatedTalksService(db);
    await sync(warm, ...ARCHIVE);
    await warm.warm();

    const cold = new RelatedTalksService(db);
    const orderBy = vi.spyOn(db.talks, 'orderBy');
    /** A rebuild pages through the talks by primary key. */
    const rebuilds = () => orderBy.mock.calls.filter(([index]) => index === ':id').length;
    await sync(
      cold,
      feedTalk({
        id: 'new-osm',
        title: 'OpenStreetMap editing with vector tiles',
        conference: 'sotm2025',
        description: 'tiles',
      }),
      ...ARCHIVE,
    );
    expect(rebuilds()).toBe(0);
    const hits = await new RelatedTalksService(db).query(
      { id: '', title: 'vector tiles', speakers: [], tags: [], conference: '', description: '' },
      { limit: 5 },
    );
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining(['osm', 'new-osm']));
  });

  it('rebuilds from the archive when the snapshot is missing or stale', async () => {
    await sync(null, ...ARCHIVE);
    await sync(
      null,
      feedTalk({ id: 'osm2', title: 'OpenStreetMap tiles again', conference: 'sotm2025', description: 'tiles' }),
      ...ARCHIVE,
    );
    const service = new RelatedTalksService(db);
    const hits = await service.query(
      { id: '', title: 'OpenStreetMap tiles', speakers: [], tags: [], conference: '', description: '' },
      { limit: 5 },
    );
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining(['osm', 'osm2']));
  });

  it('ignores a corrupt snapshot', async () => {
    await sync(null, ...ARCHIVE);
    await db.meta.put({ key: RELATED_SNAPSHOT_KEY, value: { archiveVersion: 1, snapshot: { version: 'garbage' } } });
    const hits = await new RelatedTalksService(db).query(
      { id: '', title: 'Python wheels', speakers: [], tags: [], conference: '', description: '' },
      { limit: 1 },
    );
    expect(hits.map((h) => h.id)).toEqual(['py']);
  });
});

describe('RelatedTalksService rebuild', () => {
  it('rebuilds in slices to the same ranking as a one-go build', async () => {
    const talks = Array.from({ length: 1200 }, (_, i) =>
      feedTalk({
        id: `t${String(i).padStart(4, '0')}`,
        title: `Talk about topic ${i % 37} and more ${i % 11}`,
        description: `words ${i % 13} ${i % 7}`,
      }),
    );
    const merge = await mergeFeedIntoArchive(db, talks, {
      feedUrl: 'f',
      now: 1,
      validators: { etag: '', lastModified: '', bodyHash: '' },
    });
    expect(merge.changedIds).toHaveLength(1200);
    const service = new RelatedTalksService(db);
    const orderBy = vi.spyOn(db.talks, 'orderBy');
    const query = {
      id: '',
      title: 'topic 5 and more 3',
      speakers: [],
      tags: [],
      conference: '',
      description: 'words 2',
    };
    const sliced = await service.query(query, { limit: 10 });
    expect(orderBy).toHaveBeenCalled();
    const { RelatedIndex } = await import('@/lib/enrich/related/index');
    const { toRelatedDoc } = await import('@/lib/enrich/related/service');
    const whole = RelatedIndex.build((await db.talks.toArray()).map(toRelatedDoc)).query(query, { limit: 10 });
    expect(sliced).toEqual(whole);
  });
});
