import neo4j, { type Driver, type ManagedTransaction, type Session, type Transaction } from 'neo4j-driver';
import { WhohasError, errorMessage, isWhohasError } from '../errors';
import type { GraphStore, QueryParams, QueryRunner, Row } from './port';
import { QueryCatalog, checkParams, type NamedQuery } from './query-catalog';

export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

/** How the driver is made; tests without a server pass a stand-in (test/neo4j-adapter.test.ts). */
export type CreateDriver = (uri: string, auth: ReturnType<typeof neo4j.auth.basic>, config: Parameters<typeof neo4j.driver>[2]) => Driver;

/**
 * Params for the driver. JS has one number type; Neo4j tells INTEGER from FLOAT, and a JS `10`
 * arrives as the float 10.0 unless wrapped, which `SKIP`/`LIMIT` reject and which would store
 * `updateTag` as a float. So safe integers become neo4j Integers; `undefined` (which the driver
 * refuses) becomes null, as in the Kuzu adapter.
 */
export function toNeo4jValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? neo4j.int(v) : v;
  if (typeof v === 'bigint') return neo4j.int(v.toString());
  if (v instanceof Date) return v.toISOString(); // times are ISO strings in both stores
  if (Array.isArray(v)) return v.map(toNeo4jValue);
  if (isPlainObject(v)) return mapValues(v, toNeo4jValue);
  return v;
}

/**
 * Results for domain code, which must not see driver types: Integer -> number (a string beyond
 * 2^53, rather than a silently wrong number), temporal/spatial/other driver values -> their
 * ISO/string form, nodes and relationships -> their properties, the same shapes Kuzu rows have.
 */
