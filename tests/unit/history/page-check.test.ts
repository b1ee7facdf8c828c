import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type AftertalkDb } from '@/lib/archive/db';
import type { SessionQuery } from '@/lib/enrich/lookup-types';
import { isFresh, missingRecording, pageCheckRecord, readPageCheck } from '@/lib/history/page-check';
import { uniqueDbName } from '../../support/talks';

const NOW = Date.UTC(2026, 11, 6);
const DAY = 24 * 60 * 60 * 1000;
const session = (overrides: Partial<SessionQuery> = {}): SessionQuery => ({
  site: 'pretalx',
  title: 'A talk',
  speakers: ['Ada'],
  scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/ABCDEF/',
  event: 'all-systems-go-2023',
  ...overrides,
});

let db: AftertalkDb;
beforeEach(() => {
  db = openDb(uniqueDbName());
});
afterEach(async () => {
  await db.delete();
});

describe('what the box may say without a recording', () => {
  it('asks media.ccc.de’s archive first, when the lookup is on and the page was not asked about', async () => {
    expect(await missingRecording(db, session(), { lookUpOlder: true, now: NOW })).toBe('checking');
  });

  it('answers from what the archive said, for a week', async () => {
    await db.meta.put(
      pageCheckRecord(session().scheduleUrl, { checkedAt: NOW - DAY, outcome: 'not-found', recent: false }),
    );
    expect(await missingRecording(db, session(), { lookUpOlder: true, now: NOW })).toBe('none');
    expect(await missingRecording(db, session(), { lookUpOlder: true, now: NOW + 7 * DAY })).toBe('checking');
    await db.meta.put(pageCheckRecord(session().scheduleUrl, { checkedAt: NOW, outcome: 'not-found', recent: true }));
    expect(await missingRecording(db, session(), { lookUpOlder: true, now: NOW })).toBe('not-yet');
  });

  it('says it could not ask for a few minutes after the archive was unreachable', async () => {
    await db.meta.put(
      pageCheckRecord(session().scheduleUrl, { checkedAt: NOW, outcome: 'unreachable', recent: false }),
    );
    expect(await missingRecording(db, session(), { lookUpOlder: true, now: NOW + 60_000 })).toBe('unknown');
    expect(await missingRecording(db, session(), { lookUpOlder: true, now: NOW + 11 * 60_000 })).toBe('checking');
  });

  it('never asks for FOSDEM, whose recordings are elsewhere: the year decides', async () => {
    const fosdem = (year: number) =>
      session({ site: 'fosdem', scheduleUrl: `https://fosdem.org/${year}/schedule/event/x/`, event: `fosdem-${year}` });
    expect(await missingRecording(db, fosdem(2023), { lookUpOlder: true, now: NOW })).toBe('none');
    expect(await missingRecording(db, fosdem(2027), { lookUpOlder: true, now: NOW })).toBe('not-yet');
  });

  it('with the lookup off, promises only for recent pages and otherwise says only what the archive knows', async () => {
    expect(await missingRecording(db, session(), { lookUpOlder: false, now: NOW })).toBe('unknown');
    const upcoming = session({ scheduleUrl: 'https://pretalx.com/democon-2027/talk/ABCDEF/', event: 'democon-2027' });
    expect(await missingRecording(db, upcoming, { lookUpOlder: false, now: NOW })).toBe('not-yet');
  });

  it('ignores a stored check of another shape, and one from the future', async () => {
    await db.meta.put({
      key: pageCheckRecord(session().scheduleUrl, { checkedAt: 0, outcome: 'found', recent: true }).key,
      value: { outcome: 'nope' },
    });
    expect(await readPageCheck(db, session().scheduleUrl)).toBeNull();
    expect(isFresh({ checkedAt: NOW + DAY, outcome: 'found', recent: true }, NOW)).toBe(false);
  });
});
