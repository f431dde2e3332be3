import type { GraphStore } from './port';

/**
 * Per-store caches of whole-graph answers (the risk evaluation, the peer model, the SoD evaluation).
 * Each is keyed by graph version, so an ingest makes it useless, yet it stays reachable until the
 * next request replaces it: at L the three hold gigabytes, which an ingest would carry beside its
 * own records and both databases. `releaseGraphCaches` lets them go when an ingest starts.
 */
const registered: Array<WeakMap<GraphStore, unknown>> = [];

export function graphCache<V>(): WeakMap<GraphStore, V> {
  const cache = new WeakMap<GraphStore, V>();
  registered.push(cache);
  return cache;
}

export function releaseGraphCaches(store: GraphStore): void {
  for (const cache of registered) cache.delete(store);
}

/** How many of the registered caches hold an answer for this store (for tests and diagnostics). */
export function heldGraphCaches(store: GraphStore): number {
  return registered.filter((cache) => cache.has(store)).length;
}
