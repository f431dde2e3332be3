import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isWhohasError } from '../src/errors';

/** Codes Apollo and graphql-js produce for the client's own mistakes; their messages are safe to show. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'QUERY_TOO_COMPLEX',
]);

const USER_FACING = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'STALE_GRAPH', 'AUDIT_LOG_UNAVAILABLE']);
/** Details a client acts on (e.g. the graph version to re-read at); everything else in `details` stays server-side. */
const PUBLIC_DETAILS = ['graphVersion', 'index'];

/**
 * Every error leaves with a stable `extensions.code`. Our own input errors keep their message;
 * anything unexpected is masked (no stack, no query text, no driver detail) and logged here instead.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: (msg: string) => void = console.error): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (isWhohasError(original)) {
    if (USER_FACING.has(original.code)) {
      const details = Object.fromEntries(PUBLIC_DETAILS.filter((k) => original.details?.[k] !== undefined).map((k) => [k, original.details![k]]));
      return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...details } };
    }
    log(`[whohas] ${original.code}: ${original.message}`);
    return { message: 'Internal error; the server log has the details', path: formatted.path, extensions: { code: original.code } };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (CLIENT_CODES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  // graphql-js's own request-level refusals (e.g. a mutation on a schema without one) have no path
  // and no cause: the client's mistake, with a message that reveals nothing internal.
  if (original instanceof GraphQLError && !original.path && !original.originalError) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_REQUEST' } };
  }
  log(`[whohas] unexpected error: ${original instanceof Error ? (original.stack ?? original.message) : String(original)}`);
  return { message: 'Internal error; the server log has the details', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
