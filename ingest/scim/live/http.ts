import { WhohasError, errorMessage } from '../../../src/errors';
import type { GetContext } from '../../core/connector';
import type { ScimOptions } from '../options';
import { backoffMs, retryAfterMs, sleep } from './retry';

export interface Fetching {
  options: ScimOptions;
  ctx: GetContext;
  /** Absent when the env var is unset: some providers on a private network need none. */
  token: string | undefined;
}

/**
 * One GET with the retry policy: 429 waits for Retry-After (or backs off), 5xx and connection
 * failures back off exponentially, both for at most `maxRetries` retries; 401/403 fail at once.
 * Messages name the URL and the token's env var, never the token.
 */
export async function getText(url: URL, f: Fetching): Promise<string> {
  const { options, ctx } = f;
  const shown = `${url.origin}${url.pathname}${url.search}`;
  const headers: Record<string, string> = { accept: 'application/scim+json, application/json' };
  if (f.token) headers.authorization = `Bearer ${f.token}`;
  let last = '';
  for (let attempt = 0; attempt <= options.maxRetries; attempt++) {
    let res: Response;
    try {
      const signals = [AbortSignal.timeout(options.timeoutMs), ...(ctx.signal ? [ctx.signal] : [])];
      res = await fetch(url, { headers, signal: AbortSignal.any(signals), redirect: 'follow' });
    } catch (e) {
      if (ctx.signal?.aborted) throw e;
      last = causeOf(e);
      await pause(attempt, null, `GET ${shown} failed: ${last}`, f);
      continue;
    }
    if (res.ok) return readBody(res, shown, ctx.maxFileBytes);
    const body = await res.text().catch(() => '');
    if (res.status === 401 || res.status === 403) throw authFailed(shown, res.status, f);
    if (res.status === 429 || res.status >= 500) {
      last = `${res.status} ${res.statusText}${detailOf(body)}`;
      const asked = res.status === 429 ? retryAfterMs(res.headers.get('retry-after')) : null;
      if (asked !== null && asked > options.maxRetryWaitMs) {
        throw new WhohasError('SOURCE_UNAVAILABLE', `${shown} is rate-limited and asks to wait ${Math.ceil(asked / 1000)} s, more than maxRetryWaitMs`, {
          url: shown,
          status: res.status,
        });
      }
      await pause(attempt, asked, `GET ${shown}: ${last}`, f);
      continue;
    }
    throw new WhohasError('SOURCE_UNAVAILABLE', `${shown} answered ${res.status} ${res.statusText}${detailOf(body)}`, { url: shown, status: res.status });
  }
  throw new WhohasError('SOURCE_UNAVAILABLE', `${shown} still failing after ${options.maxRetries + 1} attempt(s): ${last}`, { url: shown });
}

async function pause(attempt: number, asked: number | null, what: string, f: Fetching): Promise<void> {
  if (attempt >= f.options.maxRetries) return;
  const wait = asked ?? backoffMs(attempt, f.options.retryBaseMs, f.options.maxRetryWaitMs);
  f.ctx.log?.(`${what}; retrying in ${wait} ms`, { attempt: attempt + 1, waitMs: wait });
  await sleep(wait, f.ctx.signal);
}

async function readBody(res: Response, shown: string, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const text = declared > maxBytes ? null : await res.text();
  if (text === null || Buffer.byteLength(text) > maxBytes) {
    const limit = maxBytes >= 100 * 1024 ? `${(maxBytes / 1024 / 1024).toFixed(1)} MB` : `${maxBytes} bytes`;
    throw new WhohasError('BUNDLE_FILE_TOO_LARGE', `${shown} returned more than ${limit} (WHOHAS_MAX_FILE_MB); lower pageSize`, { url: shown });
  }
  return text;
}

function authFailed(shown: string, status: number, f: Fetching): WhohasError {
  const env = f.options.tokenEnv;
  const hint = f.token ? `the bearer token in $${env} was refused` : `$${env} is not set, so no bearer token was sent`;
  return new WhohasError('SOURCE_AUTH_FAILED', `${shown} answered ${status}: ${hint}`, { url: shown, status, tokenEnv: env });
}

/** A SCIM error body says why (`detail`); anything else is not worth echoing. */
function detailOf(body: string): string {
  try {
    const detail = (JSON.parse(body) as { detail?: unknown }).detail;
    return typeof detail === 'string' && detail ? `: ${detail.slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

/** fetch hides the socket error in `cause` (ECONNREFUSED, ENOTFOUND ...). */
function causeOf(e: unknown): string {
  const cause = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
  if (e instanceof Error && e.name === 'TimeoutError') return 'timed out';
  return cause?.code ?? cause?.message ?? errorMessage(e);
}
