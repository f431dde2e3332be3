import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { scimConnector } from '../ingest/scim';
import { identitiesById } from '../src/read/graph-reader';
import { ingestVia } from './helpers/connector-run';
import { accessOf, holders } from './helpers/graph-queries';
import { tempStore } from './helpers/temp-store';
import { startScimmy, type ScimmyServer } from './fixtures/scim/scimmy-server';

const TOKEN_ENV = 'WHOHAS_TEST_SCIM_TOKEN';
const TOKEN = 'live-test-token-5f1c9e';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const USERS = 230;

const options = (extra: Record<string, unknown> = {}) => scimConnector.options.parse({ tokenEnv: TOKEN_ENV, system: 'live', ...extra });

describe('scim connector: live pull from a SCIM server (SCIMMY on loopback)', () => {
  let server: ScimmyServer;
  const ids: string[] = [];
  let eng = '';
  let staff = '';

  before(async () => {
    process.env[TOKEN_ENV] = TOKEN;
    server = await startScimmy(TOKEN);
    for (let i = 0; i < USERS; i++) {
      const manager = ids[0] ? { [ENTERPRISE]: { employeeNumber: String(5000 + i), manager: { value: ids[0] } } } : {};
      ids.push(
        await server.addUser({
          schemas: ids[0] ? [USER, ENTERPRISE] : [USER],
          userName: `user${i}`,
          displayName: `User ${i}`,
          active: i !== 2,
          emails: [{ value: `user${i}@example.org`, primary: true }],
          ...(i < 3 ? { roles: [{ value: 'auditor', display: 'Auditor' }] } : {}),
          ...manager,
        }),
      );
    }
    eng = await server.addGroup({ schemas: [GROUP], displayName: 'Engineering', members: [{ value: ids[1], type: 'User' }, { value: ids[2], type: 'User' }] });
    staff = await server.addGroup({ schemas: [GROUP], displayName: 'All Staff', members: [{ value: eng, type: 'Group' }, { value: ids[3], type: 'User' }] });
  });
  after(async () => {
    delete process.env[TOKEN_ENV];
    await server.close();
  });

  it('pages /Users and /Groups by startIndex and count until totalResults, one payload per page', async () => {
    server.requests.length = 0;
    const payloads = await scimConnector.get(server.url, options(), { maxFileBytes: 50 * 1024 * 1024 });
    assert.deepEqual(payloads.map((p) => p.name), [
      'GET /Users?startIndex=1&count=100',
      'GET /Users?startIndex=101&count=100',
      'GET /Users?startIndex=201&count=100',
      'GET /Groups?startIndex=1&count=100',
    ]);
    assert.deepEqual(server.requests, payloads.map((p) => p.name.replace('GET /', 'GET /scim/v2/')));
    const result = scimConnector.transform(payloads, options(), { now: new Date('2026-11-01T00:00:00Z') });
    assert.equal(result.records.accounts.length, USERS);
    assert.equal(result.records.groups.length, 2);
    assert.deepEqual(result.rejects, []);
    assert.deepEqual(result.records.accounts[100], { file: 'GET /Users?startIndex=101&count=100', line: 1, value: result.records.accounts[100].value });
  });

  it('lands users, groups and nested memberships in the graph', async () => {
    const t = await tempStore();
    try {
      const run = await ingestVia(t, scimConnector, server.url, { options: { tokenEnv: TOKEN_ENV, pageSize: 75 } });
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
      assert.equal(run.rejectCount, 0, JSON.stringify(run.rejectSample));
      assert.equal(run.source, 'scim:127.0.0.1-' + new URL(server.url).port);
      const sys = run.source;
      const id = (u: string) => `${sys}:user/${u}`;
      assert.equal(run.counts.identities, USERS);
      assert.equal(run.counts.memberships, 4);
      const engEnt = `${sys}:group/${eng}`;
      const staffEnt = `${sys}:group/${staff}`;
      // ids[1] is in Engineering, which is in All Staff; ids[2] too, but disabled; ids[3] directly in All Staff.
      assert.deepEqual(await accessOf(t.store, id(ids[1])), [engEnt, staffEnt, `${sys}:role/auditor`].sort());
      assert.deepEqual(await accessOf(t.store, id(ids[2])), []);
      assert.deepEqual(await holders(t.store, staffEnt), [id(ids[1]), id(ids[3])].sort());
      assert.deepEqual(await holders(t.store, `${sys}:role/auditor`), [id(ids[0]), id(ids[1])].sort());
      const [last] = await identitiesById(t.store, [id(ids[USERS - 1])]);
      assert.equal(last!.managerId, id(ids[0]));
      assert.equal(last!.attributes.employeeNumber, String(5000 + USERS - 1));
      assert.equal(last!.email, `user${USERS - 1}@example.org`);
    } finally {
      await t.close();
    }
  });

  it('fails with SOURCE_AUTH_FAILED naming the URL and the env var, never the token', async () => {
    process.env.WHOHAS_TEST_SCIM_WRONG = 'not-the-token';
    try {
      const lines: string[] = [];
      const ctx = { maxFileBytes: 1 << 20, log: (m: string, f?: object) => lines.push(m + JSON.stringify(f ?? {})) };
      await assert.rejects(scimConnector.get(server.url, options({ tokenEnv: 'WHOHAS_TEST_SCIM_WRONG' }), ctx), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'SOURCE_AUTH_FAILED');
        assert.equal(e.message, `${server.url}/Users?startIndex=1&count=100 answered 401: the bearer token in $WHOHAS_TEST_SCIM_WRONG was refused`);
        return true;
      });
      await assert.rejects(scimConnector.get(server.url, options({ tokenEnv: 'WHOHAS_TEST_SCIM_UNSET' }), ctx), {
        code: 'SOURCE_AUTH_FAILED',
        message: /answered 401: \$WHOHAS_TEST_SCIM_UNSET is not set, so no bearer token was sent$/,
      });
      await scimConnector.get(server.url, options(), ctx);
      assert.ok(lines.length > 0);
      assert.ok(lines.every((l) => !l.includes(TOKEN) && !l.includes('not-the-token')), lines.join('\n'));
    } finally {
      delete process.env.WHOHAS_TEST_SCIM_WRONG;
    }
  });
});
