import { z } from 'zod';
import type { QueryRunner } from '../store/port';
import { rowsByKeys } from './by-keys';
import type { TableReader } from './whole-table';

export { SINGLE_KEY_BATCH } from './by-keys';
import {
  AccountRow, DelegationRow, EntitlementRow, GroupRow, IdentityRow, SystemRow, parseCount, parseRows,
  type Account, type Delegation, type Entitlement, type Group, type Identity, type System,
} from './rows';
import { fetchPage, type Page } from './page';

/** Lookups by id, shaped for DataLoader: results in the order asked, null where unknown. */
async function byIds<T extends { id: string }>(
  db: QueryRunner, query: string, single: string | null, schema: Parameters<typeof parseRows<T>>[0], ids: readonly string[],
): Promise<Array<T | null>> {
  // Kuzu cannot type an empty list parameter and fails the query; nothing asked, nothing to find.
  if (!ids.length) return [];
  const rows = parseRows(schema, await rowsByKeys(db, query, single, ids), query);
  const index = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => index.get(id) ?? null);
}

export const identitiesById = (db: QueryRunner, ids: readonly string[]) =>
  byIds<Identity>(db, 'read/identities-by-id', 'read/identity-by-id', IdentityRow, ids);
export const accountsById = (db: QueryRunner, ids: readonly string[]) => byIds<Account>(db, 'read/accounts-by-id', 'read/account-by-id', AccountRow, ids);
export const groupsById = (db: QueryRunner, ids: readonly string[]) => byIds<Group>(db, 'read/groups-by-id', 'read/group-by-id', GroupRow, ids);
// Entitlements and systems are catalogs (5k entitlements at L): their scan costs a few ms, less than a page of single lookups.
export const entitlementsById = (db: QueryRunner, ids: readonly string[]) =>
  byIds<Entitlement>(db, 'read/entitlements-by-id', null, EntitlementRow, ids);
export const systemsById = (db: QueryRunner, ids: readonly string[]) => byIds<System>(db, 'read/systems-by-id', null, SystemRow, ids);

function wholeTable<T>(countQuery: string, allQuery: string, schema: Parameters<typeof parseRows<T>>[0]): TableReader<T> {
  return {
    count: async (db) => parseCount(await db.run(countQuery, {}), countQuery),
    all: async (db) => parseRows(schema, await db.run(allQuery, {}), allQuery),
  };
}

/** The catalog tables a request may read whole instead of by id (src/read/whole-table.ts). */
export const CATALOG_TABLES = {
  group: wholeTable<Group>('read/groups-count', 'read/all-groups', GroupRow),
  entitlement: wholeTable<Entitlement>('read/entitlements-count', 'read/all-entitlements', EntitlementRow),
  system: wholeTable<System>('read/systems-count', 'read/all-systems', SystemRow),
};

/** Groups rows by a key column, in the order of `keys` (DataLoader's contract). */
function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

export async function accountsOfIdentities(db: QueryRunner, ids: readonly string[]): Promise<Account[][]> {
  const rows = await rowsByKeys(db, 'read/accounts-of-identities', 'read/accounts-of-identity', ids);
  const parsed = parseRows(AccountRow.extend({ ownerId: z.string() }), rows, 'read/accounts-of-identities');
  return groupBy(ids, parsed, (a) => a.ownerId);
}

export async function delegationsFrom(db: QueryRunner, ids: readonly string[]): Promise<Delegation[][]> {
  const rows = parseRows(DelegationRow, await rowsByKeys(db, 'read/delegations-from', 'read/delegation-from', ids), 'read/delegations-from');
  return groupBy(ids, rows, (d) => d.fromId);
}

export async function delegationsTo(db: QueryRunner, ids: readonly string[]): Promise<Delegation[][]> {
  const rows = parseRows(DelegationRow, await rowsByKeys(db, 'read/delegations-to', 'read/delegation-to', ids), 'read/delegations-to');
  return groupBy(ids, rows, (d) => d.toId);
}

export interface IdentityFilter {
  kind?: string | null;
  status?: string | null;
  department?: string | null;
  text?: string | null;
}

export async function identitiesPage(db: QueryRunner, filter: IdentityFilter, page: Page): Promise<{ nodes: Identity[]; total: number }> {
  const params = {
    kind: filter.kind ?? null,
    status: filter.status ?? null,
    department: filter.department ?? null,
    text: filter.text ? filter.text.toLowerCase() : null,
  };
  return fetchPage(
    page,
    async () => parseCount(await db.run('read/identities-count', params), 'read/identities-count'),
    async () => parseRows(IdentityRow, await db.run('read/identities-page', { ...params, skip: page.skip, limit: page.limit }), 'read/identities-page'),
  );
}
