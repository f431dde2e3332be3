import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Payload } from '../ingest/core/connector';
import { transformAwsLog } from '../ingest/usage/aws-log-transform';
import { CLOUDTRAIL, cloudtrailConnector } from '../ingest/usage/cloudtrail-connector';
import { AwsUsageOptions } from '../ingest/usage/options';
import { probePath } from '../ingest/core/probe';
import { transformFrom } from './helpers/connector-run';
import { tempDir } from './helpers/temp-dir';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';

const PANTHER = () => sharedData('panther-detection-tests', 'aws-cloudtrail.labelled-events.ndjson');
const NOW = { now: new Date('2026-11-01T00:00:00Z') };

function run(payloads: Payload[], options: unknown = {}) {
  return transformAwsLog(CLOUDTRAIL, payloads, AwsUsageOptions.parse(options), NOW);
}

function filePayload(path: string, name = path.split('/').pop()!): Payload {
  return { name, text: readFileSync(path, 'utf8') };
}

function usageOf(records: Array<{ value: unknown }>, accountId: string, entitlementId: string) {
  return records.map((r) => r.value as { accountId: string; entitlementId: string; at: string; count: number }).filter((u) => u.accountId === accountId && u.entitlementId === entitlementId);
}

describe('cloudtrail connector on the Panther CloudTrail test events (461 labelled rows)', { skip: skipWithoutSharedData }, () => {
  it('accounts for every event: used, failed, not attributable, sign-in or rejected (counts checked independently)', () => {
    const { stats, result } = run([filePayload(PANTHER())]);
    // Counts re-derived with a separate Python script from the documented rules.
    assert.equal(stats.events, 461);
    assert.deepEqual(stats.used, { 'action entitlement': 315 });
    assert.deepEqual(stats.failed, { 'access denied': 38, 'other error': 27, 'sign-in failure': 3 });
    assert.deepEqual(stats.notAttributable, {
      'AWS service principal': 2,
      'IAM user without name or account': 10,
      'federated user session': 2,
      'no principal in the event': 9,
      'no principal type': 2,
      'principal of another AWS account': 4,
      'role session without role name': 6,
      'root user (no account id for it)': 11,
    });
    assert.deepEqual(stats.skipped, { 'sign-in (no signInEntitlement configured)': 16 });
    assert.equal(stats.rejected, 16);
    assert.equal(stats.records, 232);
    assert.equal(result.records.usage.length, 232);
    assert.equal(result.source.source, 'cloudtrail:multi-account');
    assert.equal(result.source.mode, 'incremental');
    assert.match(result.notes[0], /^cloudtrail: 461 events: 315 used \(action entitlement: 315\), 68 failed, not counted as usage/);
  });

  it('aggregates a pair into count and latest time, with the action named from eventSource and eventName', () => {
    const usage = run([filePayload(PANTHER())]).result.records.usage;
    assert.deepEqual(usageOf(usage, 'aws:123456789012:user/contractor', 'aws:123456789012:action/rds:ModifyDBCluster').map((u) => [u.at, u.count]), [
      ['2024-01-15T16:45:00.000Z', 1],
      ['2024-01-15T18:20:00.000Z', 1],
    ]);
    // Three GetParameters calls in one second (Panther's zone-less time, read as UTC) fold into one record.
    assert.deepEqual(usageOf(usage, 'aws:111122223333:role/SampleRole', 'aws:111122223333:action/ssm:GetParameters'), [
      { accountId: 'aws:111122223333:role/SampleRole', entitlementId: 'aws:111122223333:action/ssm:GetParameters', at: '2025-02-14T19:42:57.000Z', count: 3 },
    ]);
    // Lambda logs API-versioned event names; the action is what policies call it.
    assert.equal(usageOf(usage, 'aws:123456789012:user/john.developer', 'aws:123456789012:action/lambda:UpdateFunctionConfiguration').length, 1);
    assert.ok(!usage.some((r) => /20150331/.test((r.value as { entitlementId: string }).entitlementId)));
  });

  it('maps an assumed-role session to the role account, even when the ARN lacks the session part', () => {
    const usage = run([filePayload(PANTHER())]).result.records.usage;
    const creates = usageOf(usage, 'aws:123456789012:role/tester', 'aws:123456789012:action/iam:CreateUser');
    assert.deepEqual(creates.map((u) => u.count), [5]);
    assert.ok(!usage.some((r) => /assumed-role|session/.test((r.value as { accountId: string }).accountId)));
  });

  it('never counts a failed call as usage: contractor was denied rds:AddRoleToDBInstance', () => {
    const usage = run([filePayload(PANTHER())]).result.records.usage;
    assert.equal(usageOf(usage, 'aws:123456789012:user/contractor', 'aws:123456789012:action/rds:AddRoleToDBInstance').length, 0);
    // developer: 14 rds events, 12 failed (10 AccessDenied); only the 2 that succeeded are usage.
    const dev = usage.filter((r) => (r.value as { accountId: string }).accountId === 'aws:123456789012:user/developer');
    assert.deepEqual(dev.map((r) => (r.value as { entitlementId: string }).entitlementId).sort(), [
      'aws:123456789012:action/rds:AddRoleToDBCluster',
      'aws:123456789012:action/rds:StartExportTask',
    ]);
  });

  it('reads Panther lower-cased column names (eventname, useridentity.accountid) like camelCase ones', () => {
    // Lines 103 and 107: the same role session with lower-cased identity keys; 107 was refused (UnauthorizedOperation).
    const lines = readFileSync(PANTHER(), 'utf8').split('\n');
    const { stats, result } = run([{ name: 'lower.ndjson', text: [lines[102], lines[106], lines[33]].join('\n') }]);
    assert.deepEqual(
      result.records.usage.map((r) => r.value),
      [{ accountId: 'aws:112233445566:role/TestAdmin', entitlementId: 'aws:112233445566:action/ec2:AuthorizeSecurityGroupIngress', at: '2021-01-24T04:55:45.000Z', count: 1 }],
    );
    assert.deepEqual(stats.failed, { 'access denied': 1 });
    assert.deepEqual(stats.notAttributable, { 'no principal in the event': 1 });
  });

  it('rejects events without a usable time or event source, naming file, line and field', () => {
    const { result } = run([filePayload(PANTHER())]);
    const byLine = new Map(result.rejects.map((r) => [r.line, r]));
    assert.deepEqual([...byLine.keys()].sort((a, b) => a - b), [35, 36, 37, 38, 95, 328, 334, 335, 395, 396, 397, 398, 399, 452, 458, 461]);
    const r328 = byLine.get(328)!;
    assert.deepEqual([r328.file, r328.line, r328.field, r328.reason], [
      'aws-cloudtrail.labelled-events.ndjson',
      328,
      'eventTime',
      'eventTime "redacted" is not an ISO-8601 time',
    ]);
    assert.equal(byLine.get(334)!.field, 'eventSource');
    assert.equal(byLine.get(35)!.reason, 'eventTime is missing');
  });

  it('gives sign-ins to a configured sign-in entitlement, per AWS account', () => {
    const { stats, result } = run([filePayload(PANTHER())], { signInEntitlement: 'aws:{accountId}:signin' });
    assert.deepEqual(stats.used, { 'action entitlement': 315, 'sign-in entitlement': 16 });
    assert.deepEqual(usageOf(result.records.usage, 'aws:111122223333:user/anaya', 'aws:111122223333:signin').map((u) => u.at), ['2022-11-10T16:24:34.000Z']);
  });

  it('is deterministic: the same input gives the same records in the same order', () => {
    const a = run([filePayload(PANTHER())]).result;
    const b = run([filePayload(PANTHER())]).result;
    assert.deepEqual(b.records.usage, a.records.usage);
    assert.deepEqual(b.rejects, a.rejects);
  });

  it('aggregates per UTC day when asked: one record per pair and day at the latest event', () => {
    const { stats, result } = run([filePayload(PANTHER())], { aggregate: 'day' });
    const mods = usageOf(result.records.usage, 'aws:123456789012:user/contractor', 'aws:123456789012:action/rds:ModifyDBCluster');
    assert.deepEqual(mods.map((u) => [u.at, u.count]), [['2024-01-15T18:20:00.000Z', 2]]);
    assert.ok(stats.records < 232);
  });
});

