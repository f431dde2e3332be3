import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readKnownIds } from '../ingest/bundle/known-ids';
import { readGraphVersion } from '../src/graph-version';
import type { GraphStore } from '../src/store/port';
import { toCsv } from './helpers/csv';
import { accessOf, grantOf, holders } from './helpers/graph-queries';
import { tempStore, type TempStore } from './helpers/temp-store';
import { copyFixture, writeBundle } from './helpers/write-bundle';

/** Reads every record of the acme fixture whatever its encoding, keyed by entity file. */
function fixtureRecords(): Record<string, Array<Record<string, unknown>>> {
  const dir = copyFixture('acme');
  const out: Record<string, Array<Record<string, unknown>>> = {};
  for (const name of readdirSync(dir)) {
    const [entity, ext] = name.split('.');
    if (entity === 'source') continue;
    const text = readFileSync(join(dir, name), 'utf8');
    if (ext === 'ndjson') out[entity] = text.trim().split('\n').map((l) => JSON.parse(l));
    else if (ext === 'json') out[entity] = JSON.parse(text);
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}

async function graphState(store: GraphStore) {
  const known = await store.read(readKnownIds);
  const sets = Object.fromEntries(
    Object.entries(known).map(([k, v]) => [k, v instanceof Set ? [...v].sort() : [...(v as Map<string, string>).entries()].sort()]),
  );
  return { ...sets, access: await store.run('export/access-index', {}), usage: await store.run('export/usage', {}) };
}

describe('identity bundle ingest: the spec case by case', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
  });
  after(async () => t.close());

  it('loads the acme fixture (NDJSON, JSON and CSV files mixed) and resolves owners by email', async () => {
    const run = await t.ingest(copyFixture('acme'));
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.rejectCount, 0, JSON.stringify(run.rejectSample));
    assert.deepEqual(await accessOf(t.store, 'hr:bob'), ['sap:approve_payment', 'sap:create_vendor', 'sap:view_ledger']);
    assert.deepEqual(await accessOf(t.store, 'hr:alice'), ['sap:create_vendor', 'sap:view_ledger']);
  });

  it('gives a disabled account and an expired membership nothing, and an unowned account to no one', async () => {
    assert.deepEqual(await accessOf(t.store, 'hr:dave'), []);
    assert.ok(!(await holders(t.store, 'okta:admin')).length);
  });

  it('narrows a delegation chain at each hop and survives the delegation cycle', async () => {
    assert.deepEqual(await accessOf(t.store, 'agent:payments-bot'), ['sap:approve_payment', 'sap:view_ledger', 'tools:send_email']);
    assert.deepEqual(await accessOf(t.store, 'agent:payments-sub'), ['sap:approve_payment', 'tools:send_email']);
    assert.equal((await grantOf(t.store, 'agent:payments-sub', 'sap:approve_payment'))!.viaDelegation, true);
    assert.equal((await grantOf(t.store, 'agent:payments-bot', 'tools:send_email'))!.viaDelegation, false);
    assert.deepEqual(await holders(t.store, 'sap:approve_payment'), ['agent:payments-bot', 'agent:payments-sub', 'hr:bob']);
  });

  it('aggregates usage events into last use and counts, across time zones', async () => {
    const g = await grantOf(t.store, 'hr:alice', 'sap:create_vendor');
    assert.equal(g!.lastUsedAt, '2026-10-15T08:00:00.000Z');
    assert.equal(g!.useCount, 4);
  });

  it('is idempotent: the same bundle again gives the same graph, without duplicates or double-counted usage', async () => {
    const before1 = await graphState(t.store);
    const run = await t.ingest(copyFixture('acme'));
    assert.equal(run.status, 'succeeded');
    assert.deepEqual(await graphState(t.store), before1);
  });

  it('counts only newer usage events on an incremental run', async () => {
    const dir = writeBundle({
      'source.json': { source: 'acme-usage', mode: 'incremental', exportedAt: '2026-11-02T00:00:00Z' },
      usage: [
        { accountId: 'sap:alice', entitlementId: 'sap:create_vendor', at: '2026-10-01T10:00:00Z' },
        { accountId: 'sap:alice', entitlementId: 'sap:create_vendor', at: '2026-11-01T09:00:00Z', count: 2 },
      ],
    });
    assert.equal((await t.ingest(dir)).status, 'succeeded');
    const g = await grantOf(t.store, 'hr:alice', 'sap:create_vendor');
    assert.equal(g!.useCount, 6);
    assert.equal(g!.lastUsedAt, '2026-11-01T09:00:00.000Z');
  });

  it('gives the same graph from all three encodings', async () => {
    // The fixture's NDJSON and JSON files are re-encoded each way; its CSV files (systems, grants) stay as they are.
    const records = fixtureRecords();
    const states = [];
    for (const encoding of ['ndjson', 'json', 'csv'] as const) {
      const dir = copyFixture('acme');
      for (const name of readdirSync(dir)) if (/\.(ndjson|json)$/.test(name) && name !== 'source.json') rmSync(join(dir, name));
      for (const [entity, rows] of Object.entries(records)) {
        const text = encoding === 'csv' ? toCsv(rows) : encoding === 'json' ? JSON.stringify(rows) : rows.map((r) => JSON.stringify(r)).join('\n');
        writeFileSync(join(dir, `${entity}.${encoding}`), text);
      }
      const s = await tempStore();
      try {
        const run = await s.ingest(dir);
        assert.equal(run.status, 'succeeded', `${encoding}: ${JSON.stringify(run.error)}`);
        assert.equal(run.rejectCount, 0, `${encoding}: ${JSON.stringify(run.rejectSample)}`);
        states.push(await graphState(s.store));
      } finally {
        await s.close();
      }
    }
    assert.deepEqual(states[1], states[0], 'json == ndjson');
    assert.deepEqual(states[2], states[0], 'csv == ndjson');
  });
});

