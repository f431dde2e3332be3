import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { adminIngest, INTERNALS, startTestServer, type TestServer } from '../helpers/graphql-http';
import { sodWorld } from '../helpers/sod-world';

const hostile = fc.oneof(
  fc.constantFrom(
    "hr:alice'}) MATCH (n) DETACH DELETE n //", '") RETURN *; //', '$ids', '\u0000', '\uD800', '\u202E', '%00', '{{7*7}}', '__proto__',
    'x'.repeat(513), 'é'.repeat(300), '🧨'.repeat(200),
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.integer({ min: 10_000, max: 400_000 }).map((n) => 'A'.repeat(n)),
);

/** Operations that take ids and text from the caller; each is run with hostile values in every slot. */
const OPERATIONS: Array<[string, (v: string) => Record<string, unknown>]> = [
  ['query($v: ID!) { identity(id: $v) { id displayName accounts { id } } }', (v) => ({ v })],
  ['query($v: ID!) { whoHas(entitlementId: $v, first: 5) { totalCount } }', (v) => ({ v })],
  ['query($v: ID!) { explainAccess(identityId: $v, entitlementId: $v) { holds summary } }', (v) => ({ v })],
  ['query($v: String) { identities(first: 5, filter: { text: $v, department: $v }) { totalCount } }', (v) => ({ v })],
  ['query($v: String) { identities(first: 5, after: $v) { totalCount } }', (v) => ({ v })],
  ['mutation($v: ID!) { simulate(changes: [{ op: DISABLE_ACCOUNT, accountId: $v }]) { affectedIdentityCount } }', (v) => ({ v })],
  ['mutation($v: ID!) { simulate(changes: [{ op: REMOVE_MEMBERSHIP, memberId: $v, groupId: $v }], actingAs: $v) { affectedIdentityCount } }', (v) => ({ v })],
  ['query($v: ID!) { sodCheck(identityId: $v, add: [$v]) { introduced { ruleId } } }', (v) => ({ v })],
  ['query($v: ID!) { peerBaseline(identityId: $v) { peerCount } }', (v) => ({ v })],
];

describe('fuzz: hostile GraphQL inputs give a typed answer, never a crash, a leak, or a write', () => {
  let t: TestServer;
  let version: string;
  before(async () => {
    t = await startTestServer({ WHOHAS_MAX_BODY_KB: '256', WHOHAS_RATE_LIMIT: '0' });
    assert.equal((await adminIngest(t, sodWorld())).status, 200);
    version = (await t.data('{ graphVersion }')).graphVersion;
  });
  after(() => t.close());

  it('answers every operation with data or a client error code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: OPERATIONS.length - 1 }), hostile, async (i, value) => {
        const [query, vars] = OPERATIONS[i];
        const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: vars(value) }) });
        const text = await res.text();
        if (res.status === 413) return; // a body over WHOHAS_MAX_BODY_KB: refused before parsing, as intended
        assert.ok([200, 400].includes(res.status), `status ${res.status}: ${text.slice(0, 300)}`);
        const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
        for (const e of body.errors ?? []) {
          assert.ok(['BAD_USER_INPUT', 'NOT_FOUND', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED'].includes(e.extensions?.code ?? ''), `unexpected code in ${text.slice(0, 400)}`);
        }
        assert.doesNotMatch(text, INTERNALS);
      }),
      { numRuns: 250, seed: 20261123 },
    );
    assert.equal((await t.data('{ graphVersion }')).graphVersion, version, 'nothing was written to the graph');
  });

  it('refuses nesting bombs in variables and documents without harm', async () => {
    // Written as text: JSON.stringify itself overflows the stack on values this deep.
    const deepList = `${'['.repeat(50_000)}"x"${']'.repeat(50_000)}`;
    const bombs = [
      `{"query":"mutation($c: [ChangeInput!]!) { simulate(changes: $c) { affectedIdentityCount } }","variables":{"c":${deepList}}}`,
      JSON.stringify({ query: `{ identity(id: "a") { ${'manager { '.repeat(3000)}id${' }'.repeat(3000)} } }` }),
      JSON.stringify({ query: `{ identities(first: 1, filter: ${'{ text: '.repeat(2000)}"x"${' }'.repeat(2000)}) { totalCount } }` }),
      JSON.stringify({ query: 'query($v: [[[[String]]]]) { graphVersion }', variables: { v: [[[['x']]]] } }).replace('graphVersion', `graphVersion ${'@include(if: true) '.repeat(3000)}`),
    ];
    for (const body of bombs) {
      const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(res.status, 400, (await res.clone().text()).slice(0, 300));
      assert.doesNotMatch(await res.text(), INTERNALS);
    }
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200, 'the server is still up');
  });
});
