/**
 * The popup's first screen, remembered in the extension's localStorage so the next opening can
 * paint it synchronously while IndexedDB is still opening (the popup has to feel instant; the
 * live queries replace it a moment later). Only what a talk row shows is kept, never the
 * descriptions, so it stays a few tens of KB.
 */
import type { StoredTalk } from '../archive/talk';

export type TalkSummary = Pick<
  StoredTalk,
  'id' | 'title' | 'conference' | 'url' | 'thumbnail' | 'speakers' | 'durationSeconds' | 'date' | 'isNew'
>;

export interface SummaryGroup {
  conference: string;
  talks: TalkSummary[];
}

export interface FirstScreen {
  newGroups: SummaryGroup[];
  latest: TalkSummary[];
  total: number;
}

const KEY = 'aftertalk:first-screen:v1';

export function summarise(talk: TalkSummary): TalkSummary {
  const { id, title, conference, url, thumbnail, speakers, durationSeconds, date, isNew } = talk;
  return { id, title, conference, url, thumbnail, speakers, durationSeconds, date, isNew };
}

const isSummary = (t: unknown): t is TalkSummary => {
  const s = t as TalkSummary;
  return (
    !!s &&
    typeof s.id === 'string' &&
    typeof s.title === 'string' &&
    typeof s.conference === 'string' &&
    typeof s.url === 'string' &&
    typeof s.thumbnail === 'string' &&
    Array.isArray(s.speakers) &&
    typeof s.durationSeconds === 'number' &&
    typeof s.date === 'number' &&
    (s.isNew === 0 || s.isNew === 1)
  );
};

/** The remembered screen, or undefined when there is none or it does not have the expected shape. */
export function readFirstScreen(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): FirstScreen | undefined {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return undefined;
    const screen = JSON.parse(raw) as FirstScreen;
    const ok =
      typeof screen.total === 'number' &&
      Array.isArray(screen.latest) &&
      screen.latest.every(isSummary) &&
      Array.isArray(screen.newGroups) &&
      screen.newGroups.every(
        (g) => typeof g?.conference === 'string' && Array.isArray(g.talks) && g.talks.every(isSummary),
      );
    return ok ? screen : undefined;
  } catch {
    return undefined;
  }
}

export function writeFirstScreen(
  screen: FirstScreen,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  const slim: FirstScreen = {
    total: screen.total,
    latest: screen.latest.map(summarise),
    newGroups: screen.newGroups.map((g) => ({ conference: g.conference, talks: g.talks.map(summarise) })),
  };
  try {
    storage?.setItem(KEY, JSON.stringify(slim));
  } catch {
    // Quota or disabled storage: the popup just paints a little later next time.
  }
}
