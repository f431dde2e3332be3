import { z } from 'zod';
import { WhohasError } from '../src/errors';
import { FINDING_CODES, SEVERITIES, type FindingCode, type Severity } from '../src/risk/catalog';
import type { IdentityKind } from '../src/risk/finding';
import { GROUP_BYS, type GroupBy } from '../src/risk/metrics';
import { knownMetricNames } from '../src/risk/snapshot';

/** zod at the GraphQL boundary for the risk queries (as graphql/inputs.ts does for the rest). */
export interface FindingFilter {
  code: FindingCode | null;
  severity: Severity | null;
  department: string | null;
  kind: IdentityKind | null;
}

const FilterInput = z.object({
  code: z.enum(FINDING_CODES).nullish(),
  severity: z.enum(SEVERITIES).nullish(),
  department: z.string().trim().min(1, 'department must not be empty').max(200, 'department must be at most 200 characters').nullish(),
  kind: z.enum(['human', 'service', 'agent']).nullish(),
});

function refuse(error: z.ZodError): never {
  const issue = error.issues[0];
  throw new WhohasError('BAD_USER_INPUT', `Argument '${issue.path.join('.') || 'input'}': ${issue.message}`);
}

export function validFindingFilter(raw: { code?: string | null; severity?: string | null; department?: string | null; kind?: string | null }): FindingFilter {
  const parsed = FilterInput.safeParse(raw);
  if (!parsed.success) refuse(parsed.error);
  const v = parsed.data;
  return { code: v.code ?? null, severity: v.severity ?? null, department: v.department ?? null, kind: v.kind ?? null };
}

export function validGroupBy(raw: string | null | undefined): GroupBy {
  const parsed = z.enum(GROUP_BYS).default('NONE').safeParse(raw ?? undefined);
  if (!parsed.success) refuse(parsed.error);
  return parsed.data;
}

const Since = z
  .string()
  .trim()
  .max(64)
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'since must be an ISO-8601 date or time, e.g. 2026-11-01 or 2026-11-01T00:00:00Z')
  .transform((s) => new Date(s).toISOString());

export function validTrendArgs(raw: { metric: string; since?: string | null }): { metric: string; since: string | null } {
  const names = knownMetricNames();
  const metric = raw.metric.trim();
  if (!names.includes(metric)) {
    throw new WhohasError('BAD_USER_INPUT', `Argument 'metric': unknown metric '${metric.slice(0, 100)}'; known: ${names.join(', ')}`);
  }
  if (raw.since === null || raw.since === undefined) return { metric, since: null };
  const parsed = Since.safeParse(raw.since);
  if (!parsed.success) throw new WhohasError('BAD_USER_INPUT', `Argument 'since': ${parsed.error.issues[0].message}`);
  return { metric, since: parsed.data };
}
