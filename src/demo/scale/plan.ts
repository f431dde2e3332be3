/**
 * How big each part of the scale shape is. Everything is given at L (100k humans, issue 11's
 * benchmark enterprise) and scales with humans / 100k, so a 2,000-human bundle is the same shape
 * at 1/50th of the size (fixed parts, such as the list of systems, do not shrink).
 */
export interface ScaleOptions {
  /** PRNG seed (used as an unsigned 32-bit integer). Default 42. */
  seed?: number;
  /** Human identities; at least 500. Default 100,000 (L). */
  humans?: number;
  /** Usage rows; default 100 per human (10M at L). */
  usageEvents?: number;
}

export const L_HUMANS = 100_000;
export const MIN_SCALE_HUMANS = 500;
export const DEFAULT_SCALE_SEED = 42;
/** Group nesting depth, counted in groups: a top-level group is level 1, the deepest groups level 6. */
export const MAX_GROUP_LEVELS = 6;

/** Targets at L. */
const AT_L = {
  services: 1_200,
  agents: 800,
  orphanAccounts: 2_000,
  groups: 20_000,
  entitlements: 5_000,
  distributionLists: 1_000,
  tools: 200,
  usagePerHuman: 100,
};

export interface ScalePlan {
  seed: number;
  humans: number;
  services: number;
  agents: number;
  orphanAccounts: number;
  /** Total groups wanted; the app catalog gets what the directory's org groups leave. */
  groups: number;
  /** Total entitlements wanted; apps get what the directory and the agent tools leave. */
  entitlements: number;
  distributionLists: number;
  tools: number;
  usageEvents: number;
}

export function planScale(opts: ScaleOptions = {}): ScalePlan {
  const seed = opts.seed ?? DEFAULT_SCALE_SEED;
  const humans = opts.humans ?? L_HUMANS;
  if (!Number.isFinite(seed)) throw new RangeError('scale generator: seed must be a finite number');
  if (!Number.isInteger(humans) || humans < MIN_SCALE_HUMANS) throw new RangeError(`scale generator: humans must be an integer >= ${MIN_SCALE_HUMANS}`);
  const usageEvents = opts.usageEvents ?? AT_L.usagePerHuman * humans;
  if (!Number.isInteger(usageEvents) || usageEvents < 0) throw new RangeError('scale generator: usageEvents must be a non-negative integer');
  const f = humans / L_HUMANS;
  const scaled = (n: number, min: number) => Math.max(min, Math.round(n * f));
  return {
    seed: Math.trunc(seed) >>> 0,
    humans,
    services: scaled(AT_L.services, 12),
    agents: scaled(AT_L.agents, 12),
    orphanAccounts: scaled(AT_L.orphanAccounts, 5),
    groups: scaled(AT_L.groups, 50),
    entitlements: scaled(AT_L.entitlements, 50),
    distributionLists: scaled(AT_L.distributionLists, 5),
    tools: scaled(AT_L.tools, 24),
    usageEvents,
  };
}
