import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminIngest, startTestServer, type TestServer } from './helpers/graphql-http';
import { SOD_RULES, sodWorld } from './helpers/sod-world';

const VIOLATIONS = `query($rule: ID, $identity: ID, $kind: SodKind, $mitigated: Boolean) {
  sodViolations(ruleId: $rule, identityId: $identity, kind: $kind, includeMitigated: $mitigated, first: 50) {
    totalCount ruleSetVersion
    edges { node {
      identityId kind mitigated
      rule { id severity }
      mitigation { reason } expiredMitigation { reason expiry }
      left { entitlementId holderId viaControl paths { hops { kind id edge direction } } }
      right { entitlementId holderId viaControl paths { hops { kind id edge direction } } }
    } }
  }
}`;

async function loadRules(t: TestServer, document: string, token: string | null = t.adminToken) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { 'x-whohas-admin-token': token }) },
    body: JSON.stringify({
      query: 'mutation($d: String!) { loadSodRules(document: $d, fileName: "sod.yaml") { warnings ruleSet { version rules { id leftEntitlementIds rightEntitlementIds } } } }',
      variables: { d: document },
    }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions: { code: string } }> };
}

const hopsOf = (path: { hops: Array<{ kind: string; id: string; edge: string | null; direction: string | null }> }) =>
  path.hops.map((h) => `${h.edge ? `${h.edge}(${h.direction})>` : ''}${h.kind.toLowerCase()}:${h.id}`);

