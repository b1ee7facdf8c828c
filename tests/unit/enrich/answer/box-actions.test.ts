import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mergeFeedIntoArchive } from '@/lib/archive/merge';
import { pageCheckRecord } from '@/lib/history/page-check';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import { LIST_CAP, liveKeys, setStamped } from '@/lib/personal/state';
import { loadPersonal, updatePersonal } from '@/lib/personal/store';
import { RelatedTalksService } from '@/lib/enrich/related/service';
import { lookupWithMarks, runScheduleAction } from '@/lib/enrich/answer/box-actions';
import type { SessionQuery } from '@/lib/enrich/lookup-types';
import type { ScheduleActionRequest } from '@/lib/messages';
import { feedTalk, uniqueDbName } from '../../../support/talks';
import { saveSettings } from '@/lib/personal/settings';

let db: AftertalkDb;
let related: RelatedTalksService;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openDb(uniqueDbName());
  related = new RelatedTalksService(db);
  const merge = await mergeFeedIntoArchive(
    db,
    [
      feedTalk({
        id: 'uki',
        title: 'Unified kernel images in practice',
        conference: 'asg2025',
        speakers: ['Lena'],
        scheduleUrl: 'https://cfp.all-systems-go.io/asg-2025/talk/8AA87L/',
        description: 'systemd unified kernel images',
      }),
      feedTalk({
        id: 'tpm',
        title: 'Measured boot with TPM2 and systemd',
        conference: '39c3',
        speakers: ['Lena'],
        description: 'systemd unified kernel images measured boot',
      }),
      feedTalk({
        id: 'maps',
        title: 'Vector tiles for OpenStreetMap',
        conference: 'sotm2025',
        speakers: ['Aiko'],
        description: 'maps',
      }),
    ],
    { feedUrl: 'f', now: 1, validators: { etag: '', lastModified: '', bodyHash: '1' } },
  );
  await related.applyMerge(merge.changedIds, merge.archiveVersion);
});
afterEach(() => db.delete());

const published: SessionQuery = {
  site: 'pretalx',
  title: 'Unified kernel images in practice',
  speakers: ['Lena'],
  scheduleUrl: 'https://cfp.all-systems-go.io/asg-2025/talk/8AA87L/',
  code: '8AA87L',
};
const unpublished: SessionQuery = {
  site: 'pretalx',
  title: 'systemd and kernel images, the sequel',
  speakers: ['Lena'],
  scheduleUrl: 'https://cfp.all-systems-go.io/asg-2026/talk/ZZ99QQ/',
  code: 'ZZ99QQ',
  event: 'asg-2026',
};
const action = (
  session: SessionQuery,
  a: ScheduleActionRequest['action'],
  on: boolean,
  talkId?: string,
): ScheduleActionRequest => ({
  type: 'schedule-action',
  session,
  onlyIfKnownUrl: false,
  action: a,
  on,
  ...(talkId ? { talkId } : {}),
});
const deps = () => ({ db, related });

