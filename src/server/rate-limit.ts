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

/**
 * Failed authentications per IP address per minute (fixed windows): a guesser, or someone making the
 * server verify junk JWTs, gets `429` before its credentials are even looked at. Own code rather than
 * express-rate-limit: that one counts a request when it starts, so many concurrent good requests from
 * one address (a proxy) would trip a limit meant for failures only.
 */
export function authFailureLimiter(perMinute: number, now: () => number = Date.now): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  let window = 0;
  let failures = new Map<string, number>();
  const current = () => {
    const w = Math.floor(now() / 60_000);
    if (w !== window) [window, failures] = [w, new Map()];
    return failures;
  };
  return (req, res, next) => {
    const key = ipKeyGenerator(req.ip ?? 'unknown');
    if ((current().get(key) ?? 0) >= perMinute) {
      const message = `More than ${perMinute} failed authentications a minute from this address; retry after the time in Retry-After`;
      res.setHeader('retry-after', String(60 - Math.floor((now() / 1000) % 60)));
      res.setHeader('cache-control', 'no-store');
      if (req.originalUrl.startsWith('/graphql')) res.status(429).json({ errors: [{ message, extensions: { code: 'RATE_LIMITED' } }] });
      else res.status(429).json({ error: { code: 'RATE_LIMITED', message } });
      return;
    }
    res.once('finish', () => {
      if (res.statusCode === 401) current().set(key, (current().get(key) ?? 0) + 1);
    });
    next();
  };
}
