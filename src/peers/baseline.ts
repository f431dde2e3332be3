import { choosePeerGroup, type ChosenGroup, type RequestedGrouping } from './backoff';
import type { PeerIndex } from './groups';
import type { PeerIdentity } from './snapshot';

export interface BaselineOptions {
  by: RequestedGrouping;
  attributes: readonly string[];
  minPeers: number;
  /** A held entitlement is an outlier when fewer than this share of peers hold it. */
  outlierBelow: number;
  /** A missing entitlement is common-but-missing when at least this share of peers hold it. */
  commonAbove: number;
}

export const DEFAULT_OUTLIER_BELOW = 0.1;
export const DEFAULT_COMMON_ABOVE = 0.75;

export interface PeerEntitlementRow {
  entitlementId: string;
  peersHolding: number;
  /** peersHolding / peer count; 0 when there are no peers. */
  coverage: number;
  held: boolean;
  outlier: boolean;
  commonButMissing: boolean;
  lastUsedAt: string | null;
  useCount: number;
}

export interface PeerBaselineResult {
  identity: PeerIdentity;
  chosen: ChosenGroup;
  options: BaselineOptions;
  entitlements: PeerEntitlementRow[];
}

/** Flagged rows first (outliers, rarest first; then common-but-missing, commonest first), then the rest by coverage. */
function rank(r: PeerEntitlementRow): number {
  return r.outlier ? 0 : r.commonButMissing ? 1 : r.held ? 2 : 3;
}

export function peerBaseline(index: PeerIndex, identity: PeerIdentity, options: BaselineOptions): PeerBaselineResult {
  const chosen = choosePeerGroup(index, identity, options.by, options.minPeers, options.attributes);
  const peerCount = chosen.group.peerCount;
  const held = index.snapshot.holdings(identity.id);
  const holdersByEntitlement = new Map<string, number>();
  for (const [e, c] of chosen.group.entitlementCounts()) if (c.holders > 0) holdersByEntitlement.set(e, c.holders);
  for (const e of held.keys()) if (!holdersByEntitlement.has(e)) holdersByEntitlement.set(e, 0);

  const entitlements: PeerEntitlementRow[] = [];
  for (const [entitlementId, peersHolding] of holdersByEntitlement) {
    const coverage = peerCount ? peersHolding / peerCount : 0;
    const holding = held.get(entitlementId);
    entitlements.push({
      entitlementId,
      peersHolding,
      coverage,
      held: Boolean(holding),
      outlier: Boolean(holding) && coverage < options.outlierBelow,
      commonButMissing: !holding && peerCount > 0 && coverage >= options.commonAbove,
      lastUsedAt: holding?.lastUsedAt ?? null,
      useCount: holding?.useCount ?? 0,
    });
  }
  entitlements.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    const byCoverage = ra === 0 ? a.coverage - b.coverage : b.coverage - a.coverage;
    return byCoverage || a.entitlementId.localeCompare(b.entitlementId);
  });
  return { identity, chosen, options, entitlements };
}
