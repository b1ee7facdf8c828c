/**
 * Properties of `findRecording` (lib/match/find-recording.ts) on small generated archives in
 * fake-indexeddb and on every session the content-script gate (`parseMessage` in lib/messages.ts)
 * lets through: it never throws, every answer is explained by the key it names, the keys are
 * tried most reliable first, and the weak keys (codes shared by two pretalx instances, titles)
 * never claim more than they can know.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeFeedIntoArchive } from '@/lib/archive/merge';
import { type AftertalkDb, openDb } from '@/lib/archive/db';
import { type FoundRecording, findRecording } from '@/lib/match/find-recording';
import { normaliseScheduleUrl } from '@/lib/match/normalise-url';
import { eventMatchesConference, joinableTitleKey, personKey } from '@/lib/match/talk-keys';
import { parseMessage } from '@/lib/messages';
import type { SessionQuery } from '@/lib/enrich/lookup-types';
import type { StoredTalk, TalkFeedData } from '@/lib/archive/talk';
import { feedTalk, uniqueDbName } from '../../support/talks';

const RUNS = { numRuns: 80 };

/** Pretalx events and the conference acronym media.ccc.de gives them. */
const EVENTS: [event: string, conference: string][] = [
  ['democon-2026', 'democon2026'],
  ['all-systems-go-2025', 'asg2025'],
  ['38c3', '38c3'],
  ['fosdem-2025', 'fosdem2025'],
  ['jev22', 'jev22'],
];
const HOSTS = ['pretalx.com', 'cfp.all-systems-go.io', 'fahrplan.events.ccc.de', 'fosdem.org'];
/** Few codes, so that two instances share one. */
const CODES = ['QK3PXA', 'HQCCYH', '8AA87L', 'ABCDEF'];
const TITLES = [
  'Unified kernel images in practice',
  'Measured boot with TPM2 and systemd',
  'Vector tiles for OpenStreetMap',
  'Opening',
  'Lightning talks',
  'Q&A',
  'Closing event',
  'Welcome to day 2',
];
const SPEAKERS = ['Lena Hoffmann', 'Hoffmann, Lena', 'Aiko Tanaka', 'Sam Okafor', 'Jürgen Beispiel'];

const talkSpec = fc.record({
  title: fc.constantFrom(...TITLES),
  conference: fc.constantFrom(...EVENTS.map(([, c]) => c), ''),
  schedule: fc.oneof(
    fc.constant(null),
    fc.record({
      host: fc.constantFrom(...HOSTS),
      event: fc.constantFrom(...EVENTS.map(([e]) => e)),
      code: fc.constantFrom(...CODES),
    }),
    fc.record({
      host: fc.constantFrom(...HOSTS),
      event: fc.constantFrom(...EVENTS.map(([e]) => e)),
      id: fc.integer({ min: 1, max: 4 }),
    }),
  ),
  firstTag: fc.oneof(fc.constantFrom(...CODES), fc.integer({ min: 1, max: 4 }).map(String), fc.constant('systemd')),
  speakers: fc.subarray(SPEAKERS, { maxLength: 2 }),
});

type TalkSpec = typeof talkSpec extends fc.Arbitrary<infer T> ? T : never;

function toFeedTalk(spec: TalkSpec, index: number): TalkFeedData {
  const s = spec.schedule;
  const scheduleUrl = !s
    ? ''
    : 'code' in s
      ? `https://${s.host}/${s.event}/talk/${s.code}/`
      : `https://${s.host}/${s.event}/schedule/event/${s.id}/`;
  return feedTalk({
    id: `guid-${index}`,
    title: spec.title,
    conference: spec.conference,
    scheduleUrl,
    tags: [spec.firstTag, spec.conference].filter(Boolean),
    speakers: spec.speakers,
  });
}

const archive = fc.array(talkSpec, { minLength: 1, maxLength: 8 }).map((specs) => specs.map(toFeedTalk));

/** Page URLs: the talks' own, other pretalx pages, and anything URL-shaped. */
const pageUrl = fc.oneof(
  fc
    .record({
      host: fc.constantFrom(...HOSTS),
      event: fc.constantFrom(...EVENTS.map(([e]) => e)),
      code: fc.constantFrom(...CODES),
    })
    .map((p) => `https://${p.host}/${p.event}/talk/${p.code}/`),
  fc
    .record({
      host: fc.constantFrom(...HOSTS),
      event: fc.constantFrom(...EVENTS.map(([e]) => e)),
      id: fc.integer({ min: 1, max: 4 }),
    })
    .map((p) => `https://${p.host}/${p.event}/schedule/event/${p.id}/`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);

const hostile = fc.string({ unit: 'binary', maxLength: 30 });

/** A raw message session: mostly plausible, sometimes hostile; the gate decides what counts. */
/** Mostly `value`, sometimes absent, sometimes hostile (the gate then refuses the session). */
function field<T>(value: fc.Arbitrary<T>, absent = 1): fc.Arbitrary<T | string | undefined> {
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: absent },
    { arbitrary: value, weight: 3 },
    { arbitrary: hostile, weight: 1 },
  );
}

