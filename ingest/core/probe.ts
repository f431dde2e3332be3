import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { WhohasError } from '../../src/errors';
import type { Probe } from './connector';

const HEAD_BYTES = 64 * 1024;
const MAX_HEADS = 50;

/** Names and first bytes of what is at `path`: enough to recognise a format without reading it all. */
export async function probePath(path: string): Promise<Probe> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new WhohasError('BUNDLE_NOT_FOUND', `Nothing to ingest at ${path}: the path does not exist`);
  }
  const isDirectory = info.isDirectory();
  const names = isDirectory ? (await readdir(path)).filter((n) => !n.startsWith('.')).sort() : [basename(path)];
  const heads = new Map<string, string>();
  for (const name of names.slice(0, MAX_HEADS)) {
    const file = isDirectory ? join(path, name) : path;
    if (!(await stat(file)).isFile()) continue;
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
      heads.set(name, buf.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  }
  return { path, isDirectory, names, heads };
}
