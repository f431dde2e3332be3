import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readGraphVersion } from '../src/graph-version';
import { KuzuStore } from '../src/store/kuzu-store';

/**
 * Shutdown closes the store once in-flight requests finish. A request whose client has already gone
 * may still be running its resolvers: its next query must fail with a clear code, not the binding's
 * "Connection is closed", and the read already running must finish.
 */
describe('closing the Kuzu store while reads are queued', () => {
  it('lets the running read finish and refuses the ones queued behind close() with STORE_UNAVAILABLE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whohas-close-'));
    try {
      const store = new KuzuStore(join(dir, 'db.kuzu'), { readers: 1 });
      await store.init();
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const running = store.read(async (tx) => {
        await gate;
        return readGraphVersion(tx);
      });
      const closing = store.close();
      await new Promise((r) => setImmediate(r));
      const late = readGraphVersion(store);
      release();
      assert.equal(typeof (await running), 'string');
      await assert.rejects(late, (e: any) => {
        assert.equal(e.code, 'STORE_UNAVAILABLE');
        assert.match(e.message, /store is closed/);
        return true;
      });
      await closing;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