describe('schedule box actions', () => {
  it('puts the recording on Watch later and marks it watched; the answer carries the marks', async () => {
    const later = await runScheduleAction(deps(), action(published, 'watch-later', true, 'uki'));
    expect(later?.mine.watchLater).toEqual(['uki']);
    const watched = await runScheduleAction(deps(), action(published, 'watched', true, 'uki'));
    expect(watched?.mine).toMatchObject({ watchLater: ['uki'], watched: ['uki'] });
    expect(
      (await lookupWithMarks(deps(), { type: 'schedule-lookup', session: published, onlyIfKnownUrl: false }))?.mine
        .watched,
    ).toEqual(['uki']);
  });

  it('acts on a related talk the box shows', async () => {
    const result = await runScheduleAction(deps(), action(published, 'watch-later', true, 'tpm'));
    expect(result?.related.map((t) => t.id)).toContain('tpm');
    expect(result?.mine.watchLater).toEqual(['tpm']);
  });

  it('refuses a talk the box does not show: a page cannot fill the lists with arbitrary talks', async () => {
    expect(await runScheduleAction(deps(), action(published, 'watch-later', true, 'maps'))).toBeNull();
    expect(liveKeys((await loadPersonal()).watchLater).size).toBe(0);
  });

  it('offers no waiting before media.ccc.de’s archive was asked about the page', async () => {
    expect(await runScheduleAction(deps(), action(unpublished, 'notify-me', true))).toBeNull();
    expect((await loadPersonal()).waiting).toEqual({});
  });

  it('offers no waiting for an older talk media.ccc.de has no recording of', async () => {
    await db.meta.put(
      pageCheckRecord(unpublished.scheduleUrl, { checkedAt: Date.now(), outcome: 'not-found', recent: false }),
    );
    const result = await lookupWithMarks(deps(), {
      type: 'schedule-lookup',
      session: unpublished,
      onlyIfKnownUrl: false,
    });
    expect(result?.missing).toBe('none');
    expect(await runScheduleAction(deps(), action(unpublished, 'notify-me', true))).toBeNull();
  });

  it('waits for an unpublished talk, and stops on request', async () => {
    await db.meta.put(
      pageCheckRecord(unpublished.scheduleUrl, { checkedAt: Date.now(), outcome: 'not-found', recent: true }),
    );
    const waiting = await runScheduleAction(deps(), action(unpublished, 'notify-me', true));
    expect(waiting?.mine.waiting).toBe(true);
    expect((await loadPersonal()).waiting[unpublished.scheduleUrl]?.v?.query).toMatchObject({
      code: 'ZZ99QQ',
      title: unpublished.title,
    });
    const stopped = await runScheduleAction(deps(), action(unpublished, 'notify-me', false));
    expect(stopped?.mine.waiting).toBe(false);
  });

  it('does not wait for a talk whose recording is already there', async () => {
    expect(await runScheduleAction(deps(), action(published, 'notify-me', true))).toBeNull();
    expect((await loadPersonal()).waiting).toEqual({});
  });

  it('marks an opened recording watched only when the user chose so', async () => {
    expect((await runScheduleAction(deps(), action(published, 'opened', true, 'uki')))?.mine.watched).toEqual([]);
    await saveSettings({ markWatchedOnOpen: true });
    expect((await runScheduleAction(deps(), action(published, 'opened', true, 'uki')))?.mine.watched).toEqual(['uki']);
  });

  it('marks a talk the box’s player saw to about 90 % watched, unless the user turned that off', async () => {
    await saveSettings({ markWatchedWhenPlayed: false });
    expect((await runScheduleAction(deps(), action(published, 'played', true, 'uki')))?.mine.watched).toEqual([]);
    await saveSettings({ markWatchedWhenPlayed: true });
    expect((await runScheduleAction(deps(), action(published, 'played', true, 'uki')))?.mine.watched).toEqual(['uki']);
    // Only for a talk the box shows.
    expect(await runScheduleAction(deps(), action(published, 'played', true, 'maps'))).toBeNull();
  });

  it('tells the box only about the talks it shows', async () => {
    await runScheduleAction(deps(), action(published, 'watch-later', true, 'uki'));
    await updatePersonal((draft, now) => setStamped(draft.watchLater, 'not-on-this-page', 1, now));
    const result = await lookupWithMarks(deps(), {
      type: 'schedule-lookup',
      session: published,
      onlyIfKnownUrl: false,
    });
    expect(result?.mine.watchLater).toEqual(['uki']);
  });
});

describe('full lists', () => {
  it('refuses adding to a full Watch later list from the box and changes nothing', async () => {
    await updatePersonal((draft, now) => {
      for (let i = 0; i < LIST_CAP; i++) draft.watchLater[`t${i}`] = { v: 1, t: now };
      return true;
    });
    expect(await runScheduleAction(deps(), action(published, 'watch-later', true, 'uki'))).toBeNull();
    const state = await loadPersonal();
    expect(liveKeys(state.watchLater).has('uki')).toBe(false);
    expect(liveKeys(state.watchLater).size).toBe(LIST_CAP);
    // Marking watched is another list: it still works.
    expect((await runScheduleAction(deps(), action(published, 'watched', true, 'uki')))?.mine.watched).toEqual(['uki']);
  });
});

describe('links off media.ccc.de', () => {
  it('shows no related talk whose link is on another host', async () => {
    const merge = await mergeFeedIntoArchive(
      db,
      [
        feedTalk({
          id: 'offsite',
          title: 'Unified kernel images, the phishing edition',
          speakers: ['Lena'],
          url: 'https://evil.example/v/uki',
          description: 'systemd unified kernel images measured boot',
        }),
      ],
      { feedUrl: 'f', now: 2, validators: { etag: '', lastModified: '', bodyHash: '2' } },
    );
    await related.applyMerge(merge.changedIds, merge.archiveVersion);
    const result = await lookupWithMarks(deps(), {
      type: 'schedule-lookup',
      session: published,
      onlyIfKnownUrl: false,
    });
    expect(result?.related.map((talk) => talk.id)).not.toContain('offsite');
    expect(result?.related.every((talk) => talk.url.startsWith('https://media.ccc.de/'))).toBe(true);
  });

  it('shows a talk linking to the host of the custom feed it came from', async () => {
    const merge = await mergeFeedIntoArchive(
      db,
      [
        feedTalk({
          id: 'own-host',
          title: 'Unified kernel images at home',
          speakers: ['Lena'],
          url: 'https://feeds.example.org/v/uki',
          description: 'systemd unified kernel images measured boot',
        }),
      ],
      {
        feedUrl: 'https://feeds.example.org/feed.xml',
        now: 2,
        validators: { etag: '', lastModified: '', bodyHash: '2' },
      },
    );
    await related.applyMerge(merge.changedIds, merge.archiveVersion);
    const result = await lookupWithMarks(deps(), {
      type: 'schedule-lookup',
      session: published,
      onlyIfKnownUrl: false,
    });
    expect(result?.related.find((talk) => talk.id === 'own-host')?.url).toBe('https://feeds.example.org/v/uki');
  });
});
