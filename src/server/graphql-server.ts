import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestHandler } from 'express';
import { createContext, type AppServices, type RequestContext } from '../../graphql/context';
import { formatError } from '../../graphql/format-error';
import { whohasSchema } from '../../graphql/schema';
import { readGraphVersion } from '../graph-version';

/** Every answer carries the graph version it was computed on, so clients can detect a moved graph. */
const graphVersionPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const version = await readGraphVersion(contextValue.store).catch(() => null);
        if (version) response.body.singleResult.extensions = { ...response.body.singleResult.extensions, graphVersion: version };
        if (version) contextValue.recorder.simulator.noticeGraphVersion(version);
      },
    };
  },
};

export async function createGraphQLHandler(services: AppServices): Promise<{ handler: RequestHandler; stop: () => Promise<void> }> {
  const apollo = new ApolloServer<RequestContext>({
    schema: await whohasSchema(),
    formatError: (formatted, error) => formatError(formatted, error),
    plugins: [graphVersionPlugin],
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // The CLI owns shutdown (close HTTP, Apollo, then the store); Apollo's own handler would re-raise
    // the signal and kill the process before the store is closed.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const handler = expressMiddleware(apollo, { context: async ({ req }) =>
      createContext(services, { adminToken: req.header('x-whohas-admin-token'), clientName: req.header('x-whohas-client') }),
  });
  return { handler, stop: () => apollo.stop() };
}
