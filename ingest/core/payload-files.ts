import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { WhohasError } from '../../src/errors';
import { checkFile } from '../bundle/read-files';
import type { Payload } from './connector';

export interface ReadPayloadOptions {
  maxFileBytes: number;
  /** Which files of a folder belong to this connector (a single named file is always read). */
  include?: (name: string) => boolean;
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
    const name = basename(path);
    await checkFile({ entity: 'source', path, name, encoding: 'json' }, opts.maxFileBytes);
    payloads.push({ name, text: (await readFile(path, 'utf8')).replace(/^\uFEFF/, '') });
  }
  if (!payloads.length) throw new WhohasError('BUNDLE_NOT_FOUND', `No input files at ${location}`);
  return payloads;
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
