import { describe, expect, it } from 'vitest';
import { isOwnExtensionPage, parseBackgroundRequest } from '@/lib/messages';

describe('background messages', () => {
  it('accepts only known, well-formed requests', () => {
    expect(parseBackgroundRequest({ type: 'sync-now' })).toEqual({ type: 'sync-now' });
    expect(parseBackgroundRequest({ type: 'hello', extra: 1 })).toEqual({ type: 'hello' });
    expect(parseBackgroundRequest({ type: 'talks-seen', ids: ['a'] })).toEqual({ type: 'talks-seen', ids: ['a'] });
    expect(parseBackgroundRequest({ type: 'talks-seen', ids: [1] })).toBeNull();
    expect(parseBackgroundRequest({ type: 'talks-seen', ids: Array(6000).fill('x') })).toBeNull();
    expect(parseBackgroundRequest({ type: 'drop-database' })).toBeNull();
    expect(parseBackgroundRequest('sync-now')).toBeNull();
  });
  it('trusts only this extension’s own pages', () => {
    const origin = 'chrome-extension://abc/';
    expect(isOwnExtensionPage({ id: 'abc', url: 'chrome-extension://abc/popup.html' }, 'abc', origin)).toBe(true);
    expect(
      isOwnExtensionPage({ id: 'abc', url: 'https://evil.example/', tab: { id: 1 } as never }, 'abc', origin),
    ).toBe(false);
    expect(isOwnExtensionPage({ id: 'other', url: 'chrome-extension://other/popup.html' }, 'abc', origin)).toBe(false);
  });
});
