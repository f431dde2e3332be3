import express, { type Express } from 'express';
import type { AppServices } from '../../graphql/context';
import type { IngestContext } from '../jobs/ingest-request';
import { adminRouter } from './admin-routes';
import { createGraphQLHandler } from './graphql-server';
import { httpErrorHandler } from './http-errors';
import { playgroundRouter } from './playground';

export interface AppOptions extends AppServices {
  adminToken: string;
  ingest: IngestContext;
}

/** The whole HTTP surface: GraphQL, the offline playground, health, and the local admin ingest hook. */
export async function createApp(opts: AppOptions): Promise<{ app: Express; stop: () => Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  const graphql = await createGraphQLHandler(opts);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', store: opts.store.backend });
  });
  app.use('/graphql', express.json({ limit: '1mb' }), graphql.handler);
  app.use(adminRouter(opts.store, opts.adminToken, opts.ingest));
  app.use(playgroundRouter({ graphqlPath: '/graphql', title: 'whohas playground' }));
  app.use(httpErrorHandler);
  return { app, stop: graphql.stop };
}
