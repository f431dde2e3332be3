import express, { type Router } from 'express';
import { PROMETHEUS_CONTENT_TYPE } from '../prometheus-exposition';
import { renderPrometheus } from '../risk/prometheus';
import { evaluateRisk } from '../risk/risk-service';
import type { GraphStore } from '../store/port';

/**
 * `GET /metrics`: the current risk metrics for Prometheus (and anything that scrapes its format),
 * then the server's own counters (`serverMetrics`, already in the format).
 */
export function metricsRouter(store: GraphStore, now: () => Date, serverMetrics: () => string = () => ''): Router {
  const router = express.Router();
  router.get('/metrics', async (_req, res, next) => {
    try {
      const ev = await evaluateRisk(store, now().toISOString());
      res.status(200).type(PROMETHEUS_CONTENT_TYPE).setHeader('cache-control', 'no-store');
      res.send(renderPrometheus(ev) + serverMetrics());
    } catch (e) {
      next(e); // httpErrorHandler: a masked 500 with a stable code, the detail in the server log
    }
  });
  return router;
}
