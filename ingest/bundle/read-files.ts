import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import { WhohasError, errorMessage } from '../../src/errors';
import { LineSplitter } from './ndjson-lines';
import { CSV_FIELD_TYPES, ENTITY_FILES, type EntityFile } from './records';
import type { Reject } from './reject';

/** A raw record as found in a file, before validation, with where it came from. */
export interface RawRecord {
  file: string;
  line: number;
  value: unknown;
}

export interface BundleFile {
  entity: EntityFile | 'source';
  path: string;
  name: string;
  encoding: 'ndjson' | 'json' | 'csv';
}

export interface BundleListing {
  files: BundleFile[];
  unknownFiles: string[];
}

const FILE_NAME = /^([a-z]+)\.(ndjson|json|csv)$/;
const MAX_MALFORMED_CSV_ROWS = 100;

export async function listBundle(dir: string): Promise<BundleListing> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new WhohasError('BUNDLE_NOT_FOUND', `No bundle at ${dir}: the path does not exist`);
  }
  if (!info.isDirectory()) {
    throw new WhohasError('BUNDLE_NOT_FOUND', `${dir} is a file; a bundle is a folder of entity files (see docs)`);
  }
  const files: BundleFile[] = [];
  const unknownFiles: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const m = FILE_NAME.exec(name);
    const entity = m?.[1];
    if (m && entity === 'source' && m[2] === 'json') {
      files.push({ entity: 'source', path: join(dir, name), name, encoding: 'json' });
    } else if (m && ENTITY_FILES.includes(entity as EntityFile)) {
      files.push({ entity: entity as EntityFile, path: join(dir, name), name, encoding: m[2] as BundleFile['encoding'] });
    } else if (!name.startsWith('.')) {
      unknownFiles.push(name);
    }
  }
  return { files, unknownFiles };
}

/** Refuse what cannot be a bundle file before reading it: too large, or not text. */
export async function checkFile(file: BundleFile, maxBytes: number): Promise<void> {
  const { size } = await stat(file.path);
  if (size > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new WhohasError(
      'BUNDLE_FILE_TOO_LARGE',
      `${file.name} is ${mb(size)} MB, above the ${mb(maxBytes)} MB limit per file (WHOHAS_MAX_FILE_MB); split it or raise the limit`,
      { file: file.name },
    );
  }
  const handle = await open(file.path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 65536));
    await handle.read(head, 0, head.length, 0);
    const binary = head.includes(0);
    let utf8 = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(head));
    } catch {
      utf8 = false;
    }
    if (binary || !utf8) {
      throw new WhohasError('BUNDLE_FILE_BINARY', `${file.name} is not UTF-8 text (it looks binary); expected ${file.encoding}`, {
        file: file.name,
      });
    }
  } finally {
    await handle.close();
  }
}

/** The 64 KiB sample may cut a multi-byte character in two; drop the cut tail before decoding. */
function trimPartialUtf8(buf: Buffer): Buffer {
  let end = buf.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = buf[end - i];
    if ((b & 0xc0) === 0xc0) return buf.subarray(0, end - i);
    if ((b & 0x80) === 0) break;
  }
  return buf;
}

/** Records per batch from the readers that go one record at a time (CSV, a JSON array). */
const BATCH = 1000;

/**
 * A file's records in batches, in file order: a batch for each chunk read. One record per `yield`
 * cost a promise per record, as much as parsing it on a usage file of millions of lines.
 */
export async function* readRecords(file: BundleFile, rejects: Reject[]): AsyncGenerator<RawRecord[]> {
  if (file.encoding === 'ndjson') yield* readNdjson(file, rejects);
  else if (file.encoding === 'csv') yield* readCsv(file, rejects);
  else yield* readJsonArray(file);
}

/** Part of a file by bytes (one worker's share, parallel-usage.ts); `lines` is set to the lines it held once it is read. */
export interface ByteRange {
  start: number;
  end: number;
  lines: number;
}

/** With a `range`, only those bytes, and lines are counted from its start: it must start a line. */
export async function* readNdjson(file: BundleFile, rejects: Reject[], range?: ByteRange): AsyncGenerator<RawRecord[]> {
  const lines = new LineSplitter();
  let line = 0;
  let batch: RawRecord[] = [];
  function* parse(texts: string[]): Generator<RawRecord[]> {
    for (const text of texts) {
      line++;
      const trimmed = text.trim();
      if (!trimmed) continue;
      try {
        batch.push({ file: file.name, line, value: JSON.parse(trimmed) });
      } catch (e) {
        // The records before it first: rejects stay in line order with those the schema check adds.
        if (batch.length) yield batch;
        batch = [];
        rejects.push({ file: file.name, line, field: null, reason: `not valid JSON: ${errorMessage(e)}` });
      }
    }
    if (batch.length) yield batch;
    batch = [];
  }
  const bytes = range ? { start: range.start, end: range.end - 1 } : {};
  for await (const chunk of createReadStream(file.path, { encoding: 'utf8', highWaterMark: 1 << 20, ...bytes })) yield* parse(lines.push(chunk as string));
  yield* parse(lines.end());
  if (range) range.lines = line;
}

