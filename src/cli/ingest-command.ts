import { resolve } from 'node:path';
import type { Config } from '../config';
import { WhohasError, errorMessage } from '../errors';
import { loadJobConfig, resolvePaths } from '../jobs/job-config';
import { runIngestRequest, type IngestRequest } from '../jobs/ingest-request';
import { progressBar } from './progress';
import { detectFormat, formatByName } from '../../ingest/registry';
import type { IngestRunSummary } from '../../ingest/bundle/run-record';
import { formatReject } from '../../ingest/bundle/reject';
import { openStore } from '../store/open-store';
import { ingestOptionsFrom } from '../server/start-server';
import { readServerFile, serverFilePath } from '../server/server-file';

/** Runs an ingest: through the running server when one holds the store, else directly. */
export async function ingestCommand(config: Config, request: IngestRequest): Promise<IngestRunSummary> {
  // A URL (live SCIM pull, A2A card) is a location as given; a file path is made absolute for the server.
  const path = request.path && !/^https?:\/\//i.test(request.path) ? resolve(request.path) : request.path;
  const req: IngestRequest = { ...request, path, options: await absoluteOptionPaths(request, path) };
  const server = readServerFile(serverFilePath(config.kuzuPath));
  if (server) {
    let res: Response;
    try {
      res = await fetch(`${server.url}/admin/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-whohas-admin-token': server.adminToken },
        body: JSON.stringify(req),
      });
    } catch (e) {
      throw new WhohasError('STORE_LOCKED', `A whohas server (pid ${server.pid}) holds the store but did not answer at ${server.url}: ${errorMessage(e)}`);
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
      if (body?.error?.code === 'JOB_UNKNOWN' || body?.error?.code === 'FORMAT_UNKNOWN') throw new WhohasError(body.error.code, body.error.message);
      throw new WhohasError('INGEST_FAILED', `The server refused the run (${res.status}): ${body?.error?.message ?? res.statusText}`);
    }
    return (await res.json()) as IngestRunSummary;
  }
  const jobs = config.jobConfigPath ? loadJobConfig(config.jobConfigPath) : null;
  const store = await openStore(config);
  const bar = progressBar();
  try {
    // Inline: the store closes as soon as this returns, and a snapshot left running would find it closed.
    const ingest = { ...ingestOptionsFrom(config), riskSnapshot: 'inline' as const, onProgress: bar.update };
    return await runIngestRequest(store, req, { ingest, jobs });
  } finally {
    bar.finish();
    await store.close();
  }
}

/** Path options are relative to where the user typed them; the server may run elsewhere. */
async function absoluteOptionPaths(request: IngestRequest, path: string | undefined): Promise<IngestRequest['options']> {
  if (!request.options || !path) return request.options;
  const format = request.format ? formatByName(request.format) : await detectFormat(path);
  const options = { ...request.options };
  for (const key of format.pathOptions) if (options[key] !== undefined) options[key] = resolvePaths(options[key], process.cwd());
  return options;
}

export function printRun(run: IngestRunSummary, via: string, out: (s: string) => void): void {
  out(`run ${run.id}: ${run.status.toUpperCase()} (${via})`);
  out(`  source ${run.source}, mode ${run.mode}, ${run.startedAt} -> ${run.finishedAt ?? '-'}`);
  const loaded = Object.entries(run.counts).filter(([k]) => !k.includes('.') && k !== 'accessGrants');
  if (loaded.length) out(`  loaded: ${loaded.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const removed = Object.entries(run.counts).filter(([k, v]) => k.startsWith('removed.') && v > 0);
  if (removed.length) out(`  removed (no longer supplied): ${removed.map(([k, v]) => `${k.slice(8)} ${v}`).join(', ')}`);
  const kept = Object.entries(run.counts).filter(([k]) => k.startsWith('kept.'));
  if (kept.length) out(`  kept despite rejects (full run): ${kept.map(([k, v]) => `${k.slice(5)} ${v}`).join(', ')}`);
  if (run.counts.accessGrants !== undefined) out(`  effective-access grants indexed: ${run.counts.accessGrants}`);
  if (run.unknownFiles.length) out(`  unknown files (not loaded): ${run.unknownFiles.join(', ')}`);
  for (const note of run.notes) out(`  note: ${note}`);
  if (run.rejectCount) {
    out(`  rejected records: ${run.rejectCount}; report: ${run.rejectReport}`);
    for (const r of run.rejectSample.slice(0, 5)) out(`    ${formatReject(r)}`);
  }
  if (run.graphVersion) out(`  graph version: ${run.graphVersion}`);
}
