import type { QueryRunner, Row } from '../../../src/store/port';
import { edgeKey } from './final-rows';

/** Node tables a rebuild reads whole from the live graph (cypher/carry/<file>.cypher). */
export const CARRIED_NODES = ['identities', 'systems', 'accounts', 'groups', 'entitlements', 'credentials', 'runs', 'meta', 'snapshots'] as const;
/** Edge kinds a run supplies and cleans up by update tag, one per FROM/TO pair. */
export const CARRIED_EDGES = ['memberships-account', 'memberships-group', 'grants-account', 'grants-group', 'decisions'] as const;

export type CarriedNode = (typeof CARRIED_NODES)[number];
export type CarriedEdge = (typeof CARRIED_EDGES)[number];

export interface LiveRows {
  nodes: Record<CarriedNode, Row[]>;
  /** Other sources' edges, and this source's from the holders rejected records name. */
  edges: Record<CarriedEdge, Row[]>;
  /** Keys of this source's edges, for the removed counts. */
  edgesOfSource: Record<CarriedEdge, Set<string>>;
  /** Every usage pair (other sources' to copy, this source's as prior counts) and every delegation. */
  usage: Row[];
  delegations: Row[];
}

/**
 * Reads what a rebuild may carry into the new graph, from the live graph as it stands. The caller
 * holds the store's writer, so nothing changes between these reads.
 */
export async function readLiveRows(live: QueryRunner, source: string, keptFrom: Partial<Record<CarriedEdge, string[]>>): Promise<LiveRows> {
  const nodes = {} as LiveRows['nodes'];
  for (const file of CARRIED_NODES) nodes[file] = await live.run(`carry/${file}`, {});
  const edges = {} as LiveRows['edges'];
  const edgesOfSource = {} as LiveRows['edgesOfSource'];
  for (const kind of CARRIED_EDGES) {
    edges[kind] = await live.run(`carry/${kind}`, { source });
    const holders = [...new Set(keptFrom[kind] ?? [])];
    if (holders.length) edges[kind].push(...(await live.run(`carry/${kind}-kept`, { source, keptFrom: holders })));
    edgesOfSource[kind] = new Set((await live.run(`carry/${kind}-of-source`, { source })).map(edgeKey));
  }
  return { nodes, edges, edgesOfSource, usage: await live.run('carry/usage', {}), delegations: await live.run('carry/delegations', {}) };
}
