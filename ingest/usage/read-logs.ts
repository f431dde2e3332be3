import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { WhohasError, errorMessage } from '../../src/errors';
import { checkFile } from '../bundle/read-files';
import type { GetContext, Payload } from '../core/connector';

/**
 * `get` for log connectors: one file or the matching files of a folder (sorted, so runs are
 * repeatable). Unlike bundle files, logs arrive gzipped (CloudTrail writes `*.json.gz` to S3), so
 * `.gz` files are inflated here, with the size limit applied to the inflated text as well.
 */
export async function readLogFiles(location: string, include: RegExp, ctx: Pick<GetContext, 'maxFileBytes'>, prefix = ''): Promise<Payload[]> {
  let info;
  try {
    info = await stat(location);
  } catch {
    throw new WhohasError('BUNDLE_NOT_FOUND', `Nothing to ingest at ${location}: the path does not exist`);
  }
  const paths = info.isDirectory()
    ? (await readdir(location))
        .filter((n) => !n.startsWith('.') && include.test(n))
        .sort()
        .map((n) => join(location, n))
    : [location];
  const payloads: Payload[] = [];
  for (const path of paths) {
    if (!(await stat(path)).isFile()) continue;
    const name = prefix + basename(path);
    const text = /\.gz$/i.test(path) ? await inflate(path, name, ctx.maxFileBytes) : await readText(path, name, ctx.maxFileBytes);
    payloads.push({ name, text: text.replace(/^\uFEFF/, '') });
  }
  if (!payloads.length) throw new WhohasError('BUNDLE_NOT_FOUND', `No log files at ${location} (looked for ${include.source})`);
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
