import { isActive, isDelegated, type StoredPath } from '../access/path';
import type { QueryRunner } from '../store/port';
import { fetchPage, type Page } from './page';
import { AccessRow, parseCount, parseRows, type AccessRowT } from './rows';

/** One (identity, entitlement) pair with the paths that justify it at the moment asked. */
export interface AccessGrantView {
  identityId: string;
  entitlementId: string;
  viaDelegation: boolean;
  paths: StoredPath[];
  lastUsedAt: string | null;
  useCount: number;
}

/** The index is built at ingest; a path can expire after that, so paths are re-checked at read time. */
export function toGrantView(row: AccessRowT, now: string): AccessGrantView | null {
  const paths = (JSON.parse(row.paths) as StoredPath[]).filter((p) => isActive(p, now));
  if (!paths.length) return null;
  return {
    identityId: row.identityId,
    entitlementId: row.entitlementId,
    viaDelegation: paths.every(isDelegated),
    paths,
    lastUsedAt: row.lastUsedAt,
    useCount: row.useCount,
  };
}

async function grants(db: QueryRunner, query: string, params: Record<string, unknown>, now: string): Promise<AccessGrantView[]> {
  const rows = parseRows(AccessRow, await db.run(query, { ...params, now }), query);
  return rows.map((r) => toGrantView(r, now)).filter((g): g is AccessGrantView => g !== null);
}

export function effectiveAccess(db: QueryRunner, identityId: string, page: Page, now: string) {
  return fetchPage(
    page,
    async () => parseCount(await db.run('read/access-of-identity-count', { identityId, now }), 'read/access-of-identity-count'),
    () => grants(db, 'read/access-of-identity', { identityId, skip: page.skip, limit: page.limit }, now),
  );
}

export function holdersOf(db: QueryRunner, entitlementId: string, page: Page, now: string) {
  return fetchPage(
    page,
    async () => parseCount(await db.run('read/holders-of-entitlement-count', { entitlementId, now }), 'read/holders-of-entitlement-count'),
    () => grants(db, 'read/holders-of-entitlement', { entitlementId, skip: page.skip, limit: page.limit }, now),
  );
}

export async function accessPair(db: QueryRunner, identityId: string, entitlementId: string, now: string): Promise<AccessGrantView | null> {
  return (await grants(db, 'read/access-pair', { identityId, entitlementId }, now))[0] ?? null;
}
