import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { WhohasError } from '../errors';
import type { EntityFile } from '../../ingest/bundle/records';
import type { ExportSink, ExportSummary } from './export-graph';

/** Waits for a full write buffer to empty; listeners are removed either way, so none pile up. */
function drained(out: WriteStream): Promise<void> {
  return new Promise<void>((done, fail) => {
    const ok = () => {
      out.off('error', bad);
      done();
    };
    const bad = (e: Error) => {
      out.off('drain', ok);
      fail(e);
    };
    out.once('drain', ok).once('error', bad);
  });
}

/** One record a line, keys in the order the record was built: the canonical form of an export. */
export function recordLine(record: Record<string, unknown>): string {
  return JSON.stringify(record) + '\n';
}

/** A folder that will not be written over: absent, or empty. */
export async function assertEmptyTarget(dir: string, what = 'export'): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') throw new WhohasError('OUTPUT_EXISTS', `${dir} is a file; the ${what} needs a new or empty folder`);
    throw e;
  }
  if (entries.length) throw new WhohasError('OUTPUT_EXISTS', `${dir} is not empty; the ${what} needs a new or empty folder`);
}

/**
 * Writes the bundle into a hidden sibling folder and renames it into place once complete, so `dir`
 * never holds half an export: a bundle that looks whole but is not would be ingested as a full run
 * and remove everything it lacks.
 */
export class BundleDirWriter implements ExportSink {
  readonly dir: string;
  private readonly partial: string;
  private files = new Map<EntityFile, WriteStream>();

  constructor(dir: string) {
    this.dir = resolve(dir);
    this.partial = join(dirname(this.dir), `.${basename(this.dir)}.partial-${process.pid}-${randomBytes(3).toString('hex')}`);
  }

  async begin(): Promise<void> {
    await this.closeFiles();
    await rm(this.partial, { recursive: true, force: true });
    await mkdir(this.partial, { recursive: true });
  }

  async write(entity: EntityFile, record: Record<string, unknown>): Promise<void> {
    let out = this.files.get(entity);
    if (!out) {
      out = createWriteStream(join(this.partial, `${entity}.ndjson`), { encoding: 'utf8' });
      this.files.set(entity, out);
    }
    if (!out.write(recordLine(record))) await drained(out);
  }

  async finish(summary: ExportSummary): Promise<void> {
    await this.closeFiles();
    await writeFile(join(this.partial, 'source.json'), JSON.stringify(summary.source) + '\n', 'utf8');
    await assertEmptyTarget(this.dir);
    await rmdir(this.dir).catch(() => undefined); // rename() replaces only an empty folder, and only on some systems
    await rename(this.partial, this.dir);
  }

  /** Drops the partial folder after a failure; the target is left as it was. */
  async abort(): Promise<void> {
    await this.closeFiles().catch(() => undefined);
    await rm(this.partial, { recursive: true, force: true });
  }

  private async closeFiles(): Promise<void> {
    const open = [...this.files.values()];
    this.files = new Map();
    await Promise.all(
      open.map((s) => new Promise<void>((done, fail) => {
        s.once('error', fail);
        s.end(() => done());
      })),
    );
  }
}
