import { EventLoopTurns } from '../event-loop-turns';
import type { FindingCode } from './catalog';
import { cmp } from './finding';
import type { CodeTally, FindingList } from './finding-list';
import { codeWeight, severityPoints, type RiskThresholds } from './thresholds';

/**
 * Per-identity risk score. A factor is one finding code. Its findings are taken worst first, and the
 * n-th (from 0) is worth severityPoints[severity] x codeWeights[code] x 0.5^n, up to
 * `maxFindingsPerFactor` of them: a second finding of the same kind adds less than the first, so one
 * noisy kind cannot drown the others. rawScore is the sum of the factor weights, exactly; score is
 * rawScore capped at 100.
 */
export interface RiskFactor {
  code: FindingCode;
  weight: number;
  /** Findings of this code against the identity, and how many of them counted. */
  count: number;
  counted: number;
  findingIds: string[];
  evidence: string[];
}

export interface IdentityScore {
  identityId: string;
  score: number;
  rawScore: number;
  factors: RiskFactor[];
}

export const MAX_SCORE = 100;
const MAX_EVIDENCE = 50;
/** Each further finding of one code counts half as much as the one before it. */
export const DECAY = 0.5;

export const SCORE_BANDS = [
  { band: 'none', from: 0, to: 0 },
  { band: 'low', from: 0, to: 25 },
  { band: 'medium', from: 25, to: 50 },
  { band: 'high', from: 50, to: 75 },
  { band: 'critical', from: 75, to: MAX_SCORE },
] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number]['band'];

/** none: 0; low: (0, 25); medium: [25, 50); high: [50, 75); critical: [75, 100]. */
export function bandOf(score: number): ScoreBand {
  if (score <= 0) return 'none';
  if (score < 25) return 'low';
  if (score < 50) return 'medium';
  if (score < 75) return 'high';
  return 'critical';
}

const round = (n: number) => Math.round(n * 100) / 100;

/** `tallies`: per code, the count and the worst `maxFindingsPerFactor` findings, worst first (FindingList.tallyOf). */
export function scoreIdentity(identityId: string, tallies: CodeTally[], t: RiskThresholds): IdentityScore {
  const factors: RiskFactor[] = [];
  for (const { code, count, worst } of tallies) {
    const counted = worst.slice(0, t.maxFindingsPerFactor);
    const weight = round(counted.reduce((sum, f, n) => sum + severityPoints(t, f.severity) * codeWeight(t, code) * DECAY ** n, 0));
    const evidence = [...new Set(counted.flatMap((f) => f.evidence).filter((id) => id !== identityId))].slice(0, MAX_EVIDENCE);
    factors.push({ code, weight, count, counted: counted.length, findingIds: counted.map((f) => f.id), evidence });
  }
  factors.sort((a, b) => b.weight - a.weight || cmp(a.code, b.code));
  const rawScore = round(factors.reduce((sum, f) => sum + f.weight, 0));
  return { identityId, score: Math.min(MAX_SCORE, rawScore), rawScore, factors };
}

/** Every identity gets a score (0 with no factors when nothing is found), so distributions count everyone. */
export async function scoreAll(identityIds: Iterable<string>, findings: FindingList, t: RiskThresholds): Promise<Map<string, IdentityScore>> {
  const scores = new Map<string, IdentityScore>();
  // About 3 s for 100k identities at L: in slices, so requests are not held for all of it.
  const turns = new EventLoopTurns();
  for (const id of identityIds) {
    if (turns.due()) await turns.pause();
    scores.set(id, scoreIdentity(id, findings.tallyOf(id, t.maxFindingsPerFactor), t));
  }
  return scores;
}
