import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import kuzu, { type KuzuValue } from 'kuzu';
import { WhohasError, errorMessage } from '../errors';
import type { GraphStore, QueryParams, QueryRunner, Row } from './port';
import { QueryCatalog, checkParams, type NamedQuery } from './query-catalog';
import { Mutex } from './mutex';
import { transposeRows } from './kuzu-columns';

type KuzuConnection = InstanceType<typeof kuzu.Connection>;
type KuzuPrepared = InstanceType<typeof kuzu.PreparedStatement>;

/** Kuzu cannot bind `undefined`; absent values are nulls in the graph. */
function bindable(params: QueryParams): Record<string, KuzuValue> {
  const out: Record<string, KuzuValue> = {};
  for (const [k, v] of Object.entries(params)) out[k] = (v === undefined ? null : v) as KuzuValue;
  return out;
}

type KuzuResult = InstanceType<typeof kuzu.QueryResult>;

function queryFailed(name: string, e: unknown): WhohasError {
  if (e instanceof WhohasError) return e;
  // A run is one transaction, so its size is bounded by the page cache: say which knob to turn.
  const hint = /buffer pool is full/i.test(errorMessage(e)) ? ' (the embedded store ran out of page cache for this transaction: raise WHOHAS_KUZU_BUFFER_MB)' : '';
  return new WhohasError('STORE_QUERY_FAILED', `Query '${name}' failed: ${errorMessage(e)}${hint}`, { query: name });
}

/** Rows read between two yields to the event loop, so a large result does not hold it for long. */
const ROWS_PER_TURN = 500;

/**
 * Reads the rows and closes every result: a QueryResult left open when the database closes
 * segfaults the process at exit (seen with kuzu 0.11.3). The result is already materialised when
 * `execute` resolves, so rows are read synchronously: the binding's `getAll` sends every row
 * through the libuv thread pool (one round trip per row, queued behind other queries), which was
 * the largest cost of a 50-row page under load.
 */
async function drain(result: KuzuResult | KuzuResult[]): Promise<Row[]> {
  const results = Array.isArray(result) ? result : [result];
  try {
    const last = results[results.length - 1];
    last.resetIterator();
    const rows: Row[] = [];
    while (last.hasNext()) {
      rows.push(last.getNextSync() as Row);
      if (rows.length % ROWS_PER_TURN === 0) await new Promise((r) => setImmediate(r));
    }
    return rows;
  } finally {
    for (const r of results) r.close();
  }
}

/**
 * One connection per role: Kuzu transactions belong to a connection, so the writer is serialised
 * behind a mutex while reads use their own connection and see the last committed snapshot.
 */
class KuzuSession implements QueryRunner {
  private readonly prepared = new Map<string, KuzuPrepared>();
  readonly lock = new Mutex();
  private closed = false;
  constructor(
    private readonly conn: KuzuConnection,
    private readonly catalog: QueryCatalog,
  ) {}

  async run(name: string, callerParams: QueryParams = {}): Promise<Row[]> {
    this.refuseWhenClosed();
    const q = this.catalog.get(name);
    const params = transposeRows(q, callerParams);
    checkParams(q, params);
    if (q.unwoundAndTested.length) {
      // Refuse instead of letting kuzu 0.11.3 segfault the process (see NamedQuery.unwoundAndTested).
      throw new WhohasError('STORE_QUERY_FAILED', `Query '${name}' both UNWINDs and tests IN $${q.unwoundAndTested[0]}; pass the list twice under two names`);
    }
    if (q.statements.length !== 1) {
      throw new WhohasError('STORE_QUERY_FAILED', `Query '${name}' has ${q.statements.length} statements; only schema files may hold several`);
    }
    try {
      return await drain(await this.conn.execute(await this.prepare(q), bindable(params)));
    } catch (e) {
      // A prepared statement keeps the parameter types of its first run; a later run whose values
      // bind to other types (an int list after a double list) needs a fresh one.
      if (!/Cannot change parameter expression data type/.test(errorMessage(e))) throw queryFailed(name, e);
      this.prepared.delete(q.name);
      try {
        return await drain(await this.conn.execute(await this.prepare(q), bindable(params)));
      } catch (again) {
        throw queryFailed(name, again);
      }
    }
  }

