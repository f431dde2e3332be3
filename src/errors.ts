/**
 * Typed errors with stable codes. The code is the contract with API clients and the CLI;
 * the message is for people and must never contain a stack trace or internal detail.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'CONFIG_INVALID'
  | 'BUNDLE_NOT_FOUND'
  | 'BUNDLE_FILE_TOO_LARGE'
  | 'BUNDLE_FILE_BINARY'
  | 'BUNDLE_FILE_UNREADABLE'
  | 'BUNDLE_REJECTED'
  | 'INGEST_FAILED'
  | 'INGEST_BUSY'
  | 'FORMAT_UNKNOWN'
  | 'SOURCE_UNAVAILABLE'
  | 'SOURCE_AUTH_FAILED'
  | 'JOB_UNKNOWN'
  | 'STORE_QUERY_UNKNOWN'
  | 'STORE_PARAM_MISSING'
  | 'STORE_PARAM_UNEXPECTED'
  | 'STORE_UNAVAILABLE'
  | 'STORE_LOCKED'
  | 'STORE_QUERY_FAILED'
  | 'ROW_SHAPE_INVALID'
  | 'GRAPH_MOVED'
  | 'STALE_GRAPH'
  | 'AUDIT_LOG_BROKEN'
  | 'AUDIT_LOG_UNAVAILABLE'
  | 'OUTPUT_EXISTS'
  | 'EXPORT_CONFLICT'
  | 'EXPORT_FAILED'
  | 'BACKUP_INVALID'
  | 'INTERNAL';

export class WhohasError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'WhohasError';
  }
}

export function isWhohasError(e: unknown): e is WhohasError {
  return e instanceof WhohasError;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
