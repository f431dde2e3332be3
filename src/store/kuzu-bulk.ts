import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { WhohasError, errorMessage } from '../errors';
import type { KuzuSession } from './kuzu-session';
import type { AppenderOptions, BulkAppender, BulkRunner, BulkTarget, QueryParams, Row } from './port';

/**
 * Bulk loads on Kuzu: rows are written to a CSV file and loaded with COPY FROM, about 600k short
 * rows/s on our 2 cores against about 10k/s for batched MERGE (which also holds the whole run in the
 * page cache). One COPY per table: a second COPY into a non-empty relationship table is slower each
 * time. Kuzu binds neither a file path nor a table name as a parameter ("Trying to scan from
 * unsupported data type ANY"), so this file is the one place where a statement is assembled: from
 * table names in our own schema and a path this process created, both checked against a strict
 * pattern. Values never enter the statement; they travel in the file.
 */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SAFE_PATH = /^[A-Za-z0-9_./-]+$/;
const FLUSH_BYTES = 1 << 20;

/**
 * One CSV field: quoted strings with quotes doubled (Kuzu reads embedded newlines with parallel=false).
 * At L the loads write about 20M rows: the search for a quote is far cheaper than a replace that
 * finds none, and the table and column are only put together for the error.
 */
function field(value: unknown, where: string, column: string): string {
  if (typeof value === 'string') return value.includes('"') ? `"${value.replace(/"/g, '""')}"` : `"${value}"`;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw new WhohasError('STORE_QUERY_FAILED', `Bulk load of ${where}.${column}: a ${Array.isArray(value) ? 'list' : typeof value} value cannot go through CSV; write it with a query`);
}

/** One row as a CSV line (column `c` read from the row's `fields[c]`), without the array of fields a map and join would make. */
function csvLine(row: Row, columns: string[], fields: string[], where: string): string {
  let line = field(row[fields[0]], where, columns[0]);
  for (let c = 1; c < columns.length; c++) line += ',' + field(row[fields[c]], where, columns[c]);
  return line + '\n';
}

export class KuzuBulkRunner implements BulkRunner {
  private files = 0;

  constructor(
    private readonly session: KuzuSession,
    private readonly stageDir: string,
    /** Table -> properties in declaration order (kuzu-schema-tables.ts). */
    private readonly properties: Map<string, string[]>,
    /**
     * One COPY is one transaction and must fit in the page cache, so an appender loads what it holds
     * once its file reaches this size.
     */
    private readonly maxLoadBytes: number,
  ) {
    if (!SAFE_PATH.test(stageDir)) {
      throw new WhohasError('CONFIG_INVALID', `The database path ${stageDir} holds characters a bulk load cannot name; use letters, digits, '.', '_', '-' and '/'`);
    }
  }

  run(name: string, params?: QueryParams): Promise<Row[]> {
    return this.session.run(name, params);
  }

  async append(target: BulkTarget, rows: Row[]): Promise<void> {
    if (!rows.length) return;
    const appender = this.appender(target);
    try {
      await appender.add(rows);
      await appender.finish();
    } catch (e) {
      await appender.discard();
      throw e;
    }
  }

