import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { awsIamConnector } from '../ingest/aws-iam';
import { accountsById } from '../src/read/graph-reader';
import { ingestVia, transformFrom } from './helpers/connector-run';
import { accessOf, grantOf } from './helpers/graph-queries';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';
import { tempStore, type TempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

const DEMO = sharedData('aws-iam-cloudmapper-demo');
const NOW = new Date('2026-11-01T00:00:00Z');
const A = 'aws:123456789012';
const demoFile = (name: string) => readFileSync(sharedData('aws-iam-cloudmapper-demo', name), 'utf8');

describe('AWS IAM connector: credential report and service-last-accessed (CloudMapper demo)', { skip: skipWithoutSharedData }, () => {
  it('turns report rows into the passwords and active keys users hold, and notes the root row', async () => {
    const { result, assembled } = await transformFrom(awsIamConnector, DEMO, {}, NOW);
    assert.deepEqual(assembled.rejects, []);
    const creds = Object.fromEntries(assembled.records.credentials.map((l) => [l.record.id, { ...l.record, line: l.line }]));
    // The report's `user` is the export's `USER`: IAM names are unique regardless of case.
    assert.deepEqual(Object.keys(creds).sort(), [
      `${A}:user/USER/access-key-1`, `${A}:user/USER/access-key-2`, `${A}:user/USER/password`, `${A}:user/auditor_tmp/access-key-1`,
    ]);
    assert.deepEqual(creds[`${A}:user/USER/password`], {
      id: `${A}:user/USER/password`, holderId: `${A}:user/USER`, holderType: 'account', type: 'password', lastUsedAt: '2018-05-07T15:35:54.000Z', line: 4,
    });
    assert.deepEqual(creds[`${A}:user/USER/access-key-2`], {
      id: `${A}:user/USER/access-key-2`, holderId: `${A}:user/USER`, holderType: 'account', type: 'api_key',
      createdAt: '2018-05-07T15:35:54.000Z', lastRotatedAt: '2018-05-07T15:35:54.000Z', lastUsedAt: '2018-05-07T15:35:54.000Z', line: 4,
    });
    assert.equal(creds[`${A}:user/USER/access-key-1`].lastUsedAt, undefined, 'N/A is no value');
    const accounts = Object.fromEntries(assembled.records.accounts.map((l) => [l.record.id, l.record]));
    assert.equal(accounts[`${A}:user/USER`].lastLoginAt, '2018-05-07T15:35:54.000Z', 'password_last_used');
    assert.equal(accounts[`${A}:user/auditor_tmp`].createdAt, '2019-05-07T15:35:54.000Z', 'a report-only user is loaded from its row');
    assert.ok(!Object.keys(accounts).some((id) => id.includes('root')));
    const notes = result.notes.join('\n');
    assert.match(notes, /root account row is not loaded .*MFA active true, access key 1 active true/);
    assert.match(notes, /1 credential-report user\(s\) are not in the authorization details \(auditor_tmp\)/);
  });

  it('reads a base64 report (as the API returns it) and a raw CSV the same way', async () => {
    const wrapped = JSON.parse(demoFile('iam-get-credential-report.json'));
    const authz = demoFile('iam-get-account-authorization-details.json');
    const b64 = writeBundle({ 'authz.json': authz, 'report.json': { ...wrapped, Content: Buffer.from(wrapped.Content).toString('base64') } });
    const raw = writeBundle({ 'authz.json': authz, 'report.csv': wrapped.Content });
    const ids = async (dir: string) => (await transformFrom(awsIamConnector, dir, {}, NOW)).assembled.records.credentials.map((l) => l.record).sort((a, b) => a.id.localeCompare(b.id));
    const plain = await ids(DEMO);
    assert.equal(plain.length, 4);
    assert.deepEqual(await ids(b64), plain);
    assert.deepEqual(await ids(raw), plain);
  });

  it('uses service-last-accessed as role sign-in time, and as usage only on policies that allow the service', async () => {
    const { result, assembled } = await transformFrom(awsIamConnector, DEMO, {}, NOW);
    const accounts = Object.fromEntries(assembled.records.accounts.map((l) => [l.record.id, l.record]));
    assert.equal(accounts[`${A}:role/level1`].lastLoginAt, '2019-04-15T04:19:00.000Z');
    assert.equal(accounts[`${A}:role/level3`].lastLoginAt, '2019-04-15T04:19:00.000Z');
    // Both used CloudWatch Logs, which none of their policies (s3, ecr) allow: nothing to credit.
    assert.deepEqual([...assembled.records.usage.events()], []);
    assert.match(result.notes.join('\n'), /2 name a service none of its policies allow \(logs for role level1, logs for role level3\)/);
  });
});

describe('AWS IAM connector: usage and sign-in in the graph', { skip: skipWithoutSharedData }, () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
  });
  after(() => t.close());

  it('credits a used service to the policy that allows it, and a tracked action to its action entitlement', async () => {
    const sla = {
      JobStatus: 'COMPLETED',
      ServicesLastAccessed: [
        { ServiceNamespace: 'ec2', ServiceName: 'Amazon EC2' },
        {
          ServiceNamespace: 's3', LastAuthenticated: '2019-05-01T10:00:00+00:00', LastAuthenticatedEntity: 'arn:aws:iam::123456789012:role/exfiller',
          TrackedActionsLastAccessed: [{ ActionName: 'GetObject', LastAccessedTime: '2019-05-01T09:00:00+00:00' }],
        },
      ],
    };
    const dir = writeBundle({
      'authz.json': demoFile('iam-get-account-authorization-details.json'),
      'report.json': demoFile('iam-get-credential-report.json'),
      'sla-exfiller.json': sla,
    });
    const run = await ingestVia(t, awsIamConnector, dir, { options: { actionEntitlements: true } }, { now: () => NOW });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.rejectCount, 0, JSON.stringify(run.rejectSample));
    const viaPolicy = await grantOf(t.store, `${A}:role/exfiller`, `${A}:inline/role/exfiller/tmp`);
    assert.equal(viaPolicy!.lastUsedAt, '2019-05-01T10:00:00.000Z');
    assert.equal(viaPolicy!.useCount, 1);
    const viaAction = await grantOf(t.store, `${A}:role/exfiller`, `${A}:action/s3:GetObject`);
    assert.equal(viaAction!.lastUsedAt, '2019-05-01T09:00:00.000Z');
    const [user] = await accountsById(t.store, [`${A}:user/USER`]);
    assert.equal(user!.lastLoginAt, '2018-05-07T15:35:54.000Z');
    // bad_role trusts Principal "*": noted, not a delegation to anyone.
    assert.match(run.notes.join('\n'), /anyone: 1 \(\* -> bad_role\)/);
  });
});

