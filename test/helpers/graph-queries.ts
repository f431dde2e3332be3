import { effectiveAccess, holdersOf, type AccessGrantView } from '../../src/read/access-reader';
import type { GraphStore } from '../../src/store/port';

const ALL = { skip: 0, limit: 10_000 };

/** Effective access of one identity as a sorted list of entitlement ids (for readable assertions). */
export async function accessOf(store: GraphStore, identityId: string, now = new Date().toISOString()): Promise<string[]> {
  return (await effectiveAccess(store, identityId, ALL, now)).nodes.map((g) => g.entitlementId).sort();
}

export async function grantOf(store: GraphStore, identityId: string, entitlementId: string, now = new Date().toISOString()) {
  const all = (await effectiveAccess(store, identityId, ALL, now)).nodes;
  return all.find((g: AccessGrantView) => g.entitlementId === entitlementId) ?? null;
}

export async function holders(store: GraphStore, entitlementId: string, now = new Date().toISOString()): Promise<string[]> {
  return (await holdersOf(store, entitlementId, ALL, now)).nodes.map((g) => g.identityId).sort();
}

/** Hops of a path as `EDGE>kind:id` strings, for asserting exact paths. */
export function hops(path: Array<{ k: string; id: string; e?: string }>): string[] {
  return path.map((h) => `${h.e ?? ''}>${h.k}:${h.id}`);
}
