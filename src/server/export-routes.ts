import express, { type Router } from 'express';
import { z } from 'zod';
import { errorMessage, isWhohasError } from '../errors';
import { checkExportOptions, exportGraph } from '../export/export-graph';
import { HttpExportSink } from '../export/export-stream';
import type { GraphStore } from '../store/port';
import type { Logger } from '../log';

const ExportQuery = z.strictObject({ source: z.string().min(1).optional(), exportedAt: z.string().min(1).optional() });

/**
 * `GET /admin/export`: streams the canonical bundle (src/export/export-stream.ts) so `whohas export`
 * works while this server holds the embedded store (Kuzu allows one process). Same guard as the
 * admin ingest hook (createApp): the admin role only, since the bundle holds all personal data.
 */
export function exportRouter(store: GraphStore, log: Logger = () => undefined): Router {
  const router = express.Router();
  router.get('/admin/export', async (req, res) => {
    const query = ExportQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: query.error.issues[0].message } });
      return;
    }
    try {
      checkExportOptions(query.data);
    } catch (e) {
      if (!isWhohasError(e)) throw e;
      res.status(400).json({ error: { code: e.code, message: e.message } });
      return;
    }
    res.status(200).type('application/x-ndjson').setHeader('cache-control', 'no-store');
    const sink = new HttpExportSink(res);
    try {
      const summary = await exportGraph(store, sink, query.data);
      log('info', 'export streamed', { graphVersion: summary.graphVersion, counts: summary.counts, attempts: summary.attempts });
    } catch (e) {
      log('warn', `export failed: ${errorMessage(e)}`);
      await sink.fail(e).catch(() => undefined);
    }
    res.end();
  });
  return router;
}
