import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir';
import { KuzuStore } from '../../src/store/kuzu-store';
import type { GraphStore } from '../../src/store/port';
import { ingestBundle, type IngestOptions } from '../../ingest/bundle/run-ingest';

export interface TempStore {
  store: GraphStore;
  dir: string;
  ingest(bundleDir: string, extra?: Partial<IngestOptions>): ReturnType<typeof ingestBundle>;
  close(): Promise<void>;
}

/** A real embedded store in a fresh temp folder; nothing mocked. */
export async function tempStore(prefix = 'whohas-test-'): Promise<TempStore> {
  const dir = tempDir(prefix);
  const store = new KuzuStore(join(dir, 'db.kuzu'));
  await store.init();
  return {
    store,
    dir,
    ingest: (bundleDir, extra = {}) =>
      ingestBundle(store, bundleDir, { maxFileBytes: 50 * 1024 * 1024, runsDir: join(dir, 'runs'), maxPathsPerGrant: 8, ...extra }),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
