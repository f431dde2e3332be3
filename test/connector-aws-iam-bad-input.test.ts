import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { awsIamConnector } from '../ingest/aws-iam';
import { entitlementsById } from '../src/read/graph-reader';
import { ingestVia, transformFrom } from './helpers/connector-run';
import { accessOf } from './helpers/graph-queries';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';
import { tempStore, type TempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

const NOW = new Date('2026-11-01T00:00:00Z');
const A = 'aws:111122223333';
const arn = (kind: string, name: string) => `arn:aws:iam::111122223333:${kind}/${name}`;
const passRole = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] };

/** One export with a problem per element, beside elements that are fine. */
const MIXED = {
  UserDetailList: [
    {
      UserName: 'ok-user', Arn: arn('user', 'ok-user'), CreateDate: '2024-01-02 03:04:05+00:00', GroupList: ['devs'],
      AttachedManagedPolicies: [{ PolicyName: 'Admin', PolicyArn: arn('policy', 'Admin') }],
    },
    { UserName: 'bad-types', Arn: arn('user', 'bad-types'), AttachedManagedPolicies: 'AdministratorAccess' },
    { UserName: 'OK-USER', Arn: arn('user', 'OK-USER') },
    { UserName: 'bad-date', Arn: arn('user', 'bad-date'), CreateDate: 'yesterday' },
  ],
  GroupDetailList: [
    // The API (not the CLI) returns documents URL-encoded.
    { GroupName: 'devs', Arn: arn('group', 'devs'), GroupPolicyList: [{ PolicyName: 'pass', PolicyDocument: encodeURIComponent(JSON.stringify(passRole)) }] },
  ],
  RoleDetailList: [{ RoleName: 'r1', Arn: arn('role', 'r1'), AssumeRolePolicyDocument: '%7B%22Statement%22%3A' }],
  Policies: [
    { PolicyName: 'Admin', Arn: arn('policy', 'Admin'), DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: 'not a policy' }] },
  ],
};

