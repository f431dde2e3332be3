import { rebuildAccessIndex, type IndexRow } from '../../../src/access/rebuild-index';
import { collectGarbageNow } from '../../../src/heap-growth';
import type { BulkRunner, QueryRunner, Row } from '../../../src/store/port';
import type { LocatedBundle } from '../check-references';
import { keptCounts, keptKeysOf } from '../keep-rejected';
import { linkDerivedEdges, records, type LoadStamp } from '../load';
import { ENTITY_FILES, type EntityFile } from '../records';
import type { Reject } from '../reject';
import { accountRow, credentialRow, entitlementRow, groupRow, identityRow, pairKey, systemRow } from '../rows';
import type { StagedAccessEdges } from './access-edges';
import { finalDelegations } from './final-delegations';
import { finalNodes, idsOf, withEnds, type FinalRows } from './final-rows';
import { readLiveRows } from './live-rows';
import { stageEdges, writeUsage } from './write-edges';

export interface GenerationInput {
  records: LocatedBundle;
  rejects: Reject[];
  stamp: LoadStamp;
  emailIndex: Map<string, string>;
  now: string;
  maxPathsPerGrant: number;
  /** Called as each ingest phase ends (load, cleanup, link, index), as the live path reports them. */
  phase: (name: 'load' | 'cleanup' | 'link' | 'index') => void;
  /**
   * Lets go of the run's records of these files once they are written (the caller's references
   * included): at L they are most of the heap, and each kind let go early is memory the bulk loads
   * after it do not share with it.
   */
  releaseRecords: (entities: readonly EntityFile[]) => void;
}

export interface GenerationResult {
  counts: Record<string, number>;
  accessGrants: number;
  /** The index phase in parts (rebuild-index.ts IndexTimings, plus the bulk loads' `copy`). */
  indexTimingsMs: Record<string, number>;
}

/**
 * A full run as a new generation (GraphStore.rebuild): the whole graph after the run is computed
 * from the run's records and the live graph, bulk-loaded into an empty database, then the derived
 * edges and the effective-access index are built there. Same outcome as load + cleanup + link +
 * index inside one transaction on the live graph, without holding the run in the page cache.
 */
export async function buildGeneration(live: QueryRunner, next: BulkRunner, input: GenerationInput): Promise<GenerationResult> {
  // The graph is staged by its own call, so nothing it read (live rows, id sets) outlives it.
  const staged = await stageGraph(live, next, input);
  input.releaseRecords(ENTITY_FILES);
  // Before the largest bulk loads, which allocate natively, not in JS: nothing else would collect the records first.
  collectGarbageNow();
  await staged.loadEdges();
  input.phase('load');
  input.phase('cleanup');
  await linkDerivedEdges(next);
  input.phase('link');
  const index = await writeIndex(next, input, staged.accessEdges);
  input.phase('index');
  return { counts: staged.counts, accessGrants: index.grants, indexTimingsMs: index.timingsMs };
}

/**
 * Nodes and edges of the graph after the run (load + cleanup): the nodes, usage and delegations
 * written, the other edges staged for `loadEdges`. Counts are the kept and removed ones.
 */
