import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { principalOf } from '../auth/middleware';

/**
 * Per client, per minute: an authenticated caller is counted by its key or token subject (so many
 * agents behind one NAT do not share a budget), anyone else by IP address (IPv6 by /56, so one host
 * cannot dodge it by rotating addresses). In memory: each replica counts on its own.
 */
export function rateLimiter(perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const p = principalOf(res);
      return p?.authenticated ? `principal:${p.id}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (req, res, _next, options) => {
      const body = { code: 'RATE_LIMITED', message: `More than ${options.limit} requests a minute from this client; retry after the time in Retry-After` };
      res.setHeader('cache-control', 'no-store');
      if (req.originalUrl.startsWith('/graphql')) res.status(429).json({ errors: [{ message: body.message, extensions: { code: body.code } }] });
      else res.status(429).json({ error: body });
    },
  });
}
