import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestHandler } from 'express';
import { createContext, type AppServices, type RequestContext } from '../../graphql/context';
import { formatError } from '../../graphql/format-error';
import { jitGateway } from '../../graphql/jit-executor';
import { aliasLimit, costLimitPlugin, depthLimit, type QueryLimits } from '../../graphql/limits';
import { responseCachePlugin } from '../../graphql/response-cache/response-cache-plugin';
import { DEFAULT_RESPONSE_CACHE_MB, ResponseStore, type ResponseCacheStats } from '../../graphql/response-cache/response-store';
import { whohasSchema } from '../../graphql/schema';
import { principalOf } from '../auth/middleware';
import { currentGraphVersion } from '../graph-version';

/**
 * Every answer carries the graph version it was computed on, so clients can detect a moved graph.
 * And none may be cached on the way: `no-store`, the header Apollo's cache-control plugin set for
 * a schema without cache hints (that plugin is off: it hooked every resolved field to find none).
 */
const graphVersionPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        response.http.headers.set('cache-control', 'no-store');
        if (response.body.kind !== 'single') return;
        const version = await currentGraphVersion(contextValue.store).catch(() => null);
        // A kept answer already carries it: its extensions object stays the one its JSON was made from.
        if (version && response.body.singleResult.extensions?.graphVersion !== version) {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, graphVersion: version };
        }
        if (version) contextValue.recorder.simulator.noticeGraphVersion(version);
      },
    };
  },
};

export interface GraphQLHardening {
  introspection: boolean;
  limits: QueryLimits;
}

/** Limits for tests and tools that build an app without a config; the server passes its own. */
export const DEFAULT_HARDENING: GraphQLHardening = { introspection: true, limits: { maxDepth: 15, maxAliases: 30, maxCost: 100_000 } };

/** Lexical tokens in one document: stops a huge or deeply nested query in the parser, before validation walks it. */
const MAX_TOKENS = 20_000;

export interface ExecutionOptions {
  /** Execute through graphql-jit (graphql/jit-executor.ts), same answers, about 2x faster on large pages of paths; off: graphql-js's own `execute`. */
  jit: boolean;
  /** Characters kept for repeated questions, JSON and keys (graphql/response-cache/); 0: none kept. */
  responseCacheChars: number;
}

export async function createGraphQLHandler(
  services: AppServices,
  hardening: GraphQLHardening = DEFAULT_HARDENING,
  { jit, responseCacheChars }: ExecutionOptions = { jit: true, responseCacheChars: DEFAULT_RESPONSE_CACHE_MB * 1024 * 1024 },
): Promise<{ handler: RequestHandler; stop: () => Promise<void>; cacheStats: () => ResponseCacheStats | null }> {
  const schema = await whohasSchema();
  const answers = responseCacheChars > 0 ? new ResponseStore(responseCacheChars) : null;
  const apollo = new ApolloServer<RequestContext>({
    ...(jit ? { gateway: jitGateway(schema) } : { schema }),
    formatError: (formatted, error) => formatError(formatted, error),
    plugins: [
      graphVersionPlugin,
      costLimitPlugin(hardening.limits.maxCost),
      ApolloServerPluginCacheControlDisabled(),
      ...(answers ? [responseCachePlugin(schema, services.store, answers)] : []),
    ],
    validationRules: [depthLimit(hardening.limits.maxDepth), aliasLimit(hardening.limits.maxAliases)],
    parseOptions: { maxTokens: MAX_TOKENS },
    // Compact JSON: Apollo's default indents every answer, a third more bytes to build and send for a page of paths.
    stringifyResult: (result) => (answers ? answers.serialize(result) : JSON.stringify(result)),
    introspection: hardening.introspection,
    csrfPrevention: true,
    // One operation per request: a batch would multiply every limit here by its length.
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // The CLI owns shutdown (close HTTP, Apollo, then the store); Apollo's own handler would re-raise
    // the signal and kill the process before the store is closed.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const handler = expressMiddleware(apollo, {
    context: async ({ res }) => {
      const principal = principalOf(res);
      if (!principal) throw new Error('GraphQL mounted without the authenticate middleware');
      return createContext(services, principal);
    },
  });
  return { handler, stop: () => apollo.stop(), cacheStats: () => answers?.stats() ?? null };
}
