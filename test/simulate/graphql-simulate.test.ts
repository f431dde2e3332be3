import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Simulator } from '../../src/simulate/simulator';
import { loadSodRules } from '../../src/sod/sod-service';
import { adminIngest, INTERNALS, startTestServer, type TestServer } from '../helpers/graphql-http';
import { SOD_RULES, sodWorld } from '../helpers/sod-world';

const SIMULATE = `mutation($changes: [ChangeInput!]!, $base: String, $as: ID) {
  simulate(changes: $changes, baseGraphVersion: $base, actingAs: $as) {
    id graphVersion affectedIdentityCount lostCount gainedCount complete summary sodRuleSetVersion
    changes { index op status message subjectIds }
    deltas(first: 50) { totalCount edges { node { identityId identity { displayName } lost { entitlement { id } paths { hops { id edge } } } gained { entitlement { id } viaDelegation } } } }
    sodIntroduced { rule { id } identityId kind }
    sodResolved { rule { id } identityId kind }
  }
}`;

describe('simulate over GraphQL (the ERP world: nested groups, agents, delegations, SoD rules)', () => {
  let t: TestServer;
  const bundle = sodWorld();
  before(async () => {
    t = await startTestServer();
    assert.equal((await adminIngest(t, bundle)).status, 200);
    await loadSodRules(t.server.store, SOD_RULES, 'sod.yaml', new Date());
  });
  after(() => t.close());

  const simulate = async (changes: unknown[], extra: Record<string, unknown> = {}) => (await t.data(SIMULATE, { changes, ...extra })).simulate;

  it('removing one nested group edge takes the access away below it, with the path it had, and resolves the SoD violation', async () => {
    const sim = await simulate([{ op: 'REMOVE_MEMBERSHIP', memberId: 'erp:g2', groupId: 'erp:g3' }]);
    assert.equal(sim.complete, true);
    assert.equal(sim.changes[0].status, 'APPLIED');
    assert.deepEqual(sim.deltas.edges.map((e: any) => e.node.identityId), ['hr:bob']);
    const bob = sim.deltas.edges[0].node;
    assert.deepEqual(bob.lost.map((g: any) => g.entitlement.id), ['erp:approve_payment']);
    assert.deepEqual(bob.lost[0].paths[0].hops.map((h: any) => h.id), ['hr:bob', 'erp:bob', 'erp:g1', 'erp:g2', 'erp:g3', 'erp:approve_payment']);
    assert.deepEqual(sim.sodResolved.map((v: any) => `${v.rule.id}|${v.identityId}`), ['P2P-01|hr:bob']);
    assert.deepEqual(sim.sodIntroduced, []);
    assert.match(sim.summary, /^Removes group 'Level 2' \(ERP\) from group 'Payment approvers' \(ERP\)\. This would change the effective access of 1 identity \(1 human, 0 agents, 0 services\): 1 grant lost and 0 gained\./);
    assert.match(sim.summary, /resolve 1 violation \(P2P-01 for Bob \(nested three deep\)\)/);
  });

  it('a grant flows down a delegation chain: the agent gains it too, and both violations are introduced', async () => {
    const sim = await simulate([{ op: 'ADD_GRANT', holderId: 'erp:jane', entitlementId: 'erp:approve_payment' }]);
    const gained = Object.fromEntries(sim.deltas.edges.map((e: any) => [e.node.identityId, e.node.gained.map((g: any) => [g.entitlement.id, g.viaDelegation])]));
    assert.deepEqual(gained, { 'agent:jane-helper': [['erp:approve_payment', true]], 'hr:jane': [['erp:approve_payment', false]] });
    assert.deepEqual(sim.sodIntroduced.map((v: any) => `${v.rule.id}|${v.identityId}|${v.kind}`).sort(), ['P2P-01|agent:jane-helper|DIRECT', 'P2P-01|hr:jane|DIRECT']);
    assert.match(sim.summary, /introduce 2 violations/);
  });

  it('revoking a delegation ends the reach it gave (the SoD REACH violation goes with it)', async () => {
    const sim = await simulate([{ op: 'REVOKE_DELEGATION', fromId: 'agent:a1', toId: 'agent:a2' }]);
    assert.equal(sim.changes[0].status, 'APPLIED');
    assert.deepEqual(sim.changes[0].subjectIds, ['agent:a1', 'agent:a2'], 'the delegation edge, as the console draws it');
    assert.deepEqual(sim.deltas.totalCount, 0, 'a2 holds approve_payment through its own account, not the delegation');
    assert.deepEqual(sim.sodResolved.map((v: any) => `${v.rule.id}|${v.identityId}|${v.kind}`), ['P2P-01|hr:ivan|REACH']);
  });

  it('terminating a person disables their accounts and ends their delegations', async () => {
    const sim = await simulate([{ op: 'TERMINATE_IDENTITY', identityId: 'hr:jane' }]);
    assert.deepEqual(sim.changes[0].subjectIds, ['hr:jane']);
    assert.match(sim.changes[0].message, /disables 1 account, ends 1 delegation from and 0 delegations to them/);
    const lost = Object.fromEntries(sim.deltas.edges.map((e: any) => [e.node.identityId, e.node.lost.map((g: any) => g.entitlement.id)]));
    assert.deepEqual(lost, { 'agent:jane-helper': ['erp:create_vendor'], 'hr:jane': ['erp:create_vendor'] });
  });

  it('reports unknown ids and no-op changes per change, and still answers for the rest', async () => {
    const sim = await simulate([
      { op: 'DISABLE_ACCOUNT', accountId: 'erp:frank' },
      { op: 'ADD_MEMBERSHIP', memberId: 'erp:alice', groupId: 'erp:nope' },
      { op: 'ADD_MEMBERSHIP', memberId: 'erp:alice', groupId: 'erp:g-ap-sup' },
      { op: 'REVOKE_DELEGATION', fromId: 'hr:carol', toId: 'agent:pay-bot', scope: ['erp:create_vendor'] },
      { op: 'DISABLE_ACCOUNT', accountId: 'erp:alice' },
    ]);
    assert.deepEqual(sim.changes.map((c: any) => c.status), ['NO_OP', 'UNKNOWN_ID', 'NO_OP', 'NO_OP', 'APPLIED']);
    assert.match(sim.changes[1].message, /No group 'erp:nope'/);
    assert.equal(sim.complete, false);
    assert.deepEqual(sim.deltas.edges.map((e: any) => e.node.identityId), ['hr:alice']);
    assert.match(sim.summary, /4 changes did nothing: change 1 \(NO_OP: account FRANK on ERP is already disabled\)/);
  });

  it('rejects a malformed change naming its index and field, before simulating anything', async () => {
    const res = await t.post(SIMULATE, { changes: [{ op: 'DISABLE_ACCOUNT', accountId: 'erp:bob' }, { op: 'ADD_MEMBERSHIP', memberId: 'erp:bob' }] });
    assert.equal(res.body.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
    assert.equal(res.body.errors?.[0].message, 'changes[1].groupId: Invalid input: expected string, received undefined');
    const extra = await t.post(SIMULATE, { changes: [{ op: 'DISABLE_ACCOUNT', accountId: 'erp:bob', groupId: 'erp:g1' }] });
    assert.equal(extra.body.errors?.[0].message, 'changes[0].groupId: does not apply to DISABLE_ACCOUNT');
  });

  it('refuses to answer about a graph the caller has not seen (STALE_GRAPH), and answers once it re-reads', async () => {
    const version = (await t.data('{ graphVersion }')).graphVersion;
    const change = [{ op: 'DISABLE_ACCOUNT', accountId: 'erp:bob' }];
    assert.equal((await simulate(change, { base: version })).graphVersion, version);
    assert.equal((await adminIngest(t, bundle)).status, 200);
    const stale = await t.post(SIMULATE, { changes: change, base: version });
    assert.equal(stale.body.errors?.[0].extensions?.code, 'STALE_GRAPH');
    const now = (await t.data('{ graphVersion }')).graphVersion;
    assert.notEqual(now, version);
    assert.equal(stale.body.errors?.[0].extensions?.graphVersion, now);
    assert.match(stale.body.errors![0].message, new RegExp(`moved on since version ${version}`));
    assert.equal((await simulate(change, { base: now })).graphVersion, now);
    for (const body of t.errorBodies) assert.doesNotMatch(body, INTERNALS);
  });

  it('pages deltas and recalls a recent simulation by id', async () => {
    const sim = await simulate([{ op: 'REMOVE_GRANT', holderId: 'erp:g-ap-sup', entitlementId: 'erp:create_vendor' }]);
    const ids = ['hr:alice', 'hr:gina', 'hr:hank'];
    assert.deepEqual(sim.deltas.edges.map((e: any) => e.node.identityId), ids);
    const q = `query($id: ID!, $after: String) { simulation(id: $id) { id deltas(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { identityId } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await t.data(q, { id: sim.id, after })).simulation.deltas;
      seen.push(...page.edges.map((e: any) => e.node.identityId));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    assert.deepEqual(seen, ids);
    assert.equal((await t.data(q, { id: 'sim-unknown' })).simulation, null);
  });

  it('keeps recent simulations for paging within a budget of deltas, always the newest', async () => {
    const sim = new Simulator(t.server.store, { maxPathsPerGrant: 8, keepDeltas: 4 });
    const ungrant = (entitlementId: string) => sim.simulate([{ op: 'REMOVE_GRANT', holderId: 'erp:g-ap-sup', entitlementId }], null, new Date());
    const first = await ungrant('erp:create_vendor');
    assert.equal(first.deltas.length, 3);
    assert.equal(sim.recall(first.id), first);
    const second = await ungrant('erp:create_vendor');
    assert.equal(sim.recall(first.id), null, '3 + 3 deltas are over the budget of 4: the older goes');
    assert.equal(sim.recall(second.id), second);
    const none = await sim.simulate([{ op: 'REMOVE_GRANT', holderId: 'erp:g-ap-sup', entitlementId: 'nope' }], null, new Date());
    assert.equal(none.deltas.length, 0);
    assert.deepEqual([sim.recall(second.id), sim.recall(none.id)], [second, none], '3 + 0 fit');
  });
});

