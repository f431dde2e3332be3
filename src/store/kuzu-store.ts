import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import kuzu from 'kuzu';
import { WhohasError, errorMessage } from '../errors';
import type { BulkRunner, GraphStore, QueryParams, QueryRunner, Row } from './port';
import { QueryCatalog } from './query-catalog';
import { KuzuBulkRunner } from './kuzu-bulk';
import { nextGenerationPath, openDatabase, promoteNextGeneration, removeDatabaseFiles, removeRebuildLeftovers, stageDirOf } from './kuzu-generation';
import { tableProperties } from './kuzu-schema-tables';
import { KuzuSession } from './kuzu-session';

/**
 * An eighth of the page cache per COPY. Long string rows in a relationship COPY took several times
 * their CSV's size in the cache (at L, 1 GB of access-index CSV failed in a 4 GB cache, 2.1 GB in an
 * 8 GB one: about a quarter), so this keeps twice that margin; those paths now load as nodes, which
 * stream. A sixteenth split L's 3M memberships in two, and a second COPY into a filled relationship
 * table is slow: 12.9 s for 2.56M rows, then 9.2 s for the other 413k, against 15.5 s for all in one.
 */
const maxLoadBytes = (bufferBytes: number | undefined): number => Math.max(32 << 20, Math.floor((bufferBytes ?? 8 * 2 ** 30) / 8));

const isDiskFault = (e: unknown): boolean => /IO exception|Cannot write to file|No space left/i.test(errorMessage(e));

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
  /** Next generations whose build failed on the disk: kept referenced, never closed (see buildNext). */
  private readonly abandoned: unknown[] = [];
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
    if (this.path !== ':memory:') {
      mkdirSync(dirname(this.path), { recursive: true });
      await removeRebuildLeftovers(this.path);
    }
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

  rebuild<T>(build: (live: QueryRunner, next: BulkRunner) => Promise<T>): Promise<T> {
    return this.writer.lock.runExclusive(async () => {
      if (this.diskFault) throw new WhohasError('STORE_UNAVAILABLE', `The Kuzu store at ${this.path} cannot be written: ${this.unavailableReason()}`);
      if (this.path === ':memory:') throw new WhohasError('STORE_UNAVAILABLE', 'An in-memory Kuzu store has no file to build a new generation in');
      const nextPath = nextGenerationPath(this.path);
      await removeRebuildLeftovers(this.path);
      const result = await this.buildNext(nextPath, build);
      // Every reader is held while the files change hands; reads queued meanwhile run on the new graph.
      await this.holdingReaders(async () => {
        try {
          await this.switchDatabase();
        } finally {
          this.generation++;
        }
      });
      return result;
    });
  }

  /** Builds the next generation and closes it; on any failure it is deleted and the live graph is untouched. */
  private async buildNext<T>(nextPath: string, build: (live: QueryRunner, next: BulkRunner) => Promise<T>): Promise<T> {
    const db = await openDatabase(nextPath, this.opts.bufferBytes);
    const session = new KuzuSession(new kuzu.Connection(db), this.catalog);
    try {
      const schema = this.catalog.get('schema').statements;
      for (const stmt of schema) await session.raw(stmt);
      const bulk = new KuzuBulkRunner(session, stageDirOf(this.path), tableProperties(schema), maxLoadBytes(this.opts.bufferBytes));
      const result = await build(this.writer, bulk);
      await session.raw('CHECKPOINT');
      await session.close();
      await db.close();
      return result;
    } catch (e) {
      // ENOSPC from writing a stage file is ours, not Kuzu's: the database closes normally then.
      if (isDiskFault(e) && (e as NodeJS.ErrnoException).code !== 'ENOSPC') {
        // Closing a Kuzu database after a failed write on the disk crashes the process (see
        // unavailableReason); this one is abandoned open instead. The live graph was never written,
        // so the store stays writable: the next run succeeds once there is room, no restart needed.
        this.abandoned.push(db);
      } else {
        await session.close().catch(() => undefined);
        await db.close().catch(() => undefined);
      }
      await removeDatabaseFiles(nextPath);
      throw e;
    } finally {
      await rm(stageDirOf(this.path), { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Closes the live database, puts the next generation in its place and moves every session onto it. */
  private async switchDatabase(): Promise<void> {
    const sessions = [this.writer, ...this.readers];
    for (const s of sessions) await s.detach();
    await this.db.close();
    try {
      await promoteNextGeneration(this.path);
    } finally {
      // Reopened either way: the new generation, or the old one if the switch failed before the rename.
      this.db = await openDatabase(this.path, this.opts.bufferBytes);
      for (const s of sessions) s.reconnect(new kuzu.Connection(this.db));
    }
  }

  writeGeneration(): number {
    return this.generation;
  }

  private noticeDiskFault(e: unknown): void {
    if (isDiskFault(e)) this.diskFault = errorMessage(e);
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
