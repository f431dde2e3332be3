import { WhohasError } from '../../../src/errors';
import type { GetContext } from '../../core/connector';
import { systemFrom, type ScimOptions } from '../options';
import type { ScimPayload } from '../payload';
import { getText } from './http';

/**
 * Pulls /Users then /Groups from a SCIM base URL, one payload per page (RFC 7644 section 3.4.2.4):
 * startIndex is 1-based, and a page may hold fewer than `count` resources, so the next page
 * starts after what actually came back. Paging stops at totalResults or at an empty page.
 */
export async function pullLive(location: string, options: ScimOptions, ctx: GetContext): Promise<ScimPayload[]> {
  const base = new URL(location);
  const system = options.system ?? systemFrom(base.host);
  const token = process.env[options.tokenEnv] || undefined;
  if (!token) ctx.log?.(`$${options.tokenEnv} is not set: requesting ${base.origin} without a bearer token`);
  const payloads: ScimPayload[] = [];
  for (const endpoint of ['Users', 'Groups']) {
    let start = 1;
    for (;;) {
      const query = `startIndex=${start}&count=${options.pageSize}`;
      const url = new URL(`${base.pathname.replace(/\/+$/, '')}/${endpoint}?${query}`, base);
      const name = `GET /${endpoint}?${query}`;
      const text = await getText(url, { options, ctx, token });
      const page = pageOf(text, url);
      payloads.push({ name, text, system });
      ctx.log?.(name, { resources: page.count, totalResults: page.total });
      if (page.count === 0 || start - 1 + page.count >= page.total) break;
      start += page.count;
    }
  }
  return payloads;
}

/** Only what paging needs; the transform reads the resources themselves. */
function pageOf(text: string, url: URL): { count: number; total: number } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const list = body as { Resources?: unknown; totalResults?: unknown } | null;
  if (!list || typeof list !== 'object' || typeof list.totalResults !== 'number') {
    throw new WhohasError('SOURCE_UNAVAILABLE', `${url.origin}${url.pathname} did not return a SCIM ListResponse (no totalResults): is ${url.origin} a SCIM base URL?`, {
      url: url.href,
    });
  }
  const count = Array.isArray(list.Resources) ? list.Resources.length : 0;
  return { count, total: list.totalResults };
}
