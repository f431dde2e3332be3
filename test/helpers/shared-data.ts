import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The real public data in ../shared/data (read by path, never copied into the repo). Looked for
 * beside the checkout and in its parents (CI may clone elsewhere), then at the workspace's fixed
 * place; WHOHAS_SHARED_DATA overrides all of them.
 */
function findSharedData(): string {
  if (process.env.WHOHAS_SHARED_DATA) return process.env.WHOHAS_SHARED_DATA;
  const repo = resolve(__dirname, '..', '..', '..');
  for (let dir = repo; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  return '/work/shared/data';
}

export const SHARED_DATA = findSharedData();

export const hasSharedData = existsSync(SHARED_DATA);

/** For `describe(..., { skip: skipWithoutSharedData })`: says why instead of passing silently. */
export const skipWithoutSharedData = hasSharedData ? false : `shared data not found at ${SHARED_DATA} (set WHOHAS_SHARED_DATA)`;

export function sharedData(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}
