import { errorMessage, isWhohasError } from '../../src/errors';

/** Codes whose messages come from the store engine itself rather than from whohas. */
const ENGINE_CODES = new Set(['STORE_QUERY_FAILED', 'ROW_SHAPE_INVALID', 'INTERNAL']);

/**
 * A failed run's error as recorded in the graph (ingestRuns is readable by analysts): the store's
 * own words are kept, since they say what went wrong (a full disk, a broken constraint), but not
 * its source locations or this machine's paths.
 */
export function failureOf(e: unknown): { code: string; message: string } {
  if (isWhohasError(e) && !fromEngine(e)) return { code: e.code, message: e.message };
  const message = withoutInternals(errorMessage(e));
  if (isWhohasError(e)) return { code: e.code, message };
  return { code: 'INGEST_FAILED', message: `The run failed and nothing was applied: ${message}` };
}

/** Anything but whohas's own errors: its whole text belongs in the operator's log. */
export function fromEngine(e: unknown): boolean {
  return !isWhohasError(e) || ENGINE_CODES.has(e.code);
}

export function withoutInternals(message: string): string {
  return message
    .replace(/\s*in file "[^"]*"(?: on line \d+)?/g, '')
    .replace(/(?:[A-Za-z]:)?(?:[\\/][\w.@+-]+){2,}/g, '<path>')
    .replace(/\n\s+at .*/g, '')
    .slice(0, 1000);
}
