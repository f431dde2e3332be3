import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOG_FILE } from '../../src/audit/decision-log';
import { adminIngest, startTestServer, type TestServer } from '../helpers/graphql-http';
import { loadSodRules } from '../../src/sod/sod-service';
import { SOD_RULES, sodWorld } from '../helpers/sod-world';

const SIMULATE = `mutation($changes: [ChangeInput!]!, $as: ID) { simulate(changes: $changes, actingAs: $as) { id affectedIdentityCount } }`;
const DECIDE = `mutation($id: ID!, $d: DecisionTaken!, $note: String, $as: ID) { recordDecision(simulationId: $id, decision: $d, note: $note, actingAs: $as) { seq decision note hash requester { client authenticated actingAsId actingAs { displayName } } } }`;
const LIST = `query($requester: String, $identityId: ID, $decision: DecisionState, $since: String) {
  decisions(requester: $requester, identityId: $identityId, decision: $decision, since: $since) {
    totalCount
    edges { node { seq simulationId requester { client actingAsId } changes { op memberId groupId accountId } outcomes { status }
      affectedIdentityCount lostCount sodResolved touchedIdentityIds resultDigest latestDecision decisions { decision note } } }
  }
}`;
const INTEGRITY = `{ decisionLogIntegrity { intact records headSeq headHash brokenAt { seq line reason } } }`;

describe('the decision log over GraphQL: who asked what, what they did, and whether the record holds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whohas-flight-'));
  const env = { WHOHAS_DB: join(dir, 'db.kuzu'), WHOHAS_AUDIT_DIR: join(dir, 'audit') };
  let t: TestServer;
  before(async () => {
    t = await startTestServer(env);
    assert.equal((await adminIngest(t, sodWorld())).status, 200);
    await loadSodRules(t.server.store, SOD_RULES, 'sod.yaml', new Date());
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A client that names itself (until issue 10's keys, an unauthenticated, self-declared name). */
  async function as(client: string, query: string, variables: Record<string, unknown>) {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-whohas-client': client },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown };
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data;
  }

  let bobSim: string;
  it('records every simulation with its requester, and the decision taken after it', async () => {
    bobSim = (await as('payments-agent', SIMULATE, { changes: [{ op: 'REMOVE_MEMBERSHIP', memberId: 'erp:g2', groupId: 'erp:g3' }], as: 'agent:pay-bot' })).simulate.id;
    await as('iam-console', SIMULATE, { changes: [{ op: 'DISABLE_ACCOUNT', accountId: 'erp:alice' }] });
    const decided = (await as('payments-agent', DECIDE, { id: bobSim, d: 'APPLIED', note: 'ticket CHG-1042', as: 'agent:pay-bot' })).recordDecision;
    assert.equal(decided.decision, 'APPLIED');
    assert.deepEqual(decided.requester, { client: 'payments-agent', authenticated: false, actingAsId: 'agent:pay-bot', actingAs: { displayName: 'Pay Bot' } });

    const all = (await t.data(LIST, {})).decisions;
    assert.equal(all.totalCount, 2);
    const [alice, bob] = all.edges.map((e: any) => e.node);
    assert.equal(alice.requester.client, 'iam-console', 'newest first');
    assert.equal(bob.simulationId, bobSim);
    assert.deepEqual(bob.changes, [{ op: 'REMOVE_MEMBERSHIP', memberId: 'erp:g2', groupId: 'erp:g3', accountId: null }]);
    assert.deepEqual(bob.outcomes, [{ status: 'APPLIED' }]);
    assert.equal(bob.affectedIdentityCount, 1);
    assert.equal(bob.lostCount, 1);
    assert.deepEqual(bob.sodResolved, ['P2P-01|hr:bob']);
    assert.deepEqual(bob.touchedIdentityIds, ['hr:bob']);
    assert.match(bob.resultDigest, /^[0-9a-f]{64}$/);
    assert.equal(bob.latestDecision, 'APPLIED');
    assert.deepEqual(bob.decisions, [{ decision: 'APPLIED', note: 'ticket CHG-1042' }]);
  });

  it('filters by requester (client or acting identity), identity touched, decision and time', async () => {
    const ids = async (v: Record<string, unknown>) => (await t.data(LIST, v)).decisions.edges.map((e: any) => e.node.simulationId);
    assert.deepEqual(await ids({ requester: 'agent:pay-bot' }), [bobSim]);
    assert.deepEqual(await ids({ requester: 'payments-agent' }), [bobSim]);
    assert.deepEqual(await ids({ identityId: 'hr:bob' }), [bobSim]);
    assert.equal((await ids({ identityId: 'hr:alice' })).length, 1);
    assert.equal((await ids({ decision: 'NONE' })).length, 1);
    assert.deepEqual(await ids({ since: '2999-01-01T00:00:00Z' }), []);
  });

  it('refuses decisions on simulations it never recorded, and acting as identities that do not exist', async () => {
    const unknown = await t.post(DECIDE, { id: 'sim-nope', d: 'APPLIED' });
    assert.equal(unknown.body.errors?.[0].extensions?.code, 'NOT_FOUND');
    const ghost = await t.post(SIMULATE, { changes: [{ op: 'DISABLE_ACCOUNT', accountId: 'erp:bob' }], as: 'agent:ghost' });
    assert.equal(ghost.body.errors?.[0].extensions?.code, 'NOT_FOUND');
    assert.equal((await t.data(LIST, {})).decisions.totalCount, 2, 'a refused simulation is not recorded');
  });

  it('keeps the log across a restart, and names a record edited on disk', async () => {
    const before = (await t.data(INTEGRITY)).decisionLogIntegrity;
    assert.deepEqual({ ...before, headHash: undefined }, { intact: true, records: 3, headSeq: 3, headHash: undefined, brokenAt: null });
    await t.server.close();
    t = await startTestServer(env);
    assert.equal((await t.data(LIST, {})).decisions.totalCount, 2);
    await as('payments-agent', SIMULATE, { changes: [{ op: 'DISABLE_ACCOUNT', accountId: 'erp:jane' }] });
    const after = (await t.data(INTEGRITY)).decisionLogIntegrity;
    assert.equal(after.intact, true);
    assert.equal(after.records, 4);

    const file = join(env.WHOHAS_AUDIT_DIR, LOG_FILE);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const first = JSON.parse(lines[0]);
    first.requester.client = 'someone-else';
    lines[0] = JSON.stringify(first);
    writeFileSync(file, lines.join('\n') + '\n');
    const broken = (await t.data(INTEGRITY)).decisionLogIntegrity;
    assert.equal(broken.intact, false);
    assert.deepEqual(broken.brokenAt, { seq: 1, line: 1, reason: 'record 1 was altered after it was written: its content no longer matches its hash' });
  });
});
