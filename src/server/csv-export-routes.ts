import { once } from 'node:events';
import express, { type Response, type Router } from 'express';
import { randomBytes } from 'node:crypto';
import { principalOf } from '../auth/middleware';
import { biRowView, pseudonymizer } from '../auth/personal-data';
import { hasAnyRole, READERS } from '../auth/roles';
import type { RowView } from '../risk/export/csv';
import { readGraphVersion } from '../graph-version';
import { effectiveAccessCsv } from '../risk/export/access-table';
import { findingsCsv, identitiesCsv, metricsHistoryCsv } from '../risk/export/risk-tables';
import { evaluateRisk } from '../risk/risk-service';
import type { GraphStore } from '../store/port';

type Table = (store: GraphStore, now: string, graphVersion: string, view?: RowView) => Promise<AsyncGenerator<string>>;

/** The CSV tables for BI tools (docs/bi.md): stable column names, ISO-8601 times, one header line. */
export const CSV_TABLES: Record<string, Table> = {
  identities: async (store, now, _v, view) => identitiesCsv(store, await evaluateRisk(store, now), view),
  findings: async (store, now, _v, view) => findingsCsv(await evaluateRisk(store, now), view),
  'effective-access': async (store, now, graphVersion, view) => effectiveAccessCsv(store, now, graphVersion, undefined, view),
  'metrics-history': async (store) => metricsHistoryCsv(store),
};

/** Resolves on 'drain', or when the client has gone (then the caller stops producing). */
async function writeWithBackpressure(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  const gone = new AbortController();
  await Promise.race([once(res, 'drain', { signal: gone.signal }), once(res, 'close', { signal: gone.signal })]).catch(() => undefined);
  gone.abort();
  return !res.destroyed;
}

/**
 * `GET /export/<table>.csv`, streamed: a chunk is produced only when the client has taken the last one,
 * so memory stays bounded however large the table (effective-access is read from the store a page at a
 * time). A failure after the first byte cannot change the status any more, so the connection is cut:
 * the client sees a broken transfer, never a silently short file.
 */
export function csvExportRouter(store: GraphStore, now: () => Date, pseudonymKey: Buffer = randomBytes(32)): Router {
  const router = express.Router();
  const pseudonym = pseudonymizer(pseudonymKey);
  router.get('/export/:file', async (req, res, next) => {
    const match = /^([a-z-]+)\.csv$/.exec(req.params.file);
    const table = match && Object.hasOwn(CSV_TABLES, match[1]) ? CSV_TABLES[match[1]] : undefined;
    if (!match || !table) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: `No export '${req.params.file.slice(0, 100)}'; tables: ${Object.keys(CSV_TABLES).map((t) => `${t}.csv`).join(', ')}` } });
      return;
    }
    // Callers who may read personal data get it; the rest (the bi role) get the pseudonymised view.
    const principal = principalOf(res);
    const view = principal && hasAnyRole(principal, READERS) ? undefined : biRowView(match[1], pseudonym);
    res.setHeader('x-whohas-personal-data', view ? 'pseudonymised' : 'included');
    let chunks: AsyncGenerator<string>;
    let graphVersion: string;
    const at = now().toISOString();
    try {
      graphVersion = await store.read(readGraphVersion);
      chunks = await table(store, at, graphVersion, view);
    } catch (e) {
      next(e);
      return;
    }
    res.status(200).type('text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${match[1]}.csv"`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-whohas-graph-version', graphVersion);
    res.setHeader('x-whohas-evaluated-at', at);
    try {
      for await (const chunk of chunks) {
        if (!(await writeWithBackpressure(res, chunk))) {
          await chunks.return(undefined);
          return;
        }
      }
      res.end();
    } catch (e) {
      console.error(`[whohas] export ${match[1]}.csv failed after it started: ${e instanceof Error ? e.message : String(e)}`);
      res.destroy();
    }
  });
  return router;
}