  appender(target: BulkTarget, opts: AppenderOptions = {}): BulkAppender {
    const names = [target.table, target.from, target.to].filter((n): n is string => n !== undefined);
    if (!names.every((n) => NAME.test(n))) throw new WhohasError('STORE_QUERY_FAILED', `Bulk load: '${names.join("', '")}' is not a table name`);
    const properties = this.properties.get(target.table);
    if (!properties) throw new WhohasError('STORE_QUERY_FAILED', `Bulk load: no table ${target.table} in the schema`);
    const isRel = target.from !== undefined;
    const where = isRel ? `${target.table} (${target.from} -> ${target.to})` : target.table;
    const options = ['header=false', 'parallel=false', `escape='"'`, ...(isRel ? [`from='${target.from}'`, `to='${target.to}'`] : [])];
    const nextFile = () => join(this.stageDir, `${target.table}-${++this.files}.csv`);
    const load = async (file: string, count: number) => {
      await opts.after?.flush();
      try {
        await this.session.raw(`COPY ${target.table} FROM '${file}' (${options.join(', ')})`);
        // Written pages leave the page cache only at a checkpoint; the next COPY needs the room.
        await this.session.raw('CHECKPOINT');
      } catch (e) {
        throw new WhohasError('STORE_QUERY_FAILED', `Bulk load of ${count} row(s) into ${where} failed: ${errorMessage(e)}`);
      }
    };
    const columns = isRel ? ['fromId', 'toId', ...properties] : properties;
    const unknown = Object.keys(opts.fields ?? {}).filter((c) => !columns.includes(c));
    if (unknown.length) throw new WhohasError('STORE_QUERY_FAILED', `Bulk load of ${where}: no column ${unknown.join(', ')}`);
    const fields = columns.map((c) => opts.fields?.[c] ?? c);
    return new CsvAppender(nextFile, columns, fields, where, load, this.maxLoadBytes, opts.deferLoads ?? false);
  }
}

class CsvAppender implements BulkAppender {
  private out: WriteStream | null = null;
  private file = '';
  private failure: Promise<never> | null = null;
  private count = 0;
  private bytes = 0;
  /** Files written in full and not loaded yet (all of them until `finish` when loads are deferred). */
  private written: Array<{ file: string; count: number }> = [];

  constructor(
    private readonly nextFile: () => string,
    private readonly columns: string[],
    /** The row field each column is read from. */
    private readonly fields: string[],
    private readonly where: string,
    private readonly load: (file: string, count: number) => Promise<void>,
    private readonly maxLoadBytes: number,
    private readonly deferLoads: boolean,
  ) {}

  /** Past maxLoadBytes the file is closed (and loaded, unless loads are deferred), even mid-call: one call may carry millions of rows. */
  async add(rows: Row[]): Promise<void> {
    let buffer = '';
    let buffered = 0;
    const drain = async () => {
      await this.write(await this.stream(), buffer);
      this.count += buffered;
      buffer = '';
      buffered = 0;
      if (this.bytes >= this.maxLoadBytes) {
        await this.closeFile();
        if (!this.deferLoads) await this.loadWritten();
      }
    };
    for (const row of rows) {
      buffer += csvLine(row, this.columns, this.fields, this.where);
      buffered++;
      if (buffer.length >= FLUSH_BYTES) await drain();
    }
    if (buffer) await drain();
  }

  async flush(): Promise<void> {
    await this.closeFile();
    await this.loadWritten();
  }

  async finish(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.discard();
    }
  }

  async discard(): Promise<void> {
    this.out?.destroy();
    const files = [this.file, ...this.written.map((w) => w.file)].filter(Boolean);
    this.written = [];
    for (const file of files) await rm(file, { force: true });
  }

  private async write(out: WriteStream, text: string): Promise<void> {
    this.bytes += text.length;
    if (!out.write(text)) await Promise.race([once(out, 'drain'), this.failure]);
  }

  /** Ends the file written so far; the next add starts another. */
  private async closeFile(): Promise<void> {
    const out = this.out;
    if (!out) return;
    out.end();
    await Promise.race([once(out, 'finish'), this.failure]);
    if (this.count) this.written.push({ file: this.file, count: this.count });
    else await rm(this.file, { force: true });
    this.out = null;
    this.file = '';
    this.count = 0;
    this.bytes = 0;
  }

  /** Loads the written files in the order they were written, each removed once loaded. */
  private async loadWritten(): Promise<void> {
    while (this.written.length) {
      const { file, count } = this.written[0];
      await this.load(file, count);
      this.written.shift();
      await rm(file, { force: true });
    }
  }

  private async stream(): Promise<WriteStream> {
    if (!this.out) {
      this.file = this.nextFile();
      await mkdir(join(this.file, '..'), { recursive: true });
      const out = createWriteStream(this.file);
      this.failure = once(out, 'error').then(([e]) => Promise.reject(e as Error));
      this.failure.catch(() => undefined);
      this.out = out;
    }
    return this.out;
  }
}
