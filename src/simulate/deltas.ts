import { computeAccessFor, grantFrom, type ComputedGrant } from '../access/compute-access';
import type { AccessTopology } from '../access/topology';
import type { Reach } from './affected';

export interface AccessDelta {
  identityId: string;
  lost: ComputedGrant[];
  gained: ComputedGrant[];
}

export interface DeltaOptions {
  now: string;
  maxPathsPerGrant: number;
}

/**
 * Effective access before and after, for the identities a change can reach, and the difference.
 * Both sides are computed by the same code on the same clock, so a difference is the change's doing
 * and never an expiry that happened since the last ingest. Lost grants carry the paths they had;
 * gained grants the paths that would give them.
 */
export function accessDeltas(before: AccessTopology, after: AccessTopology, reach: Reach, opts: DeltaOptions): AccessDelta[] {
  const options = { ...opts, only: reach.entitlements };
  const was = computeAccessFor(before, reach.computeSet, options);
  const will = computeAccessFor(after, reach.computeSet, options);
  const out: AccessDelta[] = [];
  for (const identityId of [...reach.candidates].sort()) {
    const old = was.get(identityId) ?? new Map();
    const now = will.get(identityId) ?? new Map();
    const lost = [...old].filter(([e]) => !now.has(e)).map(([e, paths]) => grantFrom(identityId, e, paths));
    const gained = [...now].filter(([e]) => !old.has(e)).map(([e, paths]) => grantFrom(identityId, e, paths));
    if (!lost.length && !gained.length) continue;
    const byEntitlement = (a: ComputedGrant, b: ComputedGrant) => (a.entitlementId < b.entitlementId ? -1 : 1);
    out.push({ identityId, lost: lost.sort(byEntitlement), gained: gained.sort(byEntitlement) });
  }
  return out;
}
