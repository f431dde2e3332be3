/**
 * What peer analysis reads from the graph, once per graph version: identities with the facts that
 * group them, the effective access active at one instant, and past decisions. Everything in
 * src/peers/ is pure computation over this, so it is tested without a database.
 */
export type IdentityKind = 'human' | 'service' | 'agent';

export interface PeerIdentity {
  id: string;
  kind: IdentityKind;
  displayName: string;
  status: 'active' | 'suspended' | 'terminated';
  department: string | null;
  title: string | null;
  managerId: string | null;
  ownerId: string | null;
  purpose: string | null;
  attributes: Record<string, string>;
}

/** One active HAS_ACCESS pair of the effective-access index. */
export interface Holding {
  lastUsedAt: string | null;
  useCount: number;
}

/** The latest decision on one (identity, entitlement) pair: the DECIDED edge (docs/decisions.md). */
export interface Decision {
  outcome: 'approved' | 'denied';
  kind: 'request' | 'review';
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
}

export interface EntitlementInfo {
  id: string;
  name: string;
  systemId: string;
  privileged: boolean;
}

export interface SnapshotInput {
  identities: PeerIdentity[];
  /** Read once, in order: a reader may produce them one at a time. */
  holdings: Iterable<{ identityId: string; entitlementId: string } & Holding>;
  decisions: Array<{ identityId: string; entitlementId: string } & Decision>;
  entitlements: EntitlementInfo[];
}

const NO_HOLDINGS: ReadonlyMap<string, Holding> = new Map();
const NO_DECISIONS: ReadonlyMap<string, Decision> = new Map();

export class PeerSnapshot {
  readonly identities = new Map<string, PeerIdentity>();
  readonly entitlements = new Map<string, EntitlementInfo>();
  private readonly holdingsOf = new Map<string, Map<string, Holding>>();
  private readonly decisionsOf = new Map<string, Map<string, Decision>>();

  constructor(input: SnapshotInput) {
    for (const i of input.identities) this.identities.set(i.id, i);
    for (const e of input.entitlements) this.entitlements.set(e.id, e);
    this.addHoldings(input.holdings);
    for (const d of input.decisions) {
      if (!this.identities.has(d.identityId)) continue;
      let decided = this.decisionsOf.get(d.identityId);
      if (!decided) this.decisionsOf.set(d.identityId, (decided = new Map()));
      decided.set(d.entitlementId, { outcome: d.outcome, kind: d.kind, decidedAt: d.decidedAt, decidedBy: d.decidedBy, reason: d.reason });
    }
  }

  /**
   * More active pairs, for a reader that feeds them in parts (between which the server serves
   * requests: 3.9M at L); only while the snapshot is being built, before anything reads it.
   */
  addHoldings(holdings: Iterable<{ identityId: string; entitlementId: string } & Holding>): void {
    for (const h of holdings) {
      if (!this.identities.has(h.identityId)) continue;
      let held = this.holdingsOf.get(h.identityId);
      if (!held) this.holdingsOf.set(h.identityId, (held = new Map()));
      // Keyed by the catalog's own id string: one per entitlement, not one per pair (3.9M at L).
      held.set(this.entitlements.get(h.entitlementId)?.id ?? h.entitlementId, { lastUsedAt: h.lastUsedAt, useCount: h.useCount });
    }
  }

  identity(id: string): PeerIdentity | undefined {
    return this.identities.get(id);
  }

  holdings(identityId: string): ReadonlyMap<string, Holding> {
    return this.holdingsOf.get(identityId) ?? NO_HOLDINGS;
  }

  decisions(identityId: string): ReadonlyMap<string, Decision> {
    return this.decisionsOf.get(identityId) ?? NO_DECISIONS;
  }

  /** Peers are active identities: what suspended or departed people still hold says nothing about what is normal. */
  isPeerCandidate(i: PeerIdentity): boolean {
    return i.status === 'active';
  }

  entitlementName(id: string): string {
    return this.entitlements.get(id)?.name ?? id;
  }
}
