import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config';
import { writeDemoBundle } from '../demo/generate-demo';
import { ingestBundle, type IngestOptions } from '../../ingest/bundle/run-ingest';
import { openStore } from '../store/open-store';
import type { GraphStore } from '../store/port';
import { createApp } from './app';
import { newAdminToken, removeServerFile, serverFilePath, writeServerFile } from './server-file';

export interface RunningServer {
  url: string;
  store: GraphStore;
  /** Settles once the demo enterprise is loaded (at once when none is needed); rejects if that load failed. */
  ready: Promise<void>;
  close(): Promise<void>;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

export function ingestOptionsFrom(config: Config): IngestOptions {
  return { maxFileBytes: config.maxFileBytes, runsDir: config.runsDir, maxPathsPerGrant: config.maxPathsPerGrant };
}

async function loadDemoIfEmpty(store: GraphStore, config: Config, log: (m: string) => void): Promise<void> {
  if (!config.loadDemoWhenEmpty) return;
  const rows = await store.run('meta/node-count', {});
  if (Number(rows[0]?.identities ?? 0) > 0) return;
  const dir = await mkdtemp(join(tmpdir(), 'whohas-demo-'));
  try {
    log(`store is empty: loading the demo enterprise (${config.demoHumans} humans)...`);
    await writeDemoBundle(dir, { humans: config.demoHumans });
    const started = Date.now();
    const run = await ingestBundle(store, dir, ingestOptionsFrom(config));
    if (run.status !== 'succeeded') throw new Error(`demo ingest failed: ${run.error?.message}`);
    const records = Object.entries(run.counts).filter(([k]) => !k.includes('.') && k !== 'accessGrants').reduce((n, [, v]) => n + v, 0);
    log(`demo loaded: ${records} records, ${run.counts.accessGrants} access grants in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Opens the store, seeds the demo into an empty one, serves HTTP, and announces itself to the CLI. */
export async function startServer(config: Config, opts: { log?: (m: string) => void } = {}): Promise<RunningServer> {
  const log = opts.log ?? ((m: string) => console.log(`[whohas] ${m}`));
  const store = await openStore(config);
  try {
    const adminToken = newAdminToken();
    const { app, stop } = await createApp({ store, now: () => new Date(), adminToken, ingest: ingestOptionsFrom(config) });
    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    const file = serverFilePath(config.kuzuPath);
    writeServerFile(file, { pid: process.pid, url, adminToken });
    log(`serving GraphQL at ${url}/graphql and the playground at ${url}/ (store: ${store.backend})`);
    if (!isLoopback(config.host)) {
      log(`WARNING: listening on ${config.host} with no authentication: anyone who reaches this port can read the identity graph`);
    }
    // Serve first, seed after: the playground answers at once, and the demo appears with the next graph version.
    const ready = loadDemoIfEmpty(store, config, log);
    ready.catch((e: unknown) => log(`the demo enterprise could not be loaded: ${e instanceof Error ? e.message : String(e)}`));
    return {
      url,
      store,
      ready,
      async close() {
        removeServerFile(file);
        await ready.catch(() => undefined);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await stop();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
