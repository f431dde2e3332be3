import type { GraphStore } from '../store/port';

/**
 * Values by key that change only when the store is written (graph rows by id: identities,
 * entitlements, accounts...), shared by every request until the store's write generation moves
 * (an ingest, a rule change). Values are the same for every caller: what a caller may see is
 * decided afterwards, per field, by `@Authorized`, as it is for rows read from the store.
 * A store without `writeGeneration` (other processes may write it) gets no cache: every key is loaded.
 */
export class GenerationCache<V> {
  private generation = -1;
  private readonly values = new Map<string, V>();

  constructor(
    private readonly store: GraphStore,
    /** Past this many keys the oldest are dropped (insertion order), so memory stays bounded at any graph size. */
    private readonly maxKeys: number,
  ) {}

  get size(): number {
    return this.values.size;
  }

  /** The values for `keys`, in order (DataLoader's batch contract); `load` is asked only for the missing ones. */
  async getMany(keys: readonly string[], load: (missing: readonly string[]) => Promise<V[]>): Promise<V[]> {
    const generation = this.store.writeGeneration?.();
    if (generation === undefined) return load(keys);
    if (generation !== this.generation) {
      this.values.clear();
      this.generation = generation;
    }
    // Hits are taken before any await: another request may clear the map meanwhile.
    const found = new Map<string, V>();
    const missing = new Set<string>();
    for (const k of keys) {
      if (this.values.has(k)) found.set(k, this.values.get(k)!);
      else missing.add(k);
    }
    if (missing.size) {
      const asked = [...missing];
      const loaded = await load(asked);
      // A write that committed during the load may or may not be in what it read: serve it, keep nothing.
      const keep = this.store.writeGeneration?.() === generation && this.generation === generation;
      asked.forEach((k, i) => {
        found.set(k, loaded[i]);
        if (keep) this.remember(k, loaded[i]);
      });
    }
    return keys.map((k) => found.get(k)!);
  }

  private remember(key: string, value: V): void {
    this.values.set(key, value);
    if (this.values.size > this.maxKeys) this.values.delete(this.values.keys().next().value!);
  }
}