async function* readJsonArray(file: BundleFile): AsyncGenerator<RawRecord[]> {
  const value = await readJsonFile(file);
  if (!Array.isArray(value)) {
    throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${file.name} must hold one JSON array of records`, { file: file.name });
  }
  for (let from = 0; from < value.length; from += BATCH) {
    yield value.slice(from, from + BATCH).map((record: unknown, i) => ({ file: file.name, line: from + i + 1, value: record }));
  }
}

export async function readJsonFile(file: BundleFile): Promise<unknown> {
  const { readFile } = await import('node:fs/promises');
  // Exports saved on Windows often start with a byte-order mark, which JSON.parse refuses.
  const text = (await readFile(file.path, 'utf8')).replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (e) {
    // A file that does not parse as a whole cannot be split into good and bad records: fail the run.
    const at = jsonErrorLine(text, errorMessage(e));
    const where = at ? ` at line ${at.line}` : '';
    throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${file.name} is not valid JSON${where}: ${errorMessage(e)}`, {
      file: file.name,
      line: at?.line,
    });
  }
}

/** Node 20's JSON.parse names a character position only; people fix files by line. */
function jsonErrorLine(text: string, message: string): { line: number } | null {
  const stated = /\(line (\d+) column \d+\)/.exec(message);
  if (stated) return { line: Number(stated[1]) };
  const m = /at position (\d+)/.exec(message);
  if (!m) return /end of JSON input/.test(message) ? { line: text.replace(/\s+$/, '').split('\n').length } : null;
  return { line: text.slice(0, Number(m[1])).split('\n').length };
}

async function* readCsv(file: BundleFile, rejects: Reject[]): AsyncGenerator<RawRecord[]> {
  const types = CSV_FIELD_TYPES[file.entity as EntityFile] ?? {};
  // csv-parse reports every bad quote in a row as its own error, each message quoting the row so
  // far: a file of nothing but quotes (found by fuzzing) grew to gigabytes and killed the process.
  // Past MAX_MALFORMED_CSV_ROWS the file is refused as a whole; throwing from on_skip stops the parser at once.
  let malformed = 0;
  const onSkip = (err: CsvError | undefined): undefined => {
    if (++malformed > MAX_MALFORMED_CSV_ROWS) {
      throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${file.name} has more than ${MAX_MALFORMED_CSV_ROWS} malformed CSV rows; is it CSV?`, { file: file.name });
    }
    rejects.push({ file: file.name, line: Number(err?.lines ?? 0), field: null, reason: `malformed CSV row: ${(err?.message ?? 'unreadable').slice(0, 300)}` });
  };
  const parser = createReadStream(file.path).pipe(
    parseCsv({ columns: true, info: true, bom: true, skip_empty_lines: true, trim: true, skip_records_with_error: true, on_skip: onSkip }),
  );
  try {
    let batch: RawRecord[] = [];
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      batch.push({ file: file.name, line: item.info.lines, value: csvRowToRecord(item.record, types) });
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    yield batch;
  } catch (e) {
    if (e instanceof WhohasError) throw e;
    throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${file.name} is not valid CSV: ${errorMessage(e).slice(0, 300)}`, { file: file.name });
  }
}

/** Empty cell = absent; typed columns are converted so one schema serves all three encodings. */
export function csvRowToRecord(
  row: Record<string, string>,
  types: Record<string, 'list' | 'boolean' | 'integer' | 'object'>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, cell] of Object.entries(row)) {
    if (cell === '' || cell === undefined) continue;
    const type = types[key];
    if (type === 'list') out[key] = cell.split(';').map((s) => s.trim()).filter(Boolean);
    else if (type === 'boolean') out[key] = /^(true|false)$/i.test(cell) ? cell.toLowerCase() === 'true' : cell;
    else if (type === 'integer') out[key] = /^-?\d+$/.test(cell) ? Number(cell) : cell;
    else if (type === 'object') out[key] = parseAttributeCell(cell);
    else out[key] = cell;
  }
  return out;
}

/** Attributes in CSV: a JSON object, or `key=value;key=value`. */
function parseAttributeCell(cell: string): unknown {
  if (cell.startsWith('{')) {
    try {
      return JSON.parse(cell);
    } catch {
      return cell;
    }
  }
  const out: Record<string, string> = {};
  for (const pair of cell.split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return cell;
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

