import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { whohasSchema } from '../graphql/schema';
import { projectRoot } from '../src/paths';
import { loadExampleOperations } from '../src/server/playground';
import { startTestServer, type TestServer } from './helpers/graphql-http';

/**
 * The example operations the playground opens with (graphql/operations/*.graphql) must parse,
 * validate against the real schema, and answer something worth looking at on the demo enterprise.
 */
type Data = Record<string, any>;
type Hop = { kind: string; id: string; edge: string | null };
const edgeCount = (hops: Hop[], edge: string) => hops.filter((h) => h.edge === edge).length;

/** What makes each example interesting; a change to the demo that makes it dull should fail here. */
const INTERESTING: Record<string, (data: Data) => void> = {
  'who-has': ({ whoHas }) => {
    assert.ok(whoHas.totalCount >= 3, `only ${whoHas.totalCount} holders`);
    const kinds = new Set(whoHas.edges.map((e: Data) => e.node.identity.kind));
    assert.ok(kinds.has('HUMAN') && kinds.size >= 2, `holder kinds: ${[...kinds]}`);
  },
  'agent-delegation-chain': ({ identity }) => {
    assert.equal(identity.kind, 'AGENT');
    assert.ok(identity.delegatedFrom.length >= 2, 'the agent should act for several identities');
    const delegated = identity.effectiveAccess.edges.filter((e: Data) => e.node.viaDelegation);
    assert.ok(delegated.length >= 1, 'something reachable only by delegation');
    const longest = Math.max(...delegated.flatMap((e: Data) => e.node.paths.map((p: { hops: Hop[] }) => edgeCount(p.hops, 'DELEGATES_TO'))));
    assert.ok(longest >= 2, 'a chain of delegations (person -> orchestrator -> agent)');
  },
  'identity-access': ({ identity }) => {
    assert.ok(identity.manager, 'has a manager');
    assert.ok(identity.accounts.length >= 2, 'accounts on several systems');
    assert.equal(identity.effectiveAccess.pageInfo.hasNextPage, true, 'more than one page of access');
  },
  'explain-access': ({ explainAccess }) => {
    assert.equal(explainAccess.granted, true);
    assert.ok(edgeCount(explainAccess.paths[0].hops, 'MEMBER_OF') >= 2, 'a nested-group path');
    assert.match(explainAccess.summary, /which is a member of .*, which is a member of /);
  },
  'sod-violations': ({ sodViolations, sodSummary }) => {
    assert.ok(sodViolations.totalCount >= 3, `only ${sodViolations.totalCount} REACH violations`);
    assert.ok(sodViolations.ruleSetVersion, 'the demo loads its rules');
    const chains = sodViolations.edges.flatMap((e: Data) => e.node.right.filter((h: Data) => h.viaControl));
    assert.ok(chains.length >= 1, 'a side held through a controlled identity');
    const first = chains[0].paths[0].hops as Hop[];
    assert.ok(['OWNS', 'DELEGATES_TO'].includes(String(first[1].edge)) && first[1].kind === 'IDENTITY', 'the path starts with the control chain');
    assert.ok(sodSummary.open > sodViolations.totalCount, 'DIRECT violations too');
  },
  'search-identities': ({ identities }) => {
    assert.ok(identities.totalCount >= 2, `only ${identities.totalCount} matches`);
    for (const { node } of identities.edges) assert.equal(node.kind, 'AGENT');
  },
  'ask-copilot': ({ ask }) => {
    assert.equal(ask.intent, 'explain', ask.text);
    assert.equal(ask.mode, 'rules');
    assert.match(ask.text, /member of .*grants release_payment_run/, 'the answer walks the path');
    const path = ask.citations.find((c: Data) => c.kind === 'ACCESS_PATH');
    assert.ok(path?.identityId && path.entitlementId, 'the path is cited so a client can open explainAccess');
    assert.ok(ask.followUps.length >= 2 && ask.conversationId);
  },
  search: ({ search }) => {
    assert.ok(search.entitlements.length >= 1, 'no entitlement named like payment');
    for (const e of search.entitlements) assert.match(`${e.id} ${e.name}`, /payment/i);
  },
  'ingest-runs': ({ ingestRuns }) => {
    assert.equal(ingestRuns.edges[0].node.status, 'SUCCEEDED');
    assert.ok(ingestRuns.edges[0].node.graphVersion);
  },
  'simulate-what-if': ({ simulate }) => {
    assert.equal(simulate.complete, true, JSON.stringify(simulate.changes));
    assert.ok(simulate.affectedIdentityCount >= 5, `only ${simulate.affectedIdentityCount} identities affected`);
    assert.ok(simulate.deltas.edges.every((e: Data) => e.node.identity.department === 'Finance' || e.node.identity.kind !== 'HUMAN'));
    assert.match(simulate.summary, /would change the effective access of \d+ identities/);
  },
  'graph-version': ({ graphVersion }) => assert.notEqual(graphVersion, '0', 'the demo load should have set a version'),
  'peer-baseline': ({ peerBaseline, outliers }) => {
    assert.ok(peerBaseline.group.peerCount >= 5, peerBaseline.group.reason);
    assert.ok(peerBaseline.outlierCount >= 1 && peerBaseline.entitlements.some((e: Data) => e.outlier), 'something only this identity holds');
    assert.ok(outliers.edges[0].node.outlierScore >= 0.8);
  },
  'access-recommendation': ({ accessRecommendation: r }) => {
    assert.equal(r.held, true);
    assert.equal(r.suggestion, 'REVOKE', r.summary);
    assert.ok(r.evidence.length >= 2 && r.evidence.some((e: Data) => /^0 of \d+ agents /.test(e.statement)), JSON.stringify(r.evidence));
  },
};

