import type { GraphStore, QueryRunner } from '../store/port';

/** How one catalog table is read whole: its size first, then every row. */
export interface TableReader<V> {
  count(db: QueryRunner): Promise<number>;
  all(db: QueryRunner): Promise<V[]>;
}

/**
 * A catalog table (groups, entitlements, systems) read whole, once per write generation, when it
 * holds at most `maxRows` rows. A page of paths names dozens of groups a request, most of them new
 * to a cold cache: read by id, that was one key lookup each (about 0.4 ms at L, 20k groups), where
 * the whole table is one read of about 40 ms for every later request. A table past the bound, a
 * store without write generations (another process may write it), or a failed read gives null, and
 * the caller reads by id as before.
 */
export class WholeTable<V extends { id: string }> {
  private generation = -1;
  private rows: Promise<Map<string, V> | null> | null = null;

  constructor(
    private readonly store: GraphStore,
    private readonly reader: TableReader<V>,
    private readonly maxRows: number,
  ) {}

  /** The table by id at the store's current write generation, or null (see the class comment). */
  get(): Promise<Map<string, V> | null> {
    const generation = this.store.writeGeneration?.();
    if (generation === undefined) return Promise.resolve(null);
    if (generation !== this.generation || !this.rows) {
      this.generation = generation;
      this.rows = this.load(generation);
    }
    return this.rows;
  }

  private async load(generation: number): Promise<Map<string, V> | null> {
    try {
      const rows = await this.store.read(async (tx) => ((await this.reader.count(tx)) > this.maxRows ? null : this.reader.all(tx)));
      // A write that committed during the read may or may not be in it: serve nothing from it.
      if (!rows || this.store.writeGeneration?.() !== generation) return null;
      return new Map(rows.map((r) => [r.id, r]));
    } catch {
      return null;
    }
  }
}
