import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { WhohasError, errorMessage } from '../errors';
import { Mutex } from '../store/mutex';
import { sha256 } from './canonical';
import { hashOf, verifyChain, type ChainReport } from './chain';
import { GENESIS, LogEntry, type NewEntry } from './records';

export const LOG_FILE = 'decisions.jsonl';

export interface LogHooks {
  warn?: (message: string, fields?: Record<string, unknown>) => void;
  /** Called with the new head after each append: logged by the server so a copy of the head lives outside the file. */
  appended?: (head: { seq: number; hash: string; type: string }) => void;
}

/**
 * The flight recorder: an append-only file of JSON lines, each record hash-chained to the one before.
 * A file and not the graph store because full ingests rewrite the graph, because an append must not
 * wait behind a long ingest transaction, and because `whohas audit verify` must be able to read it
 * while a server holds the (single-process) embedded store. Each append is flushed to disk before
 * the caller gets its answer.
 */
export class DecisionLog {
  private readonly mutex = new Mutex();
  private constructor(
    readonly file: string,
    private handle: FileHandle | null,
    private entries: LogEntry[],
    private head: { seq: number; hash: string },
    private readonly hooks: LogHooks,
  ) {}

  private warn(message: string, fields?: Record<string, unknown>): void {
    this.hooks.warn?.(message, fields);
  }

  /** Opens (or creates) the log in `dir`. A record cut short by a crash is dropped and the drop recorded. */
  static async open(dir: string, hooks: LogHooks = {}): Promise<DecisionLog> {
    const file = join(dir, LOG_FILE);
    try {
      mkdirSync(dir, { recursive: true });
      const torn = dropTornTail(file);
      const lines = readLines(file);
      const report = verifyChain(lines);
      if (!report.intact) hooks.warn?.(`decision log is broken: ${report.brokenAt!.reason}; new records are chained to the last line`, { file });
      const entries = lines.flatMap((l) => {
        const parsed = safeJson(l);
        const entry = parsed === undefined ? null : LogEntry.safeParse(parsed);
        return entry?.success ? [entry.data] : [];
      });
      const last = entries[entries.length - 1];
      const log = new DecisionLog(file, await open(file, 'a'), entries, last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS }, hooks);
      if (torn) {
        await log.append({ type: 'recovery', discardedBytes: torn.length, discardedSha256: sha256(torn), reason: 'the last record was cut short (the process stopped mid-write); its fragment was dropped' });
      }
      return log;
    } catch (e) {
      if (e instanceof WhohasError) throw e;
      throw new WhohasError('AUDIT_LOG_UNAVAILABLE', `The decision log in ${dir} cannot be opened: ${errorMessage(e)}`);
    }
  }

  /** Seals and writes one record; resolves once it is on disk. */
  async append<T extends NewEntry>(entry: T, at = new Date()): Promise<T & LogEntry> {
    return this.mutex.runExclusive(async () => {
      if (!this.handle) throw new WhohasError('AUDIT_LOG_UNAVAILABLE', 'The decision log is closed');
      // Parsed before hashing, so what is hashed is exactly what is stored (unknown fields dropped first).
      const sealed = LogEntry.parse({ ...entry, seq: this.head.seq + 1, at: at.toISOString(), prev: this.head.hash, hash: GENESIS });
      const full = { ...sealed, hash: hashOf(sealed) } as LogEntry;
      try {
        await this.handle.appendFile(JSON.stringify(full) + '\n');
        await this.handle.datasync();
      } catch (e) {
        this.warn(`decision log write failed: ${errorMessage(e)}`, { file: this.file });
        throw new WhohasError('AUDIT_LOG_UNAVAILABLE', 'The decision log cannot be written (see the server log); nothing was recorded');
      }
      this.entries.push(full);
      this.head = { seq: full.seq, hash: full.hash };
      this.hooks.appended?.({ ...this.head, type: full.type });
      return full as T & LogEntry;
    });
  }

  /** Every record as read at open plus those appended since (the file is the truth; see verify). */
  all(): readonly LogEntry[] {
    return this.entries;
  }

  headOf(): { seq: number; hash: string } {
    return { ...this.head };
  }

  /** Re-reads the file and checks the whole chain. */
  verify(): ChainReport {
    return verifyLog(this.file);
  }

  async close(): Promise<void> {
    await this.mutex.runExclusive(async () => {
      await this.handle?.close();
      this.handle = null;
    });
  }
}

/** Checks a log file from disk (what `whohas audit verify` runs; needs no server and no store). */
export function verifyLog(file: string): ChainReport {
  if (!existsSync(file)) return { intact: true, records: 0, headSeq: null, headHash: null, brokenAt: null };
  return verifyChain(readLines(file));
}

function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  return text.split('\n').filter((l, i, all) => l.length > 0 || i < all.length - 1);
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** A last line without its newline that is not a whole record is what a crash mid-append leaves. */
function dropTornTail(file: string): string | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  if (!text.length || text.endsWith('\n')) return null;
  const start = text.lastIndexOf('\n') + 1;
  const tail = text.slice(start);
  if (safeJson(tail) !== undefined) {
    // A whole record that only lacks its newline: keep it, finish the line.
    const fd = openSync(file, 'a');
    try {
      writeSync(fd, '\n');
    } finally {
      closeSync(fd);
    }
    return null;
  }
  const fd = openSync(file, 'r+');
  try {
    ftruncateSync(fd, Buffer.byteLength(text.slice(0, start)));
  } finally {
    closeSync(fd);
  }
  return tail;
}
