import kuzu, { type KuzuValue } from 'kuzu';
import { WhohasError, errorMessage } from '../errors';
import type { QueryParams, QueryRunner, Row } from './port';
import { QueryCatalog, checkParams, type NamedQuery } from './query-catalog';
import { Mutex } from './mutex';
import { transposeRows } from './kuzu-columns';

export type KuzuConnection = InstanceType<typeof kuzu.Connection>;
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
export class KuzuSession implements QueryRunner {
  private readonly prepared = new Map<string, KuzuPrepared>();
  readonly lock = new Mutex();
  private closed = false;
  private timeoutMs: number | null = null;
  constructor(
    private conn: KuzuConnection,
    private readonly catalog: QueryCatalog,
  ) {}

  /**
   * Moves this session onto a connection to another database (the store switched generations).
   * The session object stays, so work already queued on its lock runs on the new database.
   */
  reconnect(conn: KuzuConnection): void {
    this.conn = conn;
    this.prepared.clear();
    if (this.timeoutMs !== null) this.setQueryTimeout(this.timeoutMs);
  }

  /** Closes the connection but not the session, ahead of a reconnect: the database is about to close. */
  async detach(): Promise<void> {
    this.prepared.clear();
    await this.conn.close();
  }

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
    this.timeoutMs = ms;
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

