import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeFeedIntoArchive } from '@/lib/archive/merge';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import { findRecording } from '@/lib/match/find-recording';
import type { SessionQuery } from '@/lib/enrich/lookup-types';
import type { TalkFeedData } from '@/lib/archive/talk';
import { feedTalk, uniqueDbName } from '../../support/talks';

let db: AftertalkDb;
beforeEach(() => {
  db = openDb(uniqueDbName());
});
afterEach(async () => {
  await db.delete();
});

async function store(...talks: TalkFeedData[]) {
  await mergeFeedIntoArchive(db, talks, {
    feedUrl: 'https://media.ccc.de/podcast-hq.xml',
    now: 1,
    validators: { etag: '', lastModified: '', bodyHash: '' },
  });
}

function page(overrides: Partial<SessionQuery>): SessionQuery {
  return {
    site: 'pretalx',
    title: 'Some unrelated page title',
    speakers: [],
    scheduleUrl: 'https://pretalx.com/x/talk/ZZZZZZ/',
    ...overrides,
  };
}

const asg = feedTalk({
  id: '5b3a0b0e-1a4f-5c41-9d55-8f0e2f0d7a11',
  title: 'systemd and the quest for a measured boot',
  conference: 'asg2025',
  speakers: ['Lennart Poettering'],
  scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/',
  tags: ['8AA87L', 'asg2025'],
  slug: 'asg2025-301-systemd-measured-boot',
});

describe('findRecording', () => {
  it('joins on the GUID when the page states it', async () => {
    await store(asg);
    const found = await findRecording(db, page({ guid: asg.id }));
    expect(found).toMatchObject({ by: 'guid', confidence: 'sure', talk: { id: asg.id } });
  });

  it('joins on the normalised schedule URL', async () => {
    await store(asg);
    const found = await findRecording(
      db,
      page({ scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2025/talk/8AA87L/' }),
    );
    expect(found).toMatchObject({ by: 'url', talk: { id: asg.id } });
  });

  it('joins a pretalx.com page to a re-hosting page by the code', async () => {
    const sotm = feedTalk({
      id: 'sotm-1',
      conference: 'sotm2025',
      scheduleUrl: 'https://2025.stateofthemap.org/sessions/8KKLCS/',
      tags: [],
    });
    await store(sotm);
    const found = await findRecording(
      db,
      page({ scheduleUrl: 'https://pretalx.com/sotm2025/talk/8KKLCS/', code: '8KKLCS', event: 'sotm2025' }),
    );
    expect(found).toMatchObject({ by: 'code', talk: { id: 'sotm-1' } });
  });

  it('settles a code shared by two instances by host or event, and refuses when it cannot', async () => {
    const a = feedTalk({
      id: 'a',
      conference: 'democon2026',
      scheduleUrl: 'https://pretalx.com/democon-2026/talk/QK3PXA/',
    });
    const b = feedTalk({
      id: 'b',
      conference: 'other2026',
      scheduleUrl: 'https://cfp.other.example/other-2026/talk/QK3PXA/',
    });
    await store(a, b);
    const onOther = await findRecording(
      db,
      page({
        scheduleUrl: 'https://cfp.other.example/other-2026/talk/QK3PXA/feedback-page/',
        code: 'QK3PXA',
        event: 'other-2026',
      }),
    );
    expect(onOther?.talk.id).toBe('b');
    const nowhere = await findRecording(
      db,
      page({ scheduleUrl: 'https://third.example/e/talk/QK3PXA/', code: 'QK3PXA' }),
    );
    expect(nowhere).toBeNull();
  });

  it('refuses a single code candidate that clearly belongs to another host and event', async () => {
    await store(
      feedTalk({ id: 'a', conference: 'democon2026', scheduleUrl: 'https://pretalx.com/democon-2026/talk/QK3PXA/' }),
    );
    const found = await findRecording(
      db,
      page({ scheduleUrl: 'https://cfp.else.example/else-2026/talk/QK3PXA/', code: 'QK3PXA', event: 'else-2026' }),
    );
    expect(found).toBeNull();
  });

  it('uses numeric schedule ids only within the page event', async () => {
    await store(
      feedTalk({
        id: 'old36',
        conference: '36c3',
        slug: '36c3-10496-the_ecosystem',
        tags: [],
        title: 'The Ecosystem is moving',
      }),
      feedTalk({
        id: 'other',
        conference: 'camp2019',
        slug: 'camp2019-10496-foo',
        tags: [],
        title: 'Something else entirely',
      }),
    );
    const frab = page({
      site: 'ccc-hub',
      scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496/',
      scheduleId: '10496',
      event: '36c3',
    });
    expect(await findRecording(db, frab)).toMatchObject({ by: 'schedule-id', talk: { id: 'old36' } });
    expect(await findRecording(db, { ...frab, event: undefined })).toBeNull();
  });

  it('confirms a title match by a shared speaker, else calls it a possible match', async () => {
    await store(
      feedTalk({ id: 't', title: 'Hacking the city bus ticket', speakers: ['Lee Example'], conference: '39c3' }),
    );
    const withSpeaker = await findRecording(
      db,
      page({ title: 'Hacking the City-Bus Ticket', speakers: ['lee example'], event: '39c3' }),
    );
    expect(withSpeaker).toMatchObject({ by: 'title-speakers', confidence: 'sure' });
    const titleOnly = await findRecording(
      db,
      page({ title: 'Hacking the city bus ticket', speakers: ['Someone Else'] }),
    );
    expect(titleOnly).toMatchObject({ by: 'title', confidence: 'possible' });
  });

  it('never joins a generic title, nor a same-titled talk of another conference', async () => {
    await store(
      feedTalk({ id: 'o', title: 'Opening', conference: '39c3' }),
      feedTalk({ id: 'y', title: 'The year in review 2025', conference: '39c3' }),
    );
    expect(await findRecording(db, page({ title: 'Opening' }))).toBeNull();
    expect(await findRecording(db, page({ title: 'The year in review 2025', event: 'fosdem-2026' }))).toBeNull();
  });

  it('prefers the latest release when several talks share a key', async () => {
    await store(feedTalk({ id: 'first', scheduleUrl: 'https://pretalx.com/e/talk/ABCDEF/' }));
    await store(
      feedTalk({ id: 'rerelease', scheduleUrl: 'https://pretalx.com/e/talk/ABCDEF/' }),
      feedTalk({ id: 'first', scheduleUrl: 'https://pretalx.com/e/talk/ABCDEF/' }),
    );
    expect((await findRecording(db, page({ scheduleUrl: 'https://pretalx.com/e/talk/ABCDEF/' })))?.talk.id).toBe(
      'rerelease',
    );
  });

  it('finds nothing for an unknown talk', async () => {
    await store(asg);
    expect(await findRecording(db, page({ title: 'A talk nobody recorded yet', code: 'QQQQQQ' }))).toBeNull();
  });
});
