import { z } from 'zod';
import { WhohasError } from '../errors';
import type { Logger } from '../log';
import type { GraphStore } from '../store/port';
import type { IngestOptions } from '../../ingest/bundle/run-ingest';
import type { IngestRunSummary } from '../../ingest/bundle/run-record';
import { detectFormat, formatByName } from '../../ingest/registry';
import type { JobConfig, WhohasFileConfig } from './job-config';

/** One ingest as asked for by the CLI, the admin endpoint or the scheduler. */
export const IngestRequest = z
  .strictObject({
    path: z.string().min(1).optional(),
    format: z.string().min(1).optional(),
    job: z.string().min(1).optional(),
    strict: z.boolean().optional(),
    /** Connector options for an ad-hoc run (a job brings its own). */
    options: z.record(z.string(), z.unknown()).optional(),
    source: z.string().regex(/^[A-Za-z0-9_.:-]+$/).optional(),
    mode: z.enum(['full', 'incremental']).optional(),
  })
  .refine((r) => Boolean(r.path) !== Boolean(r.job), 'give either a path or a job, not both');
export type IngestRequest = z.infer<typeof IngestRequest>;

export interface IngestContext {
  ingest: IngestOptions;
  jobs: WhohasFileConfig | null;
  log?: Logger;
}

export async function runIngestRequest(store: GraphStore, req: IngestRequest, ctx: IngestContext): Promise<IngestRunSummary> {
  const correlation = ctx.jobs?.correlation;
  if (req.job) return runJob(store, findJob(ctx.jobs, req.job), ctx, req.strict);
  const path = req.path as string;
  const format = req.format ? formatByName(req.format) : await detectFormat(path);
  ctx.log?.('info', 'ingest started', { format: format.format, path });
  return format.ingest(
    store,
    path,
    { options: req.options, source: req.source, mode: req.mode, log: jobLog(ctx.log, format.format) },
    { ...ctx.ingest, strict: req.strict, correlation, risk: ctx.jobs?.risk ?? undefined },
  );
}

export function runJob(store: GraphStore, job: JobConfig, ctx: IngestContext, strict?: boolean): Promise<IngestRunSummary> {
  ctx.log?.('info', 'job started', { job: job.name, connector: job.connector });
  return formatByName(job.connector).ingest(
    store,
    job.location,
    { source: job.source ?? job.name, mode: job.mode, options: job.options, log: jobLog(ctx.log, job.name) },
    { ...ctx.ingest, strict: strict || job.strict, correlation: ctx.jobs?.correlation, risk: ctx.jobs?.risk ?? undefined },
  );
}

function findJob(jobs: WhohasFileConfig | null, name: string): JobConfig {
  if (!jobs) throw new WhohasError('JOB_UNKNOWN', `No job '${name}': no config file (set WHOHAS_CONFIG or create whohas.config.yaml)`);
  const job = jobs.jobs.find((j) => j.name === name);
  if (!job) {
    const names = jobs.jobs.map((j) => j.name).join(', ') || 'none';
    throw new WhohasError('JOB_UNKNOWN', `No job '${name}' in ${jobs.path} (jobs: ${names})`);
  }
  return job;
}

function jobLog(log: Logger | undefined, job: string) {
  return log ? (message: string, fields: Record<string, unknown> = {}) => log('info', message, { job, ...fields }) : undefined;
}
