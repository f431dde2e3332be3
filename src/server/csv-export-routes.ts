import { once } from 'node:events';
import express, { type Response, type Router } from 'express';
import { readGraphVersion } from '../graph-version';
import { effectiveAccessCsv } from '../risk/export/access-table';
import { findingsCsv, identitiesCsv, metricsHistoryCsv } from '../risk/export/risk-tables';
import { evaluateRisk } from '../risk/risk-service';
import type { GraphStore } from '../store/port';

type Table = (store: GraphStore, now: string, graphVersion: string) => Promise<AsyncGenerator<string>>;

/** The CSV tables for BI tools (docs/bi.md): stable column names, ISO-8601 times, one header line. */
export const CSV_TABLES: Record<string, Table> = {
  identities: async (store, now) => identitiesCsv(store, await evaluateRisk(store, now)),
  findings: async (store, now) => findingsCsv(await evaluateRisk(store, now)),
  'effective-access': async (store, now, graphVersion) => effectiveAccessCsv(store, now, graphVersion),
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
export function csvExportRouter(store: GraphStore, now: () => Date): Router {
  const router = express.Router();
  router.get('/export/:file', async (req, res, next) => {
    const match = /^([a-z-]+)\.csv$/.exec(req.params.file);
    const table = match && Object.hasOwn(CSV_TABLES, match[1]) ? CSV_TABLES[match[1]] : undefined;
    if (!match || !table) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: `No export '${req.params.file.slice(0, 100)}'; tables: ${Object.keys(CSV_TABLES).map((t) => `${t}.csv`).join(', ')}` } });
      return;
    }
    let chunks: AsyncGenerator<string>;
    let graphVersion: string;
    const at = now().toISOString();
    try {
      graphVersion = await store.read(readGraphVersion);
      chunks = await table(store, at, graphVersion);
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