describe('full vs incremental runs', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
    assert.equal((await t.ingest(copyFixture('acme'))).status, 'succeeded');
    const other = writeBundle({
      'source.json': { source: 'okta', mode: 'full', exportedAt: '2026-11-01T00:00:00Z' },
      accounts: [{ id: 'okta:alice', systemId: 'okta', identityId: 'hr:alice', status: 'enabled' }],
      grants: [{ holderId: 'okta:alice', holderType: 'account', entitlementId: 'okta:admin' }],
    });
    assert.equal((await t.ingest(other)).status, 'succeeded');
  });
  after(async () => t.close());

  it('an incremental run only adds and updates', async () => {
    const dir = writeBundle({
      'source.json': { source: 'acme-hr', mode: 'incremental', exportedAt: '2026-11-02T00:00:00Z' },
      identities: [{ id: 'hr:erin', kind: 'human', displayName: 'Erin', status: 'active' }],
    });
    const run = await t.ingest(dir);
    assert.equal(run.status, 'succeeded');
    const ids = (await t.store.read(readKnownIds)).identities;
    assert.ok(ids.has('hr:erin') && ids.has('hr:dave') && ids.has('hr:alice'));
  });

  it('a full run removes what the source no longer supplies, and nothing of other sources', async () => {
    const dir = copyFixture('acme');
    const keep = (file: string, drop: (line: string) => boolean) => {
      const path = join(dir, file);
      writeFileSync(path, readFileSync(path, 'utf8').split('\n').filter((l) => !drop(l)).join('\n'));
    };
    keep('identities.ndjson', (l) => l.includes('"hr:dave"'));
    keep('grants.csv', (l) => l.startsWith('sap:grp:ap-senior,'));
    const run = await t.ingest(dir);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.counts['removed.identities'], 2, 'dave, and erin who the full export no longer has');
    assert.equal(run.counts['removed.grants'], 1);
    const ids = (await t.store.read(readKnownIds)).identities;
    assert.ok(!ids.has('hr:dave') && !ids.has('hr:erin'));
    assert.deepEqual(await holders(t.store, 'sap:approve_payment'), [], 'the revoked grant is gone for bob and his agents');
    assert.deepEqual(await accessOf(t.store, 'hr:alice'), ['okta:admin', 'sap:create_vendor', 'sap:view_ledger'], 'okta source untouched');
  });

  it('a failed full run removes nothing and keeps the graph version', async () => {
    const version = await readGraphVersion(t.store);
    const before1 = await graphState(t.store);
    const dir = writeBundle({
      'source.json': { source: 'acme-hr', mode: 'full', exportedAt: '2026-11-03T00:00:00Z' },
      identities: [{ id: 'hr:alice', kind: 'human', displayName: 'Alice Ng', status: 'active' }],
      'accounts.json': '[ { "id": "broken" ',
    });
    const run = await t.ingest(dir);
    assert.equal(run.status, 'failed');
    assert.match(run.error!.message, /accounts\.json/);
    assert.deepEqual(await graphState(t.store), before1);
    assert.equal(await readGraphVersion(t.store), version);
  });

  it('a full run keeps what a rejected record names instead of treating the typo as a revocation', async () => {
    const dir = copyFixture('acme');
    const path = join(dir, 'identities.ndjson');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"id":"hr:alice","kind":"human"', '"id":"hr:alice","kind":"robot"'));
    const grants = join(dir, 'grants.csv');
    writeFileSync(grants, readFileSync(grants, 'utf8').replace('sap:grp:ap,group,sap:create_vendor,,', 'sap:grp:ap,groupp,sap:create_vendor,,'));
    const run = await t.ingest(dir);
    assert.equal(run.status, 'succeeded');
    assert.equal(run.rejectCount, 2);
    assert.equal(run.counts['kept.identities'], 1);
    assert.equal(run.counts['kept.grants'], 1);
    assert.equal(run.counts['removed.identities'], 0);
    assert.equal(run.counts['removed.grants'], 0);
    assert.ok((await t.store.read(readKnownIds)).identities.has('hr:alice'));
    assert.deepEqual(await accessOf(t.store, 'hr:alice'), ['okta:admin', 'sap:create_vendor', 'sap:view_ledger']);
  });

  it('strict mode refuses the whole run when any record is rejected', async () => {
    const before1 = await graphState(t.store);
    const dir = writeBundle({
      identities: [
        { id: 'hr:zed', kind: 'human', displayName: 'Zed', status: 'active' },
        { id: 'hr:bad', kind: 'robot', displayName: 'Bad', status: 'active' },
      ],
    });
    const run = await t.ingest(dir, { strict: true });
    assert.equal(run.status, 'failed');
    assert.equal(run.error!.code, 'BUNDLE_REJECTED');
    assert.equal(run.rejectSample[0].line, 2);
    assert.equal(run.rejectSample[0].field, 'kind');
    assert.deepEqual(await graphState(t.store), before1);
  });
});

describe('expiry is judged when access is read, not only when it was indexed', () => {
  it('drops a grant whose only path expired after the ingest', async () => {
    const t = await tempStore();
    try {
      const dir = writeBundle({
        identities: [{ id: 'p', kind: 'human', displayName: 'P', status: 'active' }],
        systems: [{ id: 's', name: 'S' }],
        accounts: [{ id: 'a', systemId: 's', identityId: 'p', status: 'enabled' }],
        groups: [{ id: 'g', systemId: 's', name: 'G' }],
        entitlements: [{ id: 'e', systemId: 's', name: 'E' }],
        memberships: [{ memberId: 'a', memberType: 'account', groupId: 'g', expiresAt: '2027-01-01T00:00:00Z' }],
        grants: [{ holderId: 'g', holderType: 'group', entitlementId: 'e' }],
      });
      const run = await t.ingest(dir, { now: () => new Date('2026-11-01T00:00:00Z') });
      assert.equal(run.status, 'succeeded');
      assert.deepEqual(await accessOf(t.store, 'p', '2026-12-31T00:00:00.000Z'), ['e']);
      assert.deepEqual(await accessOf(t.store, 'p', '2027-01-02T00:00:00.000Z'), []);
    } finally {
      await t.close();
    }
  });
});
