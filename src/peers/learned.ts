import type { Evidence, EvidenceKind } from './evidence';
import { describeFacets, informativeFacets, TOOLSET_KEYS } from './facets';
import type { GroupingName, PeerIndex } from './groups';
import { KIND_PLURAL } from './groups';
import type { KeyedGroups } from './keyed-groups';
import { fitNonNegativeLogistic, logit, sigmoid } from './logistic';
import type { IdentityKind, PeerIdentity } from './snapshot';

/**
 * Scoring learned from past decisions (docs/peers.md). Each term is a smoothed log-odds of one group
 * of peers, relative to the wider population it is compared with:
 *   ENTITLEMENT_DECISIONS  logit(p_e) - logit(p0)       p_e: approvals on e by everyone of the kind
 *   REQUESTER_DECISIONS    logit(p_self) - logit(p0)    the identity's decisions on other entitlements
 *   PEER_DECISIONS (f)     logit(p_fe) - logit(p_e)     approvals on e among peers sharing facet f
 *   PEER_COVERAGE (f)      logit(c_fe) - logit(c_e)     peers sharing f who hold e, vs. the whole kind
 * with p = (approved + M·prior) / (decided + M) and c = (holders + B·prior) / (peers + B). The
 * weights come from a non-negative logistic regression over the graph's own decisions, each scored
 * as if it had not been made (the identity is never its own peer, and its decision on e is left out).
 */
export const DECISION_PRIOR = 3;
export const COVERAGE_PRIOR = 3;
export const L2 = 10;

interface TermSpec {
  id: string;
  kind: EvidenceKind;
  facets: string[];
  groups: KeyedGroups | null;
}

export interface LearnedTerm {
  id: string;
  kind: EvidenceKind;
  facets: string[];
  weight: number;
}

export interface DecisionCounts {
  total: number;
  approved: number;
  denied: number;
}

export function groupingOf(facets: readonly string[]): GroupingName | null {
  const id = facets.join('+');
  if (id === '') return 'ORGANIZATION';
  if (id === 'department+title') return 'DEPARTMENT_TITLE';
  if (id === 'department') return 'DEPARTMENT';
  if (id === 'manager') return 'MANAGER';
  if (id === 'ownerTeam') return 'OWNER_TEAM';
  if (facets.length === 1 && TOOLSET_KEYS.some((k) => facets[0] === `attributes.${k}`)) return 'TOOLSET';
  return null;
}

/** Facet sets scored for a kind: each informative facet alone, plus department with title (a role). */
export function scoredFacetSets(index: PeerIndex, kind: IdentityKind): string[][] {
  const facets = informativeFacets(index.snapshot, kind);
  const sets = facets.map((f) => [f]);
  if (facets.includes('department') && facets.includes('title')) sets.splice(2, 0, ['department', 'title']);
  return sets;
}

export class LearnedScorer {
  readonly terms: LearnedTerm[];
  readonly intercept: number;
  readonly decisions: DecisionCounts;
  private readonly specs: TermSpec[];
  private readonly org: KeyedGroups;
  private readonly p0: number;
  private readonly ownTotals = new Map<string, { approved: number; denied: number }>();

  constructor(
    private readonly index: PeerIndex,
    readonly kind: IdentityKind,
  ) {
    const snapshot = index.snapshot;
    this.org = index.keyed([]);
    const specs: TermSpec[] = [
      { id: 'entitlement', kind: 'ENTITLEMENT_DECISIONS', facets: [], groups: null },
      { id: 'requester', kind: 'REQUESTER_DECISIONS', facets: [], groups: null },
    ];
    for (const facets of scoredFacetSets(index, kind)) {
      const groups = index.keyed(facets);
      specs.push({ id: `decisions:${facets.join('+')}`, kind: 'PEER_DECISIONS', facets, groups });
      specs.push({ id: `coverage:${facets.join('+')}`, kind: 'PEER_COVERAGE', facets, groups });
    }
    this.specs = specs;

    const rows: Array<{ identity: PeerIdentity; entitlementId: string; approved: boolean }> = [];
    for (const identity of snapshot.identities.values()) {
      if (identity.kind !== kind || !snapshot.isPeerCandidate(identity)) continue;
      for (const [e, d] of snapshot.decisions(identity.id)) rows.push({ identity, entitlementId: e, approved: d.outcome === 'approved' });
    }
    const approved = rows.filter((r) => r.approved).length;
    this.decisions = { total: rows.length, approved, denied: rows.length - approved };
    this.p0 = (approved + 1) / (rows.length + 2);
    const fit = fitNonNegativeLogistic(
      rows.map((r) => this.features(r.identity, r.entitlementId)),
      Uint8Array.from(rows, (r) => (r.approved ? 1 : 0)),
      { l2: L2 },
    );
    this.intercept = fit.intercept;
    this.terms = specs.map((s, j) => ({ id: s.id, kind: s.kind, facets: s.facets, weight: fit.weights[j] }));
  }

  score(identity: PeerIdentity, entitlementId: string): number {
    const x = this.features(identity, entitlementId);
    let z = this.intercept;
    for (let j = 0; j < x.length; j++) z += this.terms[j].weight * x[j];
    return sigmoid(z);
  }

