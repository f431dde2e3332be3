import type { Logger } from '../log';
import type { GraphStore } from '../store/port';
import type { IngestRunSummary } from '../../ingest/bundle/run-record';
import type { JobConfig } from './job-config';
import { nextDue } from './schedule';

export interface SchedulerOptions {
  store: GraphStore;
  jobs: JobConfig[];
  run: (job: JobConfig) => Promise<IngestRunSummary>;
  log: Logger;
  now?: () => Date;
  /** How often due jobs are looked for; tests shorten it. */
  tickMs?: number;
}

/**
 * Runs scheduled jobs when due. "Due" is computed from the last start recorded in the graph, so a
 * restart neither re-runs everything at once nor forgets a job; jobs run one at a time (ingest is
 * serialised per store anyway), and a failing job waits for its next slot rather than hot-looping.
 */
export class JobScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly lastStarted = new Map<string, Date | null>();
  private stopped = false;

  constructor(private readonly opts: SchedulerOptions) {}

  async start(): Promise<void> {
    const scheduled = this.opts.jobs.filter((j) => j.schedule);
    for (const job of scheduled) {
      const rows = await this.opts.store.run('runs/last-started-by-source', { source: job.source ?? job.name });
      const at = rows[0]?.startedAt;
      this.lastStarted.set(job.name, typeof at === 'string' && at ? new Date(at) : null);
    }
    if (!scheduled.length) return;
    this.opts.log('info', 'scheduler started', { jobs: scheduled.map((j) => `${j.name} (${j.schedule!.text})`) });
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? 30_000);
    this.timer.unref();
    this.tick();
  }

  /** Waits for a job in progress, so closing the server never cuts an ingest in half. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running || this.stopped) return;
    this.running = this.runDue().finally(() => {
      this.running = null;
    });
  }

  private async runDue(): Promise<void> {
    for (const job of this.opts.jobs) {
      if (!job.schedule || this.stopped) continue;
      const now = (this.opts.now ?? (() => new Date()))();
      if (nextDue(job.schedule, this.lastStarted.get(job.name) ?? null, now) > now) continue;
      this.lastStarted.set(job.name, now);
      const started = Date.now();
      try {
        const run = await this.opts.run(job);
        const level = run.status === 'succeeded' ? 'info' : 'error';
        this.opts.log(level, `job ${run.status}`, {
          job: job.name,
          run: run.id,
          ms: Date.now() - started,
          rejects: run.rejectCount,
          ...(run.error ? { error: run.error } : {}),
        });
      } catch (e) {
        this.opts.log('error', 'job failed', { job: job.name, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
}
