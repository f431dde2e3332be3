import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GraphStore } from '../src/store/port';
import { cloudtrailConnector } from '../ingest/usage';
import { ingestVia } from './helpers/connector-run';
import { grantOf } from './helpers/graph-queries';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';
import { tempStore, type TempStore } from './helpers/temp-store';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'usage');
const AWS_BUNDLE = join(FIXTURES, 'aws-bundle');
const IAM_EXPORT = join(FIXTURES, 'iam-export-123456789012.json');
const TRAIL = () => sharedData('panther-detection-tests', 'aws-cloudtrail.labelled-events.ndjson');

/** Every USED edge as `account -> entitlement = count @ lastUsedAt`, sorted. */
async function usedEdges(store: GraphStore): Promise<string[]> {
  const rows = await store.run('export/usage', {});
  return rows.map((r) => `${r.accountId} -> ${r.entitlementId} = ${r.count} @ ${r.lastUsedAt}`);
}

async function freshStore(): Promise<TempStore> {
  const t = await tempStore();
  const run = await t.ingest(AWS_BUNDLE);
  assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
  assert.equal(run.rejectCount, 0, JSON.stringify(run.rejectSample));
  return t;
}

describe('CloudTrail usage into a real store, attributed to action entitlements (no IAM export)', { skip: skipWithoutSharedData }, () => {
  let t: TempStore;
  before(async () => {
    t = await freshStore();
  });
  after(async () => t.close());

  it('lands usage on exactly the fixture pairs, and rejects usage of accounts the graph does not have', async () => {
    const run = await ingestVia(t, cloudtrailConnector, TRAIL(), { options: { signInEntitlement: 'aws:{accountId}:signin' } });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.source, 'cloudtrail:multi-account');
    assert.equal(run.mode, 'incremental');
    assert.deepEqual(await usedEdges(t.store), [
      'aws:111122223333:role/SampleRole -> aws:111122223333:action/ec2:DescribeInstances = 1 @ 2025-02-19T18:00:45.000Z',
      'aws:111122223333:role/SampleRole -> aws:111122223333:action/ssm:GetParameters = 3 @ 2025-02-14T19:42:57.000Z',
      'aws:111122223333:role/SampleRole -> aws:111122223333:action/ssm:SendCommand = 3 @ 2025-02-19T16:32:39.000Z',
      'aws:111122223333:user/anaya -> aws:111122223333:signin = 1 @ 2022-11-10T16:24:34.000Z',
      'aws:123456789012:role/DBARole -> aws:123456789012:action/rds:AddRoleToDBInstance = 1 @ 2024-01-17T13:00:00.000Z',
      'aws:123456789012:role/DBARole -> aws:123456789012:action/rds:DeleteDBInstance = 1 @ 2024-01-15T14:30:00.000Z',
      'aws:123456789012:role/DBARole -> aws:123456789012:action/rds:ModifyDBInstance = 2 @ 2024-01-15T18:20:00.000Z',
      'aws:123456789012:role/MyAppRole -> aws:123456789012:action/ec2:DescribeInstances = 3 @ 2024-01-15T10:30:00.000Z',
      'aws:123456789012:user/contractor -> aws:123456789012:action/rds:DeleteDBInstance = 1 @ 2024-01-15T14:30:00.000Z',
      'aws:123456789012:user/contractor -> aws:123456789012:action/rds:ModifyDBCluster = 2 @ 2024-01-15T18:20:00.000Z',
    ]);
    // 12 records for 10 pairs: two ModifyDBCluster and two ModifyDBInstance calls happened at different instants.
    assert.equal(run.counts.usage, 12);
    // 16 malformed events, plus the 243 - 12 usage records (232 API + 11 sign-in) whose account or
    // entitlement the graph does not have: the pipeline rejects those, naming the missing id.
    assert.equal(run.rejectCount, 16 + 231);
    const rejects = readFileSync(run.rejectReport!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const tester = rejects.find((r) => r.field === 'accountId' && r.key?.accountId === 'aws:123456789012:role/tester');
    assert.match(tester.reason, /aws:123456789012:role\/tester/);
    assert.equal(tester.file, 'aws-cloudtrail.labelled-events.ndjson');
    assert.ok(run.notes.some((n) => n.startsWith('cloudtrail: 461 events: 331 used (action entitlement: 315; sign-in entitlement: 16)')));
  });

  it('shows as last use and use count on the identity that owns the account', async () => {
    const g = await grantOf(t.store, 'hr:2041', 'aws:123456789012:action/rds:ModifyDBCluster');
    assert.equal(g!.lastUsedAt, '2024-01-15T18:20:00.000Z');
    assert.equal(g!.useCount, 2);
    // Held but only ever refused: never used.
    const denied = await grantOf(t.store, 'hr:2041', 'aws:123456789012:action/rds:AddRoleToDBInstance');
    assert.ok(denied);
    assert.equal(denied.useCount ?? 0, 0);
    assert.equal(denied.lastUsedAt ?? null, null);
  });

  it('counts nothing twice when the same log is read again (a scheduled job re-reading its folder)', async () => {
    const before1 = await usedEdges(t.store);
    const run = await ingestVia(t, cloudtrailConnector, TRAIL(), { options: { signInEntitlement: 'aws:{accountId}:signin' } });
    assert.equal(run.status, 'succeeded');
    assert.deepEqual(await usedEdges(t.store), before1);
  });
});