/** Every connection anywhere in the answer has something in it (nullable fields may be null). */
function assertConnectionsFilled(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertConnectionsFilled(v, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    const o = value as Data;
    if ('totalCount' in o && 'edges' in o) assert.ok(o.totalCount > 0 && o.edges.length > 0, `${path} is an empty connection`);
    for (const [k, v] of Object.entries(o)) assertConnectionsFilled(v, `${path}.${k}`);
  }
}

describe('example operations on the demo enterprise', () => {
  const operations = loadExampleOperations();
  let t: TestServer;
  let schema: GraphQLSchema;

  before(async () => {
    schema = await whohasSchema();
    t = await startTestServer({ WHOHAS_DEMO: 'true', WHOHAS_DEMO_HUMANS: '200' });
  });
  after(() => t?.close());

  it('covers every .graphql file, each with an interestingness check', () => {
    const files = readdirSync(join(projectRoot(), 'graphql', 'operations')).filter((f) => f.endsWith('.graphql'));
    assert.deepEqual(operations.map((o) => `${o.name}.graphql`).sort(), files.sort());
    assert.deepEqual(Object.keys(INTERESTING).sort(), operations.map((o) => o.name).sort());
  });

  for (const op of operations) {
    it(`${op.name}: parses, validates, and answers with data`, async () => {
      const document = parse(op.query);
      assert.deepEqual(validate(schema, document).map((e) => e.message), []);
      const defs = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      assert.equal(defs.length, 1, 'one operation per file');
      const declared = (defs[0].variableDefinitions ?? []).map((v) => v.variable.name.value);
      const variables = JSON.parse(op.variables || '{}') as Record<string, unknown>;
      for (const name of Object.keys(variables)) assert.ok(declared.includes(name), `'# variables:' sets $${name}, which the operation does not declare`);

      const res = await t.post(op.query, variables);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
      const data = res.body.data as Data;
      for (const [field, value] of Object.entries(data)) {
        assert.ok(value !== null && value !== '', `${field} is empty`);
        assertConnectionsFilled(value, field);
      }
      INTERESTING[op.name]?.(data);
    });
  }
});
