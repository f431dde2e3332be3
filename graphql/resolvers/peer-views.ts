import { choosePeerGroup, DEFAULT_MIN_PEERS, type ChosenGroup } from '../../src/peers/backoff';
import { DEFAULT_COMMON_ABOVE, DEFAULT_OUTLIER_BELOW, type PeerBaselineResult } from '../../src/peers/baseline';
import type { Evidence } from '../../src/peers/evidence';
import { valueLabel, type FacetValue } from '../../src/peers/facets';
import type { KindModelInfo, PeerModel, Recommendation } from '../../src/peers/model';
import { suggest } from '../../src/peers/suggestion';
import type { PeerIdentity } from '../../src/peers/snapshot';
import type {
  AccessRecommendation, PeerBaseline, PeerCoverage, PeerEvidence, PeerFacet, PeerGroup, ScoringModel,
} from '../types/peer.type';

/** Domain results (src/peers) to GraphQL objects; nothing here decides anything. */
export function toFacet(model: PeerModel, fv: FacetValue): PeerFacet {
  return { facet: fv.facet, value: fv.value, label: valueLabel(model.snapshot, fv) };
}

export function toPeerGroup(model: PeerModel, chosen: ChosenGroup): PeerGroup {
  return {
    grouping: chosen.group.grouping,
    requested: chosen.requested,
    description: chosen.group.description,
    facets: chosen.group.facets.map((f) => toFacet(model, f)),
    peerCount: chosen.group.peerCount,
    minPeers: chosen.minPeers,
    backedOff: chosen.backedOff,
    sufficient: chosen.sufficient,
    reason: chosen.reason,
    steps: chosen.steps.map((s) => ({ ...s, facets: s.facets.map((f) => toFacet(model, f)) })),
    get peerIds() {
      return chosen.group.peers();
    },
  };
}

export function toBaseline(model: PeerModel, result: PeerBaselineResult): PeerBaseline {
  return {
    identityId: result.identity.id,
    group: toPeerGroup(model, result.chosen),
    outlierBelow: result.options.outlierBelow,
    commonAbove: result.options.commonAbove,
    heldCount: result.entitlements.filter((r) => r.held).length,
    outlierCount: result.entitlements.filter((r) => r.outlier).length,
    commonButMissingCount: result.entitlements.filter((r) => r.commonButMissing).length,
    rows: result.entitlements,
  };
}

export function toEvidence(model: PeerModel, e: Evidence): PeerEvidence {
  return { ...e, facets: e.facets.map((f) => toFacet(model, f)) };
}

export function toScoringModel(info: KindModelInfo): ScoringModel {
  return {
    method: info.method,
    decisions: info.decisions.total,
    approved: info.decisions.approved,
    denied: info.decisions.denied,
    intercept: info.intercept,
    terms: info.terms.map((t) => ({ id: t.id, kind: t.kind, facets: t.facets, weight: t.weight })),
    reason: info.reason,
  };
}

/** The pair's standing in the identity's default peer group (AUTO, default minPeers and thresholds). */
export function peerCoverage(model: PeerModel, identity: PeerIdentity, entitlementId: string, now: string, score?: number): PeerCoverage {
  const chosen = choosePeerGroup(model.index, identity, 'AUTO', DEFAULT_MIN_PEERS);
  const peersHolding = chosen.group.counts(entitlementId).holders;
  const peerCount = chosen.group.peerCount;
  const coverage = peerCount ? peersHolding / peerCount : 0;
  const holding = model.snapshot.holdings(identity.id).get(entitlementId) ?? null;
  const s = score ?? model.score(identity, entitlementId);
  return {
    grouping: chosen.group.grouping,
    peerCount,
    peersHolding,
    coverage,
    held: holding !== null,
    outlier: holding !== null && coverage < DEFAULT_OUTLIER_BELOW,
    commonButMissing: holding === null && peerCount > 0 && coverage >= DEFAULT_COMMON_ABOVE,
    score: s,
    suggestion: suggest(s, holding, now),
    group: toPeerGroup(model, chosen),
  };
}

const SUPPORTING_PEERS = 50;

export function toRecommendation(model: PeerModel, rec: Recommendation, now: string): AccessRecommendation {
  const peers = peerCoverage(model, rec.identity, rec.entitlementId, now, rec.score);
  return {
    identityId: rec.identity.id,
    entitlementId: rec.entitlementId,
    score: rec.score,
    held: rec.held,
    suggestion: rec.suggestion,
    summary: rec.summary,
    baseLogOdds: rec.baseLogOdds,
    evidence: rec.evidence.map((e) => toEvidence(model, e)),
    priorDecision: rec.priorDecision,
    lastUsedAt: rec.holding?.lastUsedAt ?? null,
    model: toScoringModel(model.info(rec.identity.kind)),
    peers,
    get supportingPeerIds() {
      // Peers in the default group who hold it or were approved for it: the people behind the coverage.
      return peers.group.peerIds
        .filter((p) => model.snapshot.holdings(p).has(rec.entitlementId) || model.snapshot.decisions(p).get(rec.entitlementId)?.outcome === 'approved')
        .slice(0, SUPPORTING_PEERS);
    },
  };
}
