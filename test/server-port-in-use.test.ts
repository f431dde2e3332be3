import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestServer } from './helpers/graphql-http';

/**
 * A second `whohas serve` on a port already taken stops with a message that names the port. Express 5
 * hands the listen error to the callback, and the server used to read the address of a server that
 * never bound ("Cannot destructure property 'port' ... as it is null", reported as INTERNAL).
 */
describe('starting on a port already in use', () => {
  it('is refused with CONFIG_INVALID naming the port, and the running server keeps serving', async () => {
    const first = await startTestServer();
    try {
      const port = new URL(first.url).port;
      await assert.rejects(startTestServer({ PORT: port }), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'CONFIG_INVALID');
        assert.match(e.message, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
        return true;
      });
      assert.equal((await fetch(`${first.url}/readyz`)).status, 200);
    } finally {
      await first.close();
    }
  });
});
