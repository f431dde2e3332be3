import { createHash } from 'node:crypto';
import type { QueryRunner } from './store/port';

/**
 * An opaque string that changes with every successful ingest. Clients echo it back
 * (e.g. a simulation's baseGraphVersion) to learn whether the graph moved under them.
 */
export const EMPTY_GRAPH_VERSION = '0';
const KEY = 'graphVersion';

export function makeGraphVersion(seq: number, runId: string): string {
  return `${seq}-${createHash('sha256').update(runId).digest('hex').slice(0, 10)}`;
}

export async function readGraphVersion(tx: QueryRunner): Promise<string> {
  const rows = await tx.run('meta/get', { key: KEY });
  return rows.length ? String(rows[0].value) : EMPTY_GRAPH_VERSION;
}

export async function writeGraphVersion(tx: QueryRunner, version: string, seq: number): Promise<void> {
  await tx.run('meta/set', { key: KEY, value: version, seq });
}