describe('cloudtrail connector: file shapes', { skip: skipWithoutSharedData }, () => {
  const raw = () => sharedData('ocsf-examples', 'aws-cloudtrail-v1.1.account_change.raw.json');

  it('reads a delivered trail folder: {"Records": [...]} gzipped, element positions as lines, digests left out', async () => {
    const event = JSON.parse(readFileSync(raw(), 'utf8'));
    const failed = { ...event, errorCode: 'AccessDenied', eventID: 'denied-copy' };
    const dir = tempDir('whohas-trail-');
    const name = '112233445566_CloudTrail_us-east-1_20230317T1710Z_a1b2c3.json.gz';
    writeFileSync(join(dir, name), gzipSync(JSON.stringify({ Records: [event, failed, { eventName: 'X' }] })));
    // Digest files are delivered beside the logs and hold hashes, not events: not read.
    const digest = { awsAccountId: '112233445566', digestStartTime: '2023-03-17T16:10:00Z', logFiles: [] };
    writeFileSync(join(dir, '112233445566_CloudTrail-Digest_us-east-1_trail_us-east-1_20230317T171000Z.json.gz'), gzipSync(JSON.stringify(digest)));
    const { result } = await transformFrom(cloudtrailConnector, dir);
    assert.deepEqual(
      result.records.usage.map((r) => r.value),
      [{ accountId: 'aws:112233445566:role/Admin', entitlementId: 'aws:112233445566:action/iam:CreateUser', at: '2023-03-17T17:07:59.000Z', count: 1 }],
    );
    assert.deepEqual(result.rejects.map((r) => [r.file, r.line, r.field]), [[name, 3, 'eventSource']]);
    assert.equal(result.source.source, 'cloudtrail:112233445566');
    assert.ok(cloudtrailConnector.detect!(await probePath(dir)));
  });

  it('detects CloudTrail by content, and not OCSF or Okta files', async () => {
    assert.ok(cloudtrailConnector.detect!(await probePath(PANTHER())));
    assert.ok(cloudtrailConnector.detect!(await probePath(raw())));
    assert.ok(!cloudtrailConnector.detect!(await probePath(sharedData('ocsf-examples', 'aws-cloudtrail-v1.1.account_change.ocsf.json'))));
    assert.ok(!cloudtrailConnector.detect!(await probePath(sharedData('panther-detection-tests', 'okta-systemlog.labelled-events.ndjson'))));
  });

  it('refuses unknown options before reading anything', async () => {
    await assert.rejects(transformFrom(cloudtrailConnector, raw(), { bucket: 'day' }), (e: Error & { code?: string }) => e.code === 'CONFIG_INVALID');
  });
});