describe('separation of duties over GraphQL, on a graph built to show each path shape', () => {
  let t: TestServer;
  let version: string;
  before(async () => {
    t = await startTestServer();
    const run = await adminIngest(t, sodWorld());
    assert.equal(run.body.status, 'succeeded', JSON.stringify(run.body.error));
    const loaded = await loadRules(t, SOD_RULES);
    assert.equal(loaded.errors, undefined, JSON.stringify(loaded.errors));
    version = loaded.data.loadSodRules.ruleSet.version;
  });
  after(() => t.close());

  it('resolves selectors against the catalog and versions the rule set', async () => {
    assert.match(version, /^2026\.11\+[0-9a-f]{10}$/);
    const { sodRules } = await t.data('{ sodRules { version rules { id leftEntitlementIds rightEntitlementIds mitigations { identityId expiry } } } }');
    assert.equal(sodRules.version, version);
    assert.deepEqual(sodRules.rules[0].leftEntitlementIds, ['erp:create_vendor']);
    assert.deepEqual(sodRules.rules[1].rightEntitlementIds, ['erp:approve_payment'], 'privileged and at least critical');
    assert.equal(sodRules.rules[0].mitigations.length, 2);
  });

  it('finds each shape: direct, nested three deep, through an owned agent, a service and an agent chain', async () => {
    const { sodViolations } = await t.data(VIOLATIONS, { rule: 'P2P-01' });
    assert.equal(sodViolations.ruleSetVersion, version);
    const found = Object.fromEntries(sodViolations.edges.map((e: any) => [e.node.identityId, e.node.kind]));
    assert.deepEqual(found, { 'hr:alice': 'DIRECT', 'hr:bob': 'DIRECT', 'hr:carol': 'REACH', 'hr:dave': 'REACH', 'hr:hank': 'DIRECT', 'hr:ivan': 'REACH' });
    assert.equal(sodViolations.totalCount, 6, 'erin (expired membership), frank (disabled account) and gina (mitigated) are not open violations');
  });

  it('gives the paths, with the control chain first for a side held through a controlled identity', async () => {
    const bob = (await t.data(VIOLATIONS, { identity: 'hr:bob' })).sodViolations.edges[0].node;
    assert.deepEqual(hopsOf(bob.right[0].paths[0]), [
      'identity:hr:bob', 'OWNS(FORWARD)>account:erp:bob', 'MEMBER_OF(FORWARD)>group:erp:g1', 'MEMBER_OF(FORWARD)>group:erp:g2',
      'MEMBER_OF(FORWARD)>group:erp:g3', 'GRANTS(FORWARD)>entitlement:erp:approve_payment',
    ]);
    const ivan = (await t.data(VIOLATIONS, { identity: 'hr:ivan' })).sodViolations.edges[0].node;
    assert.equal(ivan.left[0].viaControl, false);
    assert.equal(ivan.right[0].holderId, 'agent:a2');
    assert.equal(ivan.right[0].viaControl, true);
    assert.deepEqual(hopsOf(ivan.right[0].paths[0]), [
      'identity:hr:ivan', 'OWNS(FORWARD)>identity:agent:a1', 'DELEGATES_TO(FORWARD)>identity:agent:a2',
      'OWNS(FORWARD)>account:erp:a2', 'GRANTS(FORWARD)>entitlement:erp:approve_payment',
    ]);
    const named = (await t.data('{ sodViolations(identityId: "hr:ivan") { edges { node { right { paths { hops { name } } } } } } }')).sodViolations.edges[0].node;
    assert.deepEqual(named.right[0].paths[0].hops.map((h: { name: string }) => h.name), ['Ivan (agent chain)', 'Planner agent', 'Executor sub-agent', 'A2', 'approve_payment']);
    const carol = (await t.data(VIOLATIONS, { identity: 'hr:carol' })).sodViolations.edges[0].node;
    assert.equal(carol.right[0].holderId, 'agent:pay-bot', 'control does not depend on the delegation scope');
    assert.deepEqual(hopsOf(carol.right[0].paths[0]).slice(0, 2), ['identity:hr:carol', 'DELEGATES_TO(FORWARD)>identity:agent:pay-bot']);
    const dave = (await t.data(VIOLATIONS, { identity: 'hr:dave' })).sodViolations.edges[0].node;
    assert.deepEqual(hopsOf(dave.right[0].paths[0]).slice(0, 3), ['identity:hr:dave', 'OWNS(FORWARD)>identity:svc:payments', 'OWNS(FORWARD)>account:erp:svc']);
  });

  it('marks mitigations, hides mitigated ones unless asked, and stops counting expired ones', async () => {
    const all = (await t.data(VIOLATIONS, { rule: 'P2P-01', mitigated: true })).sodViolations;
    assert.equal(all.totalCount, 7);
    const gina = all.edges.find((e: any) => e.node.identityId === 'hr:gina').node;
    assert.equal(gina.mitigated, true);
    assert.equal(gina.mitigation.reason, 'Sole finance person in the branch');
    const hank = all.edges.find((e: any) => e.node.identityId === 'hr:hank').node;
    assert.equal(hank.mitigated, false);
    assert.equal(hank.expiredMitigation.expiry, '2020-01-01T00:00:00.000Z');
    const reach = (await t.data(VIOLATIONS, { kind: 'REACH' })).sodViolations;
    assert.deepEqual(reach.edges.map((e: any) => e.node.identityId), ['hr:carol', 'hr:dave', 'hr:ivan']);
  });

  it('sodCheck: a grant that would complete the pair, for the grantee and the agent it delegates to', async () => {
    const q = 'query($i: ID!, $add: [ID!]!) { sodCheck(identityId: $i, add: $add) { ruleSetVersion wouldViolate introduced { identityId kind rule { id } right { paths { hops { id edge direction } } } } existing { identityId } } }';
    const jane = (await t.data(q, { i: 'hr:jane', add: ['erp:approve_payment'] })).sodCheck;
    assert.equal(jane.wouldViolate, true);
    assert.deepEqual(jane.introduced.map((v: any) => `${v.rule.id}:${v.identityId}:${v.kind}`), ['P2P-01:agent:jane-helper:DIRECT', 'P2P-01:hr:jane:DIRECT']);
    const helperPath = jane.introduced[0].right[0].paths[0].hops.map((h: any) => `${h.edge ?? ''}>${h.id}`);
    assert.deepEqual(helperPath, ['>agent:jane-helper', 'DELEGATES_TO>hr:jane', 'GRANTS>erp:approve_payment']);
    const alice = (await t.data(q, { i: 'hr:alice', add: ['erp:view_ledger'] })).sodCheck;
    assert.deepEqual(alice.introduced.map((v: any) => `${v.rule.id}:${v.identityId}`), ['LEDGER-01:hr:alice']);
    assert.deepEqual(alice.existing.map((v: any) => v.identityId), ['hr:alice']);
    const harmless = (await t.data(q, { i: 'hr:jane', add: ['erp:view_ledger'] })).sodCheck;
    assert.equal(harmless.wouldViolate, false);
    const unknown = await t.post(q, { i: 'hr:jane', add: ['erp:nope'] });
    assert.equal(unknown.body.errors?.[0].extensions?.code, 'NOT_FOUND');
  });

  it('sodSummary counts per rule, severity, department and kind', async () => {
    const { sodSummary } = await t.data('{ sodSummary { ruleSetVersion open mitigated byRule { key open mitigated } bySeverity { key open } byDepartment { key open mitigated } byKind { key open mitigated } } }');
    assert.equal(sodSummary.open, 6);
    assert.equal(sodSummary.mitigated, 1);
    assert.deepEqual(sodSummary.byRule, [{ key: 'P2P-01', open: 6, mitigated: 1 }]);
    assert.deepEqual(sodSummary.byDepartment, [
      { key: 'Finance', open: 4, mitigated: 1 },
      { key: 'Engineering', open: 1, mitigated: 0 },
      { key: 'Treasury', open: 1, mitigated: 0 },
    ]);
    assert.deepEqual(sodSummary.byKind, [
      { key: 'DIRECT', open: 3, mitigated: 1 },
      { key: 'REACH', open: 3, mitigated: 0 },
    ]);
  });

  it('refuses rules without the admin token, and a bad document whole, naming the line', async () => {
    const wrong = await loadRules(t, SOD_RULES, 'x'.repeat(48));
    assert.equal(wrong.errors?.[0].extensions.code, 'UNAUTHENTICATED', 'a wrong admin token is refused, not downgraded to a local caller');
    const denied = await loadRules(t, SOD_RULES, null);
    assert.equal(denied.errors?.[0].extensions.code, 'UNAUTHENTICATED', 'a local caller has no admin role: it needs a credential');
    const bad = await loadRules(t, SOD_RULES.replace('severity: low', 'severity: lowish'));
    assert.equal(bad.errors?.[0].extensions.code, 'BAD_USER_INPUT');
    assert.match(bad.errors![0].message, /^sod\.yaml:\d+: rule 2 \(rule 'LEDGER-01'\): severity: .*; no rule was loaded$/);
    const { sodRules } = await t.data('{ sodRules { version } }');
    assert.equal(sodRules.version, version, 'the rule set in force is untouched');
  });
});
