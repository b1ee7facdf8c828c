import { describe, expect, it } from 'vitest';
import { isBuiltInFeed, isKnownSetting, isValidSetting } from '@/lib/personal/settings-schema';

describe('settings schema', () => {
  it('knows built-in feeds by own keys only', () => {
    expect(['hq', 'lq', 'audio'].every(isBuiltInFeed)).toBe(true);
    expect(['constructor', 'toString', '__proto__', 'custom', 7].some(isBuiltInFeed)).toBe(false);
  });

  it('knows only the settings fields, never prototype names', () => {
    expect(isKnownSetting('pollMinutes')).toBe(true);
    expect(isKnownSetting('intervalMinutes')).toBe(true);
    for (const key of ['junk', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(isKnownSetting(key)).toBe(false);
      expect(isValidSetting(key, 'x')).toBe(false);
    }
  });

  it.each([
    ['feed', 'custom', true],
    ['feed', 'constructor', false],
    ['customFeedUrl', 'https://example.org/feed.xml', true],
    ['customFeedUrl', 'x'.repeat(2049), false],
    ['pollMinutes', 60, true],
    ['pollMinutes', Infinity, false],
    ['pollMinutes', '60', false],
    ['notifications', false, true],
    ['notifications', 'false', false],
    ['notifyScope', 'followed', true],
    ['notifyScope', 'everyone', false],
    ['quietUntil', 8.64e15, true],
    ['quietUntil', -1, false],
    ['languages', ['deu', 'en'], true],
    ['languages', Array(21).fill('deu'), false],
    ['languages', ['x'.repeat(2000)], false],
    ['lookUpOlder', true, true],
  ])('%s = %j is %s', (key, value, valid) => {
    expect(isValidSetting(key, value)).toBe(valid);
  });
});
