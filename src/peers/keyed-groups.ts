import { facetValue, type FacetValue } from './facets';
import type { PeerIdentity, PeerSnapshot } from './snapshot';

/** What a group of peers says about one entitlement. */
export interface PairCounts {
  holders: number;
  approved: number;
  denied: number;
}

const SEP = '\u0001';

/**
 * Identities partitioned by kind and the values of a list of facets (the empty list: everyone of a
 * kind), with per-group counts of holders and decisions for every entitlement, built in one pass so
 * any group's evidence is a lookup. Counts include every member; `excludingSelf` takes the asking
 * identity back out, so an identity is never its own peer.
 */
export class KeyedGroups {
  private readonly members = new Map<string, string[]>();
  private readonly counts = new Map<string, Map<string, PairCounts>>();
  /** Scoring asks for the same identity's key once per term and decision; remember it. */
  private readonly keys = new Map<string, string | null>();

  constructor(
    private readonly snapshot: PeerSnapshot,
    readonly facets: readonly string[],
  ) {
    for (const identity of snapshot.identities.values()) {
      if (!snapshot.isPeerCandidate(identity)) continue;
      const key = this.keyOf(identity);
      if (key === null) continue;
      const list = this.members.get(key);
      if (list) list.push(identity.id);
      else this.members.set(key, [identity.id]);
      let byEntitlement = this.counts.get(key);
      if (!byEntitlement) this.counts.set(key, (byEntitlement = new Map()));
      for (const e of snapshot.holdings(identity.id).keys()) counter(byEntitlement, e).holders++;
      for (const [e, d] of snapshot.decisions(identity.id)) counter(byEntitlement, e)[d.outcome]++;
    }
  }

  /** The identity's facet values, or null when it lacks one (then it is in no group of this kind). */
  valuesOf(identity: PeerIdentity): FacetValue[] | null {
    const out: FacetValue[] = [];
    for (const facet of this.facets) {
      const value = facetValue(this.snapshot, identity, facet);
      if (value === null) return null;
      out.push({ facet, value });
    }
    return out;
  }

  keyOf(identity: PeerIdentity): string | null {
    if (this.keys.has(identity.id)) return this.keys.get(identity.id)!;
    const values = this.valuesOf(identity);
    const key = values === null ? null : [identity.kind, ...values.map((v) => v.value)].join(SEP);
    this.keys.set(identity.id, key);
    return key;
  }

  membersOf(key: string): readonly string[] {
    return this.members.get(key) ?? [];
  }

  /** Every entitlement some member holds or has a decision on, with the counts (self included). */
  countsOf(key: string): ReadonlyMap<string, PairCounts> {
    return this.counts.get(key) ?? new Map();
  }

  /** True when the identity is counted in its own group (it is active). */
  includes(identity: PeerIdentity): boolean {
    return this.snapshot.isPeerCandidate(identity);
  }

  /** Peers' counts for one entitlement, the identity itself taken out. */
  excludingSelf(identity: PeerIdentity, key: string, entitlementId: string): PairCounts {
    const c = this.counts.get(key)?.get(entitlementId);
    const out = { holders: c?.holders ?? 0, approved: c?.approved ?? 0, denied: c?.denied ?? 0 };
    if (!this.includes(identity)) return out;
    if (this.snapshot.holdings(identity.id).has(entitlementId)) out.holders--;
    const own = this.snapshot.decisions(identity.id).get(entitlementId);
    if (own) out[own.outcome]--;
    return out;
  }

  peerCount(identity: PeerIdentity, key: string): number {
    return this.membersOf(key).length - (this.includes(identity) ? 1 : 0);
  }
}

function counter(map: Map<string, PairCounts>, e: string): PairCounts {
  let c = map.get(e);
  if (!c) map.set(e, (c = { holders: 0, approved: 0, denied: 0 }));
  return c;
}
