import { WhohasError } from '../errors';
import { readGraphVersion } from '../graph-version';
import type { GraphStore } from '../store/port';
import { ENTITY_FILES, SourceRecord, type EntityFile } from '../../ingest/bundle/records';
import { EXPORT_PARTS, checkedRecord, exportRow, type ExportPart } from './export-parts';

/**
 * `whohas export`: the whole graph as one canonical identity bundle (shared/spec/identity-bundle.md),
 * read through the named queries in cypher/export/. Ingesting it into an empty store of either kind
 * gives the same answers, and exporting that store again gives the same bytes.
 */
export interface ExportOptions {
  /** The bundle's source name; default: the one source every record came from, else MIXED_SOURCE. */
  source?: string;
  /** source.json's exportedAt; default now. Pin it to compare two exports byte for byte. */
  exportedAt?: string;
  /** Start nodes per read. */
  pageSize?: number;
  /** How many times to start over when an ingest commits during the export. */
  maxAttempts?: number;
}

export interface ExportSummary {
  source: SourceRecord;
  counts: Record<EntityFile, number>;
  /** The graph version every page was read at: the export is exactly that state. */
  graphVersion: string;
  /** The sources the records came from (the bundle names one; see docs/operations.md). */
  sources: string[];
  attempts: number;
}

/** Where records go: a folder on disk, or an HTTP response. `begin` starts over and drops what was written. */
export interface ExportSink {
  begin(attempt: number): Promise<void>;
  write(entity: EntityFile, record: Record<string, unknown>): Promise<void>;
  finish(summary: ExportSummary): Promise<void>;
}

export const MIXED_SOURCE = 'whohas-export';
const DEFAULT_PAGE = 5000;
const DEFAULT_ATTEMPTS = 5;

class GraphMoved extends Error {}

/**
 * Pages are separate short reads, not one long transaction: on Kuzu 0.11 a read transaction held open
 * across an ingest's commit makes that commit's checkpoint time out and fail. Each page reads the
 * graph version in its own transaction; if any page sees another version than the first, an ingest
 * landed in between, and the export starts over, so what is written is always one committed state.
 */
export async function exportGraph(store: GraphStore, sink: ExportSink, opts: ExportOptions = {}): Promise<ExportSummary> {
  checkExportOptions(opts);
  const exportedAt = opts.exportedAt ?? new Date().toISOString();
  const maxAttempts = opts.maxAttempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    await sink.begin(attempt);
    try {
      const { counts, version, sources } = await exportOnce(store, sink, opts.pageSize ?? DEFAULT_PAGE);
      const source = opts.source ?? (sources.length === 1 ? sources[0] : MIXED_SOURCE);
      const summary: ExportSummary = { source: { source, mode: 'full', exportedAt }, counts, graphVersion: version, sources, attempts: attempt };
      await sink.finish(summary);
      return summary;
    } catch (e) {
      if (!(e instanceof GraphMoved)) throw e;
    }
  }
  throw new WhohasError(
    'EXPORT_CONFLICT',
    `The graph changed during each of ${maxAttempts} export attempts (ingests kept committing); run the export when ingests are quieter`,
  );
}

/** The caller's options, checked before anything is read or written (the HTTP route answers 400 with this). */
export function checkExportOptions(opts: ExportOptions): void {
  if (opts.exportedAt !== undefined && !SourceRecord.shape.exportedAt.safeParse(opts.exportedAt).success) {
    throw new WhohasError('BAD_USER_INPUT', `exportedAt must be an ISO-8601 time with a zone, got '${opts.exportedAt}'`);
  }
  if (opts.source !== undefined && !SourceRecord.shape.source.safeParse(opts.source).success) {
    throw new WhohasError('BAD_USER_INPUT', `source may hold letters, digits and . _ : - only, got '${opts.source}'`);
  }
}

async function exportOnce(store: GraphStore, sink: ExportSink, pageSize: number) {
  const counts = Object.fromEntries(ENTITY_FILES.map((e) => [e, 0])) as Record<EntityFile, number>;
  const sources = new Set<string>();
  let version: string | null = null;
  for (const part of EXPORT_PARTS) {
    let after = '';
    for (;;) {
      const page = await store.read(async (tx) => ({
        version: await readGraphVersion(tx),
        rows: await tx.run(part.query, { after, limit: pageSize }),
      }));
      if (version === null) version = page.version;
      else if (page.version !== version) throw new GraphMoved();
      const rows = page.rows.map((r) => exportRow(part, r));
      for (const row of rows) {
        const record = part.toRecord(row);
        if (!record) continue;
        if (typeof row.source === 'string') sources.add(row.source);
        await sink.write(part.entity, checkedRecord(part, record));
        counts[part.entity]++;
      }
      if (!rows.length) break;
      after = String(rows[rows.length - 1][part.cursor]);
      if (startNodes(part, rows) < pageSize) break;
    }
  }
  return { counts, version: version ?? '0', sources: [...sources].sort() };
}

function startNodes(part: ExportPart, rows: Record<string, unknown>[]): number {
  return part.perStartNode ? new Set(rows.map((r) => r[part.cursor])).size : rows.length;
}
