import { Readable } from 'node:stream';
import type { Config } from '../config';
import { WhohasError, errorMessage } from '../errors';
import { BundleDirWriter, assertEmptyTarget } from '../export/bundle-writer';
import { exportGraph, type ExportOptions, type ExportSummary } from '../export/export-graph';
import { replayExportStream } from '../export/export-stream';
import { readServerFile, serverFilePath } from '../server/server-file';
import { openStore } from '../store/open-store';

export interface ExportResult {
  summary: ExportSummary;
  dir: string;
  via: string;
}

/** `whohas export <dir>`: through the running server when one holds the store, else directly. */
export async function exportCommand(config: Config, dir: string, opts: ExportOptions = {}): Promise<ExportResult> {
  await assertEmptyTarget(dir);
  const writer = new BundleDirWriter(dir);
  const server = readServerFile(serverFilePath(config.kuzuPath));
  try {
    if (server) {
      const summary = await exportThroughServer(server, writer, opts);
      return { summary, dir: writer.dir, via: 'through the running server' };
    }
    const store = await openStore(config);
    try {
      return { summary: await exportGraph(store, writer, opts), dir: writer.dir, via: `directly from the ${config.store} store` };
    } finally {
      await store.close();
    }
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

async function exportThroughServer(server: { pid: number; url: string; adminToken: string }, writer: BundleDirWriter, opts: ExportOptions): Promise<ExportSummary> {
  const query = new URLSearchParams();
  if (opts.source) query.set('source', opts.source);
  if (opts.exportedAt) query.set('exportedAt', opts.exportedAt);
  let res: Response;
  try {
    res = await fetch(`${server.url}/admin/export?${query}`, { headers: { 'x-whohas-admin-token': server.adminToken } });
  } catch (e) {
    throw new WhohasError('STORE_LOCKED', `A whohas server (pid ${server.pid}) holds the store but did not answer at ${server.url}: ${errorMessage(e)}`);
  }
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    const code = body?.error?.code === 'BAD_USER_INPUT' ? 'BAD_USER_INPUT' : 'EXPORT_FAILED';
    throw new WhohasError(code, `The server refused the export (${res.status}): ${body?.error?.message ?? res.statusText}`);
  }
  return replayExportStream(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>), writer);
}

export function printExport(result: ExportResult, out: (s: string) => void): void {
  const { summary } = result;
  out(`exported the graph (version ${summary.graphVersion}) to ${result.dir} (${result.via})`);
  out(`  ${Object.entries(summary.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'no records'}`);
  out(`  source.json: source ${summary.source.source}, mode full, exportedAt ${summary.source.exportedAt}`);
  if (summary.sources.length > 1) {
    out(`  note: the records came from ${summary.sources.length} sources (${summary.sources.join(', ')}); the bundle names one. See docs/operations.md`);
  }
  if (summary.attempts > 1) out(`  note: an ingest landed during the export; it started over ${summary.attempts - 1} time(s)`);
}
