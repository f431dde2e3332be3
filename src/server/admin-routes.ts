import express, { type Router } from 'express';
import { z } from 'zod';
import { isWhohasError } from '../errors';
import { IngestRequest, runIngestRequest, type IngestContext } from '../jobs/ingest-request';
import type { GraphStore } from '../store/port';
import { loadSodRules } from '../sod/sod-service';

const RulesRequest = z.strictObject({ document: z.string(), fileName: z.string().min(1) });


/**
 * Lets `whohas ingest` hand a run to the server that holds the embedded store open (Kuzu allows one
 * writing process). createApp lets only the admin role reach /admin: an admin API key or token, or
 * the per-start secret in the 0600 server file (so a user who can read the database can ingest).
 */
export function adminRouter(store: GraphStore, ingest: IngestContext): Router {
  const router = express.Router();
  router.post('/admin/ingest', express.json({ limit: '16kb' }), async (req, res) => {
    const body = IngestRequest.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: body.error.issues[0].message } });
      return;
    }
    try {
      res.status(200).json(await runIngestRequest(store, body.data, ingest));
    } catch (e) {
      // Unknown job or format, or a path nothing recognises: the caller's mistake, said plainly.
      if (!isWhohasError(e)) throw e;
      res.status(400).json({ error: { code: e.code, message: e.message } });
    }
  });
  router.post('/admin/rules', express.json({ limit: '2mb' }), async (req, res) => {
    const body = RulesRequest.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: body.error.issues[0].message } });
      return;
    }
    try {
      res.status(200).json(await loadSodRules(store, body.data.document, body.data.fileName, new Date()));
    } catch (e) {
      if (!isWhohasError(e)) throw e;
      res.status(400).json({ error: { code: e.code, message: e.message } });
    }
  });
  return router;
}
