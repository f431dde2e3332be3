import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestBundle } from '../ingest/bundle/run-ingest';
import { startTestServer, type TestServer } from './helpers/graphql-http';
import { copyFixture, writeBundle } from './helpers/write-bundle';

const EXPLAIN = `query($i: ID!, $e: ID!) {
  explainAccess(identityId: $i, entitlementId: $e) {
    granted summary
    nearMisses { path { hops { kind id edge } } blockers { kind hopIndex expiredAt scope reason } }
  }
}`;

/** "Why not?" on the acme fixture: each blocked path comes back with what blocks it, in words. */
describe('explainAccess when access is missing: near misses', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
    for (const dir of [
      copyFixture('acme'),
      writeBundle({
        'source.json': { source: 'acme-agents', mode: 'incremental', exportedAt: '2026-11-02T00:00:00Z' },
        identities: [{ id: 'agent:ledger-reader', kind: 'agent', displayName: 'Ledger Reader', ownerId: 'hr:alice', status: 'active' }],
        delegations: [
          { fromId: 'hr:alice', toId: 'agent:ledger-reader', scope: ['sap:view_ledger'] },
          { fromId: 'hr:bob', toId: 'agent:ledger-reader', scope: ['*'], expiresAt: '2026-02-01T00:00:00Z' },
        ],
      }),
    ]) {
      const run = await ingestBundle(t.server.store, dir, { maxFileBytes: 1e8, runsDir: `${dir}.runs`, maxPathsPerGrant: 8 });
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    }
  });
  after(async () => t.close());

  const explain = async (i: string, e: string) => (await t.data(EXPLAIN, { i, e })).explainAccess;

  it('names the disabled account on the only path', async () => {
    const x = await explain('hr:dave', 'sap:view_ledger');
    assert.equal(x.granted, false);
    assert.deepEqual(x.nearMisses[0].blockers.map((b: { kind: string }) => b.kind), ['DISABLED_ACCOUNT']);
    assert.equal(x.nearMisses[0].path.hops[x.nearMisses[0].blockers[0].hopIndex].id, 'sap:dave');
    assert.match(x.summary, /account DAVE is disabled/);
  });

  it('names the expired membership and when it expired', async () => {
    const x = await explain('hr:dave', 'okta:admin');
    const [b] = x.nearMisses[0].blockers;
    assert.equal(b.kind, 'EXPIRED');
    assert.equal(b.expiredAt, '2026-01-01T00:00:00.000Z');
    assert.match(x.summary, /membership of dave in Engineering expired on 2026-01-01/);
  });

  it('names a delegation whose scope leaves the entitlement out, with the scope it does cover', async () => {
    const x = await explain('agent:payments-sub', 'sap:view_ledger');
    assert.equal(x.granted, false);
    const blocker = x.nearMisses[0].blockers.find((b: { kind: string }) => b.kind === 'OUT_OF_SCOPE');
    assert.ok(blocker, JSON.stringify(x.nearMisses));
    assert.deepEqual(blocker.scope, ['sap:approve_payment', 'tools:send_email']);
    assert.match(x.summary, /Payments Bot delegates to Payments Sub-agent, but not View ledger/);
  });

  it('names an expired delegation, and still grants what a live one covers', async () => {
    assert.equal((await explain('agent:ledger-reader', 'sap:view_ledger')).granted, true, 'alice delegates view_ledger');
    const x = await explain('agent:ledger-reader', 'sap:approve_payment');
    assert.equal(x.granted, false);
    const [miss] = x.nearMisses;
    assert.deepEqual(miss.blockers.map((b: { kind: string }) => b.kind), ['EXPIRED']);
    assert.equal(miss.path.hops[miss.blockers[0].hopIndex].edge, 'DELEGATES_TO');
    assert.match(x.summary, /delegation from Bob Ruiz to Ledger Reader expired on 2026-02-01/);
  });

  it('says plainly when there is no path at all, blocked or not', async () => {
    const x = await explain('hr:alice', 'sap:approve_payment');
    assert.equal(x.granted, false);
    assert.deepEqual(x.nearMisses, []);
    assert.match(x.summary, /no path/);
  });
});
