import type { BulkAppender, BulkRunner, BulkTarget, Row } from '../../../src/store/port';
import type { LocatedBundle } from '../check-references';
import { records, type LoadStamp } from '../load';
import { decisionRow, foldDecisions } from '../load-decisions';
import { pairKey } from '../rows';
import type { StoredUsage, UsageLog } from '../usage-log';
import { StagedAccessEdges } from './access-edges';
import { edgeKey, writeFinalEdges } from './final-rows';
import type { CarriedEdge, LiveRows } from './live-rows';

const TARGETS: Record<CarriedEdge, BulkTarget> = {
  'memberships-account': { table: 'MEMBER_OF', from: 'Account', to: 'AccessGroup' },
  'memberships-group': { table: 'MEMBER_OF', from: 'AccessGroup', to: 'AccessGroup' },
  'grants-account': { table: 'GRANTS', from: 'Account', to: 'Entitlement' },
  'grants-group': { table: 'GRANTS', from: 'AccessGroup', to: 'Entitlement' },
  decisions: { table: 'DECIDED', from: 'Identity', to: 'Entitlement' },
};

/** The run's edges of one kind, keyed by their ends like the carried ones, made as they are written. */
function* runEdgesOf(bundle: LocatedBundle, kind: CarriedEdge): Generator<Row> {
  if (kind === 'decisions') {
    for (const { identityId, entitlementId, ...values } of foldDecisions(records(bundle, 'decisions')).map(decisionRow)) {
      yield { fromId: identityId, toId: entitlementId, ...values };
    }
    return;
  }
  const type = kind.split('-')[1];
  if (kind.startsWith('memberships')) {
    for (const { record: m } of bundle.memberships) {
      if (m.memberType === type) yield { fromId: m.memberId, toId: m.groupId, grantedAt: m.grantedAt ?? null, expiresAt: m.expiresAt ?? null };
    }
    return;
  }
  for (const { record: g } of bundle.grants) {
    if (g.holderType === type) yield { fromId: g.holderId, toId: g.entitlementId, grantedAt: g.grantedAt ?? null, expiresAt: g.expiresAt ?? null };
  }
}

interface Ends {
  identities: Set<string>;
  accounts: Set<string>;
  groups: Set<string>;
  entitlements: Set<string>;
}

/** Bulk-loads rows as they come, in one load per table (see kuzu-bulk.ts on why one). */
async function appendAll(next: BulkRunner, target: BulkTarget, fill: (write: (rows: Row[]) => Promise<void>) => Promise<number>): Promise<number> {
  const appender = next.appender(target);
  try {
    const removed = await fill((rows) => appender.add(rows));
    await appender.finish();
    return removed;
  } catch (e) {
    await appender.discard();
    throw e;
  }
}

/** The run's edge tables written to disk and not loaded yet (see stageEdges). */
export interface StagedEdges {
  /** This source's edges neither supplied nor kept, per bundle file. */
  removed: Record<string, number>;
  /** The memberships and grants staged, for the access index (read back from the store otherwise). */
  accessEdges: StagedAccessEdges;
  /** Loads every staged table, in order; after a failure anywhere, call `discard` instead. */
  load: () => Promise<void>;
  discard: () => Promise<void>;
}

/**
 * Writes memberships, grants and decisions as files for their bulk loads, and loads none of them:
 * the caller lets go of the records and live rows they came from first. At L the loads of the 3.5M
 * memberships take about 1.7 GB of native memory, and ran beside about 1.4 GB of records.
 */
export async function stageEdges(
  next: BulkRunner,
  bundle: LocatedBundle,
  live: LiveRows,
  stamp: LoadStamp,
  ids: Ends,
  kept: { memberships: Set<string>; grants: Set<string> },
): Promise<StagedEdges> {
  const ends: Record<CarriedEdge, [Set<string>, Set<string>]> = {
    'memberships-account': [ids.accounts, ids.groups],
    'memberships-group': [ids.groups, ids.groups],
    'grants-account': [ids.accounts, ids.entitlements],
    'grants-group': [ids.groups, ids.entitlements],
    decisions: [ids.identities, ids.entitlements],
  };
  const removed: Record<string, number> = { memberships: 0, grants: 0, decisions: 0 };
  const accessEdges = new StagedAccessEdges();
  const appenders: BulkAppender[] = [];
  const discard = async () => {
    for (const appender of appenders) await appender.discard();
  };
  try {
    for (const kind of Object.keys(TARGETS) as CarriedEdge[]) {
      const file = kind.split('-')[0] as 'memberships' | 'grants' | 'decisions';
      const keptPairs = file === 'decisions' ? new Set<string>() : kept[file];
      const sources = { run: runEdgesOf(bundle, kind), live: live.edges[kind], ofSource: live.edgesOfSource[kind] };
      const appender = next.appender(TARGETS[kind], { deferLoads: true });
      appenders.push(appender);
      removed[file] += await writeFinalEdges(sources, stamp, keptPairs, ends[kind], (rows) => {
        accessEdges.add(kind, rows);
        return appender.add(rows);
      });
    }
  } catch (e) {
    await discard();
    throw e;
  }
  const load = async () => {
    try {
      for (const appender of appenders) await appender.finish();
    } catch (e) {
      await discard();
      throw e;
    }
  };
  return { removed, accessEdges, load, discard };
}

/**
 * USED after the run: the run's pairs folded onto the stored counts (usage-log.ts, fold), and the live
 * pairs it does not supply that survive its cleanup. Returns the removed count.
 */
export function writeUsage(next: BulkRunner, usage: UsageLog, live: Row[], stamp: LoadStamp, keptPairs: Set<string>, ends: [Set<string>, Set<string>]): Promise<number> {
  const prior = new Map<string, StoredUsage>();
  for (const l of live) prior.set(edgeKey(l), { lastUsedAt: String(l.lastUsedAt), count: Number(l.count) });
  const run = usage.fold((a, e) => prior.get(pairKey(a, e))).map(({ accountId, entitlementId, ...values }) => ({ fromId: accountId, toId: entitlementId, ...values }));
  const ofSource = new Set(live.filter((l) => l.source === stamp.source).map(edgeKey));
  return appendAll(next, { table: 'USED', from: 'Account', to: 'Entitlement' }, (write) => writeFinalEdges({ run, live, ofSource }, stamp, keptPairs, ends, write));
}
