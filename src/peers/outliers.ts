import type { PeerModel } from './model';
import type { IdentityKind, PeerIdentity } from './snapshot';

/**
 * Held-but-unusual access across the organisation. The outlier score of a held pair is
 * 1 - its recommendation score: how strongly the identity's peers (and past decisions, where the
 * model learned from them) say it should not hold it. Only active identities are ranked; access
 * left with departed or suspended identities is a different finding.
 */
export const DEFAULT_MIN_OUTLIER_SCORE = 0.8;

export interface OutlierEntry {
  identityId: string;
  entitlementId: string;
  outlierScore: number;
  lastUsedAt: string | null;
  useCount: number;
}

export interface OutlierFilter {
  minScore: number;
  /** The identity's department, or for agents and services their owner's. */
  department: string | null;
  kind: IdentityKind | null;
}

const ranked = new WeakMap<PeerModel, OutlierEntry[]>();

/** Every held pair of every active identity, highest outlier score first; computed once per model. */
export function rankedOutliers(model: PeerModel): OutlierEntry[] {
  let list = ranked.get(model);
  if (list) return list;
  list = [];
  const snapshot = model.snapshot;
  for (const identity of snapshot.identities.values()) {
    if (!snapshot.isPeerCandidate(identity)) continue;
    for (const [entitlementId, h] of snapshot.holdings(identity.id)) {
      list.push({ identityId: identity.id, entitlementId, outlierScore: 1 - model.score(identity, entitlementId), lastUsedAt: h.lastUsedAt, useCount: h.useCount });
    }
  }
  // Ties: never-used first, then least recently used; ids keep the order stable across pages.
  list.sort(
    (a, b) =>
      b.outlierScore - a.outlierScore ||
      (a.lastUsedAt ?? '').localeCompare(b.lastUsedAt ?? '') ||
      a.identityId.localeCompare(b.identityId) ||
      a.entitlementId.localeCompare(b.entitlementId),
  );
  ranked.set(model, list);
  return list;
}

/**
 * One identity's held pairs scored at least `minScore`, unordered; none for an identity peers are not
 * ranked for. For a consumer that wants only the outliers: the ranked list holds every held pair.
 */
export function outliersOf(model: PeerModel, identityId: string, minScore: number): Array<{ entitlementId: string; outlierScore: number }> {
  const identity = model.snapshot.identity(identityId);
  if (!identity || !model.snapshot.isPeerCandidate(identity)) return [];
  const out: Array<{ entitlementId: string; outlierScore: number }> = [];
  for (const entitlementId of model.snapshot.holdings(identityId).keys()) {
    const outlierScore = 1 - model.score(identity, entitlementId);
    if (outlierScore >= minScore) out.push({ entitlementId, outlierScore });
  }
  return out;
}

export function departmentOf(model: PeerModel, identity: PeerIdentity): string | null {
  if (identity.department) return identity.department;
  return identity.ownerId ? (model.snapshot.identity(identity.ownerId)?.department ?? null) : null;
}

export function filterOutliers(model: PeerModel, filter: OutlierFilter): OutlierEntry[] {
  return rankedOutliers(model).filter((o) => {
    if (o.outlierScore < filter.minScore) return false;
    if (!filter.kind && !filter.department) return true;
    const identity = model.snapshot.identity(o.identityId)!;
    if (filter.kind && identity.kind !== filter.kind) return false;
    return !filter.department || departmentOf(model, identity) === filter.department;
  });
}
