import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * Preact binding for Dexie's liveQuery: re-renders when the queried tables change, in this or
 * any other extension context. `undefined` until the first result arrives.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error: unknown) => console.error('Aftertalk query failed', error),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
