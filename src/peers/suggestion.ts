import type { Evidence } from './evidence';
import type { Holding } from './snapshot';

/**
 * What a reviewer is told to do with a score. Taking access away needs stronger evidence than
 * refusing it, and access used recently is never suggested for revocation outright.
 */
export type Suggestion = 'APPROVE' | 'REVIEW' | 'DENY' | 'KEEP' | 'REVOKE';

export const APPROVE_AT = 0.75;
export const DENY_BELOW = 0.25;
export const KEEP_AT = 0.25;
export const REVOKE_BELOW = 0.1;
export const RECENT_USE_DAYS = 90;

const DAY_MS = 86_400_000;

export function suggest(score: number, holding: Holding | null, nowIso: string): Suggestion {
  if (!holding) return score >= APPROVE_AT ? 'APPROVE' : score < DENY_BELOW ? 'DENY' : 'REVIEW';
  if (score >= KEEP_AT) return 'KEEP';
  const usedRecently = holding.lastUsedAt !== null && Date.parse(nowIso) - Date.parse(holding.lastUsedAt) <= RECENT_USE_DAYS * DAY_MS;
  return score < REVOKE_BELOW && !usedRecently ? 'REVOKE' : 'REVIEW';
}

const VERB: Record<Suggestion, string> = {
  APPROVE: 'Approve',
  REVIEW: 'Review',
  DENY: 'Deny',
  KEEP: 'Keep',
  REVOKE: 'Revoke',
};

/** One sentence: the suggestion, the score, and the two terms that moved it most. */
export function recommendationSummary(opts: {
  suggestion: Suggestion;
  score: number;
  identityName: string;
  entitlementName: string;
  held: boolean;
  lastUsedAt: string | null;
  evidence: Evidence[];
}): string {
  const { suggestion, score, identityName, entitlementName, held } = opts;
  const subject = held ? `${identityName} holds ${entitlementName}` : `${identityName} does not hold ${entitlementName}`;
  const top = opts.evidence.slice(0, 2).map((e) => `${e.statement} (${e.contribution >= 0 ? 'for' : 'against'})`);
  const because = top.length ? ` Strongest evidence: ${top.join('; ')}.` : ' No peer evidence either way.';
  const use = held ? (opts.lastUsedAt ? ` Last used ${opts.lastUsedAt.slice(0, 10)}.` : ' No recorded use.') : '';
  return `${VERB[suggestion]} (score ${score.toFixed(2)}): ${subject}.${because}${use}`;
}
