import express, { type Express } from 'express';
import type { AppServices } from '../../graphql/context';
import type { IngestContext } from '../jobs/ingest-request';
import { setRiskThresholds } from '../risk/risk-settings';
import { adminRouter } from './admin-routes';
import { consoleRouter } from './console-routes';
import { exportRouter } from './export-routes';
import { healthRouter, type Readiness } from './health-routes';
import { copilotRouter } from './copilot-routes';
import { csvExportRouter } from './csv-export-routes';
import { createGraphQLHandler } from './graphql-server';
import { httpErrorHandler } from './http-errors';
import { metricsRouter } from './metrics-routes';
import { playgroundRouter } from './playground';

export interface AppOptions extends AppServices {
  adminToken: string;
  ingest: IngestContext;
  /** Start-up and shutdown state for /readyz; without it, ready whenever the store answers. */
  readiness?: Readiness;
}

/** The whole HTTP surface: GraphQL, the offline playground, health, and the local admin ingest hook. */
export async function createApp(opts: AppOptions): Promise<{ app: Express; stop: () => Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  const graphql = await createGraphQLHandler(opts);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', store: opts.store.backend });
  });
  app.use(healthRouter(opts.store, opts.readiness));
  app.use('/graphql', express.json({ limit: '1mb' }), graphql.handler);
  app.use(adminRouter(opts.store, opts.adminToken, opts.ingest));
  app.use(exportRouter(opts.store, opts.adminToken, opts.ingest.log));
  // The config file's risk thresholds, for GraphQL, /metrics, the CSV exports and the snapshot after each ingest.
  setRiskThresholds(opts.store, opts.ingest.jobs?.risk);
  app.use(metricsRouter(opts.store, opts.now));
  app.use(csvExportRouter(opts.store, opts.now));
  app.use(copilotRouter(opts));
  app.use(playgroundRouter({ graphqlPath: '/graphql', title: 'whohas playground' }));
  app.use(consoleRouter());
  app.use(httpErrorHandler);
  return { app, stop: graphql.stop };
}
