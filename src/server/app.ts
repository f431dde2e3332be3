import express, { type Express } from 'express';
import type { AppServices } from '../../graphql/context';
import { authenticate, requireRole } from '../auth/middleware';
import type { AuthSettings } from '../auth/resolve-principal';
import { ADMINS, AGGREGATE_READERS, COPILOT_USERS, ROLES } from '../auth/roles';
import type { IngestContext } from '../jobs/ingest-request';
import { setRiskThresholds } from '../risk/risk-settings';
import { adminRouter } from './admin-routes';
import { consoleRouter } from './console-routes';
import { exportRouter } from './export-routes';
import { healthRouter, type Readiness } from './health-routes';
import { copilotRouter } from './copilot-routes';
import { csvExportRouter } from './csv-export-routes';
import { DEFAULT_RESPONSE_CACHE_MB } from '../../graphql/response-cache/response-store';
import { createGraphQLHandler, DEFAULT_HARDENING, type GraphQLHardening } from './graphql-server';
import { httpErrorHandler } from './http-errors';
import { metricsRouter } from './metrics-routes';
import { renderCacheMetrics } from '../../graphql/response-cache/cache-metrics';
import { playgroundRouter } from './playground';
import { authFailureLimiter, rateLimiter } from './rate-limit';

export interface AppOptions extends AppServices {
  adminToken: string;
  ingest: IngestContext;
  /** Start-up and shutdown state for /readyz; without it, ready whenever the store answers. */
  readiness?: Readiness;
  /** Who may call (src/auth); without it only the admin token is a credential and loopback callers read and simulate. */
  auth?: AuthSettings;
  hardening?: GraphQLHardening;
  /** Execute GraphQL through graphql-jit (WHOHAS_GRAPHQL_JIT); absent: on. */
  graphqlJit?: boolean;
  /** MB of JSON kept for repeated GraphQL questions (WHOHAS_RESPONSE_CACHE_MB); 0: none; absent: the default. */
  responseCacheMb?: number;
  playground?: boolean;
  maxBodyBytes?: number;
  /** 0 or absent: no rate limit (tests and tools that build an app directly). */
  rateLimitPerMinute?: number;
  /** Failed authentications per IP per minute; 0 or absent: no limit. */
  authFailuresPerMinute?: number;
  /** Keys the `bi` role's pseudonyms in CSV exports (src/auth/personal-data.ts). */
  pseudonymKey?: Buffer;
}

/**
 * The whole HTTP surface. Order matters: probes first (no credentials, no rate limit), then every
 * other request is authenticated once and rate-limited per client, then each route says who may use
 * it. A route added later (e.g. POST /copilot/ask) gets the same by mounting after `authenticate`
 * with `requireRole(...)`.
 */
export async function createApp(opts: AppOptions): Promise<{ app: Express; stop: () => Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  const auth: AuthSettings = opts.auth ?? { adminToken: opts.adminToken, keys: null, oidc: null, mode: 'auto' };
  const graphql = await createGraphQLHandler(opts, opts.hardening ?? DEFAULT_HARDENING, {
    jit: opts.graphqlJit ?? true,
    responseCacheChars: (opts.responseCacheMb ?? DEFAULT_RESPONSE_CACHE_MB) * 1024 * 1024,
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', store: opts.store.backend });
  });
  app.use(healthRouter(opts.store, opts.readiness));
  if (opts.playground ?? true) app.use(playgroundRouter({ graphqlPath: '/graphql', title: 'whohas playground' }));
  // Console pages and assets hold no data (every read goes to /graphql or /copilot with the key the
  // page sends), and a browser cannot put a bearer token on a page load: served before authentication.
  app.use(consoleRouter());
  app.use(authFailureLimiter(opts.authFailuresPerMinute ?? 0));
  app.use(authenticate(auth));
  app.use(rateLimiter(opts.rateLimitPerMinute ?? 0));
  app.use('/graphql', requireRole(...ROLES), express.json({ limit: opts.maxBodyBytes ?? 1024 * 1024 }), graphql.handler);
  app.use('/admin', requireRole(...ADMINS));
  app.use(adminRouter(opts.store, opts.ingest));
  app.use(exportRouter(opts.store, opts.ingest.log));
  // The config file's risk thresholds, for GraphQL, /metrics, the CSV exports and the snapshot after each ingest.
  setRiskThresholds(opts.store, opts.ingest.jobs?.risk);
  app.use('/metrics', requireRole(...AGGREGATE_READERS));
  app.use(metricsRouter(opts.store, opts.now, () => renderCacheMetrics(graphql.cacheStats())));
  app.use('/export', requireRole(...AGGREGATE_READERS));
  app.use(csvExportRouter(opts.store, opts.now, opts.pseudonymKey));
  app.use('/copilot', requireRole(...COPILOT_USERS));
  app.use(copilotRouter(opts));
  app.use(httpErrorHandler);
  return { app, stop: graphql.stop };
}
