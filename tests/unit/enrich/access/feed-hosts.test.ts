import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeFeedIntoArchive } from '@/lib/archive/merge';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import {
  archiveHasScheduleHost,
  candidateScheduleHosts,
  filterCandidateHosts,
  scheduleHostsInArchive,
} from '@/lib/enrich/access/feed-hosts';
import type { TalkFeedData } from '@/lib/archive/talk';
import { feedTalk, uniqueDbName } from '../../../support/talks';

let db: AftertalkDb;
const merge = (talks: TalkFeedData[]) =>
  mergeFeedIntoArchive(db, talks, {
    feedUrl: 'https://media.ccc.de/podcast-hq.xml',
    now: 1000,
    validators: { etag: '', lastModified: '', bodyHash: 'x' },
  });

beforeEach(() => {
  db = openDb(uniqueDbName());
});
afterEach(() => db.delete());

const talk = (scheduleUrl: string, conference: string) => feedTalk({ scheduleUrl, conference });

describe('scheduleHostsInArchive', () => {
  it('is empty for an empty archive and ignores talks without a schedule link', async () => {
    expect(await scheduleHostsInArchive(db)).toEqual([]);
    await merge([talk('', '39c3'), talk('', 'fosdem2025')]);
    expect(await scheduleHostsInArchive(db)).toEqual([]);
  });

  it('counts talks per host, most first, with the most frequent conferences (at most 3)', async () => {
    await merge([
      talk('https://pretalx.com/sotm2025/talk/AAA111/', 'sotm2025'),
      talk('https://pretalx.com/sotm2025/talk/AAA112/', 'sotm2025'),
      talk('https://pretalx.com/asg2025/talk/AAA113/', 'asg2025'),
      talk('https://pretalx.com/x/talk/AAA114/', 'glt25'),
      talk('https://pretalx.com/y/talk/AAA115/', 'mrmcd25'),
      talk('https://pretalx.com/y/talk/AAA116/', 'mrmcd25'),
      talk('https://cfp.example.org/ev/talk/BBB111/', 'ev25'),
      talk('http://cfp.example.org/ev/talk/BBB112/', 'ev25'),
      talk('https://cfp.example.org:8443/ev/talk/BBB113/', ''),
      talk('https://b.example.net/s/1', 'bx'),
      talk('https://a.example.net/s/1', 'ax'),
      talk('https://cfp.example.org.evil.net/x', 'evil'),
    ]);
    expect(await scheduleHostsInArchive(db)).toEqual([
      { host: 'pretalx.com', talks: 6, conferences: ['mrmcd25', 'sotm2025', 'asg2025'] },
      { host: 'cfp.example.org', talks: 3, conferences: ['ev25'] },
      { host: 'a.example.net', talks: 1, conferences: ['ax'] },
      { host: 'b.example.net', talks: 1, conferences: ['bx'] },
      { host: 'cfp.example.org.evil.net', talks: 1, conferences: ['evil'] },
    ]);
  });

  it('keeps links without a path and skips values that are not http(s) URLs', async () => {
    // The feed parser stores hrefs only (lib/http-url.ts); older or hand-made records may not.
    await merge([
      talk('https://q.example.org?x=1', 'q'),
      talk('https://q.example.org/', 'q'),
      talk('ftp://files.example.org/x', 'f'),
      talk('not a url', 'n'),
    ]);
    expect(await scheduleHostsInArchive(db)).toEqual([{ host: 'q.example.org', talks: 2, conferences: ['q'] }]);
  });

  it('works inside liveQuery (the options page uses it that way)', async () => {
    await merge([talk('https://cfp.example.org/ev/talk/BBB111/', 'ev25')]);
    const first = await new Promise((resolve, reject) => {
      const sub = liveQuery(() => scheduleHostsInArchive(db)).subscribe({
        next: (v) => (sub.unsubscribe(), resolve(v)),
        error: reject,
      });
    });
    expect(first).toEqual([{ host: 'cfp.example.org', talks: 1, conferences: ['ev25'] }]);
  });
});

describe('candidateScheduleHosts', () => {
  it('leaves out required, granted, media.ccc.de and c3voc.de hosts', async () => {
    await merge([
      talk('https://fosdem.org/2025/schedule/event/x/', 'fosdem2025'),
      talk('https://archive.fosdem.org/2020/schedule/event/x/', 'fosdem2020'),
      talk('https://2025.stateofthemap.org/sessions/ABCDEF/', 'sotm2025'),
      talk('https://media.ccc.de/v/x', '39c3'),
      talk('https://c3voc.de/', '39c3'),
      talk('https://cfp.granted.org/x/talk/AAA111/', 'g'),
      talk('https://cfp.open.org/x/talk/AAA111/', 'o'),
    ]);
    expect((await candidateScheduleHosts(db, ['CFP.granted.org'])).map((h) => h.host)).toEqual(['cfp.open.org']);
    expect(filterCandidateHosts([{ host: 'cfp.open.org', talks: 1, conferences: [] }], ['cfp.open.org'])).toEqual([]);
  });
});

describe('archiveHasScheduleHost', () => {
  it('finds a host by http or https link, with or without port, and nothing else', async () => {
    await merge([talk('http://cfp.example.org/ev/talk/BBB112/', 'ev'), talk('https://x.example.org:8443/a', 'x')]);
    expect(await archiveHasScheduleHost(db, 'cfp.example.org')).toBe(true);
    expect(await archiveHasScheduleHost(db, 'CFP.example.org.')).toBe(true);
    expect(await archiveHasScheduleHost(db, 'x.example.org')).toBe(true);
    expect(await archiveHasScheduleHost(db, 'example.org')).toBe(false);
    expect(await archiveHasScheduleHost(db, 'cfp.example.or')).toBe(false);
    expect(await archiveHasScheduleHost(db, '')).toBe(false);
  });
});
