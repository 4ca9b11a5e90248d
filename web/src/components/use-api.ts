import { useCallback, useEffect, useRef, useState } from 'react';

export type Loadable<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

/**
 * Loads data when the keys change; `reload()` loads again, showing the current data until
 * the new arrives. A response that arrives after a newer request was made is dropped.
 * Example: const stats = useApi(() => call('vault.stats', {}), [])
 */
export function useApi<T>(load: () => Promise<T>, keys: readonly unknown[]): Loadable<T> & { reload: () => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyText = JSON.stringify(keys);
  const lastKeyText = useRef<string | null>(null);
  useEffect(() => {
    const n = ++latest.current;
    if (lastKeyText.current !== keyText) setState({ status: 'loading' });
    lastKeyText.current = keyText;
    loadRef.current().then(
      (data) => n === latest.current && setState({ status: 'ready', data }),
      (error: unknown) => n === latest.current && setState({ status: 'error', error }),
    );
  }, [keyText, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
