import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminIngest, fixtureDir, startTestServer, type TestServer } from './helpers/graphql-http';

/**
 * The GraphQL API over real HTTP, on a real server and embedded store, loaded with the hand-written
 * acme fixture (test/fixtures/acme). Every expected value below is worked out by hand from that
 * fixture and the spec's definition of effective access.
 */
const HOPS = 'hops { kind id name edge direction expiresAt }';
const GRANT = `identity { id } entitlement { id } viaDelegation useCount lastUsedAt paths { viaDelegation expiresAt ${HOPS} }`;

type Hop = { kind: string; id: string; name: string; edge: string | null; direction: string | null; expiresAt: string | null };
type Grant = { identity: { id: string }; entitlement: { id: string }; viaDelegation: boolean; useCount: number; lastUsedAt: string | null; paths: Array<{ viaDelegation: boolean; expiresAt: string | null; hops: Hop[] }> };

/** A path as readable rows: [KIND, id, name, EDGE, DIRECTION]. */
const rows = (hops: Hop[]) => hops.map((h) => [h.kind, h.id, h.name, h.edge, h.direction]);
const iso = (s: string | null) => (s === null ? null : new Date(s).toISOString());

const BOB = ['IDENTITY', 'hr:bob', 'Bob Ruiz', null, null];
const BOB_ACCOUNT = ['ACCOUNT', 'sap:bob', 'BOB', 'OWNS', 'FORWARD'];
const AP_SENIOR = ['GROUP', 'sap:grp:ap-senior', 'AP Senior', 'MEMBER_OF', 'FORWARD'];
const AP = ['GROUP', 'sap:grp:ap', 'Accounts Payable', 'MEMBER_OF', 'FORWARD'];
const FINANCE = ['GROUP', 'sap:grp:finance', 'Finance All', 'MEMBER_OF', 'FORWARD'];
const APPROVE = ['ENTITLEMENT', 'sap:approve_payment', 'Approve payment', 'GRANTS', 'FORWARD'];
const VENDOR = ['ENTITLEMENT', 'sap:create_vendor', 'Create vendor', 'GRANTS', 'FORWARD'];
const LEDGER = ['ENTITLEMENT', 'sap:view_ledger', 'View ledger', 'GRANTS', 'FORWARD'];
const EMAIL = ['ENTITLEMENT', 'tools:send_email', 'Send email', 'GRANTS', 'FORWARD'];
const BOT = ['IDENTITY', 'agent:payments-bot', 'Payments Bot', null, null];
const BOT_ACCOUNT = ['ACCOUNT', 'tools:payments-bot', 'tools:payments-bot', 'OWNS', 'FORWARD'];
const FOR_BOB = ['IDENTITY', 'hr:bob', 'Bob Ruiz', 'DELEGATES_TO', 'REVERSE'];

