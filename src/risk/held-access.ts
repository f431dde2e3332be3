import type { EntitlementFacts } from '../sod/selectors';

/**
 * The active pairs of one identity in columns: at L 3.9M pairs, which as objects with their own id
 * and time strings took about 550 MB of the risk evaluation. Entitlement ids are the catalog's own
 * strings; a last use is epoch ms (NaN: never used).
 */
export class HeldList {
  constructor(
    readonly entitlementIds: readonly string[],
    private readonly lastUsed: Float64Array,
    private readonly delegated: Uint8Array,
  ) {}

  get length(): number {
    return this.entitlementIds.length;
  }

  entitlementId(k: number): string {
    return this.entitlementIds[k];
  }

  /** NaN when never used, so `lastUsedMs(k) >= cutoff` is false for it. */
  lastUsedMs(k: number): number {
    return this.lastUsed[k];
  }

  /** Held only through a delegation: usage is recorded per account, so its use cannot be seen. */
  viaDelegation(k: number): boolean {
    return this.delegated[k] === 1;
  }
}

export interface HeldPair {
  entitlementId: string;
  lastUsedAt: string | null;
  viaDelegation: boolean;
}

export function heldList(pairs: HeldPair[], catalog: ReadonlyMap<string, EntitlementFacts>): HeldList {
  const lastUsed = new Float64Array(pairs.length);
  const delegated = new Uint8Array(pairs.length);
  const ids = pairs.map((p, k) => {
    lastUsed[k] = p.lastUsedAt === null ? Number.NaN : Date.parse(p.lastUsedAt);
    delegated[k] = p.viaDelegation ? 1 : 0;
    return catalog.get(p.entitlementId)?.id ?? p.entitlementId;
  });
  return new HeldList(ids, lastUsed, delegated);
}
