import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeDemoBundle } from '../src/demo/generate-demo';
import type { GraphStore } from '../src/store/port';
import { tempStore } from './helpers/temp-store';

async function fingerprint(store: GraphStore): Promise<string> {
  const rows = await store.run('export/access-index', {});
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

/**
 * Scheduled jobs re-ingest the same export again and again. With kuzu 0.11.3, rewriting the same
 * DELEGATES_TO edges on every run (even only their update tag) failed the third run with an internal
 * assertion (csr_node_group.cpp:411); delegations are now written only when new or changed and
 * removed by key (ingest/bundle/delegations-sync.ts). Merged into the live graph, the file grew on
 * each identical run (the access index and derived edges are rewritten); a full run of this size is
 * now built as a new generation (ingest/bundle/generation/), a fresh file each time. Runs that still
 * merge (incremental ones, and full runs under WHOHAS_REBUILD_MIN_RECORDS) still grow the file.
 */
describe('re-ingesting the default demo enterprise', () => {
  const bundle = mkdtempSync(join(tmpdir(), 'whohas-reingest-'));
  const sizes: number[] = [];
  after(() => rmSync(bundle, { recursive: true, force: true }));

  it('succeeds four times (the third used to fail) in a row and gives the same graph every time', async () => {
    const t = await tempStore();
    try {
      await writeDemoBundle(bundle);
      const prints: string[] = [];
      for (let run = 1; run <= 4; run++) {
        const result = await t.ingest(bundle);
        assert.equal(result.status, 'succeeded', `run ${run}: ${JSON.stringify(result.error)}`);
        assert.equal(result.counts['removed.delegations'], 0, `run ${run} removed delegations it was given`);
        prints.push(await fingerprint(t.store));
        sizes.push(statSync(join(t.dir, 'db.kuzu')).size);
      }
      for (const p of prints) assert.equal(p, prints[0]);
    } finally {
      await t.close();
    }
  });

  it('does not keep growing the database', () => {
    assert.equal(sizes.length, 4, 'the re-ingest test ran');
    assert.ok(sizes[3] < sizes[1] * 1.2, `the file grew from ${sizes[1]} to ${sizes[3]} bytes over two identical re-ingests`);
  });
});
