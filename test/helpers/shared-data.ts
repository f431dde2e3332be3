import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real public data in ../shared/data (read by path, never copied into the repo).
 * WHOHAS_SHARED_DATA points elsewhere when the checkout does not sit beside it.
 */
export const SHARED_DATA = process.env.WHOHAS_SHARED_DATA ?? resolve(__dirname, '..', '..', '..', '..', 'shared', 'data');

export const hasSharedData = existsSync(SHARED_DATA);

/** For `describe(..., { skip: skipWithoutSharedData })`: says why instead of passing silently. */
export const skipWithoutSharedData = hasSharedData ? false : `shared data not found at ${SHARED_DATA} (set WHOHAS_SHARED_DATA)`;

export function sharedData(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}
