import { createHash } from 'node:crypto';
import type { GraphStore, QueryRunner } from './store/port';

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

const cached = new WeakMap<GraphStore, { generation: number; version: Promise<string> }>();

/**
 * The current graph version outside a unit of work, read once per store write generation (every
 * answer carries it, and simulations check it twice). Stores that cannot tell when the database
 * was written (no `writeGeneration`) are read every time.
 */
export function currentGraphVersion(store: GraphStore): Promise<string> {
  const generation = store.writeGeneration?.();
  if (generation === undefined) return readGraphVersion(store);
  const hit = cached.get(store);
  if (hit && hit.generation === generation) return hit.version;
  const entry = { generation, version: readGraphVersion(store) };
  cached.set(store, entry);
  entry.version.catch(() => {
    if (cached.get(store) === entry) cached.delete(store);
  });
  return entry.version;
}