describe('AWS IAM connector: bad input', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
  });
  after(() => t.close());

  it('rejects the broken elements with file, line and field, and loads the rest', async () => {
    const dir = writeBundle({ 'authz.json': MIXED });
    const run = await ingestVia(t, awsIamConnector, dir, { options: { extraPrivilegedActions: ['iam:PassRole'] } }, { now: () => NOW });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    const rejects = run.rejectSample.map((r) => `${r.file}:${r.line}:${r.field}`).sort();
    assert.deepEqual(rejects, [
      'authz.json:1:Policies[0].PolicyVersionList[0].Document',
      'authz.json:1:RoleDetailList[0].AssumeRolePolicyDocument',
      'authz.json:2:UserDetailList[1].AttachedManagedPolicies',
      'authz.json:2:UserDetailList[1].AttachedManagedPolicies',
      'authz.json:3:UserDetailList[2].UserName',
      'authz.json:4:UserDetailList[3].CreateDate',
      'authz.json:4:UserDetailList[3].CreateDate',
    ]);
    // A rejected user is its account and its identity, both named so a full run keeps them; what
    // loads anyway (a duplicate's first, a policy or role whose document is unreadable) names nothing.
    const named = run.rejectSample.map((r) => `${r.field}: ${r.entity ?? '-'} ${r.key?.id ?? ''}`.trim()).sort();
    assert.deepEqual(named, [
      'Policies[0].PolicyVersionList[0].Document: -',
      'RoleDetailList[0].AssumeRolePolicyDocument: - aws:111122223333:role/r1',
      'UserDetailList[1].AttachedManagedPolicies: accounts aws:111122223333:user/bad-types',
      'UserDetailList[1].AttachedManagedPolicies: identities aws:111122223333:user/bad-types',
      'UserDetailList[2].UserName: - aws:111122223333:user/OK-USER',
      'UserDetailList[3].CreateDate: accounts aws:111122223333:user/bad-date',
      'UserDetailList[3].CreateDate: identities aws:111122223333:user/bad-date',
    ]);
    const reason = (field: string) => run.rejectSample.find((r) => r.field === field)!.reason;
    assert.match(reason('UserDetailList[1].AttachedManagedPolicies'), /must be array/);
    assert.match(reason('UserDetailList[2].UserName'), /duplicate user 'OK-USER' \(first at authz.json:1\)/);
    assert.match(reason('UserDetailList[3].CreateDate'), /'yesterday' is not a time/);
    assert.match(reason('Policies[0].PolicyVersionList[0].Document'), /neither a JSON object nor URL-encoded JSON; the policy is loaded without its permissions/);
    assert.match(reason('RoleDetailList[0].AssumeRolePolicyDocument'), /not valid JSON/);

    // ok-user keeps both grants; the policy with the unreadable document carries no privilege claim either way.
    assert.deepEqual(await accessOf(t.store, `${A}:user/ok-user`), [`${A}:inline/group/devs/pass`, `${A}:policy/Admin`]);
    const [pass, admin] = await entitlementsById(t.store, [`${A}:inline/group/devs/pass`, `${A}:policy/Admin`]);
    assert.equal(pass!.privileged, true, 'the URL-encoded document was decoded and its iam:PassRole seen');
    assert.equal(admin!.sensitivity, null);
  });

  it('a rejected user or role names what it would have given: identity, grants, inline policies, groups, trust', async () => {
    const trust = (who: string) => ({ Statement: [{ Effect: 'Allow', Principal: { AWS: arn(who.split('/')[0], who.split('/')[1]) }, Action: 'sts:AssumeRole' }] });
    const dir = writeBundle({
      'authz.json': {
        UserDetailList: [
          { UserName: 'alice', Arn: arn('user', 'alice'), CreateDate: 'noon', GroupList: ['devs', 'gone'], AttachedManagedPolicies: [{ PolicyName: 'Admin', PolicyArn: arn('policy', 'Admin') }] },
          { UserName: 'bob', Arn: arn('user', 'bob') },
        ],
        GroupDetailList: [{ GroupName: 'devs', Arn: arn('group', 'devs') }],
        RoleDetailList: [
          { RoleName: 'ops', Arn: arn('role', 'ops'), Tags: 'x', AssumeRolePolicyDocument: trust('user/bob'), RolePolicyList: [{ PolicyName: 'own', PolicyDocument: passRole }] },
          { RoleName: 'admin', Arn: arn('role', 'admin'), AssumeRolePolicyDocument: trust('user/alice') },
        ],
        Policies: [{ PolicyName: 'Admin', Arn: arn('policy', 'Admin'), PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: 'yes' }] }],
      },
    });
    const { assembled } = await transformFrom(awsIamConnector, dir, {}, NOW);
    assert.deepEqual(assembled.rejects.map((r) => [r.field, r.entity, r.key]), [
      ['Policies[0].PolicyVersionList[0].IsDefaultVersion', 'entitlements', { id: `${A}:policy/Admin` }],
      ['UserDetailList[0].CreateDate', 'accounts', { id: `${A}:user/alice` }],
      ['RoleDetailList[0].Tags', 'accounts', { id: `${A}:role/ops` }],
      // admin's trust names the rejected alice: that delegation is kept, not loaded anew.
      ['RoleDetailList[1].AssumeRolePolicyDocument', 'delegations', { fromId: `${A}:role/admin`, toId: `${A}:user/alice` }],
      ['UserDetailList[0].CreateDate', 'identities', { id: `${A}:user/alice` }],
      ['UserDetailList[0].CreateDate', 'grants', { holderId: `${A}:user/alice`, entitlementId: `${A}:policy/Admin` }],
      ['UserDetailList[0].CreateDate', 'memberships', { memberId: `${A}:user/alice`, groupId: `${A}:group/devs` }],
      ['UserDetailList[0].CreateDate', 'memberships', { memberId: `${A}:user/alice`, groupId: `${A}:group/gone` }],
      ['RoleDetailList[0].Tags', 'identities', { id: `${A}:role/ops` }],
      ['RoleDetailList[0].Tags', 'entitlements', { id: `${A}:inline/role/ops/own` }],
      ['RoleDetailList[0].Tags', 'grants', { holderId: `${A}:role/ops`, entitlementId: `${A}:inline/role/ops/own` }],
      ['RoleDetailList[0].Tags', 'delegations', { fromId: `${A}:role/ops`, toId: `${A}:user/bob` }],
    ]);
    // The rejected policy is not replaced by a placeholder: attachments still grant it (bob has none).
    assert.ok(!assembled.records.entitlements.some((l) => l.record.id === `${A}:policy/Admin`));
    assert.deepEqual(assembled.records.delegations, []);
  });

  it('throws BUNDLE_FILE_UNREADABLE for truncated JSON, naming the file and line', async () => {
    const dir = writeBundle({ 'authz.json': '{\n  "UserDetailList": [\n    { "UserName": "a",\n' });
    await assert.rejects(transformFrom(awsIamConnector, dir, {}, NOW), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'BUNDLE_FILE_UNREADABLE');
      assert.match(e.message, /^authz\.json is not valid JSON at line 4/);
      return true;
    });
  });

  it('fails a run whose file is over maxFileBytes, before reading it, and applies nothing', { skip: skipWithoutSharedData }, async () => {
    const s = await tempStore();
    try {
      const file = sharedData('aws-iam-cloudsplaining', 'iam-vulnerable-account-authorization-details.json');
      const run = await ingestVia(s, awsIamConnector, file, {}, { maxFileBytes: 100_000 });
      assert.equal(run.status, 'failed');
      assert.equal(run.error!.code, 'BUNDLE_FILE_TOO_LARGE');
      assert.match(run.error!.message, /iam-vulnerable-account-authorization-details\.json is 0\.6 MB, above the 0\.1 MB limit/);
      assert.deepEqual(await accessOf(s.store, 'aws:200611803367:user/privesc4-CreateAccessKey-user'), []);
    } finally {
      await s.close();
    }
  });

  it('says clearly when a JSON file is not an IAM export, or when no authorization details are present', async () => {
    const other = writeBundle({ 'authz.json': MIXED, 'terraform.json': { resource: {} } });
    await assert.rejects(transformFrom(awsIamConnector, other, {}, NOW), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'FORMAT_UNKNOWN');
      assert.match(e.message, /^terraform\.json is not an AWS IAM export this connector reads: expected the JSON of 'aws iam get-account-authorization-details'/);
      return true;
    });
    const onlyReport = writeBundle({ 'report.csv': 'user,arn,user_creation_time\nbob,arn:aws:iam::111122223333:user/bob,N/A\n' });
    await assert.rejects(transformFrom(awsIamConnector, onlyReport, {}, NOW), /No output of 'aws iam get-account-authorization-details' among report\.csv/);
    const badReport = writeBundle({ 'authz.json': MIXED, 'report.json': { Content: 'aGVsbG8=' } });
    await assert.rejects(transformFrom(awsIamConnector, badReport, {}, NOW), /report\.json: is not an IAM credential report/);
  });

  it('refuses exports of two accounts in one run, and bad options before reading anything', { skip: skipWithoutSharedData }, async () => {
    await assert.rejects(transformFrom(awsIamConnector, sharedData('aws-iam-cloudsplaining'), {}, NOW), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'CONFIG_INVALID');
      assert.match(e.message, /example-authz-details\.json: 012345678901, iam-vulnerable-account-authorization-details\.json: 200611803367/);
      return true;
    });
    await assert.rejects(transformFrom(awsIamConnector, join('/nonexistent'), { identities: 'guess' }, NOW), /aws-iam options: 'identities'/);
    await assert.rejects(transformFrom(awsIamConnector, join('/nonexistent'), { extraPrivilegedActions: ['iam:*'] }, NOW), /without wildcards/);
    await assert.rejects(transformFrom(awsIamConnector, writeBundle({ 'authz.json': MIXED }), { riskyActions: '/nonexistent/lists' }, NOW), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'BUNDLE_NOT_FOUND');
      return true;
    });
  });

  it('rejects a credential-report row whose time is not a time, and keeps the others', async () => {
    const report =
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,access_key_1_active,access_key_1_last_rotated\n' +
      `ok-user,${arn('user', 'ok-user')},2024-01-02T03:04:05+00:00,true,2024-05-01T00:00:00+00:00,N/A,false,N/A\n` +
      `bad-types,${arn('user', 'bad-types')},2024-01-02T03:04:05+00:00,false,N/A,N/A,true,last tuesday\n` +
      `bad-date,${arn('user', 'bad-date')},2024-01-02T03:04:05+00:00,true,N/A,N/A,false,N/A\n` +
      `only-here,${arn('user', 'only-here')},2024-01-02T03:04:05+00:00,true,soon,N/A,true,N/A\n`;
    const { assembled } = await transformFrom(awsIamConnector, writeBundle({ 'authz.json': MIXED, 'report.csv': report }), {}, NOW);
    const fromReport = assembled.rejects.filter((r) => r.file === 'report.csv');
    assert.deepEqual(fromReport.map((r) => `${r.line}:${r.field}:${r.reason}`), [
      "3:access_key_1_last_rotated:'last tuesday' is not a time (nor N/A, no_information or not_supported)",
      "5:password_last_used:'soon' is not a time (nor N/A, no_information or not_supported)",
      `5:password_last_used:${A}:user/only-here is kept as loaded before: its credential report row was rejected (report.csv:5)`,
      `5:password_last_used:${A}:user/only-here/password is kept as loaded before: its credential report row was rejected (report.csv:5)`,
      `5:password_last_used:${A}:user/only-here/access-key-1 is kept as loaded before: its credential report row was rejected (report.csv:5)`,
    ]);
    // What each bad row would have loaded: bad-types' active key; for a user only the report has,
    // its account, its identity and its credentials.
    assert.deepEqual(fromReport.map((r) => [r.entity, r.key?.id]), [
      ['credentials', `${A}:user/bad-types/access-key-1`],
      ['accounts', `${A}:user/only-here`],
      ['identities', `${A}:user/only-here`],
      ['credentials', `${A}:user/only-here/password`],
      ['credentials', `${A}:user/only-here/access-key-1`],
    ]);
    // bad-date's element was rejected: the report does not make it anew (that would overwrite what
    // is kept), but its password still loads onto the kept account.
    assert.deepEqual(assembled.records.credentials.map((l) => l.record.id), [`${A}:user/ok-user/password`, `${A}:user/bad-date/password`]);
    assert.ok(!assembled.records.accounts.some((l) => l.record.id === `${A}:user/bad-date`));
  });
});
