import { createHash } from 'node:crypto';
import { z } from 'zod';
import { FINDING_CODES, type FindingCode, type Severity } from './catalog';

/**
 * Risk thresholds and score weights: the `risk:` section of whohas.config.yaml. Every field is
 * optional; the defaults below are what docs/bi.md documents.
 */
const days = (what: string) => z.number().int(`${what} must be a whole number of days`).min(1, `${what} must be at least 1`).max(36_500);
const weight = z.number().min(0, 'weights must not be negative').max(100);

export const RiskThresholdsSchema = z.strictObject({
  dormantAccountDays: days('dormantAccountDays').default(90),
  unusedEntitlementDays: days('unusedEntitlementDays').default(90),
  /** `privileged` drops UNUSED_ENTITLEMENT: on a large estate it is most findings (and most of their memory). */
  unusedEntitlementScope: z.enum(['all', 'privileged']).default('all'),
  credentialMaxAgeDays: days('credentialMaxAgeDays').default(365),
  credentialRotationGraceDays: days('credentialRotationGraceDays').default(90),
  maxDelegationDepth: z.number().int().min(1, 'maxDelegationDepth must be at least 1').max(20).default(2),
  peerOutlierMinScore: z.number().min(0).max(1, 'peerOutlierMinScore must be between 0 and 1').default(0.8),
  /** Points one finding adds to its identity's score, by severity. */
  severityPoints: z
    .strictObject({ low: weight.default(2), medium: weight.default(5), high: weight.default(10), critical: weight.default(20) })
    .default({ low: 2, medium: 5, high: 10, critical: 20 }),
  /** A multiplier per finding code (default 1): 0 keeps a finding listed but out of scores. */
  codeWeights: z.partialRecord(z.enum(FINDING_CODES), weight).default({}),
  /** At most this many findings of one code count toward one identity's score (the worst first). */
  maxFindingsPerFactor: z.number().int().min(1).max(1000).default(5),
});

export type RiskThresholds = z.infer<typeof RiskThresholdsSchema>;

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = RiskThresholdsSchema.parse({});

export function codeWeight(t: RiskThresholds, code: FindingCode): number {
  return t.codeWeights[code] ?? 1;
}

export function severityPoints(t: RiskThresholds, severity: Severity): number {
  return t.severityPoints[severity];
}

/** Caches key on this: a changed threshold must never serve findings computed under the old one. */
export function thresholdsKey(t: RiskThresholds): string {
  return createHash('sha256').update(JSON.stringify(t)).digest('hex').slice(0, 12);
}

/** ISO instant `n` days before `nowIso`, in the stores' own format (Date#toISOString), so comparisons are lexical. */
export function daysBefore(nowIso: string, n: number): string {
  return new Date(Date.parse(nowIso) - n * 86_400_000).toISOString();
}
