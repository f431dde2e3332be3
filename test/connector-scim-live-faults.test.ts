import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { scimConnector } from '../ingest/scim';
import { listPage, startFaultServer, type FaultServer, type Scripted } from './fixtures/scim/fault-server';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const user = (id: string) => ({ schemas: [USER], id, userName: id });
const ok = (resources: unknown[], total = resources.length, start = 1): Scripted => () => ({ status: 200, body: listPage(resources, total, start) });
const emptyGroups = ok([]);
const fast = (extra: Record<string, unknown> = {}) => scimConnector.options.parse({ system: 'f', tokenEnv: 'WHOHAS_TEST_NO_SUCH_ENV', retryBaseMs: 20, ...extra });
const ctx = { maxFileBytes: 1 << 20 };

describe('scim connector: live pull under faults (loopback fault injector)', () => {
  const servers: FaultServer[] = [];
  const start = async (script: Scripted[], fallback?: Scripted) => {
    const s = await startFaultServer(script, fallback);
    servers.push(s);
    return s;
  };
  after(async () => {
    for (const s of servers) await s.close();
  });

  it('waits out a 429 for the Retry-After seconds, then goes on', async () => {
    const s = await start([() => ({ status: 429, headers: { 'retry-after': '1' } }), ok([user('a')]), emptyGroups]);
    const payloads = await scimConnector.get(s.url, fast(), ctx);
    assert.deepEqual(payloads.map((p) => p.name), ['GET /Users?startIndex=1&count=100', 'GET /Groups?startIndex=1&count=100']);
    assert.equal(s.seen.length, 3);
    assert.ok(s.seen[1].at - s.seen[0].at >= 950, `waited ${s.seen[1].at - s.seen[0].at} ms`);
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    const when = () => new Date(Date.now() + 2000).toUTCString();
    const s = await start([() => ({ status: 429, headers: { 'retry-after': when() } }), ok([user('a')]), emptyGroups]);
    await scimConnector.get(s.url, fast({ retryBaseMs: 0 }), ctx);
    const waited = s.seen[1].at - s.seen[0].at;
    // The date has whole seconds, so the wait is 1-2 s; a back-off of 0 ms would not come near it.
    assert.ok(waited >= 900 && waited <= 2500, `waited ${waited} ms`);
  });

  it('refuses to stall when Retry-After is beyond maxRetryWaitMs', async () => {
    const s = await start([() => ({ status: 429, headers: { 'retry-after': '3600' } })]);
    await assert.rejects(scimConnector.get(s.url, fast({ maxRetryWaitMs: 1000 }), ctx), {
      code: 'SOURCE_UNAVAILABLE',
      message: /is rate-limited and asks to wait 3600 s, more than maxRetryWaitMs/,
    });
    assert.equal(s.seen.length, 1);
  });

  it('backs off exponentially on 5xx and succeeds when the server recovers', async () => {
    const fail = (status: number): Scripted => () => ({ status, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail: 'busy' } });
    const s = await start([fail(503), fail(502), ok([user('a')]), emptyGroups]);
    const logs: string[] = [];
    await scimConnector.get(s.url, fast({ retryBaseMs: 50 }), { ...ctx, log: (m) => logs.push(m) });
    assert.equal(s.seen.length, 4);
    assert.ok(s.seen[1].at - s.seen[0].at >= 45);
    assert.ok(s.seen[2].at - s.seen[1].at >= 95, 'the second wait doubles');
    assert.ok(logs.some((l) => l.endsWith('/Users?startIndex=1&count=100: 503 Service Unavailable: busy; retrying in 50 ms')), logs.join('\n'));
  });

  it('gives up after maxRetries with SOURCE_UNAVAILABLE naming the last failure', async () => {
    const s = await start([], () => ({ status: 500 }));
    await assert.rejects(scimConnector.get(s.url, fast({ maxRetries: 2, retryBaseMs: 5 }), ctx), {
      code: 'SOURCE_UNAVAILABLE',
      message: `${s.url}/Users?startIndex=1&count=100 still failing after 3 attempt(s): 500 Internal Server Error`,
    });
    assert.equal(s.seen.length, 3);
  });

  it('fails with SOURCE_UNAVAILABLE when nothing listens, after retrying', async () => {
    const s = await start([]);
    await s.close();
    servers.pop();
    await assert.rejects(scimConnector.get(s.url, fast({ maxRetries: 1, retryBaseMs: 5 }), ctx), {
      code: 'SOURCE_UNAVAILABLE',
      message: /still failing after 2 attempt\(s\): ECONNREFUSED$/,
    });
  });

  it('fails at once with SOURCE_AUTH_FAILED on 403, sending the token as a bearer header', async () => {
    process.env.WHOHAS_TEST_SCIM_FAULT = 'fault-token';
    try {
      const s = await start([() => ({ status: 403, body: { detail: 'forbidden' } })]);
      await assert.rejects(scimConnector.get(s.url, fast({ tokenEnv: 'WHOHAS_TEST_SCIM_FAULT' }), ctx), {
        code: 'SOURCE_AUTH_FAILED',
        message: `${s.url}/Users?startIndex=1&count=100 answered 403: the bearer token in $WHOHAS_TEST_SCIM_FAULT was refused`,
      });
      assert.deepEqual(s.seen.map((x) => x.authorization), ['Bearer fault-token']);
    } finally {
      delete process.env.WHOHAS_TEST_SCIM_FAULT;
    }
  });

  it('pages by what came back when the server returns fewer than count', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map(user);
    const s = await start([ok(all.slice(0, 2), 5, 1), ok(all.slice(2, 4), 5, 3), ok(all.slice(4), 5, 5), emptyGroups]);
    const payloads = await scimConnector.get(s.url, fast(), ctx);
    assert.deepEqual(s.seen.map((x) => x.line), [
      '/scim/v2/Users?startIndex=1&count=100',
      '/scim/v2/Users?startIndex=3&count=100',
      '/scim/v2/Users?startIndex=5&count=100',
      '/scim/v2/Groups?startIndex=1&count=100',
    ].map((p) => `GET ${p}`));
    const result = scimConnector.transform(payloads, fast(), { now: new Date('2026-11-01T00:00:00Z') });
    assert.equal(result.records.accounts.length, 5);
  });

  it('refuses a page larger than maxFileBytes with BUNDLE_FILE_TOO_LARGE', async () => {
    const s = await start([ok(Array.from({ length: 200 }, (_, i) => user(`user-${i}`)))]);
    await assert.rejects(scimConnector.get(s.url, fast(), { maxFileBytes: 4096 }), {
      code: 'BUNDLE_FILE_TOO_LARGE',
      message: `${s.url}/Users?startIndex=1&count=100 returned more than 4096 bytes (WHOHAS_MAX_FILE_MB); lower pageSize`,
    });
  });

  it('says so when a 200 is not a SCIM ListResponse (a login page, a wrong base URL)', async () => {
    const s = await start([() => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Sign in</html>' })]);
    await assert.rejects(scimConnector.get(s.url, fast(), ctx), {
      code: 'SOURCE_UNAVAILABLE',
      message: /\/scim\/v2\/Users did not return a SCIM ListResponse \(no totalResults\): is http:\/\/127\.0\.0\.1:\d+ a SCIM base URL\?/,
    });
  });
});