async function stageGraph(
  live: QueryRunner,
  next: BulkRunner,
  input: GenerationInput,
): Promise<{ counts: Record<string, number>; loadEdges: () => Promise<void>; accessEdges: StagedAccessEdges }> {
  const { stamp } = input;
  const kept = keptKeysOf(input.rejects);
  const keptPairs = (file: 'memberships' | 'grants' | 'usage', a: string, b: string) =>
    new Set(kept.edges[file].map((k) => pairKey(k[a], k[b])));
  const keptFrom = (file: 'memberships' | 'grants', field: string) => kept.edges[file].map((k) => k[field]);
  const liveRows = await readLiveRows(live, stamp.source, {
    'memberships-account': keptFrom('memberships', 'memberId'),
    'memberships-group': keptFrom('memberships', 'memberId'),
    'grants-account': keptFrom('grants', 'holderId'),
    'grants-group': keptFrom('grants', 'holderId'),
  });

  const removed: Record<string, number> = {};
  const nodes = async (table: string, file: keyof typeof liveRows.nodes, run: Row[], keptIds: string[] = []): Promise<Set<string>> => {
    const final: FinalRows = finalNodes(run, liveRows.nodes[file], stamp, keptIds);
    removed[file] = final.removed;
    await next.append({ table }, final.rows);
    return idsOf(final.rows);
  };
  const bundle = input.records;
  const ids = {
    identities: await nodes('Identity', 'identities', records(bundle, 'identities').map(identityRow), kept.nodes.identities),
    systems: await nodes('System', 'systems', records(bundle, 'systems').map(systemRow), kept.nodes.systems),
    accounts: await nodes('Account', 'accounts', records(bundle, 'accounts').map((r) => accountRow(r, input.emailIndex)), kept.nodes.accounts),
    groups: await nodes('AccessGroup', 'groups', records(bundle, 'groups').map(groupRow), kept.nodes.groups),
    entitlements: await nodes('Entitlement', 'entitlements', records(bundle, 'entitlements').map(entitlementRow), kept.nodes.entitlements),
  };
  const credentials = finalNodes(records(bundle, 'credentials').map(credentialRow), liveRows.nodes.credentials, stamp, kept.nodes.credentials);
  removed.credentials = credentials.removed;
  await next.append({ table: 'Credential' }, credentials.rows);
  await next.append({ table: 'IngestRun' }, liveRows.nodes.runs);
  await next.append({ table: 'GraphMeta' }, liveRows.nodes.meta);
  await next.append({ table: 'RiskSnapshot' }, liveRows.nodes.snapshots);

  // Usage first: its 10M events (about 400 MB at L) are let go before the largest bulk load, the memberships.
  removed.usage = await writeUsage(next, bundle.usage, liveRows.usage, stamp, keptPairs('usage', 'accountId', 'entitlementId'), [ids.accounts, ids.entitlements]);
  input.releaseRecords(['identities', 'systems', 'accounts', 'groups', 'entitlements', 'credentials', 'usage']);
  liveRows.usage = []; // a re-run's 966k stored pairs at L
  const edges = await stageEdges(next, bundle, liveRows, stamp, ids, {
    memberships: keptPairs('memberships', 'memberId', 'groupId'),
    grants: keptPairs('grants', 'holderId', 'entitlementId'),
  });
  try {
    Object.assign(removed, edges.removed);
    const delegations = finalDelegations(records(bundle, 'delegations'), liveRows.delegations, stamp, kept.delegations);
    removed.delegations = delegations.removed;
    const delegationRows = withEnds(delegations.rows, ids.identities, ids.identities);
    for (let i = 0; i < delegationRows.length; i += 5000) await next.run('generation/delegations', { rows: delegationRows.slice(i, i + 5000) });
    await writeHolders(next, credentials.rows, ids);
  } catch (e) {
    await edges.discard();
    throw e;
  }

  const counts: Record<string, number> = {};
  for (const [what, n] of Object.entries(keptCounts(kept))) counts[`kept.${what}`] = n;
  for (const [what, n] of Object.entries(removed)) counts[`removed.${what}`] = n;
  return { counts, loadEdges: edges.load, accessEdges: edges.accessEdges };
}

/** HOLDS follows each credential's holder, as the live load links it (upsert/credential-holders-*). */
async function writeHolders(next: BulkRunner, credentials: Row[], ids: { identities: Set<string>; accounts: Set<string> }): Promise<void> {
  const holders = (type: string, known: Set<string>) =>
    credentials.filter((c) => c.holderType === type && known.has(String(c.holderId))).map((c) => ({ fromId: c.holderId, toId: c.id }));
  await next.append({ table: 'HOLDS', from: 'Identity', to: 'Credential' }, holders('identity', ids.identities));
  await next.append({ table: 'HOLDS', from: 'Account', to: 'Credential' }, holders('account', ids.accounts));
}

/** The index as three bulk loads: the grants (nodes), the edges to them, which load after them, and the pairs. */
async function writeIndex(next: BulkRunner, input: GenerationInput, staged: StagedAccessEdges): Promise<{ grants: number; timingsMs: Record<string, number> }> {
  // Loaded only once the computation is done and collected: at L its heap (about 1 GB, all garbage
  // by then) sat beside the loads' native memory, the run's peak once the edges loaded the same way.
  // Each index row is read by all three tables as it is: at L 4M rows, where a copy per table was 12M objects.
  const grants = next.appender({ table: 'AccessGrant' }, { deferLoads: true, fields: { id: 'grantId' } });
  const held = next.appender({ table: 'HAS_GRANT', from: 'Identity', to: 'AccessGrant' }, { after: grants, deferLoads: true, fields: { fromId: 'identityId', toId: 'grantId' } });
  const pairs = next.appender({ table: 'HAS_ACCESS', from: 'Identity', to: 'Entitlement' }, { deferLoads: true, fields: { fromId: 'identityId', toId: 'entitlementId' } });
  const all = [grants, held, pairs];
  try {
    const built = await rebuildAccessIndex(next, {
      now: input.now,
      maxPathsPerGrant: input.maxPathsPerGrant,
      edges: () => staged.take(),
      write: async (rows: IndexRow[]) => {
        const asRows = rows as unknown as Row[];
        await grants.add(asRows);
        await held.add(asRows);
        await pairs.add(asRows);
      },
    });
    const started = Date.now();
    collectGarbageNow();
    for (const appender of all) await appender.finish();
    return { grants: built.grants, timingsMs: { ...built.timingsMs, copy: Date.now() - started } };
  } catch (e) {
    for (const appender of all) await appender.discard();
    throw e;
  }
}
