import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scimConnector } from '../ingest/scim';
import { accountsById, accountsOfIdentities, identitiesById } from '../src/read/graph-reader';
import { ingestVia, transformFrom } from './helpers/connector-run';
import { accessOf, holders } from './helpers/graph-queries';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';
import { tempStore, type TempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

const RFC = sharedData('scim-rfc-examples');
const ACME = join(__dirname, '..', '..', 'test', 'fixtures', 'scim', 'acme-listresponse.json');
const BJENSEN = '2819c223-7f76-453a-919d-413861904646';
const values = (rows: Array<{ value: unknown }>) => rows.map((r) => r.value as Record<string, unknown>);

describe('scim connector: RFC 7643/7644 examples', { skip: skipWithoutSharedData }, () => {
  it('maps the enterprise user (RFC 7643 section 8.3) to a person who owns an account', async () => {
    const { result, assembled } = await transformFrom(scimConnector, join(RFC, 'rfc7643-8.3-enterprise_user.json'));
    const id = `scim:rfc7643-8.3-enterprise_user:user/${BJENSEN}`;
    assert.deepEqual(values(result.records.identities), [
      {
        id,
        kind: 'human',
        displayName: 'Babs Jensen',
        email: 'bjensen@example.com',
        department: 'Tour Operations',
        title: 'Tour Guide',
        status: 'active',
        createdAt: '2010-01-23T04:56:22Z',
        attributes: {
          userName: 'bjensen@example.com',
          externalId: '701984',
          userType: 'Employee',
          employeeNumber: '701984',
          costCenter: '4130',
          organization: 'Universal Studios',
          division: 'Theme Park',
          // The manager is not in this file, so it cannot be a managerId (that would reject the person).
          manager: '26118915-6090-4610-87e4-49d8ca9f808d',
        },
      },
    ]);
    assert.deepEqual(values(result.records.accounts), [
      { id, systemId: 'scim:rfc7643-8.3-enterprise_user', identityId: id, username: 'bjensen@example.com', status: 'enabled', createdAt: '2010-01-23T04:56:22Z' },
    ]);
    assert.equal(assembled.source.source, 'scim:rfc7643-8.3-enterprise_user');
    assert.equal(assembled.source.mode, 'full');
    assert.deepEqual(result.rejects, []);
    assert.deepEqual(result.hints, []);
  });

  it("in 'correlate' mode emits only the account, with the keys that tie it to an HR identity", async () => {
    const { result } = await transformFrom(scimConnector, join(RFC, 'rfc7643-8.3-enterprise_user.json'), { identities: 'correlate', system: 'okta' });
    assert.equal(result.records.identities.length, 0);
    assert.deepEqual(values(result.records.accounts), [
      { id: `scim:okta:user/${BJENSEN}`, systemId: 'scim:okta', username: 'bjensen@example.com', status: 'enabled', createdAt: '2010-01-23T04:56:22Z' },
    ]);
    assert.deepEqual(result.hints, [{ accountId: `scim:okta:user/${BJENSEN}`, email: 'bjensen@example.com', employeeNumber: '701984', username: 'bjensen@example.com' }]);
  });

  it('reads every file of the folder: resources load, copies of one user resolve to the newest, the rest is noted', async () => {
    const { result } = await transformFrom(scimConnector, RFC);
    const sys = 'scim:scim-rfc-examples';
    assert.deepEqual(values(result.records.accounts).map((a) => a.id), [
      `${sys}:user/${BJENSEN}`,
      `${sys}:user/c75ad752-64ae-4823-840d-ffa80929976c`,
      `${sys}:user/2819c223-7f76-413861904646`,
    ]);
    // 12 copies of bjensen (two of them POST bodies without id, matched by userName); the PUT
    // response has the latest meta.lastModified, so it wins and the 11 others are rejected.
    const bjensen = values(result.records.identities)[0];
    assert.equal(bjensen.displayName, 'Ms. Barbara J Jensen III');
    assert.equal(bjensen.createdAt, '2011-08-08T04:56:22Z');
    const dups = result.rejects.filter((r) => r.reason.startsWith(`duplicate User '${BJENSEN}'`));
    assert.equal(dups.length, 11);
    assert.ok(dups.every((r) => r.field === 'id' && r.reason.includes('superseded by rfc7644-3.5.1-user-put_response.json:1')));
    assert.ok(dups.some((r) => r.file === 'rfc7644-3.3-user-post_request.json'));
    const partial = result.rejects.filter((r) => !r.reason.startsWith('duplicate'));
    assert.deepEqual(
      partial.map((r) => [r.file, r.line]),
      [['rfc7644-3.4.3-list_response-post_query.json', 2]],
      'the {id, displayName} partial response cannot be typed',
    );
    assert.deepEqual(values(result.records.groups).map((g) => g.name), ['Tour Guides', 'Group A', 'Group B']);
    const skipped = (what: string) => result.notes.find((n) => n.startsWith(`skipped ${what}`))!.split(': ')[1].split(', ');
    assert.equal(skipped('PATCH requests').length, 10);
    assert.equal(skipped('schema definitions').length, 6);
    assert.equal(skipped('error responses').length, 5);
    assert.equal(skipped('Bulk requests').length, 4);
    assert.equal(skipped('Bulk responses').length, 4);
    assert.equal(skipped('ResourceType descriptions').length, 3);
    assert.ok(result.notes.some((n) => n.startsWith('rfc7644-3.4.3-list_response-post_query.json is one page of a larger result (2 of 100')));
    // Every one of the 49 files is accounted for: a record, a reject or a note names it.
    const named = new Set([
      ...Object.values(result.records).flatMap((rows) => rows.map((r) => r.file)),
      ...result.rejects.map((r) => r.file),
      ...result.notes.flatMap((n) => n.match(/rfc[\w.-]+\.json/g) ?? []),
    ]);
    const files = readdirSync(RFC).filter((n) => n.endsWith('.json'));
    assert.equal(files.length, 49);
    assert.deepEqual(files.filter((f) => !named.has(f)), []);
  });

  it('types members without `type` by id set or $ref, and keeps a membership cycle as stated', async () => {
    const { result } = await transformFrom(scimConnector, RFC, { system: 'rfc' });
    assert.deepEqual(values(result.records.memberships), [
      { memberId: `scim:rfc:user/${BJENSEN}`, memberType: 'account', groupId: 'scim:rfc:group/e9e30dba-f08f-4109-8486-d5c6a331660a' },
      { memberId: 'scim:rfc:user/902c246b-6245-4190-8e05-00816be7344a', memberType: 'account', groupId: 'scim:rfc:group/e9e30dba-f08f-4109-8486-d5c6a331660a' },
      { memberId: 'scim:rfc:group/6c5bb468-14b2-4183-baf2-06d523e03bd3', memberType: 'group', groupId: 'scim:rfc:group/c3a26dd3-27a0-4dec-a2ac-ce211e105f97' },
      { memberId: 'scim:rfc:group/c3a26dd3-27a0-4dec-a2ac-ce211e105f97', memberType: 'group', groupId: 'scim:rfc:group/6c5bb468-14b2-4183-baf2-06d523e03bd3' },
    ]);
  });

  it('loads the folder into a real store: Tour Guides access for bjensen, the unknown member rejected, the cycle survives', async () => {
    const t = await tempStore();
    try {
      const run = await ingestVia(t, scimConnector, RFC, {}, { now: () => new Date('2026-11-01T00:00:00Z') });
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
      assert.equal(run.source, 'scim:scim-rfc-examples');
      assert.equal(run.rejectCount, 13);
      const mandy = run.rejectSample.find((r) => r.field === 'memberId');
      assert.equal(mandy?.file, 'rfc7643-8.4-group.json');
      assert.match(mandy!.reason, /902c246b-6245-4190-8e05-00816be7344a', which is neither in this bundle nor in the graph/);
      const tourGuides = 'scim:scim-rfc-examples:group/e9e30dba-f08f-4109-8486-d5c6a331660a';
      assert.deepEqual(await accessOf(t.store, `scim:scim-rfc-examples:user/${BJENSEN}`), [tourGuides]);
      assert.deepEqual(await holders(t.store, tourGuides), [`scim:scim-rfc-examples:user/${BJENSEN}`]);
      assert.deepEqual(await holders(t.store, 'scim:scim-rfc-examples:group/c3a26dd3-27a0-4dec-a2ac-ce211e105f97'), []);
    } finally {
      await t.close();
    }
  });
});

describe('scim connector: a ListResponse export end to end', () => {
  let t: TempStore;
  const id = (u: string) => `scim:acme:user/${u}`;
  const g = (x: string) => `scim:acme:group/${x}`;
  before(async () => {
    t = await tempStore();
  });
  after(async () => t.close());

  it('gives effective access through roles, entitlements and nested groups; a disabled account confers nothing', async () => {
    const run = await ingestVia(t, scimConnector, ACME, { options: { system: 'acme' } });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.rejectCount, 0, JSON.stringify(run.rejectSample));
    assert.deepEqual(run.counts, { ...run.counts, identities: 4, accounts: 4, groups: 3, entitlements: 5, memberships: 6, grants: 6 });
    assert.deepEqual(await accessOf(t.store, id('u-alice')), [
      'scim:acme:entitlement/billing:read', g('g-admins'), g('g-eng'), g('g-staff'), 'scim:acme:role/admin',
    ]);
    assert.deepEqual(await accessOf(t.store, id('u-bob')), [g('g-eng'), g('g-staff')]);
    assert.deepEqual(await accessOf(t.store, id('u-carol')), [g('g-staff')]);
    assert.deepEqual(await accessOf(t.store, id('u-dave')), []);
    assert.deepEqual(await holders(t.store, 'scim:acme:role/admin'), [id('u-alice')]);
  });

  it('links managers inside the export and keeps status, department and employee number', async () => {
    const [alice, bob, carol, dave] = await identitiesById(t.store, ['u-alice', 'u-bob', 'u-carol', 'u-dave'].map(id));
    assert.equal(alice!.managerId, id('u-carol'));
    assert.equal(bob!.managerId, id('u-alice'));
    assert.equal(bob!.displayName, 'Bob Baker');
    assert.equal(bob!.createdAt, '2024-05-20T10:30:00.000Z');
    assert.deepEqual(bob!.attributes, { userName: 'bob', employeeNumber: '1002' });
    assert.equal(alice!.email, 'alice@acme.example', 'the primary email, not the first');
    assert.equal(alice!.department, 'Engineering');
    assert.equal(alice!.title, 'Staff Engineer');
    assert.equal(carol!.status, 'active', '"active": "True" is read as true');
    assert.equal(dave!.status, 'suspended');
    const [daveAccounts] = await accountsOfIdentities(t.store, [id('u-dave')]);
    assert.deepEqual(daveAccounts.map((a) => [a.id, a.status]), [[id('u-dave'), 'disabled']]);
  });

  it('removes on a full run what the export no longer holds', async () => {
    const dir = writeBundle({
      'acme.json': {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: 2,
        Resources: [
          { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u-bob', userName: 'bob' },
          { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: 'g-eng', displayName: 'Engineering', members: [] },
        ],
      },
    });
    const run = await ingestVia(t, scimConnector, join(dir, 'acme.json'));
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.deepEqual(await accessOf(t.store, id('u-alice')), []);
    assert.deepEqual(await accessOf(t.store, id('u-bob')), []);
    assert.deepEqual(await identitiesById(t.store, [id('u-alice')]), [null]);
    assert.equal((await identitiesById(t.store, [id('u-bob')]))[0]!.displayName, 'bob');
  });

  it("in 'correlate' mode attaches the accounts to HR identities by employee number, then email", async () => {
    const s = await tempStore();
    try {
      const hr = writeBundle({
        'source.json': { source: 'hr', mode: 'full', exportedAt: '2026-10-01T00:00:00Z' },
        identities: [
          { id: 'hr:1001', kind: 'human', displayName: 'Alice Archer', status: 'active', attributes: { employeeNumber: '1001' } },
          { id: 'hr:carol', kind: 'human', displayName: 'Carol Chen', email: 'Carol@acme.example', status: 'active' },
        ],
      });
      assert.equal((await s.ingest(hr)).status, 'succeeded');
      const run = await ingestVia(s, scimConnector, ACME, { options: { identities: 'correlate', system: 'acme' } });
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
      assert.equal(run.counts.identities, 0);
      assert.equal(run.counts['correlated.accounts'], 2);
      assert.equal(run.counts['unmatched.accounts'], 2, 'bob and dave have no HR identity: unowned, a finding');
      assert.deepEqual(await accessOf(s.store, 'hr:1001'), ['scim:acme:entitlement/billing:read', g('g-admins'), g('g-eng'), g('g-staff'), 'scim:acme:role/admin']);
      assert.deepEqual(await accessOf(s.store, 'hr:carol'), [g('g-staff')]);
    } finally {
      await s.close();
    }
  });

  it('is deterministic: the same payloads give the same records', async () => {
    const a = await transformFrom(scimConnector, ACME);
    const b = await transformFrom(scimConnector, ACME);
    assert.deepEqual(a.result, b.result);
  });
});

describe('scim connector: a full run keeps what a rejected User loaded before', () => {
  let t: TempStore;
  const id = (u: string) => `scim:acme:user/${u}`;
  const g = (x: string) => `scim:acme:group/${x}`;
  before(async () => {
    t = await tempStore();
  });
  after(async () => t.close());

  it('a User with a bad attribute keeps its person, account, role and entitlement grants and memberships', async () => {
    const first = await ingestVia(t, scimConnector, ACME, { options: { system: 'acme' } });
    assert.equal(first.status, 'succeeded', JSON.stringify(first.error));
    const accessBefore = await accessOf(t.store, id('u-alice'));
    assert.deepEqual(accessBefore, ['scim:acme:entitlement/billing:read', g('g-admins'), g('g-eng'), g('g-staff'), 'scim:acme:role/admin']);

    const exported = JSON.parse(readFileSync(ACME, 'utf8'));
    const alice = exported.Resources.find((r: { id: string }) => r.id === 'u-alice');
    alice.active = 'maybe';
    alice.title = 'Principal Engineer';
    const dir = writeBundle({ 'acme-listresponse.json': exported });
    const run = await ingestVia(t, scimConnector, join(dir, 'acme-listresponse.json'), { options: { system: 'acme' } });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.mode, 'full');
    const reject = run.rejectSample.find((r) => r.field === 'active')!;
    assert.ok(reject, JSON.stringify(run.rejectSample));
    assert.deepEqual([reject.line, reject.entity, reject.key], [1, 'accounts', { id: id('u-alice') }]);
    assert.ok(run.counts['kept.accounts'] >= 1, JSON.stringify(run.counts));
    assert.ok(run.counts['kept.identities'] >= 1, JSON.stringify(run.counts));
    for (const what of ['identities', 'accounts', 'grants', 'entitlements', 'memberships']) {
      assert.equal(run.counts[`removed.${what}`] ?? 0, 0, `nothing of the rejected User is removed (${what})`);
    }
    const [person] = await identitiesById(t.store, [id('u-alice')]);
    assert.equal(person?.title, 'Staff Engineer', 'kept as loaded before: the rejected copy is not half-applied');
    const [account] = await accountsById(t.store, [id('u-alice')]);
    assert.equal(account?.status, 'enabled');
    assert.deepEqual(await accessOf(t.store, id('u-alice')), accessBefore, 'billing:read, which only alice holds, included');
    assert.deepEqual(await holders(t.store, 'scim:acme:role/admin'), [id('u-alice')]);
  });
});
