/**
 * The bundle's NDJSON files, written as records are made. Lines are joined into chunks of about
 * 1 MB before they reach the stream (one write per line would cost more than the JSON itself), and
 * `settle()` waits while any stream is over its high-water mark: the generator calls it between
 * units of work, so what is in flight stays a few MB whatever the bundle's size.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_ENTITY_FILES, type DemoRecords } from '../types';

const CHUNK_CHARS = 1 << 20;

export class NdjsonFile {
  count = 0;
  private lines: string[] = [];
  private chars = 0;
  private failure: Error | null = null;
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (e) => (this.failure = e));
  }

  /** Appends one record; `JSON.stringify` leaves out undefined fields, so optional fields are simply absent. */
  write(record: object): void {
    const line = JSON.stringify(record);
    this.lines.push(line);
    this.chars += line.length + 1;
    this.count++;
    if (this.chars >= CHUNK_CHARS) this.flush();
  }

  async settle(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.flush();
    this.stream.end();
    if (!this.stream.writableFinished) await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    this.stream.write(this.lines.join('\n') + '\n');
    this.lines = [];
    this.chars = 0;
  }
}

export type EntityName = keyof DemoRecords;
export type RecordOf<K extends EntityName> = DemoRecords[K][number];

/** Where builders put records: the bundle's files, or a counter in tests. */
export interface RecordSink {
  write<K extends EntityName>(entity: K, record: RecordOf<K>): void;
  /** Resolves once there is room for more (backpressure); call it between units of work. */
  settle(): Promise<void>;
}

/** One `NAME.ndjson` per entity type, all open at once, so builders can write to several files as they go. */
export class BundleFiles implements RecordSink {
  private readonly files = new Map<EntityName, NdjsonFile>();

  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<BundleFiles> {
    await mkdir(dir, { recursive: true });
    const bundle = new BundleFiles(dir);
    for (const name of DEMO_ENTITY_FILES) bundle.files.set(name, new NdjsonFile(join(dir, `${name}.ndjson`)));
    return bundle;
  }

  write<K extends EntityName>(entity: K, record: RecordOf<K>): void {
    this.files.get(entity)!.write(record);
  }

  count(entity: EntityName): number {
    return this.files.get(entity)!.count;
  }

  /** Waits until every file's stream has room again (backpressure). */
  async settle(): Promise<void> {
    for (const f of this.files.values()) await f.settle();
  }

  /** Ends every file and writes `source.json`; returns records per file name, e.g. `identities.ndjson`. */
  async close(source: object): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [name, f] of this.files) {
      await f.close();
      counts[`${name}.ndjson`] = f.count;
    }
    await writeFile(join(this.dir, 'source.json'), JSON.stringify(source) + '\n', 'utf8');
    return counts;
  }
}