  async raw(statement: string): Promise<void> {
    this.refuseWhenClosed();
    await drain(await this.conn.query(statement));
  }

  private async prepare(q: NamedQuery): Promise<KuzuPrepared> {
    let stmt = this.prepared.get(q.name);
    if (!stmt) {
      stmt = await this.conn.prepare(q.statements[0]);
      if (!stmt.isSuccess()) {
        throw new WhohasError('STORE_QUERY_FAILED', `Query '${q.name}' does not compile: ${stmt.getErrorMessage()}`);
      }
      this.prepared.set(q.name, stmt);
    }
    return stmt;
  }

  async compileAll(): Promise<Array<{ name: string; error: string }>> {
    const problems: Array<{ name: string; error: string }> = [];
    for (const name of this.catalog.names()) {
      const q = this.catalog.get(name);
      if (q.statements.length !== 1) continue; // schema files run at init
      try {
        await this.prepare(q);
      } catch (e) {
        problems.push({ name, error: errorMessage(e) });
      }
    }
    return problems;
  }

  setQueryTimeout(ms: number): void {
    // The kuzu 0.11 binding refuses 0 ("no limit"); a limit of 24 days is none in practice.
    this.conn.setQueryTimeout(ms > 0 ? ms : 2 ** 31 - 1);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.conn.close();
  }

  /**
   * A query queued behind the store's close() (a request whose client has gone, still running its
   * resolvers during shutdown) gets a clear STORE_UNAVAILABLE, not the binding's "Connection is closed".
   */
  private refuseWhenClosed(): void {
    if (this.closed) throw new WhohasError('STORE_UNAVAILABLE', 'The store is closed (the server is shutting down)');
  }
}

export class KuzuStore implements GraphStore {
  readonly backend = 'kuzu' as const;
  private readonly catalog = new QueryCatalog('kuzu');
  private db!: InstanceType<typeof kuzu.Database>;
  private writer!: KuzuSession;
  /** Several read connections, so concurrent API requests do not queue behind one another. */
  private readers: KuzuSession[] = [];
  private closed = false;
  /** Set when a write failed on the disk (full, or an I/O error): see `write`. */
  private diskFault: string | null = null;
  /** See GraphStore.writeGeneration: bumped after every write unit, committed or not. */
  private generation = 0;

  constructor(
    private readonly path: string,
    private readonly opts: { bufferBytes?: number; readers?: number } = {},
  ) {}

  async init(): Promise<void> {
    // A second Database object on the same files loses committed writes when the first is
    // garbage-collected (seen with kuzu 0.11.3), so init opens once and only re-applies the schema.
    if (this.db) return this.applySchema();
    if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
    try {
      this.db = new kuzu.Database(this.path, this.opts.bufferBytes);
      await this.db.init();
    } catch (e) {
      const msg = errorMessage(e);
      if (/lock/i.test(msg)) {
        throw new WhohasError(
          'STORE_LOCKED',
          `The database at ${this.path} is open in another process (Kuzu allows one). ` +
            `If a whohas server runs on it, 'whohas ingest' sends the run to that server instead.`,
        );
      }
      throw new WhohasError('STORE_UNAVAILABLE', `Cannot open the Kuzu database at ${this.path}: ${msg}`);
    }
    this.writer = new KuzuSession(new kuzu.Connection(this.db), this.catalog);
    const readers = Math.max(1, this.opts.readers ?? 3);
    this.readers = Array.from({ length: readers }, () => new KuzuSession(new kuzu.Connection(this.db), this.catalog));
    await this.applySchema();
  }

  private applySchema(): Promise<void> {
    return this.writer.lock.runExclusive(async () => {
      for (const stmt of this.catalog.get('schema').statements) await this.writer.raw(stmt);
    });
  }

