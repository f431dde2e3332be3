import { z } from 'zod';
import { WhohasError } from '../src/errors';
import { DEFAULT_MIN_PEERS } from '../src/peers/backoff';
import { DEFAULT_COMMON_ABOVE, DEFAULT_OUTLIER_BELOW, type BaselineOptions } from '../src/peers/baseline';
import { DEFAULT_MIN_OUTLIER_SCORE, type OutlierFilter } from '../src/peers/outliers';

/** zod at the GraphQL boundary for the peer queries (as graphql/inputs.ts does for the rest). */
const share = (name: string) => z.number().min(0, `${name} must be between 0 and 1`).max(1, `${name} must be between 0 and 1`);

const BaselineInput = z
  .object({
    by: z.string().default('AUTO'),
    minPeers: z.number().int().min(1, 'minPeers must be at least 1').max(10_000, 'minPeers must be at most 10000').default(DEFAULT_MIN_PEERS),
    attributes: z.array(z.string().trim().min(1, 'attributes must not hold empty names').max(100)).max(10, 'at most 10 attributes').nullish(),
    outlierBelow: share('outlierBelow').default(DEFAULT_OUTLIER_BELOW),
    commonAbove: share('commonAbove').default(DEFAULT_COMMON_ABOVE),
  })
  .refine((v) => v.outlierBelow <= v.commonAbove, 'outlierBelow must not exceed commonAbove')
  .refine((v) => v.by !== 'ATTRIBUTES' || (v.attributes?.length ?? 0) > 0, "by: ATTRIBUTES needs 'attributes', e.g. [\"costCenter\", \"location\"]")
  .refine((v) => v.by === 'ATTRIBUTES' || !v.attributes?.length, "'attributes' applies only to by: ATTRIBUTES");

function clean<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> | undefined } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as never;
}

export function validBaselineOptions(raw: {
  by?: string | null;
  minPeers?: number | null;
  attributes?: string[] | null;
  outlierBelow?: number | null;
  commonAbove?: number | null;
}): BaselineOptions {
  const parsed = BaselineInput.safeParse(clean(raw));
  if (!parsed.success) throw new WhohasError('BAD_USER_INPUT', parsed.error.issues[0].message);
  const v = parsed.data;
  return { by: v.by as BaselineOptions['by'], minPeers: v.minPeers, attributes: v.attributes ?? [], outlierBelow: v.outlierBelow, commonAbove: v.commonAbove };
}

const OutlierInput = z.object({
  minScore: share('minScore').default(DEFAULT_MIN_OUTLIER_SCORE),
  department: z.string().trim().min(1, 'department must not be empty').max(200).nullish(),
  kind: z.enum(['human', 'service', 'agent']).nullish(),
});

export function validOutlierFilter(raw: { minScore?: number | null; department?: string | null; kind?: string | null }): OutlierFilter {
  const parsed = OutlierInput.safeParse(clean(raw));
  if (!parsed.success) throw new WhohasError('BAD_USER_INPUT', parsed.error.issues[0].message);
  return { minScore: parsed.data.minScore, department: parsed.data.department ?? null, kind: parsed.data.kind ?? null };
}
