import type { ErrorRequestHandler } from 'express';

/**
 * The last word on errors that happen outside GraphQL execution (a body that is not JSON, one that
 * is too large): a GraphQL-shaped JSON answer with a stable code, never Express's HTML page with a stack.
 */
export const httpErrorHandler: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  const type = (err as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    res.status(400).json({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
  } else if (type === 'entity.too.large') {
    res.status(413).json({ errors: [{ message: 'The request body is too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  } else if (typeof (err as { status?: number }).status === 'number' && (err as { status: number }).status < 500) {
    const status = (err as { status: number }).status;
    res.status(status).json({ errors: [{ message: 'The request was refused', extensions: { code: 'BAD_REQUEST' } }] });
  } else {
    console.error(`[whohas] HTTP error: ${err instanceof Error ? err.stack : String(err)}`);
    res.status(500).json({ errors: [{ message: 'Internal error; the server log has the details', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  }
};
