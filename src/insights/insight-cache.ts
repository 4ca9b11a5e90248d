import type { RecordStore } from '../store/record-store.ts';

/**
 * Caches derived results per store, keyed on `store.dataVersion()`: a result computed
 * from the data as it was stays valid until the next commit (an import, a correction, a
 * categorisation), then every entry is dropped at once. Concurrent callers of the same key
 * share one computation; a failed computation is not kept.
 * Example: `cachedByVersion(store, 'budget:2025-03', () => computeBudget(store, …))`.
 */
const caches = new WeakMap<RecordStore, { version: string; values: Map<string, Promise<unknown>> }>();
const MAX_ENTRIES = 256;

export async function cachedByVersion<T>(store: RecordStore, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await store.dataVersion();
  let cache = caches.get(store);
  if (!cache || cache.version !== version) {
    cache = { version, values: new Map() };
    caches.set(store, cache);
  }
  const hit = cache.values.get(key);
  if (hit) return hit as Promise<T>;
  if (cache.values.size >= MAX_ENTRIES) cache.values.clear();
  const values = cache.values;
  const p = compute();
  values.set(key, p);
  p.catch(() => values.delete(key));
  return p;
}
