import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { writeDemoBundle } from '../src/demo/generate-demo';
import { startServer } from '../src/server/start-server';
import { ingestBundle } from '../ingest/bundle/run-ingest';
import { loadAccessModel } from '../src/simulate/model-reader';
import { boundHeapGrowth } from '../src/heap-growth';

/**
 * The server side of `npm run bench:load`, in its own process so the RSS sampled is the server's
 * alone: builds the demo enterprise, ingests it, then prints one JSON line (url, ids to ask about)
 * and serves until killed.
 */
async function main() {
  const humans = Number(process.argv[2] ?? 3000);
  const work = mkdtempSync(join(tmpdir(), 'whohas-load-'));
  await writeDemoBundle(join(work, 'bundle'), { humans });
  // One client drives the whole load from loopback: the per-client limit would only measure itself.
  const config = loadConfig({ WHOHAS_DB: join(work, 'db.kuzu'), WHOHAS_DEMO: 'false', PORT: '0', WHOHAS_RATE_LIMIT: '0', WHOHAS_SCHEDULER: 'false', WHOHAS_HEAP_GROWTH_PERCENT: process.env.WHOHAS_HEAP_GROWTH_PERCENT });
  boundHeapGrowth(config.heapGrowthPercent);
  const server = await startServer(config, { log: () => undefined });
  const run = await ingestBundle(server.store, join(work, 'bundle'), { maxFileBytes: 1e9, runsDir: join(work, 'runs'), maxPathsPerGrant: 8 });
  if (run.status !== 'succeeded') throw new Error(`ingest failed: ${run.error?.message}`);
  const model = await loadAccessModel(server.store);
  const removals: Array<{ memberId: string; groupId: string }> = [];
  for (let i = 0; removals.length < 200 && i < humans; i++) {
    for (const account of model.list(`ia|hr:E${10001 + ((i * 97) % humans)}`)) {
      const group = model.list(`ag|${account.to}`)[0];
      if (group) {
        removals.push({ memberId: account.to, groupId: group.to });
        break;
      }
    }
  }
  process.stdout.write(`${JSON.stringify({ url: server.url, work, humans, removals, accessGrants: run.counts.accessGrants })}\n`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
