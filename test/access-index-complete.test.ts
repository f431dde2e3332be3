import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config';
import { effectiveAccess, holdersOf } from '../src/read/access-reader';
import { openStore } from '../src/store/open-store';
import type { QueryRunner } from '../src/store/port';
import { tempStore } from './helpers/temp-store';
import { copyFixture } from './helpers/write-bundle';

const NOW = new Date().toISOString();
const ALL = { skip: 0, limit: 500 };

/** Every identity's grants with their paths, as the readers give them. */
async function everyonesAccess(db: QueryRunner): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const r of await db.run('test-support/nodes-identity', {})) {
    const id = String(r.id);
    out[id] = (await effectiveAccess(db, id, ALL, NOW)).nodes;
  }
  return out;
}

describe('the access index is whole when a store opens', () => {
  it('pairs without their paths (a store written before paths left HAS_ACCESS) are refused, then rebuilt at open', async () => {
    const t = await tempStore('whohas-index-complete-');
    const dbPath = join(t.dir, 'db.kuzu');
    try {
      assert.equal((await t.ingest(copyFixture('acme'))).status, 'succeeded');
      const before = await everyonesAccess(t.store);
      const someone = Object.entries(before).find(([, grants]) => (grants as unknown[]).length > 0)?.[0];
      assert.ok(someone, 'the fixture gives someone access');
      const [entitlement] = (await effectiveAccess(t.store, someone, ALL, NOW)).nodes.map((g) => g.entitlementId);

      // What an older store looks like: HAS_ACCESS pairs, no AccessGrant nodes (whose paths whoHas pages need).
      await t.store.write((tx) => tx.run('access/index-clear-grants', {}));
      await assert.rejects(holdersOf(t.store, entitlement, ALL, NOW), /holds \(.+\) without its paths; re-run an ingest/);
      await t.store.close();

      const reopened = await openStore(loadConfig({ WHOHAS_DB: dbPath, WHOHAS_DEMO: 'false' }));
      try {
        assert.deepEqual(await everyonesAccess(reopened), before);
        const [counts] = await reopened.run('access/index-counts', {});
        assert.ok(Number(counts.pairs) > 0 && Number(counts.pairs) === Number(counts.paths), JSON.stringify(counts));
      } finally {
        await reopened.close();
      }
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});
