import { isActive } from '../access/path';
import { decodePaths } from '../access/path-codec';
import { parseRows } from '../read/rows';
import type { QueryRunner } from '../store/port';
import { ControlGraph } from './control';
import type { AccessMap } from './evaluate';
import type { EntitlementFacts } from './selectors';
import { CatalogRow, EdgeRow, HolderRow } from './sod-rows';

export async function readCatalog(db: QueryRunner): Promise<EntitlementFacts[]> {
  return parseRows(CatalogRow, await db.run('sod/entitlement-catalog', {}), 'sod/entitlement-catalog');
}

/** Active effective access to the given entitlements; paths that expired since the ingest are dropped. */
export async function readAccess(db: QueryRunner, entitlementIds: string[], nowIso: string): Promise<AccessMap> {
  const access: AccessMap = new Map();
  if (!entitlementIds.length) return access;
  const rows = parseRows(HolderRow, await db.run('sod/access-of-entitlements', { entitlementIds }), 'sod/access-of-entitlements');
  for (const r of rows) {
    const paths = decodePaths(r.identityId, r.entitlementId, r.paths).filter((p) => isActive(p, nowIso));
    if (!paths.length) continue;
    let held = access.get(r.identityId);
    if (!held) access.set(r.identityId, (held = new Map()));
    held.set(r.entitlementId, paths);
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