describe('AWS IAM connector: correlate mode', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
  });
  after(() => t.close());

  it('gives users no identity of their own and attaches them to HR identities by email name or employeeNumber tag', async () => {
    const hr = writeBundle({
      'source.json': { source: 'hr', mode: 'full', exportedAt: '2026-10-01T00:00:00Z' },
      identities: [
        { id: 'hr:1001', kind: 'human', displayName: 'Alice', email: 'alice@example.com', status: 'active', attributes: { employeeNumber: '1001' } },
        { id: 'hr:1002', kind: 'human', displayName: 'Bob', email: 'bob@example.com', status: 'active', attributes: { employeeNumber: '1002' } },
      ],
    });
    assert.equal((await t.ingest(hr)).status, 'succeeded');
    const arn = (kind: string, name: string) => `arn:aws:iam::111122223333:${kind}/${name}`;
    const allow = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
    const export1 = {
      UserDetailList: [
        { UserName: 'Alice@Example.com', Arn: arn('user', 'Alice@Example.com'), AttachedManagedPolicies: [{ PolicyName: 'ops', PolicyArn: arn('policy', 'ops') }] },
        { UserName: 'bob', Arn: arn('user', 'bob'), Tags: [{ Key: 'EmployeeNumber', Value: '1002' }], UserPolicyList: [{ PolicyName: 'keys', PolicyDocument: allow('iam:CreateAccessKey') }] },
        { UserName: 'ci-bot', Arn: arn('user', 'ci-bot') },
      ],
      RoleDetailList: [{
        RoleName: 'deploy', Arn: arn('role', 'deploy'),
        AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: arn('user', 'bob') } }] },
      }],
      Policies: [{ PolicyName: 'ops', Arn: arn('policy', 'ops'), DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: allow('s3:GetObject') }] }],
    };
    const dir = writeBundle({ 'authz.json': export1 });
    const run = await ingestVia(t, awsIamConnector, dir, { options: { identities: 'correlate' } }, { now: () => NOW });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.deepEqual(await accessOf(t.store, 'hr:1001'), ['aws:111122223333:policy/ops']);
    assert.deepEqual(await accessOf(t.store, 'hr:1002'), ['aws:111122223333:inline/user/bob/keys']);
    const [bot] = await accountsById(t.store, ['aws:111122223333:user/ci-bot']);
    assert.equal(bot!.identityId, null, 'no key to correlate on: unowned, a finding');
    const notes = run.notes.join('\n');
    assert.match(notes, /user without identity \(correlate\): 1 \(arn:aws:iam::111122223333:user\/bob -> deploy\)/);
    assert.match(notes, /1 account\(s\) matched no identity/);
  });
});
