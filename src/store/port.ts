/** The one seam between whohas and a graph database. Domain code sees only this. */
export type QueryParams = Record<string, unknown>;
export type Row = Record<string, unknown>;

export type Backend = 'kuzu' | 'neo4j';

/** Runs named queries from `cypher/`; never raw text, so every query is reviewed and linted. */
export interface QueryRunner {
  run(name: string, params?: QueryParams): Promise<Row[]>;
}

/** What a bulk load fills: a node table, or one FROM/TO pair of a relationship table. */
export interface BulkTarget {
  table: string;
  from?: string;
  to?: string;
}

/** Writes into a graph that nothing reads yet (see GraphStore.rebuild); each call commits on its own. */
export interface BulkRunner extends QueryRunner {
  /**
   * Adds rows to a table in one bulk load. A row maps property names to values; a relationship row
   * also carries `fromId` and `toId`, its endpoints' ids. Keys must not exist yet in a node table.
   */
  append(target: BulkTarget, rows: Row[]): Promise<void>;
  /** The same load fed in parts, each of which the caller may drop once added; one load at `finish`. */
  appender(target: BulkTarget, opts?: AppenderOptions): BulkAppender;
}

export interface AppenderOptions {
  /**
   * An appender whose rows this one's refer to (a relationship to nodes still being added); it
   * loads what it holds before each load of this one.
   */
  after?: BulkAppender;
  /**
   * Hold every part on disk and load nothing before `flush` or `finish`, for a caller that lets
   * go of the rows' sources between its last `add` and the loads: a load's native memory then
   * never sits beside them.
   */
  deferLoads?: boolean;
  /**
   * The row field each column is read from, where the two are named apart (`{ fromId: 'identityId' }`):
   * one row object then serves several tables, where a copy per table was an object per row each.
   */
  fields?: Record<string, string>;
}

export interface BulkAppender {
  add(rows: Row[]): Promise<void>;
  /** Loads what was added so far; more may be added after. */
  flush(): Promise<void>;
  /** Loads everything added; after a failure anywhere, call `discard` instead. */
  finish(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * `run` outside a unit of work is for reads only (Neo4j runs it as a read transaction);
 * every write goes through `write`, which is all-or-nothing.
 */
export interface GraphStore extends QueryRunner {
  readonly backend: Backend;
  /** Creates tables / constraints; safe to call on every start. */
  init(): Promise<void>;
  /** A read-only unit of work; sees one consistent snapshot. */
  read<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T>;
  /** An all-or-nothing unit of work: committed if `work` resolves, rolled back if it throws. */
  write<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Changes whenever a write through this object commits (or may have). Present only when this object
   * is the database's only writer (embedded Kuzu: one process holds the files), so a value cached with
   * it is stale exactly when it changed. Absent when other processes may write (Neo4j): read each time.
   */
  writeGeneration?(): number;
  /**
   * Builds a whole new graph beside the live one and switches to it when `build` resolves. `live`
   * reads the graph as it stands; `next` writes the new one, which nothing reads until the switch.
   * Readers see the old graph until then; if `build` throws, the live graph is untouched. Other writes
   * wait, as behind `write`. Present where the store can hold a second graph cheaply (embedded Kuzu:
   * a second database file); absent on Neo4j, where a run stays one transaction.
   */
  rebuild?<T>(build: (live: QueryRunner, next: BulkRunner) => Promise<T>): Promise<T>;
  /** Why the store cannot serve (e.g. writes refused after a disk fault), for /readyz; null when it can. */
  unavailableReason?(): string | null;
}
