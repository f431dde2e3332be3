import express, { type Router } from 'express';
import { errorMessage } from '../errors';
import { readGraphVersion } from '../graph-version';
import type { GraphStore } from '../store/port';

export type ReadinessState = 'starting' | 'ready' | 'failed' | 'draining';

/**
 * Whether this process should get traffic: its start-up work (demo seed, rules, scheduler) has
 * finished, and it is not shutting down. /healthz says only "the process is up"; an orchestrator
 * restarts on that and routes on this.
 */
export class Readiness {
  private state: ReadinessState = 'starting';
  private reason: string | null = null;

  /** Ready once `startup` resolves; failed (and never ready) if it rejects. */
  track(startup: Promise<unknown>): void {
    startup.then(
      () => {
        if (this.state === 'starting') this.state = 'ready';
      },
      (e: unknown) => {
        if (this.state === 'starting') {
          this.state = 'failed';
          this.reason = `start-up work failed: ${errorMessage(e)}`;
        }
      },
    );
  }

  drain(): void {
    this.state = 'draining';
    this.reason = 'shutting down';
  }

  get current(): { state: ReadinessState; reason: string | null } {
    return { state: this.state, reason: this.reason };
  }
}

/** A store that does not answer within this is as good as down for a readiness probe. */
const STORE_PROBE_MS = 2000;

export function healthRouter(store: GraphStore, readiness?: Readiness): Router {
  const router = express.Router();
  router.get('/readyz', async (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    const { state, reason } = readiness?.current ?? { state: 'ready' as const, reason: null };
    if (state !== 'ready') {
      res.status(503).json({ status: state, reason, store: store.backend });
      return;
    }
    const fault = store.unavailableReason?.() ?? null;
    if (fault) {
      res.status(503).json({ status: 'store-unavailable', reason: fault, store: store.backend });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const graphVersion = await Promise.race([
        store.read(readGraphVersion),
        new Promise<never>((_, fail) => {
          timer = setTimeout(() => fail(new Error(`no answer within ${STORE_PROBE_MS} ms`)), STORE_PROBE_MS);
        }),
      ]);
      res.json({ status: 'ready', store: store.backend, graphVersion });
    } catch (e) {
      res.status(503).json({ status: 'store-unavailable', reason: `the ${store.backend} store did not answer: ${errorMessage(e)}`, store: store.backend });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