describe('GraphQL API over HTTP (acme fixture)', () => {
  let t: TestServer;
  let run: { id: string; status: string; graphVersion: string; error: unknown };

  before(async () => {
    t = await startTestServer({ WHOHAS_DEMO: 'false' });
    const res = await adminIngest(t, fixtureDir('acme'));
    assert.equal(res.status, 200);
    run = res.body;
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
  });
  after(() => t?.close());

  /** Effective access of one identity, keyed by entitlement id (every page). */
  async function accessOf(id: string): Promise<Record<string, Grant>> {
    const d = await t.data(`query($id: ID!) { identity(id: $id) { effectiveAccess(first: 500) { totalCount edges { node { ${GRANT} } } } } }`, { id });
    const grants: Grant[] = d.identity.effectiveAccess.edges.map((e: { node: Grant }) => e.node);
    assert.equal(d.identity.effectiveAccess.totalCount, grants.length);
    return Object.fromEntries(grants.map((g) => [g.entitlement.id, g]));
  }

  it('returns an identity with its manager, email-linked account, delegations and upper-case enums', async () => {
    const { identity } = await t.data(`{ identity(id: "hr:bob") {
      id kind status displayName email department title attributes terminatedAt manager { id displayName } owner { id }
      accounts { id username status identityEmail system { id name criticality owner { id } } identity { id } }
      delegatesTo { id kind } delegatedFrom { id } delegationsIn { scope }
      delegationsOut { scope purpose expiresAt from { id } to { id } } } }`);
    const [account] = identity.accounts;
    // sap:bob names its owner only by identityEmail "BOB@acme.test"; the link is case-insensitive.
    assert.equal(account.identityEmail?.toLowerCase(), 'bob@acme.test');
    delete account.identityEmail;
    assert.deepEqual(identity, {
      id: 'hr:bob', kind: 'HUMAN', status: 'ACTIVE', displayName: 'Bob Ruiz', email: 'bob@acme.test', department: 'Finance',
      title: 'Controller', attributes: {}, terminatedAt: null, manager: { id: 'hr:carol', displayName: 'Carol Diaz' }, owner: null,
      accounts: [{ id: 'sap:bob', username: 'BOB', status: 'ENABLED', system: { id: 'sap', name: 'SAP Finance', criticality: 'CRITICAL', owner: { id: 'hr:carol' } }, identity: { id: 'hr:bob' } }],
      delegatesTo: [{ id: 'agent:payments-bot', kind: 'AGENT' }], delegatedFrom: [], delegationsIn: [],
      delegationsOut: [{ scope: ['sap:approve_payment', 'sap:view_ledger'], purpose: 'pay invoices', expiresAt: null, from: { id: 'hr:bob' }, to: { id: 'agent:payments-bot' } }],
    });
  });

  it('returns other kinds and statuses, owners and attributes as the bundle gave them', async () => {
    const d = await t.data(`{
      carol: identity(id: "hr:carol") { kind attributes manager { id } accounts { id } }
      dave: identity(id: "hr:dave") { status terminatedAt accounts { id status } }
      bot: identity(id: "agent:payments-bot") { kind purpose owner { displayName } delegatedFrom { id } delegatesTo { id } }
      etl: identity(id: "svc:etl") { kind status }
      orphan: account(id: "sap:orphan") { username identity { id } system { id } } }`);
    assert.deepEqual(d.carol, { kind: 'HUMAN', attributes: { location: 'Berlin' }, manager: null, accounts: [] });
    assert.equal(d.dave.status, 'TERMINATED');
    assert.equal(iso(d.dave.terminatedAt), '2026-09-30T17:00:00.000Z');
    assert.deepEqual(d.dave.accounts.map((a: { id: string; status: string }) => `${a.id} ${a.status}`).sort(), ['okta:dave ENABLED', 'sap:dave DISABLED']);
    assert.deepEqual({ ...d.bot, delegatedFrom: d.bot.delegatedFrom.map((i: { id: string }) => i.id).sort() }, {
      kind: 'AGENT', purpose: 'pays approved invoices', owner: { displayName: 'Bob Ruiz' },
      delegatedFrom: ['agent:payments-sub', 'hr:bob'], delegatesTo: [{ id: 'agent:payments-sub' }],
    });
    assert.deepEqual(d.etl, { kind: 'SERVICE', status: 'ACTIVE' });
    assert.deepEqual(d.orphan, { username: 'TEMP01', identity: null, system: { id: 'sap' } });
  });

  it('answers null, without an error, for ids it does not know', async () => {
    const res = await t.post('{ identity(id: "nope") { id } entitlement(id: "nope") { id } account(id: "nope") { id } group(id: "nope") { id } system(id: "nope") { id } }');
    assert.equal(res.status, 200);
    assert.equal(res.body.errors, undefined);
    assert.deepEqual(res.body.data, { identity: null, entitlement: null, account: null, group: null, system: null });
  });

  it('filters identities by kind, status, department and case-insensitive text', async () => {
    const ids = async (filter: string) => {
      const d = await t.data(`{ identities(filter: ${filter}) { totalCount edges { node { id } } } }`);
      assert.equal(d.identities.totalCount, d.identities.edges.length);
      return d.identities.edges.map((e: { node: { id: string } }) => e.node.id);
    };
    assert.deepEqual(await ids('{ kind: AGENT }'), ['agent:payments-bot', 'agent:payments-sub']);
    assert.deepEqual(await ids('{ kind: SERVICE }'), ['svc:etl']);
    assert.deepEqual(await ids('{ status: TERMINATED }'), ['hr:dave']);
    assert.deepEqual(await ids('{ department: "Finance" }'), ['hr:alice', 'hr:bob', 'hr:carol']);
    assert.deepEqual(await ids('{ text: "RUIZ" }'), ['hr:bob']);
    assert.deepEqual(await ids('{ text: "cfo" }'), ['hr:carol']);
    assert.deepEqual(await ids('{ text: "Acme.Test" }'), ['hr:alice', 'hr:bob', 'hr:carol', 'hr:dave']);
    assert.deepEqual(await ids('{ kind: HUMAN, status: ACTIVE, text: "finance" }'), ['hr:alice', 'hr:bob', 'hr:carol']);
    assert.deepEqual(await ids('{ text: "no such person" }'), []);
  });

  it('pages with first/after through every identity exactly once', async () => {
    const all = (await t.data('{ identities { totalCount edges { node { id } } } }')).identities;
    assert.equal(all.totalCount, 7);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; ; page++) {
      assert.ok(page < 10, 'pagination does not end');
      const d = await t.data('query($after: String) { identities(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }', { after });
      const c = d.identities;
      assert.equal(c.totalCount, 7);
      assert.equal(c.pageInfo.hasPreviousPage, page > 0);
      assert.equal(c.pageInfo.startCursor, c.edges[0].cursor);
      assert.equal(c.pageInfo.endCursor, c.edges[c.edges.length - 1].cursor);
      seen.push(...c.edges.map((e: { node: { id: string } }) => e.node.id));
      assert.equal(c.pageInfo.hasNextPage, seen.length < 7, `hasNextPage on page ${page}`);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    assert.deepEqual(seen, all.edges.map((e: { node: { id: string } }) => e.node.id));
    assert.equal(new Set(seen).size, 7, `duplicates in ${seen}`);
    const whoHasPages: string[] = [];
    let cursor: string | null = null;
    do {
      const d = await t.data('query($a: String) { whoHas(entitlementId: "sap:approve_payment", first: 1, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { identity { id } } } } }', { a: cursor });
      assert.equal(d.whoHas.totalCount, 3);
      whoHasPages.push(d.whoHas.edges[0].node.identity.id);
      cursor = d.whoHas.pageInfo.hasNextPage ? d.whoHas.pageInfo.endCursor : null;
    } while (cursor);
    assert.deepEqual(whoHasPages, ['agent:payments-bot', 'agent:payments-sub', 'hr:bob']);
  });

  it('gives alice her nested-group access, hop by hop, and not approve_payment', async () => {
    const g = await accessOf('hr:alice');
    assert.deepEqual(Object.keys(g).sort(), ['sap:create_vendor', 'sap:view_ledger']);
    const ALICE = [['IDENTITY', 'hr:alice', 'Alice Ng', null, null], ['ACCOUNT', 'sap:alice', 'ALICE', 'OWNS', 'FORWARD']];
    assert.deepEqual(g['sap:create_vendor'].paths.map((p) => rows(p.hops)), [[...ALICE, AP, VENDOR]]);
    // ap -> finance -> ap is a nesting cycle: followed once, never looped.
    assert.deepEqual(g['sap:view_ledger'].paths.map((p) => rows(p.hops)), [[...ALICE, AP, FINANCE, LEDGER]]);
    for (const grant of Object.values(g)) assert.equal(grant.viaDelegation, false);
    // usage: one event plus one pre-aggregated count of 3; the later one (10:00+02:00) is last.
    assert.equal(g['sap:create_vendor'].useCount, 4);
    assert.equal(iso(g['sap:create_vendor'].lastUsedAt), '2026-10-15T08:00:00.000Z');
  });

  it('gives bob all three SAP rights through the nesting cycle, each over one simple path', async () => {
    const g = await accessOf('hr:bob');
    assert.deepEqual(Object.keys(g).sort(), ['sap:approve_payment', 'sap:create_vendor', 'sap:view_ledger']);
    assert.deepEqual(g['sap:approve_payment'].paths.map((p) => rows(p.hops)), [[BOB, BOB_ACCOUNT, AP_SENIOR, APPROVE]]);
    assert.deepEqual(g['sap:create_vendor'].paths.map((p) => rows(p.hops)), [[BOB, BOB_ACCOUNT, AP_SENIOR, AP, VENDOR]]);
    assert.deepEqual(g['sap:view_ledger'].paths.map((p) => rows(p.hops)), [[BOB, BOB_ACCOUNT, AP_SENIOR, AP, FINANCE, LEDGER]]);
    assert.equal(g['sap:approve_payment'].useCount, 1);
  });

  it("gives dave nothing: his SAP account is disabled and his Okta membership expired", async () => {
    const d = await t.data(`{ identity(id: "hr:dave") { effectiveAccess { totalCount edges { cursor } } }
      okta: whoHas(entitlementId: "okta:admin") { totalCount edges { cursor } }
      e1: explainAccess(identityId: "hr:dave", entitlementId: "okta:admin") { granted paths { viaDelegation } }
      e2: explainAccess(identityId: "hr:dave", entitlementId: "sap:view_ledger") { granted paths { viaDelegation } } }`);
    assert.deepEqual(d.identity.effectiveAccess, { totalCount: 0, edges: [] });
    assert.deepEqual(d.okta, { totalCount: 0, edges: [] });
    assert.deepEqual([d.e1, d.e2], [{ granted: false, paths: [] }, { granted: false, paths: [] }]);
  });

  it('gives payments-bot what bob delegated (walked in reverse) plus its own tool', async () => {
    const g = await accessOf('agent:payments-bot');
    assert.deepEqual(Object.keys(g).sort(), ['sap:approve_payment', 'sap:view_ledger', 'tools:send_email']);
    assert.deepEqual(g['sap:approve_payment'].paths.map((p) => rows(p.hops)), [[BOT, FOR_BOB, BOB_ACCOUNT, AP_SENIOR, APPROVE]]);
    assert.deepEqual(g['sap:view_ledger'].paths.map((p) => rows(p.hops)), [[BOT, FOR_BOB, BOB_ACCOUNT, AP_SENIOR, AP, FINANCE, LEDGER]]);
    assert.deepEqual(g['tools:send_email'].paths.map((p) => rows(p.hops)), [[BOT, BOT_ACCOUNT, EMAIL]]);
    assert.deepEqual(Object.values(g).map((x) => [x.entitlement.id, x.viaDelegation, x.paths[0].viaDelegation]).sort(), [
      ['sap:approve_payment', true, true], ['sap:view_ledger', true, true], ['tools:send_email', false, false],
    ]);
  });

  it('narrows a delegation chain hop by hop and does not loop on the sub -> bot "*" cycle', async () => {
    const sub = await accessOf('agent:payments-sub');
    assert.deepEqual(Object.keys(sub).sort(), ['sap:approve_payment', 'tools:send_email']); // not view_ledger
    const SUB = ['IDENTITY', 'agent:payments-sub', 'Payments Sub-agent', null, null];
    const FOR_BOT = ['IDENTITY', 'agent:payments-bot', 'Payments Bot', 'DELEGATES_TO', 'REVERSE'];
    assert.deepEqual(sub['sap:approve_payment'].paths.map((p) => rows(p.hops)), [[SUB, FOR_BOT, FOR_BOB, BOB_ACCOUNT, AP_SENIOR, APPROVE]]);
    assert.deepEqual(sub['tools:send_email'].paths.map((p) => rows(p.hops)), [[SUB, FOR_BOT, BOT_ACCOUNT, EMAIL]]);
    const subPath = sub['sap:approve_payment'].paths[0];
    assert.equal(iso(subPath.hops[1].expiresAt), '2099-06-30T00:00:00.000Z');
    assert.equal(iso(subPath.expiresAt), '2099-06-30T00:00:00.000Z');
    for (const grant of [...Object.values(sub), ...Object.values(await accessOf('agent:payments-bot'))]) {
      for (const p of grant.paths) {
        const ids = p.hops.map((h) => h.id);
        assert.equal(new Set(ids).size, ids.length, `path repeats a node: ${ids.join(' > ')}`);
        if (grant.identity.id === 'agent:payments-bot') assert.ok(!ids.includes('agent:payments-sub'), ids.join(' > '));
      }
    }
  });

  it('answers whoHas with every holder and whether they hold it only by delegation', async () => {
    const holders = async (id: string) => {
      const d = await t.data('query($id: ID!) { whoHas(entitlementId: $id) { totalCount edges { node { identity { id } entitlement { id } viaDelegation } } } }', { id });
      assert.equal(d.whoHas.totalCount, d.whoHas.edges.length);
      return d.whoHas.edges.map((e: { node: Grant }) => [e.node.identity.id, e.node.viaDelegation, e.node.entitlement.id === id]);
    };
    assert.deepEqual(await holders('sap:approve_payment'), [['agent:payments-bot', true, true], ['agent:payments-sub', true, true], ['hr:bob', false, true]]);
    assert.deepEqual(await holders('tools:send_email'), [['agent:payments-bot', false, true], ['agent:payments-sub', true, true]]);
    assert.deepEqual(await holders('sap:view_ledger'), [['agent:payments-bot', true, true], ['hr:alice', false, true], ['hr:bob', false, true]]);
    assert.deepEqual(await holders('nope'), []);
  });

  it('explains access in a sentence built from the path, and says why not', async () => {
    const ask = async (identityId: string, entitlementId: string) =>
      (await t.data('query($i: ID!, $e: ID!) { explainAccess(identityId: $i, entitlementId: $e) { granted viaDelegation summary paths { hops { id } } } }', { i: identityId, e: entitlementId })).explainAccess;
    const bob = await ask('hr:bob', 'sap:approve_payment');
    assert.equal(bob.granted, true);
    assert.equal(bob.viaDelegation, false);
    assert.deepEqual(bob.paths.map((p: { hops: Hop[] }) => p.hops.map((h) => h.id)), [['hr:bob', 'sap:bob', 'sap:grp:ap-senior', 'sap:approve_payment']]);
    assert.match(bob.summary, /^Bob Ruiz has Approve payment on SAP Finance\b.*\bBOB\b.*AP Senior.*Approve payment/);
    const sub = await ask('agent:payments-sub', 'sap:approve_payment');
    assert.deepEqual([sub.granted, sub.viaDelegation], [true, true]);
    assert.match(sub.summary, /^Payments Sub-agent has Approve payment.*delegation.*Payments Bot.*Bob Ruiz.*AP Senior/);
    const alice = await ask('hr:alice', 'sap:approve_payment');
    assert.deepEqual([alice.granted, alice.viaDelegation, alice.paths], [false, false, []]);
    assert.match(alice.summary, /^Alice Ng does not have Approve payment/);
    const ghost = await ask('nope', 'sap:approve_payment');
    assert.deepEqual([ghost.granted, ghost.paths], [false, []]);
    assert.match(ghost.summary, /no identity 'nope'/i);
    const noRight = await ask('hr:bob', 'sap:nope');
    assert.deepEqual([noRight.granted, noRight.paths], [false, []]);
    assert.match(noRight.summary, /no entitlement 'sap:nope'/i);
  });

  it('names hops however the name is asked for: alias, fragment, inline fragment, explain and near-miss paths', async () => {
    const names = (hops: Array<Record<string, string>>, key = 'name') => hops.map((h) => h[key]);
    const bobsPath = ['Bob Ruiz', 'BOB', 'AP Senior', 'Approve payment'];
    const viaFragments = await t.data(`fragment Named on AccessHop { label: name }
      fragment Paths on AccessGrant { paths { hops { ...Named } } }
      query($i: ID!) { whoHas(entitlementId: "sap:approve_payment") { edges { node { identity { id } ... on AccessGrant { ...Paths } } } } x: explainAccess(identityId: $i, entitlementId: "sap:approve_payment") { paths { hops { ... on AccessHop { name } } } } }`, { i: 'hr:bob' });
    const bob = viaFragments.whoHas.edges.find((e: { node: Grant }) => e.node.identity.id === 'hr:bob').node;
    assert.deepEqual(names(bob.paths[0].hops, 'label'), bobsPath);
    assert.deepEqual(names(viaFragments.x.paths[0].hops), bobsPath);
    const { explainAccess: dave } = await t.data('{ explainAccess(identityId: "hr:dave", entitlementId: "sap:view_ledger") { granted nearMisses { path { hops { id name } } } } }');
    assert.equal(dave.granted, false);
    assert.deepEqual(names(dave.nearMisses[0].path.hops), ['Dave Olsen', 'DAVE', 'Finance All', 'View ledger']);
  });

  it('reports the graph version of the ingest run and lists the run', async () => {
    const d = await t.data(`{ graphVersion ingestRuns { totalCount edges { node {
      id seq source mode status startedAt finishedAt counts rejectCount rejectSample { file } graphVersion errorCode errorMessage } } } }`);
    assert.equal(d.graphVersion, run.graphVersion);
    assert.equal(d.ingestRuns.totalCount, 1);
    const node = d.ingestRuns.edges[0].node;
    assert.deepEqual(
      { ...node, startedAt: typeof node.startedAt, finishedAt: typeof node.finishedAt, counts: undefined },
      { id: run.id, seq: 1, source: 'acme-hr', mode: 'FULL', status: 'SUCCEEDED', startedAt: 'string', finishedAt: 'string', counts: undefined, rejectCount: 0, rejectSample: [], graphVersion: run.graphVersion, errorCode: null, errorMessage: null },
    );
    assert.ok(node.finishedAt >= node.startedAt);
    const { identities, systems, accounts, groups, entitlements, memberships, grants, delegations, credentials, usage, accessGrants } = node.counts;
    // alice 2 + bob 3 + payments-bot 3 + payments-sub 2 = 10 (identity, entitlement) pairs.
    assert.deepEqual(
      { identities, systems, accounts, groups, entitlements, memberships, grants, delegations, credentials, usage, accessGrants },
      { identities: 7, systems: 3, accounts: 6, groups: 4, entitlements: 5, memberships: 7, grants: 5, delegations: 3, credentials: 2, usage: 3, accessGrants: 10 },
    );
  });

  it('carried extensions.graphVersion on every response above', () => {
    assert.ok(t.responses.length > 20);
    for (const body of t.responses) assert.equal(body.extensions?.graphVersion, run.graphVersion, JSON.stringify(body).slice(0, 200));
  });
});
