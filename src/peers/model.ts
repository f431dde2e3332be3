import { WhohasError } from '../errors';
import { CoverageChainScorer } from './coverage-chain';
import type { Evidence } from './evidence';
import { PeerIndex } from './groups';
import { sigmoid } from './logistic';
import { LearnedScorer, type DecisionCounts, type LearnedTerm } from './learned';
import type { Decision, Holding, IdentityKind, PeerIdentity, PeerSnapshot } from './snapshot';
import { recommendationSummary, suggest, type Suggestion } from './suggestion';

/** Below these, a kind's decisions are too few to learn weights from, and scores follow peer coverage. */
export const MIN_DECISIONS = 100;
export const MIN_EACH_OUTCOME = 10;

export type ScoringMethod = 'LEARNED_FROM_DECISIONS' | 'PEER_COVERAGE';

export interface KindModelInfo {
  identityKind: IdentityKind;
  method: ScoringMethod;
  decisions: DecisionCounts;
  /** Learned weights (LEARNED_FROM_DECISIONS only; PEER_COVERAGE weighs every group 1). */
  intercept: number;
  terms: LearnedTerm[];
  reason: string;
}

export interface Recommendation {
  identity: PeerIdentity;
  entitlementId: string;
  score: number;
  held: boolean;
  holding: Holding | null;
  /** The identity's own latest decision on this entitlement: shown, never scored (it is what is being predicted). */
  priorDecision: Decision | null;
  method: ScoringMethod;
  baseLogOdds: number;
  evidence: Evidence[];
  suggestion: Suggestion;
  summary: string;
}

interface KindScorer {
  info: KindModelInfo;
  score(identity: PeerIdentity, entitlementId: string): number;
  explain(identity: PeerIdentity, entitlementId: string): { base: number; evidence: Evidence[] };
}

/**
 * Recommendations over one snapshot: per identity kind, a model learned from that kind's past
 * decisions when there are enough of them, otherwise peer coverage along the back-off order.
 */
export class PeerModel {
  readonly index: PeerIndex;
  private readonly scorers = new Map<IdentityKind, KindScorer>();

  constructor(readonly snapshot: PeerSnapshot) {
    this.index = new PeerIndex(snapshot);
  }

  identity(id: string): PeerIdentity {
    const identity = this.snapshot.identity(id);
    if (!identity) throw new WhohasError('NOT_FOUND', `No identity '${id}'`);
    return identity;
  }

  requireEntitlement(id: string): void {
    if (!this.snapshot.entitlements.has(id)) throw new WhohasError('NOT_FOUND', `No entitlement '${id}'`);
  }

  info(kind: IdentityKind): KindModelInfo {
    return this.scorer(kind).info;
  }

  /** The score alone (no evidence): for ranking every held pair of the organisation. */
  score(identity: PeerIdentity, entitlementId: string): number {
    return this.scorer(identity.kind).score(identity, entitlementId);
  }

  /** `now` only decides whether a held entitlement counts as recently used (see suggest). */
  recommend(identityId: string, entitlementId: string, now: string): Recommendation {
    const identity = this.identity(identityId);
    this.requireEntitlement(entitlementId);
    const scorer = this.scorer(identity.kind);
    const { base, evidence } = scorer.explain(identity, entitlementId);
    // Evidence leaves out only zero terms, so it always adds up to the score.
    const score = sigmoid(evidence.reduce((z, e) => z + e.contribution, base));
    const holding = this.snapshot.holdings(identity.id).get(entitlementId) ?? null;
    const suggestion = suggest(score, holding, now);
    return {
      identity,
      entitlementId,
      score,
      held: holding !== null,
      holding,
      priorDecision: this.snapshot.decisions(identity.id).get(entitlementId) ?? null,
      method: scorer.info.method,
      baseLogOdds: base,
      evidence,
      suggestion,
      summary: recommendationSummary({
        suggestion,
        score,
        identityName: identity.displayName,
        entitlementName: this.snapshot.entitlementName(entitlementId),
        held: holding !== null,
        lastUsedAt: holding?.lastUsedAt ?? null,
        evidence,
      }),
    };
  }

  private scorer(kind: IdentityKind): KindScorer {
    let scorer = this.scorers.get(kind);
    if (!scorer) this.scorers.set(kind, (scorer = this.buildScorer(kind)));
    return scorer;
  }

  private buildScorer(kind: IdentityKind): KindScorer {
    const counts = decisionCounts(this.snapshot, kind);
    const enough = counts.total >= MIN_DECISIONS && counts.approved >= MIN_EACH_OUTCOME && counts.denied >= MIN_EACH_OUTCOME;
    if (enough) {
      const learned = new LearnedScorer(this.index, kind);
      return {
        info: {
          identityKind: kind,
          method: 'LEARNED_FROM_DECISIONS',
          decisions: learned.decisions,
          intercept: learned.intercept,
          terms: learned.terms,
          reason: `weights learned from ${learned.decisions.total} past decisions (${learned.decisions.approved} approved, ${learned.decisions.denied} denied)`,
        },
        score: (i, e) => learned.score(i, e),
        explain: (i, e) => learned.explain(i, e),
      };
    }
    const chain = new CoverageChainScorer(this.index);
    return {
      info: {
        identityKind: kind,
        method: 'PEER_COVERAGE',
        decisions: counts,
        intercept: 0,
        terms: [],
        reason:
          `${counts.total} past decisions (${counts.approved} approved, ${counts.denied} denied): fewer than ` +
          `${MIN_DECISIONS} with ${MIN_EACH_OUTCOME} of each outcome, so scores follow peer coverage along the back-off order`,
      },
      score: (i, e) => chain.score(i, e),
      explain: (i, e) => chain.explain(i, e),
    };
  }
}

function decisionCounts(snapshot: PeerSnapshot, kind: IdentityKind): DecisionCounts {
  let approved = 0;
  let denied = 0;
  for (const i of snapshot.identities.values()) {
    if (i.kind !== kind || !snapshot.isPeerCandidate(i)) continue;
    for (const d of snapshot.decisions(i.id).values()) d.outcome === 'approved' ? approved++ : denied++;
  }
  return { total: approved + denied, approved, denied };
}
