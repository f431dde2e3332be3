import { z } from 'zod';
import { isActive, isDelegated, pathExpiry, type StoredPath } from '../access/path';
import { decodePaths } from '../access/path-codec';
import { WhohasError } from '../errors';
import type { QueryRunner } from '../store/port';
import type { AccessPageCache, StoredAccessPage } from './access-page-cache';
import type { Page } from './page';
import { AccessRow, parseRows, type AccessRowT } from './rows';

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
  const paths = decodePaths(row.identityId, row.entitlementId, row.paths).filter((p) => isActive(p, now));
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

function views(rows: AccessRowT[], now: string): AccessGrantView[] {
  return rows.map((r) => toGrantView(r, now)).filter((g): g is AccessGrantView => g !== null);
}

const PageHead = z.object({
  total: z.union([z.number(), z.bigint()]).transform(Number),
  nextExpiry: z.string().nullable().optional().transform((v) => v ?? null),
});

const PagedAccessRow = AccessRow.extend({ paths: z.string().optional(), activeUntil: z.string().nullable().optional().transform((v) => v ?? null) });
type PagedAccessRowT = z.infer<typeof PagedAccessRow>;
const PathsRow = AccessRow.pick({ identityId: true, entitlementId: true, paths: true });

/** The queries behind one paged list of the index, and the parameter that names whose list it is. */
interface IndexList {
  count: string;
  page: string;
  params: Record<string, string>;
  /** The query that reads the paths of a page's pairs, with its parameters for those rows; absent when the page query returns them. */
  paths?: (rows: PagedAccessRowT[]) => { query: string; params: Record<string, unknown> };
}

const pairKey = (identityId: string, entitlementId: string) => `${identityId}\u0000${entitlementId}`;

/**
 * The page's rows with their paths: an entitlement's holders come from HAS_ACCESS, whose pairs keep
 * their paths apart (AccessGrant nodes; see cypher/kuzu/schema.cypher). A pair without its paths
 * means the index is not whole: a fault, not a grant to drop.
 */
async function withPaths(db: QueryRunner, list: Pick<IndexList, 'paths'>, rows: PagedAccessRowT[]): Promise<Array<AccessRowT & { activeUntil: string | null }>> {
  const found = new Map<string, string>();
  if (list.paths && rows.length) {
    const { query, params } = list.paths(rows);
    for (const r of parseRows(PathsRow, await db.run(query, params), query)) found.set(pairKey(r.identityId, r.entitlementId), r.paths);
  }
  return rows.map((r) => {
    const paths = r.paths ?? found.get(pairKey(r.identityId, r.entitlementId));
    if (paths === undefined) throw new WhohasError('STORE_QUERY_FAILED', `The access index holds (${r.identityId}, ${r.entitlementId}) without its paths; re-run an ingest to rebuild it`);
    return { ...r, paths };
  });
}

/**
 * Reads the page as the store has it at `now`, and its count. A first page shorter than asked is
 * the whole list, so it is its own count (most people's access at S fits one page of 50: one query
 * instead of two); a full one is counted after. One query doing both (WITH count ... MATCH ...) was
 * slower on kuzu 0.11: 3.3 against 3.0 ms for a person, 8-10 against 7 ms for 2,820 holders.
 * A later page is only asked for when it exists: kuzu 0.11.3 crashes the process on
 * ORDER BY ... SKIP n when n is far past the last row, and an empty page needs no query.
 */
async function readIndexPage(db: QueryRunner, list: IndexList, page: Page, now: string): Promise<StoredAccessPage> {
  const count = async () => parseRows(PageHead, await db.run(list.count, { ...list.params, now }), list.count)[0] ?? { total: 0, nextExpiry: null };
  const rows = async () => withPaths(db, list, parseRows(PagedAccessRow, await db.run(list.page, { ...list.params, now, skip: page.skip, limit: page.limit }), list.page));
  if (page.skip === 0 && page.limit > 0) {
    const firstRows = await rows();
    if (firstRows.length < page.limit) return { rows: firstRows, total: firstRows.length, readAt: now, nextExpiry: earliest(firstRows) };
    const head = await count();
    return { rows: firstRows, total: head.total, readAt: now, nextExpiry: head.nextExpiry };
  }
  const head = await count();
  if (page.skip >= head.total || page.limit === 0) return { rows: [], total: head.total, readAt: now, nextExpiry: head.nextExpiry };
  return { rows: await rows(), total: head.total, readAt: now, nextExpiry: head.nextExpiry };
}

/** What the count query's min(h.activeUntil) gives, for rows that are the whole list. */
function earliest(rows: Array<{ activeUntil: string | null }>): string | null {
  let min: string | null = null;
  for (const r of rows) if (r.activeUntil !== null && (min === null || r.activeUntil < min)) min = r.activeUntil;
  return min;
}

/** A page of grants as of `now`, and `validUntil`: the earliest instant a counted grant or a shown path expires (null: none). */
export interface GrantPage {
  nodes: AccessGrantView[];
  total: number;
  validUntil: string | null;
}

async function indexPage(db: QueryRunner, list: IndexList, page: Page, now: string, cache?: AccessPageCache): Promise<GrantPage> {
  const read = () => readIndexPage(db, list, page, now);
  const key = JSON.stringify([list.page, list.params, page.skip, page.limit]);
  const stored = cache ? await cache.get(key, now, read) : await read();
  const nodes = views(stored.rows, now);
  return { nodes, total: stored.total, validUntil: earliestExpiry(stored.nextExpiry, nodes) };
}

/** The earliest of `first` and the expiry of every path the grants show: when one lapses, the answer changes. */
export function earliestExpiry(first: string | null, grants: readonly AccessGrantView[]): string | null {
  let min = first;
  for (const g of grants) {
    for (const p of g.paths) {
      const until = pathExpiry(p);
      if (until !== null && (min === null || until < min)) min = until;
    }
  }
  return min;
}

/** An identity's grants, a page at a time; `cache` (the store's shared pages) serves repeats until a write or an expiry. */
export function effectiveAccess(db: QueryRunner, identityId: string, page: Page, now: string, cache?: AccessPageCache) {
  const list: IndexList = {
    count: 'read/access-of-identity-count',
    page: 'read/access-of-identity',
    params: { identityId },
  };
  return indexPage(db, list, page, now, cache);
}

/** An entitlement's holders, a page at a time; `cache` as for effectiveAccess. */
export function holdersOf(db: QueryRunner, entitlementId: string, page: Page, now: string, cache?: AccessPageCache) {
  const list: IndexList = {
    count: 'read/holders-of-entitlement-count',
    page: 'read/holders-of-entitlement',
    params: { entitlementId },
    paths: (rows) => ({ query: 'read/paths-of-holders', params: { entitlementId, identityIds: rows.map((r) => r.identityId) } }),
  };
  return indexPage(db, list, page, now, cache);
}

export async function accessPair(db: QueryRunner, identityId: string, entitlementId: string, now: string): Promise<AccessGrantView | null> {
  const query = 'read/access-pair';
  return views(parseRows(AccessRow, await db.run(query, { identityId, entitlementId, now }), query), now)[0] ?? null;
}
