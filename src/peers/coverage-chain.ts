import { defaultOrder } from './backoff';
import type { Evidence } from './evidence';
import type { GroupingName, PeerIndex } from './groups';
import type { PairCounts } from './keyed-groups';
import { logit, sigmoid } from './logistic';
import type { PeerIdentity } from './snapshot';

/**
 * Scoring when there are too few past decisions to learn from: how common the entitlement is among
 * the identity's peers, estimated along the back-off order from the widest group to the narrowest,
 * each group's share shrunk toward the wider group's estimate:
 *   c_0 = (holders + 1) / (peers + 2)                      every active identity of the kind
 *   c_k = (holders_k + CHAIN_PRIOR · c_(k-1)) / (peers_k + CHAIN_PRIOR)
 * A large group speaks for itself; a small one moves the estimate a little. In log-odds the steps
 * add up exactly: logit(score) = logit(c_0) + sum of (logit(c_k) - logit(c_(k-1))), one evidence
 * item per group.
 */
export const CHAIN_PRIOR = 4;

export class CoverageChainScorer {
  constructor(private readonly index: PeerIndex) {}

  score(identity: PeerIdentity, entitlementId: string): number {
    let logOdds = 0;
    for (const step of this.steps(identity, entitlementId)) logOdds += step.contribution;
    return sigmoid(logOdds);
  }

  explain(identity: PeerIdentity, entitlementId: string): { base: number; evidence: Evidence[] } {
    const name = this.index.snapshot.entitlementName(entitlementId);
    const evidence: Evidence[] = this.steps(identity, entitlementId, true).map((s) => ({
      kind: 'PEER_COVERAGE',
      grouping: s.grouping,
      facets: s.facets,
      peers: s.peers,
      holders: s.counts.holders,
      approved: null,
      denied: null,
      value: s.contribution,
      weight: 1,
      contribution: s.contribution,
      statement: `${s.counts.holders} of ${s.peers} ${s.description} hold ${name}`,
    }));
    // Narrowest group first: that is the one a reviewer reads first.
    return { base: 0, evidence: evidence.reverse() };
  }

  /** Widest group first; `describe` only when the evidence will be shown (ranking every held pair skips it). */
  private steps(identity: PeerIdentity, entitlementId: string, describe = false): Step[] {
    const out: Step[] = [];
    let prior: number | null = null;
    for (const grouping of [...defaultOrder(identity)].reverse()) {
      const group = this.group(identity, grouping, entitlementId, describe);
      if (!group || (prior !== null && group.peers === 0)) continue;
      const { holders } = group.counts;
      const estimate: number = prior === null ? (holders + 1) / (group.peers + 2) : (holders + CHAIN_PRIOR * prior) / (group.peers + CHAIN_PRIOR);
      out.push({ grouping, ...group, contribution: logit(estimate) - (prior === null ? 0 : logit(prior)) });
      prior = estimate;
    }
    return out;
  }

  /** Keyed groupings are counted straight from their index; PURPOSE (similarity) through the resolved group. */
  private group(identity: PeerIdentity, grouping: GroupingName, entitlementId: string, describe: boolean) {
    const basis = this.index.basis(identity, { grouping });
    if (basis.by === 'none') return null;
    if (basis.by === 'facets') {
      const groups = this.index.keyed(basis.facets);
      const key = groups.keyOf(identity)!;
      const facets = groups.valuesOf(identity)!;
      return {
        facets,
        description: describe ? this.index.describe(identity, grouping, facets) : '',
        peers: groups.peerCount(identity, key),
        counts: groups.excludingSelf(identity, key, entitlementId),
      };
    }
    const r = this.index.resolve(identity, { grouping });
    if (!r.ok) return null;
    return { facets: r.group.facets, description: r.group.description, peers: r.group.peerCount, counts: r.group.counts(entitlementId) };
  }
}

interface Step {
  grouping: GroupingName;
  facets: Evidence['facets'];
  description: string;
  peers: number;
  counts: PairCounts;
  contribution: number;
}