  run(name: string, params?: QueryParams): Promise<Row[]> {
    const reader = this.leastBusyReader();
    return reader.lock.runExclusive(() => reader.run(name, params));
  }

  read<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    const reader = this.leastBusyReader();
    return reader.lock.runExclusive(async () => {
      await reader.raw('BEGIN TRANSACTION READ ONLY');
      try {
        return await work(reader);
      } finally {
        await reader.raw('COMMIT').catch(() => undefined);
      }
    });
  }

  /**
   * After a write failed on the disk, kuzu 0.11.3 keeps serving reads but crashes the process
   * (SIGSEGV) on the next write and on closing the database (test/security/disk-full.test.ts). So
   * writes are refused from then on, /readyz reports it, and close() leaves the database to the
   * process exit. A restart recovers: the failed run was never applied.
   */
  unavailableReason(): string | null {
    return this.diskFault && `a write failed on the disk (${this.diskFault.slice(0, 200)}); reads still work, writes need a restart of whohas`;
  }

  write<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    return this.writer.lock.runExclusive(async () => {
      if (this.diskFault) throw new WhohasError('STORE_UNAVAILABLE', `The Kuzu store at ${this.path} cannot be written: ${this.unavailableReason()}`);
      await this.writer.raw('BEGIN TRANSACTION');
      let result: T;
      try {
        result = await work(this.writer);
      } catch (e) {
        this.noticeDiskFault(e);
        // A failed statement makes Kuzu roll the transaction back itself; ROLLBACK then has nothing to
        // do and must not mask the error that caused it.
        await this.writer.raw('ROLLBACK').catch(() => undefined);
        throw e;
      }
      // Kuzu's COMMIT may checkpoint, and a checkpoint waits for every open transaction to leave.
      // Under steady read traffic new reads kept arriving, the wait timed out, and the whole run
      // failed (about half the time in test/security/crash-safe-ingest.test.ts). So the commit holds
      // every reader: reads in flight finish first, new ones wait for it (seeing the new graph).
      // The generation moves while every reader is held: no read can see the new graph under the old one.
      await this.holdingReaders(() => this.writer.raw('COMMIT').finally(() => this.generation++)).catch((e: unknown) => {
        this.noticeDiskFault(e);
        throw e;
      });
      return result;
    });
  }

  writeGeneration(): number {
    return this.generation;
  }

  private noticeDiskFault(e: unknown): void {
    const msg = errorMessage(e);
    if (/IO exception|Cannot write to file|No space left/i.test(msg)) this.diskFault = msg;
  }

  private holdingReaders<T>(work: () => Promise<T>): Promise<T> {
    const hold = (i: number): Promise<T> => (i === this.readers.length ? work() : this.readers[i].lock.runExclusive(() => hold(i + 1)));
    return hold(0);
  }

  /** Compiles every named query against the live schema without running it: the catalog's self-check. */
  compileCatalog(): Promise<Array<{ name: string; error: string }>> {
    const reader = this.leastBusyReader();
    return reader.lock.runExclusive(() => reader.compileAll());
  }

  /**
   * Interrupts any later query that runs longer than `ms` (0: no limit) on every connection. For the
   * benchmark's naive baselines, which can run for minutes; a timed-out query fails with STORE_QUERY_FAILED.
   */
  setQueryTimeout(ms: number): void {
    for (const session of [this.writer, ...this.readers]) session.setQueryTimeout(ms);
  }

  private leastBusyReader(): KuzuSession {
    return this.readers.reduce((best, r) => (r.lock.pending < best.lock.pending ? r : best));
  }

  async close(): Promise<void> {
    if (!this.writer || this.closed) return;
    this.closed = true;
    await this.writer.lock.runExclusive(async () => {
      await Promise.all(this.readers.map((r) => r.lock.runExclusive(() => r.close())));
      await this.writer.close();
      if (!this.diskFault) await this.db.close(); // closing it after a disk fault crashes the process
    });
  }

}
