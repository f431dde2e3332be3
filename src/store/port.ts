/** The one seam between whohas and a graph database. Domain code sees only this. */
export type QueryParams = Record<string, unknown>;
export type Row = Record<string, unknown>;

export type Backend = 'kuzu' | 'neo4j';

/** Runs named queries from `cypher/`; never raw text, so every query is reviewed and linted. */
export interface QueryRunner {
  run(name: string, params?: QueryParams): Promise<Row[]>;
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
  /** Why the store cannot serve (e.g. writes refused after a disk fault), for /readyz; null when it can. */
  unavailableReason?(): string | null;
}