/** A raw message session: mostly plausible, sometimes hostile; the gate decides what counts. */
const rawSession = fc.record({
  site: fc.constantFrom('pretalx', 'fosdem', 'ccc-hub', 'linked-page'),
  title: fc.oneof(
    fc.constantFrom(...TITLES),
    fc.constantFrom(...TITLES).map((t) => t.toUpperCase() + '!'),
    hostile,
  ),
  scheduleUrl: pageUrl.map((u) => normaliseScheduleUrl(u) ?? u),
  speakers: fc.array(fc.oneof(fc.constantFrom(...SPEAKERS), hostile), { maxLength: 3 }),
  code: field(fc.oneof(fc.constantFrom(...CODES), fc.stringMatching(/^[A-Z0-9]{4,16}$/))),
  event: field(fc.constantFrom(...EVENTS.flat())),
  // Rarely a GUID: it wins over every other key, so the others would hardly get tried.
  guid: field(
    fc.oneof(
      fc.integer({ min: 0, max: 9 }).map((i) => `guid-${i}`),
      fc.integer({ min: 0, max: 9 }).map((i) => `GUID-${i}`),
    ),
    12,
  ),
  scheduleId: field(fc.oneof(fc.integer({ min: 0, max: 5 }).map(String), fc.constant('003'))),
  abstract: field(hostile),
});

const session: fc.Arbitrary<SessionQuery> = rawSession
  .map(
    (raw) =>
      (
        parseMessage({ type: 'schedule-lookup', onlyIfKnownUrl: false, session: raw }) as {
          session?: SessionQuery;
        } | null
      )?.session ?? null,
  )
  .filter((s): s is SessionQuery => s !== null);

function hostOf(url: string): string {
  return url ? new URL(url).host : '';
}

/** On the page's schedule host or of the page's event. */
function isLocal(talk: StoredTalk, q: SessionQuery): boolean {
  return (
    (!!talk.scheduleKey && hostOf(talk.scheduleKey) === hostOf(q.scheduleUrl)) ||
    (!!q.event && eventMatchesConference(q.event, talk.conference))
  );
}

/** Every claim the answer makes, checked against the whole archive. */
function checkAnswer(found: FoundRecording | null, q: SessionQuery, talks: StoredTalk[]): void {
  const byGuid = q.guid ? talks.find((t) => t.id === q.guid || t.id === q.guid?.toLowerCase()) : undefined;
  const byUrl = talks.filter((t) => t.scheduleKey === q.scheduleUrl);
  // Most reliable first: a GUID or URL hit always wins.
  if (byGuid) expect(found?.by).toBe('guid');
  else if (byUrl.length) expect(found?.by).toBe('url');
  if (!found) return;

  const { talk, by, confidence } = found;
  expect(talks.map((t) => t.id)).toContain(talk.id);
  // Only a title without a confirming speaker is a guess, and a guess is always labelled one.
  expect(confidence).toBe(by === 'title' ? 'possible' : 'sure');
  const pageTitleKey = joinableTitleKey(q.title);

  switch (by) {
    case 'guid':
      expect(talk.id.toLowerCase()).toBe(q.guid?.toLowerCase());
      break;
    case 'url':
      expect(talk.scheduleKey).toBe(q.scheduleUrl);
      break;
    case 'code': {
      expect(talk.code).toBe(q.code);
      const candidates = talks.filter((t) => t.code === q.code);
      // Never a talk on another schedule host and of another event while there is a choice...
      if (candidates.length > 1) expect(isLocal(talk, q)).toBe(true);
      // ...and even a single candidate is refused when it clearly belongs elsewhere.
      expect(!isLocal(talk, q) && !!talk.scheduleKey && !!q.event).toBe(false);
      break;
    }
    case 'schedule-id':
      expect(talk.scheduleId).toBe(q.scheduleId);
      expect(isLocal(talk, q)).toBe(true);
      break;
    case 'title-speakers':
    case 'title':
      // A generic page title ("Opening", "Q&A") never joins by title.
      expect(pageTitleKey).not.toBe('');
      expect(talk.titleKey).toBe(pageTitleKey);
      // A talk of another conference with the same title is another talk.
      if (q.event) expect(eventMatchesConference(q.event, talk.conference)).toBe(true);
      if (by === 'title-speakers') {
        const pageSpeakers = new Set(q.speakers.map(personKey));
        expect(talk.speakers.some((name) => pageSpeakers.has(personKey(name)))).toBe(true);
      }
      break;
  }
}

