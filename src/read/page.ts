import { z } from 'zod';
import { WhohasError } from '../errors';

/** Offset pagination behind opaque Relay cursors: stable while the graph version is unchanged. */
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface Page {
  skip: number;
  limit: number;
}

const PageInput = z.object({
  first: z.number().int().min(0, 'first must be >= 0').max(MAX_PAGE, `first must be <= ${MAX_PAGE}`).nullish(),
  after: z.string().max(200).nullish(),
});

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** Offsets past this are not pages anyone walks to; refusing them keeps SKIP inside what stores handle. */
export const MAX_OFFSET = 10_000_000;

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^o:(\d{1,9})$/.exec(text);
  if (!m || Number(m[1]) > MAX_OFFSET) throw new WhohasError('BAD_USER_INPUT', `'after' is not a cursor this API issued: ${cursor}`);
  return Number(m[1]);
}

export function toPage(req: PageRequest): Page {
  const parsed = PageInput.safeParse(req);
  if (!parsed.success) throw new WhohasError('BAD_USER_INPUT', parsed.error.issues[0].message);
  const skip = parsed.data.after ? decodeCursor(parsed.data.after) + 1 : 0;
  return { skip, limit: parsed.data.first ?? DEFAULT_PAGE };
}

/**
 * Counts first and only asks for a page that exists: kuzu 0.11.3 crashes the process on
 * ORDER BY ... SKIP n when n is far past the last row, and an empty page needs no query anyway.
 */
export async function fetchPage<T>(page: Page, count: () => Promise<number>, rows: () => Promise<T[]>): Promise<{ nodes: T[]; total: number }> {
  // A first page cannot be past the last row, so it is read while counting (on another connection when one is free).
  if (page.skip === 0 && page.limit > 0) {
    const [total, nodes] = await Promise.all([count(), rows()]);
    return { nodes, total };
  }
  const total = await count();
  if (page.skip >= total || page.limit === 0) return { nodes: [], total };
  return { nodes: await rows(), total };
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export function toConnection<T>(nodes: T[], page: Page, totalCount: number): Connection<T> {
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor(page.skip + i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.skip + nodes.length < totalCount,
      hasPreviousPage: page.skip > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}
