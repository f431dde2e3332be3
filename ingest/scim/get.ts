import { basename } from 'node:path';
import type { GetContext } from '../core/connector';
import { readPayloadFiles } from '../core/payload-files';
import { pullLive } from './live/pull';
import { systemFrom, type ScimOptions } from './options';
import type { ScimPayload } from './payload';

export const SCIM_FILE = /\.(json|ndjson|jsonl)$/i;

/** An http(s) URL is a live SCIM base; anything else is a file or a folder of SCIM JSON/NDJSON files. */
export async function getScim(location: string, options: ScimOptions, ctx: GetContext): Promise<ScimPayload[]> {
  if (/^https?:\/\//i.test(location)) return pullLive(location, options, ctx);
  const files = await readPayloadFiles(location, { maxFileBytes: ctx.maxFileBytes, include: (n) => SCIM_FILE.test(n) });
  const system = options.system ?? systemFrom(basename(location.replace(/[\\/]+$/, '')).replace(SCIM_FILE, ''));
  return files.map((p) => ({ ...p, system }));
}
