import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { WhohasError, errorMessage } from '../../src/errors';
import { checkFile } from '../bundle/read-files';
import type { Payload } from './connector';

export interface ReadPayloadOptions {
  maxFileBytes: number;
  /** Which files of a folder belong to this connector (a single named file is always read). */
  include?: (name: string) => boolean;
  /** Put in front of each payload name, so messages say which input a file came from. */
  prefix?: string;
  /** What the files are, for the message when there are none ("log files", "input files"). */
  what?: string;
}

/**
 * `get` for file-based connectors: one file, or the matching files of a folder, each refused if
 * too large or not UTF-8 text before it is read (the same guards as bundle files).
 */
export async function readPayloadFiles(location: string, opts: ReadPayloadOptions): Promise<Payload[]> {
  let info;
  try {
    info = await stat(location);
  } catch {
    throw new WhohasError('BUNDLE_NOT_FOUND', `Nothing to ingest at ${location}: the path does not exist`);
  }
  const paths = info.isDirectory()
    ? (await readdir(location))
        .filter((n) => !n.startsWith('.') && (!opts.include || opts.include(n)))
        .sort()
        .map((n) => join(location, n))
    : [location];
  const payloads: Payload[] = [];
  for (const path of paths) {
    if (!(await stat(path)).isFile()) continue;
    const name = (opts.prefix ?? '') + basename(path);
    // Exports often arrive gzipped (CloudTrail writes *.json.gz); the limit applies to the inflated text too.
    const text = /\.gz$/i.test(path) ? await inflate(path, name, opts.maxFileBytes) : await readText(path, name, opts.maxFileBytes);
    payloads.push({ name, text: text.replace(/^\uFEFF/, '') });
  }
  if (!payloads.length) throw new WhohasError('BUNDLE_NOT_FOUND', `No ${opts.what ?? 'input files'} at ${location}`);
  return payloads;
}

async function readText(path: string, name: string, maxBytes: number): Promise<string> {
  await checkFile({ entity: 'source', path, name, encoding: 'json' }, maxBytes);
  return readFile(path, 'utf8');
}

async function inflate(path: string, name: string, maxBytes: number): Promise<string> {
  const { size } = await stat(path);
  if (size > maxBytes) throw tooLarge(name, maxBytes);
  let raw: Buffer;
  try {
    raw = gunzipSync(await readFile(path), { maxOutputLength: maxBytes });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(name, maxBytes);
    throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${name} is not a readable gzip file: ${errorMessage(e)}`, { file: name });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new WhohasError('BUNDLE_FILE_BINARY', `${name} does not inflate to UTF-8 text`, { file: name });
  }
}

function tooLarge(name: string, maxBytes: number): WhohasError {
  const mb = (maxBytes / 1024 / 1024).toFixed(1);
  return new WhohasError('BUNDLE_FILE_TOO_LARGE', `${name} inflates to more than the ${mb} MB limit per file (WHOHAS_MAX_FILE_MB)`, { file: name });
}

/** JSON.parse with the failure turned into a message that names the payload and the line. */
export function parseJsonPayload(payload: Payload): unknown {
  try {
    return JSON.parse(payload.text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /at position (\d+)/.exec(message);
    const stated = /\(line (\d+) column \d+\)/.exec(message);
    const line = stated
      ? Number(stated[1])
      : pos
        ? payload.text.slice(0, Number(pos[1])).split('\n').length
        : payload.text.replace(/\s+$/, '').split('\n').length;
    throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${payload.name} is not valid JSON at line ${line}: ${message}`, {
      file: payload.name,
      line,
    });
  }
}

/** NDJSON lines as (line number, value); a line that is not JSON is handed to `onBad`. */
export function* ndjsonLines(payload: Payload, onBad: (line: number, reason: string) => void): Generator<{ line: number; value: unknown }> {
  const lines = payload.text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trim();
    if (!text) continue;
    try {
      yield { line: i + 1, value: JSON.parse(text) };
    } catch (e) {
      onBad(i + 1, `not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
