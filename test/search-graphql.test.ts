import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminIngest, fixtureDir, INTERNALS, startTestServer, type TestServer } from './helpers/graphql-http';

/** The console's search box query, over real HTTP on the acme fixture (expected hits read off the fixture files). */
const SEARCH = `query($text: String!, $first: Int) { search(text: $text, first: $first) {
  identities { id displayName } groups { id name } entitlements { id name } } }`;

describe('search (acme fixture)', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ WHOHAS_DEMO: 'false' });
    const res = await adminIngest(t, fixtureDir('acme'));
    assert.equal(res.body.status, 'succeeded', JSON.stringify(res.body.error));
  });
  after(() => t?.close());

  const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);

  it('finds identities, groups and entitlements by name, case-insensitively', async () => {
    const { search } = await t.data(SEARCH, { text: 'PAY' });
    assert.deepEqual(ids(search.identities), ['agent:payments-bot', 'agent:payments-sub'], 'names starting with the text, by name');
    assert.deepEqual(ids(search.groups), ['sap:grp:ap'], 'Accounts Payable');
    assert.deepEqual(ids(search.entitlements), ['sap:approve_payment']);
  });

  it('finds an identity by email and by id, the exact match first', async () => {
    assert.deepEqual(ids((await t.data(SEARCH, { text: 'carol@acme.test' })).search.identities), ['hr:carol']);
    const byId = (await t.data(SEARCH, { text: 'hr:bob' })).search;
    assert.equal(byId.identities[0].id, 'hr:bob');
    assert.deepEqual(byId.groups, []);
    const ent = (await t.data(SEARCH, { text: 'sap:view_ledger' })).search;
    assert.deepEqual(ids(ent.entitlements), ['sap:view_ledger']);
  });

  it('puts an exact id before names that merely contain the text', async () => {
    // 'sap:grp:ap' is contained in 'sap:grp:ap-senior' too; the exact id wins though 'Accounts Payable' sorts after 'AP Senior'.
    assert.deepEqual(ids((await t.data(SEARCH, { text: 'sap:grp:ap' })).search.groups), ['sap:grp:ap', 'sap:grp:ap-senior']);
  });

  it('limits each kind to first', async () => {
    const all = (await t.data(SEARCH, { text: 'a', first: 50 })).search;
    assert.ok(all.identities.length > 2, `expected several identities containing 'a', got ${all.identities.length}`);
    const two = (await t.data(SEARCH, { text: 'a', first: 2 })).search;
    assert.deepEqual(ids(two.identities), ids(all.identities).slice(0, 2));
    assert.ok(two.groups.length <= 2 && two.entitlements.length <= 2);
  });

  it('rejects empty text and out-of-range first with BAD_USER_INPUT, nothing internal', async () => {
    for (const vars of [{ text: '   ' }, { text: 'a', first: 0 }, { text: 'a', first: 51 }, { text: 'x'.repeat(201) }]) {
      const res = await t.post(SEARCH, vars);
      assert.equal(res.body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(vars));
      assert.doesNotMatch(res.text, INTERNALS);
    }
  });

  it('treats the text as data, not a pattern', async () => {
    const { search } = await t.data(SEARCH, { text: "' OR 1=1 //" });
    assert.deepEqual([search.identities, search.groups, search.entitlements], [[], [], []]);
  });
});
