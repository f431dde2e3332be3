import { z } from 'zod';
import { isActive, isDelegated, pathExpiry } from '../../access/path';
import { decodePaths } from '../../access/path-codec';
import { WhohasError } from '../../errors';
import { readGraphVersion } from '../../graph-version';
import { IdentityRow, parseRows } from '../../read/rows';
import type { GraphStore } from '../../store/port';
import { csvLine, type RowView } from './csv';

export const ACCESS_COLUMNS = [
  'identity_id', 'identity_kind', 'entitlement_id', 'entitlement_name', 'system_id', 'privileged', 'sensitivity',
  'via_delegation', 'active_until', 'last_used_at', 'use_count', 'path_count',
] as const;

const opt = z.string().nullable().optional().transform((v) => v ?? null);
const AccessExportRow = z.object({
  identityId: z.string(),
  identityKind: z.string(),
  held: z.array(
    z.object({
      entitlementId: z.string(),
      entitlementName: z.string(),
      systemId: opt,
      privileged: z.boolean().nullable().optional().transform((v) => v ?? false),
      sensitivity: opt,
      lastUsedAt: opt,
      useCount: z.union([z.number(), z.bigint()]).nullable().optional().transform((v) => Number(v ?? 0)),
      paths: z.string(),
    }),
  ),
});

/** Identities per page: ~70 pairs each on the benchmark enterprise, so a page is a few MB of rows at most. */
export const IDENTITIES_PER_PAGE = 200;

/** Identity ids in order, a page at a time (keyset: every page costs the same, however deep). */
export async function* identityPages(store: GraphStore, pageSize: number): AsyncGenerator<z.infer<typeof IdentityRow>[]> {
  let after = '';
  for (;;) {
    const page = parseRows(IdentityRow, await store.run('risk/export-identities-page', { after, limit: pageSize }), 'risk/export-identities-page');
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].id;
  }
}

interface AccessPage {
  rows: Array<z.infer<typeof AccessExportRow>>;
  lastId: string | null;
  done: boolean;
}

const IdRow = z.object({ id: z.string() });

/** One page in one read: the identity ids, the graph-version check and their access agree with each other. */
function readAccessPage(store: GraphStore, after: string, pageSize: number, now: string, graphVersion: string): Promise<AccessPage> {
  return store.read(async (tx) => {
    if ((await readGraphVersion(tx)) !== graphVersion) {
      throw new WhohasError('GRAPH_MOVED', `The graph moved on from ${graphVersion} during the export; start it again`);
    }
    const ids = parseRows(IdRow, await tx.run('read/identity-ids-page', { after, limit: pageSize }), 'read/identity-ids-page').map((r) => r.id);
    if (!ids.length) return { rows: [], lastId: null, done: true };
    const name = 'risk/export-access-of-identities';
    const rows = parseRows(AccessExportRow, await tx.run(name, { after, last: ids[ids.length - 1], now }), name);
    return { rows, lastId: ids[ids.length - 1], done: ids.length < pageSize };
  });
}

function formatPage(rows: AccessPage['rows'], now: string, view: RowView): string {
  let chunk = '';
  for (const r of rows) {
    for (const h of [...r.held].sort((a, b) => (a.entitlementId < b.entitlementId ? -1 : 1))) {
      const paths = decodePaths(r.identityId, h.entitlementId, h.paths).filter((p) => isActive(p, now));
      if (!paths.length) continue;
      // The pair lasts as long as its longest-lived path; one path without an expiry makes it open-ended.
      const expiries = paths.map(pathExpiry);
      const until = expiries.includes(null) ? null : (expiries as string[]).sort()[expiries.length - 1];
      chunk += csvLine(view([
        r.identityId, r.identityKind, h.entitlementId, h.entitlementName, h.systemId, h.privileged, h.sensitivity,
        paths.every(isDelegated), until, h.lastUsedAt, h.useCount, paths.length,
      ]));
    }
  }
  return chunk;
}

/**
 * One CSV chunk per page of identities: every active (identity, entitlement) pair, its paths re-checked
 * for expiry as every read does. The next page is read while this one is formatted and sent, so at
 * most two pages are in memory. Pages are separate reads, each checking the graph version: an ingest
 * landing mid-export stops it rather than mixing two graphs.
 */
export async function* effectiveAccessCsv(store: GraphStore, now: string, graphVersion: string, pageSize = IDENTITIES_PER_PAGE, view: RowView = (v) => v): AsyncGenerator<string> {
  yield csvLine(ACCESS_COLUMNS);
  let next = readAccessPage(store, '', pageSize, now, graphVersion);
  for (;;) {
    const page = await next;
    if (page.done) {
      const chunk = formatPage(page.rows, now, view);
      if (chunk) yield chunk;
      return;
    }
    next = readAccessPage(store, page.lastId!, pageSize, now, graphVersion);
    // A consumer that stops early never awaits the prefetch: its failure must not become an unhandled rejection.
    next.catch(() => undefined);
    const chunk = formatPage(page.rows, now, view);
    if (chunk) yield chunk;
  }
}
