import { isActive } from '../access/path';
import { decodePaths } from '../access/path-codec';
import { parseRows } from '../read/rows';
import { rowsByKeys } from '../read/by-keys';
import type { QueryRunner } from '../store/port';
import { ControlGraph } from './control';
import type { AccessMap, HeldMap } from './evaluate';
import type { EntitlementFacts } from './selectors';
import { CatalogRow, EdgeRow, HeldRow, HolderRow } from './sod-rows';

export async function readCatalog(db: QueryRunner): Promise<EntitlementFacts[]> {
  return parseRows(CatalogRow, await db.run('sod/entitlement-catalog', {}), 'sod/entitlement-catalog');
}

/**
 * Who holds the given entitlements now, from the index's pairs (a pair whose every path expired since
 * the ingest is not held), and the earliest instant after `nowIso` at which a held pair lapses.
 */
export async function readHeld(db: QueryRunner, entitlementIds: string[], nowIso: string): Promise<{ held: HeldMap; nextLapse: string | null }> {
  const held: HeldMap = new Map();
  let nextLapse: string | null = null;
  if (!entitlementIds.length) return { held, nextLapse };
  const rows = parseRows(HeldRow, await db.run('sod/holders-of-entitlements', { entitlementIds }), 'sod/holders-of-entitlements');
  for (const r of rows) {
    if (r.activeUntil !== null && r.activeUntil <= nowIso) continue;
    if (r.activeUntil !== null && (nextLapse === null || r.activeUntil < nextLapse)) nextLapse = r.activeUntil;
    const set = held.get(r.identityId);
    if (set) set.add(r.entitlementId);
    else held.set(r.identityId, new Set([r.entitlementId]));
  }
  return { held, nextLapse };
}

/** Identities asked for at a time (each is a key lookup; the batch bounds the list a query carries). */
const PATH_BATCH = 5000;

/** The active paths of what these identities hold among the given entitlements (the evidence of a violation). */
export async function readPaths(db: QueryRunner, identityIds: string[], entitlementIds: string[], nowIso: string): Promise<AccessMap> {
  const access: AccessMap = new Map();
  if (!entitlementIds.length) return access;
  const wanted = new Set(entitlementIds);
  for (let i = 0; i < identityIds.length; i += PATH_BATCH) {
    const batch = identityIds.slice(i, i + PATH_BATCH);
    // A what-if asks for a handful of identities: kuzu 0.11 answers the batched query in about 380 ms
    // at L whatever the batch holds (1 id or 700), one identity's grants by key in about 1 ms. Those
    // come with every entitlement (binding the list cost more than the rows), hence the filter below.
    const rows = parseRows(HolderRow, await rowsByKeys(db, 'sod/paths-of-identities', 'sod/grants-of-identity', batch, { entitlementIds }, {}), 'sod/paths-of-identities');
    for (const r of rows) {
      if (!wanted.has(r.entitlementId)) continue;
      const paths = decodePaths(r.identityId, r.entitlementId, r.paths).filter((p) => isActive(p, nowIso));
      if (!paths.length) continue;
      let held = access.get(r.identityId);
      if (!held) access.set(r.identityId, (held = new Map()));
      held.set(r.entitlementId, paths);
    }
  }
  return access;
}

export async function readControl(db: QueryRunner, nowIso: string): Promise<ControlGraph> {
  const delegations = parseRows(EdgeRow, await db.run('sod/delegation-edges', {}), 'sod/delegation-edges');
  const owners = parseRows(EdgeRow, await db.run('sod/ownership-edges', {}), 'sod/ownership-edges');
  return new ControlGraph(
    [
      ...delegations.map((e) => ({ from: e.fromId, to: e.toId, via: 'DELEGATES_TO' as const, expiresAt: e.expiresAt, scope: e.scope })),
      ...owners.map((e) => ({ from: e.fromId, to: e.toId, via: 'OWNS' as const, expiresAt: null, scope: ['*'] })),
    ],
    nowIso,
  );
}
