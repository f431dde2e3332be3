import { readGraphVersion } from '../../src/graph-version';
import type { QueryRunner, Row } from '../../src/store/port';

/**
 * Every node label and relationship type the bundle writes, each property included (source and
 * updateTag too, so a run that re-stamps without changing a value still shows), read in one
 * consistent snapshot by the read-only queries in cypher/test-support/. IngestRun is left out on
 * purpose: every run, failed or not, records itself; tests read runs through src/read/runs-reader.
 */
export const SNAPSHOT_QUERIES = [
  'nodes-identity',
  'nodes-system',
  'nodes-account',
  'nodes-access-group',
  'nodes-entitlement',
  'nodes-credential',
  'nodes-graph-meta',
  'rels-owns',
  'rels-manages',
  'rels-on-system',
  'rels-member-of',
  'rels-grants',
  'rels-delegates-to',
  'rels-holds',
  'rels-used',
  'rels-has-access',
] as const;

export type GraphSnapshot = Record<(typeof SNAPSHOT_QUERIES)[number] | 'graphVersion', unknown>;

/** Plain JSON values, rows in a stable order (UNION ALL queries cannot ORDER BY the whole result). */
function canonical(rows: Row[]): string[] {
  const plain = (v: unknown): unknown =>
    typeof v === 'bigint'
      ? Number(v)
      : Array.isArray(v)
        ? v.map(plain)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, plain((v as Record<string, unknown>)[k])]))
          : v;
  return rows.map((r) => JSON.stringify(plain(r))).sort();
}

export async function graphSnapshot(store: { read<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T> }): Promise<GraphSnapshot> {
  return store.read(async (tx) => {
    const out: Record<string, unknown> = {};
    for (const name of SNAPSHOT_QUERIES) out[name] = canonical(await tx.run(`test-support/${name}`, {}));
    out.graphVersion = await readGraphVersion(tx);
    return out as GraphSnapshot;
  });
}

/** Row counts per label / type, for a readable "this is not an empty graph" check. */
export function snapshotSizes(s: GraphSnapshot): Record<string, number> {
  return Object.fromEntries(SNAPSHOT_QUERIES.map((q) => [q, (s[q] as unknown[]).length]));
}