describe('CloudTrail usage attributed through an IAM export (policy match)', { skip: skipWithoutSharedData }, () => {
  let t: TempStore;
  let run: Awaited<ReturnType<typeof ingestVia>>;
  before(async () => {
    t = await freshStore();
    run = await ingestVia(t, cloudtrailConnector, TRAIL(), { options: { iamExport: IAM_EXPORT } });
  });
  after(async () => t.close());

  it('puts each call on the narrowest policy that allows it; other accounts fall back to action entitlements', async () => {
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.deepEqual(await usedEdges(t.store), [
      'aws:111122223333:role/SampleRole -> aws:111122223333:action/ec2:DescribeInstances = 1 @ 2025-02-19T18:00:45.000Z',
      'aws:111122223333:role/SampleRole -> aws:111122223333:action/ssm:GetParameters = 3 @ 2025-02-14T19:42:57.000Z',
      'aws:111122223333:role/SampleRole -> aws:111122223333:action/ssm:SendCommand = 3 @ 2025-02-19T16:32:39.000Z',
      'aws:123456789012:role/DBARole -> aws:123456789012:inline/role/DBARole/modify-instances = 2 @ 2024-01-15T18:20:00.000Z',
      'aws:123456789012:role/DBARole -> aws:123456789012:policy/AmazonRDSFullAccess = 6 @ 2024-01-18T06:15:00.000Z',
      'aws:123456789012:role/MyAppRole -> aws:123456789012:inline/role/MyAppRole/app-data = 5 @ 2024-01-15T10:30:00.000Z',
      'aws:123456789012:role/MyAppRole -> aws:123456789012:policy/AmazonSSMManagedInstanceCore = 3 @ 2024-01-15T10:30:00.000Z',
      'aws:123456789012:user/contractor -> aws:123456789012:policy/RDSClusterOperations = 5 @ 2024-01-18T06:15:00.000Z',
      'aws:123456789012:user/developer -> aws:123456789012:policy/RDSExportTasks = 1 @ 2024-01-15T10:30:00.000Z',
    ]);
  });

  it('reports the attribution per method in the run notes (counts re-derived independently)', () => {
    const note = run.notes.find((n) => n.startsWith('cloudtrail: 461 events'))!;
    assert.match(note, /143 used \(action entitlement: 121; policy match: 22\)/);
    assert.match(note, /no matching account in the IAM export: 168/);
    assert.match(note, /explicit Deny in the IAM export: 1/);
    assert.match(note, /no covering policy in the IAM export: 3/);
  });

  it('gives a group-granted policy its use on the member identity, and a refused call none', async () => {
    const viaGroup = await grantOf(t.store, 'hr:2041', 'aws:123456789012:policy/RDSClusterOperations');
    assert.deepEqual([viaGroup!.lastUsedAt, viaGroup!.useCount], ['2024-01-18T06:15:00.000Z', 5]);
    // developer's only rds:Describe* call was AccessDenied: the read-only policy stays unused.
    const readOnly = await grantOf(t.store, 'hr:1187', 'aws:123456789012:policy/AmazonRDSReadOnlyAccess');
    assert.ok(readOnly);
    assert.equal(readOnly.lastUsedAt ?? null, null);
    // A Deny policy is never "used".
    const deny = await grantOf(t.store, 'hr:2041', 'aws:123456789012:inline/user/contractor/deny-instance-deletion');
    assert.equal(deny!.lastUsedAt ?? null, null);
  });
});
