import { describe, expect, it } from 'vitest';
import {
  audienceOf,
  followedFirst,
  inWantedLanguage,
  wantsAttention,
  wantsNotification,
} from '@/lib/personal/audience';
import { emptyPersonalState, setStamped } from '@/lib/personal/state';

function audience(
  marks: Record<string, 'follow' | 'mute'>,
  languages: string[] = [],
  notifyScope: 'all' | 'followed' = 'all',
) {
  const state = emptyPersonalState();
  for (const [conference, mark] of Object.entries(marks)) setStamped(state.conferences, conference, mark, 1);
  return audienceOf(state, { languages, notifyScope });
}

const talk = (conference: string, language = 'eng') => ({ conference, language });

describe('who a new talk is for', () => {
  it('counts and notifies every talk when nothing is followed, muted or filtered', () => {
    const a = audience({});
    expect(wantsAttention(talk('39c3'), a)).toBe(true);
    expect(wantsNotification(talk('39c3'), a)).toBe(true);
  });
  it('never counts or notifies a muted conference', () => {
    const a = audience({ froscon2025: 'mute' });
    expect(wantsAttention(talk('froscon2025'), a)).toBe(false);
    expect(wantsNotification(talk('froscon2025'), a)).toBe(false);
    expect(wantsAttention(talk('39c3'), a)).toBe(true);
  });
  it('notifies only followed conferences in the "followed" scope, but still counts the others', () => {
    const a = audience({ asg2025: 'follow' }, [], 'followed');
    expect(wantsNotification(talk('asg2025'), a)).toBe(true);
    expect(wantsNotification(talk('39c3'), a)).toBe(false);
    expect(wantsAttention(talk('39c3'), a)).toBe(true);
  });
  it('filters by the language tag, keeping bilingual talks and talks of unknown language', () => {
    const german = audience({}, ['deu']);
    expect(inWantedLanguage(talk('x', 'deu'), german)).toBe(true);
    expect(inWantedLanguage(talk('x', 'eng'), german)).toBe(false);
    expect(inWantedLanguage(talk('x', 'deu-eng'), german)).toBe(true);
    expect(inWantedLanguage(talk('x', ''), german)).toBe(true);
    expect(wantsNotification(talk('39c3', 'eng'), german)).toBe(false);
  });
  it('a removed mark is neither followed nor muted', () => {
    const state = emptyPersonalState();
    setStamped(state.conferences, '39c3', 'mute', 1);
    setStamped(state.conferences, '39c3', null, 2);
    expect(wantsAttention(talk('39c3'), audienceOf(state, { languages: [], notifyScope: 'all' }))).toBe(true);
  });
  it('lists followed conferences first and keeps the rest in order', () => {
    const groups = [{ conference: 'a' }, { conference: 'b' }, { conference: 'c' }, { conference: 'd' }];
    expect(followedFirst(groups, audience({ c: 'follow', d: 'follow' })).map((g) => g.conference)).toEqual([
      'c',
      'd',
      'a',
      'b',
    ]);
  });
});