export function fromNeo4jValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (neo4j.isInt(v)) return v.inSafeRange() ? v.toNumber() : v.toString();
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(fromNeo4jValue);
  if (neo4j.isNode(v) || neo4j.isRelationship(v) || neo4j.isUnboundRelationship(v)) {
    return mapValues(v.properties as Record<string, unknown>, fromNeo4jValue);
  }
  if (neo4j.isPath(v)) {
    return {
      nodes: [v.start, ...v.segments.map((s) => s.end)].map(fromNeo4jValue),
      relationships: v.segments.map((s) => fromNeo4jValue(s.relationship)),
    };
  }
  if (ArrayBuffer.isView(v)) return v; // byte arrays stay bytes
  if (isPlainObject(v)) return mapValues(v, fromNeo4jValue);
  return String(v); // Date, DateTime, Duration, Point, ...: their toString() is the ISO form
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function mapValues(o: Record<string, unknown>, f: (v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = f(v);
  return out;
}

/** Errors that mean "the database is not there for us" rather than "this query is wrong". */
function isUnavailable(code: string): boolean {
  return (
    code === neo4j.error.SERVICE_UNAVAILABLE ||
    code === neo4j.error.SESSION_EXPIRED ||
    code.startsWith('Neo.ClientError.Security.') ||
    code === 'Neo.ClientError.Database.DatabaseNotFound' ||
    code === 'Neo.TransientError.General.DatabaseUnavailable'
  );
}

type TxLike = Pick<ManagedTransaction | Transaction, 'run'>;

/** The QueryRunner handed to `work`: named queries only, run inside one driver transaction. */
class Neo4jTxRunner implements QueryRunner {
  constructor(
    private readonly tx: TxLike,
    private readonly store: Neo4jStore,
    /** executeRead retries only on the driver's own retryable errors, so those must reach it unwrapped. */
    private readonly passRetryable: boolean,
  ) {}

  async run(name: string, params: QueryParams = {}): Promise<Row[]> {
    const q = this.store.query(name, params);
    try {
      const result = await this.tx.run(q.statements[0], mapValues(params, toNeo4jValue));
      return result.records.map((r) => mapValues(r.toObject(), fromNeo4jValue) as Row);
    } catch (e) {
      if (this.passRetryable && neo4j.isRetryableError(e)) {
        failedQuery.set(e as object, name);
        throw e;
      }
      throw this.store.storeError(e, name);
    }
  }
}

/** Which named query a retryable error came from, so the final error still names it. */
const failedQuery = new WeakMap<object, string>();

export class Neo4jStore implements GraphStore {
  readonly backend = 'neo4j' as const;
  private readonly catalog = new QueryCatalog('neo4j');
  private driver: Driver | null = null;

  constructor(
    private readonly cfg: Neo4jConfig,
    private readonly createDriver: CreateDriver = neo4j.driver,
  ) {}

  async init(): Promise<void> {
    if (!this.driver) {
      try {
        // The URI scheme decides routing: neo4j:// (and +s/+ssc) asks the cluster for a routing table and
        // sends READ sessions to followers and read replicas, WRITE sessions to the leader; bolt:// talks
        // to one server. Transient failures of a read are retried for up to maxTransactionRetryTime.
        this.driver = this.createDriver(this.cfg.uri, neo4j.auth.basic(this.cfg.user, this.cfg.password), {
          userAgent: 'whohas',
          maxTransactionRetryTime: 30_000,
        });
      } catch (e) {
        throw this.unavailable(e); // a malformed URI throws here, before any network
      }
    }
    try {
      await this.driver.verifyConnectivity({ database: this.cfg.database });
    } catch (e) {
      throw this.unavailable(e);
    }
    // Schema commands run one by one in auto-commit mode: Neo4j refuses them inside a transaction
    // that also writes data, and each is IF NOT EXISTS, so a retry or a second start is harmless.
    const session = this.session('WRITE');
    try {
      for (const stmt of this.catalog.get('schema').statements) await session.run(stmt);
    } catch (e) {
      throw this.storeError(e, 'schema');
    } finally {
      await session.close();
    }
  }

  /** One query in its own read transaction (the driver retries it on transient errors). */
  run(name: string, params?: QueryParams): Promise<Row[]> {
    return this.read((tx) => tx.run(name, params));
  }

  /** executeRead: a read transaction the driver retries as a whole on transient errors; reads are safe to repeat. */
  async read<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    const session = this.session('READ');
    try {
      return await session.executeRead((tx) => work(new Neo4jTxRunner(tx, this, true)));
    } catch (e) {
      throw this.storeError(e, failedQuery.get(e as object));
    } finally {
      await session.close();
    }
  }

  /**
   * One explicit transaction, not executeWrite: executeWrite re-runs `work` from the top after a
   * transient error, and our work is not safe to repeat blindly (it does I/O and keeps state
   * outside the transaction, e.g. an ingest run's counters and reject report). A failure here
   * rolls everything back and surfaces to the caller, who decides whether to run it again.
   */
  async write<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    const session = this.session('WRITE');
    try {
      const tx = session.beginTransaction();
      let result: T;
      try {
        result = await work(new Neo4jTxRunner(tx, this, false));
      } catch (e) {
        if (tx.isOpen()) await tx.rollback().catch(() => undefined); // the original error matters more
        throw e;
      }
      try {
        await tx.commit();
      } catch (e) {
        throw this.storeError(e, 'commit');
      }
      return result;
    } catch (e) {
      throw this.storeError(e);
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    const driver = this.driver;
    this.driver = null;
    await driver?.close();
  }

  /** @internal The named query, checked against the params it is about to run with. */
  query(name: string, params: QueryParams): NamedQuery {
    const q = this.catalog.get(name);
    checkParams(q, params);
    if (q.statements.length !== 1) {
      throw new WhohasError('STORE_QUERY_FAILED', `Query '${name}' has ${q.statements.length} statements; a named query runs one`);
    }
    return q;
  }

  /**
   * @internal Driver errors become WhohasErrors naming the query; anything else (ours, or what
   * `work` itself threw) passes through untouched.
   */
  storeError(e: unknown, name?: string): unknown {
    if (isWhohasError(e) || !(e instanceof neo4j.Neo4jError)) return e;
    const code = e.code ?? '';
    if (isUnavailable(code)) return this.unavailable(e);
    const what = name ? `Query '${name}'` : 'Neo4j transaction';
    return new WhohasError('STORE_QUERY_FAILED', `${what} failed: ${this.scrub(e.message)}`, {
      ...(name ? { query: name } : {}),
      neo4jCode: code,
      retryable: neo4j.isRetryableError(e),
    });
  }

  private unavailable(e: unknown): WhohasError {
    return new WhohasError(
      'STORE_UNAVAILABLE',
      `Cannot use Neo4j at ${this.cfg.uri} as user '${this.cfg.user}'` +
        `${this.cfg.database ? ` (database '${this.cfg.database}')` : ''}: ${this.scrub(errorMessage(e))}`,
    );
  }

  /** Never let the password reach a message, whatever the driver chose to echo. */
  private scrub(message: string): string {
    return this.cfg.password ? message.split(this.cfg.password).join('***') : message;
  }

  /**
   * Every session shares the driver's default bookmark manager (the one executeQuery uses), so a
   * read in a new session waits for the writes committed before it: read-your-writes across the
   * pool, and across cluster members. Plain driver.session() would not chain them.
   */
  private session(mode: 'READ' | 'WRITE'): Session {
    if (!this.driver) throw new WhohasError('STORE_UNAVAILABLE', `Neo4j store at ${this.cfg.uri} is not initialised`);
    return this.driver.session({
      database: this.cfg.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
  }
}
