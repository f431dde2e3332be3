import { z } from 'zod';
import type { QueryRunner } from '../store/port';
import { fetchPage, type Page } from './page';
import { parseCount, parseRows } from './rows';

const json = <T>(fallback: T) => z.string().nullable().optional().transform((s) => (s ? (JSON.parse(s) as T) : fallback));
const num = z.union([z.number(), z.bigint()]).nullable().optional().transform((v) => Number(v ?? 0));

const RunRow = z.object({
  id: z.string(),
  seq: num,
  source: z.string(),
  mode: z.enum(['full', 'incremental']),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable().optional().transform((v) => v ?? null),
  counts: json<Record<string, unknown>>({}),
  rejectCount: num,
  rejectSample: json<Array<{ file: string; line: number; field: string | null; reason: string }>>([]),
  graphVersion: z.string().nullable().optional().transform((v) => v ?? null),
  error: json<{ code: string; message: string } | null>(null),
});

export type IngestRunView = ReturnType<typeof toView>;

/** The run record stores unknown file names and notes beside the counts; they are not counts, so split them out. */
function toView(r: z.infer<typeof RunRow>) {
  const { unknownFiles, notes, ...counts } = r.counts as Record<string, unknown> & { unknownFiles?: string[]; notes?: string[] };
  return { ...r, counts, unknownFiles: unknownFiles ?? [], notes: notes ?? [], errorCode: r.error?.code ?? null, errorMessage: r.error?.message ?? null };
}

export async function ingestRunsPage(db: QueryRunner, page: Page) {
  return fetchPage(
    page,
    async () => parseCount(await db.run('runs/count', {}), 'runs/count'),
    async () => parseRows(RunRow, await db.run('runs/page', { skip: page.skip, limit: page.limit }), 'runs/page').map(toView),
  );
}
