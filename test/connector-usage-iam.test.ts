import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { coveringPolicies, indexIamExport, type IamIndex } from '../ingest/usage/iam-export';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';

function load(path: string): { index: IamIndex; notes: string[] } {
  const index: IamIndex = new Map();
  const notes = indexIamExport(JSON.parse(readFileSync(path, 'utf8')), path.split('/').pop()!, index);
  return { index, notes };
}

/** What a successful call of `action` by `principal` is attributed to, per the export. */
function attribute(index: IamIndex, account: string, principal: string, action: string, keep: 'narrowest' | 'every' = 'narrowest') {
  const held = index.get(account)?.get(`aws:${account}:${principal}`);
  assert.ok(held, `${principal} is in the export`);
  return coveringPolicies(held, action, keep);
}

describe('policy attribution on the IAM Vulnerable export (account 200611803367)', { skip: skipWithoutSharedData }, () => {
  const A = '200611803367';
  const { index } = load(sharedData('aws-iam-cloudsplaining', 'iam-vulnerable-account-authorization-details.json'));

  it('indexes all 41 users and 75 roles under the account read from the ARNs', () => {
    assert.deepEqual([...index.keys()], [A]);
    const ids = [...index.get(A)!.keys()];
    assert.equal(ids.filter((id) => id.includes(':user/')).length, 41);
    assert.equal(ids.filter((id) => id.includes(':role/')).length, 75);
  });

  it('an explicit Deny wins over an Allow of the same action (fp1, fp2), and stops attribution', () => {
    assert.deepEqual(attribute(index, A, 'user/fp1-allow-and-deny-user', 'iam:CreateUser'), { denied: true, entitlements: [] });
    assert.deepEqual(attribute(index, A, 'user/fp2-allow-and-deny-multiple-policies-user', 's3:GetObject'), { denied: true, entitlements: [] });
  });

  it('a Deny of other actions does not cover anything (fp3 denies iam:* and allows nothing)', () => {
    assert.deepEqual(attribute(index, A, 'user/fp3-deny-iam-user', 's3:GetObject'), { denied: false, entitlements: [] });
    assert.deepEqual(attribute(index, A, 'user/fp3-deny-iam-user', 'iam:ListUsers'), { denied: true, entitlements: [] });
  });

  it('NotAction allows everything it does not list (fn4)', () => {
    assert.deepEqual(attribute(index, A, 'user/fn4-exploitableNotAction-user', 's3:GetObject').entitlements, [`aws:${A}:policy/fn4-exploitableNotAction`]);
    assert.deepEqual(attribute(index, A, 'user/fn4-exploitableNotAction-user', 'iam:CreateAccessKey').entitlements, []);
    assert.deepEqual(attribute(index, A, 'user/fn4-exploitableNotAction-user', 'iam:UpdateLoginProfile').entitlements, []);
  });

  it('a succeeded call is attributed to a resource- or condition-scoped Allow (fp4, fn3): the log shows it applied', () => {
    assert.deepEqual(attribute(index, A, 'user/fp4-nonExploitableResourceConstraint-user', 'iam:CreatePolicyVersion').entitlements, [`aws:${A}:policy/fp4-nonExploitableResourceConstraint`]);
    assert.deepEqual(attribute(index, A, 'user/fn3-exploitableConditionConstraint-user', 'iam:CreatePolicyVersion').entitlements, [`aws:${A}:policy/fn3-exploitableConditionConstraint`]);
  });

  it('picks the policy that names the action among several the user holds (fn1)', () => {
    assert.deepEqual(attribute(index, A, 'user/fn1-privesc3-partial-user', 'ec2:RunInstances').entitlements, [`aws:${A}:policy/fn1-privesc3-partial`]);
    assert.deepEqual(attribute(index, A, 'user/fn1-privesc3-partial-user', 'iam:PassRole').entitlements, [`aws:${A}:policy/fn1-passrole-star`]);
  });

  it('follows group membership to the group policy (privesc-sre-user -> privesc-sre-group)', () => {
    assert.deepEqual(attribute(index, A, 'user/privesc-sre-user', 'ec2:TerminateInstances').entitlements, [`aws:${A}:policy/privesc-sre-admin-policy`]);
  });
});

describe('policy attribution on the cloudsplaining example export (account 012345678901)', { skip: skipWithoutSharedData }, () => {
  const A = '012345678901';
  const { index } = load(sharedData('aws-iam-cloudsplaining', 'example-authz-details.json'));

  it('an exact action beats a wildcard: userwithlotsofpermissions uses its inline s3 policy, not AdministratorAccess', () => {
    assert.deepEqual(attribute(index, A, 'user/userwithlotsofpermissions', 's3:GetObject').entitlements, [`aws:${A}:inline/user/userwithlotsofpermissions/InsecureUserPolicy`]);
    assert.deepEqual(attribute(index, A, 'user/userwithlotsofpermissions', 'ec2:RunInstances').entitlements, [`aws:${A}:policy/AdministratorAccess`]);
  });

  it('attributeTo: every keeps all covering policies, narrowest first', () => {
    assert.deepEqual(attribute(index, A, 'user/userwithlotsofpermissions', 's3:GetObject', 'every').entitlements, [
      `aws:${A}:inline/user/userwithlotsofpermissions/InsecureUserPolicy`,
      `aws:${A}:policy/AdministratorAccess`,
    ]);
  });

  it('equally narrow policies all count: biden holds s3:GetObject exactly in a user and a group inline policy', () => {
    assert.deepEqual(attribute(index, A, 'user/biden', 's3:GetObject').entitlements, [
      `aws:${A}:inline/group/biden/InlinePolicyForBidenGroup`,
      `aws:${A}:inline/user/biden/InsecureUserPolicy`,
    ]);
    assert.deepEqual(attribute(index, A, 'user/biden', 's3:PutObject').entitlements, [`aws:${A}:inline/user/biden/InsecureUserPolicy`]);
    assert.deepEqual(attribute(index, A, 'user/biden', 'rds:CreateDBInstance').entitlements, [`aws:${A}:policy/AmazonRDSFullAccess`]);
  });

  it('one policy held twice (directly and via a group) is one entitlement', () => {
    assert.deepEqual(attribute(index, A, 'user/obama', 'sts:AssumeRole').entitlements, [`aws:${A}:policy/AdministratorAccess`]);
  });
});

describe('IAM export quirks', { skip: skipWithoutSharedData }, () => {
  it('takes the account from role ARNs when user ARNs are sanitised to "aws" (cloudmapper demo)', () => {
    const { index } = load(sharedData('aws-iam-cloudmapper-demo', 'iam-get-account-authorization-details.json'));
    assert.deepEqual([...index.keys()], ['123456789012']);
    assert.deepEqual(attribute(index, '123456789012', 'role/exfiller', 's3:GetObject').entitlements, ['aws:123456789012:inline/role/exfiller/tmp']);
  });

  it('reads URL-encoded policy documents, as the raw IAM API returns them (fixture MyAppRole/app-data)', () => {
    const { index, notes } = load(join(__dirname, '..', '..', 'test', 'fixtures', 'usage', 'iam-export-123456789012.json'));
    assert.deepEqual(notes, []);
    assert.deepEqual(attribute(index, '123456789012', 'role/MyAppRole', 'ec2:DescribeInstances').entitlements, ['aws:123456789012:inline/role/MyAppRole/app-data']);
    // The default version (v2) counts, not the broader v1 kept in the version list.
    assert.deepEqual(attribute(index, '123456789012', 'user/contractor', 'rds:CreateDBInstance').entitlements, []);
  });
});
