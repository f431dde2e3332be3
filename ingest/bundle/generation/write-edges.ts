import type { BulkRunner, BulkTarget, Row } from '../../../src/store/port';
import type { LocatedBundle } from '../check-references';
import { records, type LoadStamp } from '../load';
import { decisionRow, foldDecisions } from '../load-decisions';
import { pairKey } from '../rows';
import type { StoredUsage, UsageLog } from '../usage-log';
import { edgeKey, finalEdges, withEnds, type FinalRows } from './final-rows';
import type { CarriedEdge, LiveRows } from './live-rows';

const TARGETS: Record<CarriedEdge, BulkTarget> = {
  'memberships-account': { table: 'MEMBER_OF', from: 'Account', to: 'AccessGroup' },
  'memberships-group': { table: 'MEMBER_OF', from: 'AccessGroup', to: 'AccessGroup' },
  'grants-account': { table: 'GRANTS', from: 'Account', to: 'Entitlement' },
  'grants-group': { table: 'GRANTS', from: 'AccessGroup', to: 'Entitlement' },
  decisions: { table: 'DECIDED', from: 'Identity', to: 'Entitlement' },
};

/** The run's edges per kind, keyed by their ends like the carried ones. */
export function runEdgeRows(bundle: LocatedBundle): Record<CarriedEdge, Row[]> {
  const memberships = records(bundle, 'memberships');
  const grants = records(bundle, 'grants');
  const membership = (type: string) => memberships.filter((m) => m.memberType === type)
    .map((m) => ({ fromId: m.memberId, toId: m.groupId, grantedAt: m.grantedAt ?? null, expiresAt: m.expiresAt ?? null }));
  const grant = (type: string) => grants.filter((g) => g.holderType === type)
    .map((g) => ({ fromId: g.holderId, toId: g.entitlementId, grantedAt: g.grantedAt ?? null, expiresAt: g.expiresAt ?? null }));
  return {
    'memberships-account': membership('account'),
    'memberships-group': membership('group'),
    'grants-account': grant('account'),
    'grants-group': grant('group'),
    decisions: foldDecisions(records(bundle, 'decisions')).map(decisionRow).map(({ identityId, entitlementId, ...values }) => ({
      fromId: identityId,
      toId: entitlementId,
      ...values,
    })),
  };
}

interface Ends {
  identities: Set<string>;
  accounts: Set<string>;
  groups: Set<string>;
  entitlements: Set<string>;
}

/** Writes memberships, grants and decisions; returns the removed count per bundle file. */
export async function writeEdges(
  next: BulkRunner,
  run: Record<CarriedEdge, Row[]>,
  live: LiveRows,
  stamp: LoadStamp,
  ids: Ends,
  kept: { memberships: Set<string>; grants: Set<string> },
): Promise<Record<string, number>> {
  const ends: Record<CarriedEdge, [Set<string>, Set<string>]> = {
    'memberships-account': [ids.accounts, ids.groups],
    'memberships-group': [ids.groups, ids.groups],
    'grants-account': [ids.accounts, ids.entitlements],
    'grants-group': [ids.groups, ids.entitlements],
    decisions: [ids.identities, ids.entitlements],
  };
  const removed: Record<string, number> = { memberships: 0, grants: 0, decisions: 0 };
  for (const kind of Object.keys(TARGETS) as CarriedEdge[]) {
    const file = kind.split('-')[0] as 'memberships' | 'grants' | 'decisions';
    const keptPairs = file === 'decisions' ? new Set<string>() : kept[file];
    const final: FinalRows = finalEdges(run[kind], live.edges[kind], live.edgesOfSource[kind], stamp, keptPairs);
    removed[file] += final.removed;
    await next.append(TARGETS[kind], withEnds(final.rows, ...ends[kind]));
  }
  return removed;
}

/**
 * USED after the run: the run's pairs folded onto the stored counts (usage-log.ts, fold), and the live
 * pairs it does not supply that survive its cleanup.
 */
export function finalUsage(usage: UsageLog, live: Row[], stamp: LoadStamp, keptPairs: Set<string>): FinalRows {
  const prior = new Map<string, StoredUsage>();
  for (const l of live) prior.set(edgeKey(l), { lastUsedAt: String(l.lastUsedAt), count: Number(l.count) });
  const runRows = usage.fold((a, e) => prior.get(pairKey(a, e))).map(({ accountId, entitlementId, ...values }) => ({ fromId: accountId, toId: entitlementId, ...values }));
  const ofSource = live.filter((l) => l.source === stamp.source).map(edgeKey);
  return finalEdges(runRows, live, ofSource, stamp, keptPairs);
}