let db: AftertalkDb;
beforeAll(() => {
  db = openDb(uniqueDbName());
});
afterAll(async () => {
  await db.delete();
});

/** One database for all runs (opening one per run is most of the time); emptied before each. */
async function withArchive(
  items: TalkFeedData[],
  use: (talks: StoredTalk[], find: (q: SessionQuery) => Promise<FoundRecording | null>) => Promise<void>,
): Promise<void> {
  await db.transaction('rw', db.talks, db.feeds, db.meta, () =>
    Promise.all([db.talks.clear(), db.feeds.clear(), db.meta.clear()]),
  );
  await mergeFeedIntoArchive(db, items, {
    feedUrl: 'f',
    now: 1000,
    validators: { etag: '', lastModified: '', bodyHash: '' },
  });
  await use(await db.talks.toArray(), (q) => findRecording(db, q));
}

describe('findRecording properties', { timeout: 30_000 }, () => {
  it('never throws on sessions the gate admits, and every answer is explained by its key', async () => {
    await fc.assert(
      fc.asyncProperty(archive, fc.array(session, { minLength: 1, maxLength: 8 }), async (items, sessions) => {
        await withArchive(items, async (talks, find) => {
          for (const q of sessions) checkAnswer(await find(q), q, talks);
        });
      }),
      RUNS,
    );
  });

  it("a code shared by several instances only joins a talk on the page's host or of its event", async () => {
    const place = fc.record({
      host: fc.constantFrom(...HOSTS, 'cfp.example.org'),
      event: fc.constantFrom(...EVENTS.map(([e]) => e), 'otherconf-2024'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CODES),
        fc.array(
          fc.record({
            place: fc.option(place, { nil: null }),
            conference: fc.constantFrom(...EVENTS.map(([, c]) => c), 'other2024', ''),
          }),
          { minLength: 2, maxLength: 4 },
        ),
        place,
        fc.boolean(),
        async (code, specs, page, pageNamesEvent) => {
          const items = specs.map(({ place: p, conference }, i) =>
            feedTalk({
              id: `shared-${i}`,
              title: `Talk number ${i} about something`,
              conference,
              tags: [code],
              scheduleUrl: p ? `https://${p.host}/${p.event}/talk/${code}/` : '',
            }),
          );
          await withArchive(items, async (talks, find) => {
            // Another page of the same code: never its own URL, so the code has to decide.
            const q: SessionQuery = {
              site: 'pretalx',
              title: 'Untitled',
              speakers: [],
              code,
              scheduleUrl: `https://${page.host}/${page.event}/talk/${code}/feedback-of-sorts/`,
              ...(pageNamesEvent ? { event: page.event } : {}),
            };
            const found = await find(q);
            checkAnswer(found, q, talks);
            expect(found === null || found.by === 'code').toBe(true);
            if (found) expect(isLocal(found.talk, q)).toBe(true);
            // And when some candidate is local, one is found.
            if (talks.some((t) => t.code === code && isLocal(t, q))) expect(found?.by).toBe('code');
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("finds each talk from its own page, by a key at least as good as the talk's best", async () => {
    await fc.assert(
      fc.asyncProperty(archive, fc.nat(), async (items, pick) => {
        await withArchive(items, async (talks, find) => {
          const talk = talks[pick % talks.length]!;
          const q: SessionQuery = {
            site: 'pretalx',
            title: talk.title,
            speakers: talk.speakers,
            scheduleUrl: talk.scheduleKey || 'https://elsewhere.example/',
            guid: talk.id,
          };
          const found = await find(q);
          expect(found).toMatchObject({ by: 'guid', confidence: 'sure', talk: { id: talk.id } });
          const { guid: _guid, ...withoutGuid } = q;
          const byPage = await find(withoutGuid);
          checkAnswer(byPage, withoutGuid, talks);
          if (talk.scheduleKey) expect(byPage?.by).toBe('url');
        });
      }),
      { numRuns: 40 },
    );
  });

  it('a page with a generic title and no other key finds nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        archive,
        fc.constantFrom('Opening', 'Lightning talks', 'Q&A', 'Closing event', 'OPENING!!', 'q & a'),
        fc.constantFrom(...EVENTS.flat(), undefined),
        async (items, title, event) => {
          await withArchive(items, async (_talks, find) => {
            const q: SessionQuery = {
              site: 'pretalx',
              title,
              speakers: SPEAKERS,
              scheduleUrl: 'https://elsewhere.example/',
              ...(event ? { event } : {}),
            };
            expect(await find(q)).toBeNull();
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
