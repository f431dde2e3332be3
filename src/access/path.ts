/**
 * A path that justifies access: hops from the identity to the entitlement. Each hop names the edge
 * that led to it; DELEGATES_TO is walked against its direction (the holder acts for the delegator).
 * Stored compactly in the index; names are looked up when a path is read, so renames show at once.
 */
export type HopKind = 'identity' | 'account' | 'group' | 'entitlement';
export type EdgeType = 'OWNS' | 'MEMBER_OF' | 'GRANTS' | 'DELEGATES_TO';

export interface StoredHop {
  k: HopKind;
  id: string;
  /** The edge from the previous hop to this one (absent on the first hop). */
  e?: EdgeType;
  /** When that edge expires (absent: it does not). */
  x?: string;
  /**
   * Direction the edge is walked in, when it is not the usual one: access paths walk DELEGATES_TO
   * from the delegate back to the delegator, control chains (separation of duties) walk it forward.
   */
  d?: 'forward' | 'reverse';
}

export type StoredPath = StoredHop[];

/** A path stops justifying access when its first edge expires. */
export function pathExpiry(path: StoredPath): string | null {
  let min: string | null = null;
  for (const hop of path) if (hop.x && (min === null || hop.x < min)) min = hop.x;
  return min;
}

export function isActive(path: StoredPath, nowIso: string): boolean {
  const until = pathExpiry(path);
  return until === null || until > nowIso;
}

export function isDelegated(path: StoredPath): boolean {
  return path.some((h) => h.e === 'DELEGATES_TO');
}

/** The path as text, for ordering and deduplication; built without an array of parts (the index build keys millions). */
export function pathKey(path: StoredPath): string {
  let key = '';
  for (let i = 0; i < path.length; i++) {
    const h = path[i];
    key += `${i ? '|' : ''}${h.e ?? ''}>${h.k}:${h.id}`;
  }
  return key;
}
