import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeDemoBundle } from '../src/demo/generate-demo';
import type { GraphStore } from '../src/store/port';
import { tempStore } from './helpers/temp-store';

async function fingerprint(store: GraphStore): Promise<string> {
  const rows = await store.run('export/access-index', {});
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

/**
 * Scheduled jobs re-ingest the same export again and again. With kuzu 0.11.3 this fails today:
 * the third identical re-ingest of the default demo dies in `upsert/delegations` with an internal
 * assertion (csr_node_group.cpp:411), and the file grows ~40-80% a run. Replacing edges (DELETE +
 * CREATE) instead of MERGE + SET avoided the assertion but made reads inside the same transaction
 * see wrong edges (the rebuilt index lost 97% of its grants), so it was not adopted. Kept as a
 * `todo` so the suite reports it until the store is fixed or swapped (LadybugDB) or ingest stops
 * rewriting unchanged edges.
 */
describe('re-ingesting the default demo enterprise', () => {
  it('succeeds every time, gives the same graph, and does not keep growing the database', { todo: 'kuzu 0.11.3 fails the third identical re-ingest (see above)' }, async () => {
    const bundle = mkdtempSync(join(tmpdir(), 'whohas-reingest-'));
    const t = await tempStore();
    try {
      await writeDemoBundle(bundle);
      const prints: string[] = [];
      const sizes: number[] = [];
      for (let run = 1; run <= 3; run++) {
        const result = await t.ingest(bundle);
        assert.equal(result.status, 'succeeded', `run ${run}: ${JSON.stringify(result.error)}`);
        prints.push(await fingerprint(t.store));
        sizes.push(statSync(join(t.dir, 'db.kuzu')).size);
      }
      assert.equal(prints[1], prints[0]);
      assert.equal(prints[2], prints[0]);
      assert.ok(sizes[2] < sizes[1] * 1.2, `the file grew from ${sizes[1]} to ${sizes[2]} bytes on an identical re-ingest`);
    } finally {
      await t.close();
      rmSync(bundle, { recursive: true, force: true });
    }
  });
});