  explain(identity: PeerIdentity, entitlementId: string): { base: number; evidence: Evidence[] } {
    const x = this.features(identity, entitlementId);
    const evidence: Evidence[] = [];
    const name = this.index.snapshot.entitlementName(entitlementId);
    const orgKey = this.org.keyOf(identity)!;
    this.specs.forEach((spec, j) => {
      const weight = this.terms[j].weight;
      if (weight === 0 || x[j] === 0) return;
      const base = { value: x[j], weight, contribution: weight * x[j] };
      if (spec.kind === 'ENTITLEMENT_DECISIONS') {
        const c = this.org.excludingSelf(identity, orgKey, entitlementId);
        const n = c.approved + c.denied;
        evidence.push({
          kind: spec.kind, grouping: 'ORGANIZATION', facets: [], peers: null, holders: null, approved: c.approved, denied: c.denied, ...base,
          statement: `${c.approved} of ${n} earlier decisions on ${name} for other ${KIND_PLURAL[identity.kind]} approved it`,
        });
      } else if (spec.kind === 'REQUESTER_DECISIONS') {
        const own = this.ownDecisions(identity, entitlementId);
        const n = own.approved + own.denied;
        evidence.push({
          kind: spec.kind, grouping: null, facets: [], peers: null, holders: null, approved: own.approved, denied: own.denied, ...base,
          statement: `${own.approved} of ${n} earlier decisions on ${identity.displayName}'s other access were approvals`,
        });
      } else {
        const groups = spec.groups!;
        const key = groups.keyOf(identity)!;
        const values = groups.valuesOf(identity)!;
        const c = groups.excludingSelf(identity, key, entitlementId);
        const peers = groups.peerCount(identity, key);
        const who = `${KIND_PLURAL[identity.kind]} with ${describeFacets(this.index.snapshot, values)}`;
        const statement =
          spec.kind === 'PEER_DECISIONS'
            ? `${c.approved} of ${c.approved + c.denied} ${who} who asked for ${name} were approved`
            : `${c.holders} of ${peers} ${who} hold ${name}`;
        evidence.push({
          kind: spec.kind, grouping: groupingOf(spec.facets), facets: values, peers, holders: c.holders,
          approved: spec.kind === 'PEER_DECISIONS' ? c.approved : null,
          denied: spec.kind === 'PEER_DECISIONS' ? c.denied : null,
          ...base, statement,
        });
      }
    });
    evidence.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    return { base: this.intercept, evidence };
  }

  /** The term values for one pair, in `terms` order; 0 where the identity lacks the facet or nobody decided. */
  features(identity: PeerIdentity, entitlementId: string): Float64Array {
    const x = new Float64Array(this.specs.length);
    const orgKey = this.org.keyOf(identity);
    if (orgKey === null) return x;
    const org = this.org.excludingSelf(identity, orgKey, entitlementId);
    const pE = smooth(org.approved, org.approved + org.denied, this.p0, DECISION_PRIOR);
    const orgPeers = this.org.peerCount(identity, orgKey);
    const cE = (org.holders + 1) / (orgPeers + 2);
    const own = this.ownDecisions(identity, entitlementId);
    for (let j = 0; j < this.specs.length; j++) {
      const spec = this.specs[j];
      if (spec.kind === 'ENTITLEMENT_DECISIONS') {
        x[j] = logit(pE) - logit(this.p0);
      } else if (spec.kind === 'REQUESTER_DECISIONS') {
        x[j] = logit(smooth(own.approved, own.approved + own.denied, this.p0, DECISION_PRIOR)) - logit(this.p0);
      } else {
        const groups = spec.groups!;
        const key = groups.keyOf(identity);
        if (key === null) continue;
        const c = groups.excludingSelf(identity, key, entitlementId);
        if (spec.kind === 'PEER_DECISIONS') {
          x[j] = logit(smooth(c.approved, c.approved + c.denied, pE, DECISION_PRIOR)) - logit(pE);
        } else {
          x[j] = logit(smooth(c.holders, groups.peerCount(identity, key), cE, COVERAGE_PRIOR)) - logit(cE);
        }
      }
    }
    return x;
  }

  /** The identity's own decisions on everything but this entitlement. */
  private ownDecisions(identity: PeerIdentity, entitlementId: string): { approved: number; denied: number } {
    let totals = this.ownTotals.get(identity.id);
    if (!totals) {
      totals = { approved: 0, denied: 0 };
      for (const d of this.index.snapshot.decisions(identity.id).values()) totals[d.outcome]++;
      this.ownTotals.set(identity.id, totals);
    }
    const out = { ...totals };
    const onThis = this.index.snapshot.decisions(identity.id).get(entitlementId);
    if (onThis) out[onThis.outcome]--;
    return out;
  }
}

/** (successes + strength·prior) / (trials + strength): the prior speaks for `strength` imaginary peers. */
export function smooth(successes: number, trials: number, prior: number, strength: number): number {
  return (successes + strength * prior) / (trials + strength);
}
