import { browser } from 'wxt/browser';

/**
 * Calls back whenever any extension context changes one key of `storage.local`.
 * Returns an unsubscribe function (for component clean-up).
 */
export function onLocalKeyChanged(key: string, callback: (newValue: unknown, oldValue: unknown) => void): () => void {
  const listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => {
    const change = changes[key];
    if (area === 'local' && change) callback(change.newValue, change.oldValue);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
