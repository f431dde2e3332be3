import 'reflect-metadata';
import { KuzuStore } from '../../src/store/kuzu-store';
import { ingestBundle } from '../../ingest/bundle/run-ingest';

/**
 * `node ingest-child.js <db> <bundle> <runsDir> [rebuildMinRecords]`: one ingest in its own process, so a test can
 * SIGKILL it at any moment (test/security/crash-safe-ingest.test.ts). Prints `committed` after the run.
 */
async function main() {
  const [db, bundle, runsDir, rebuild] = process.argv.slice(2);
  const store = new KuzuStore(db);
  await store.init();
  process.stdout.write('opened\n');
  const run = await ingestBundle(store, bundle, { maxFileBytes: 1e9, runsDir, maxPathsPerGrant: 8, now: () => new Date('2026-11-01T00:00:00Z'),
    rebuildMinRecords: rebuild === undefined ? undefined : Number(rebuild) });
  process.stdout.write(`${run.status === 'succeeded' ? 'committed' : `failed ${run.error?.code}`}\n`);
  await store.close();
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
