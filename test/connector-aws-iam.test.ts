import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { awsIamConnector } from '../ingest/aws-iam';
import { probePath } from '../ingest/core/probe';
import { accountsById, entitlementsById } from '../src/read/graph-reader';
import type { GraphStore } from '../src/store/port';
import { ingestVia, transformFrom } from './helpers/connector-run';
import { accessOf, grantOf } from './helpers/graph-queries';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';
import { tempStore, type TempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

const VULNERABLE = sharedData('aws-iam-cloudsplaining', 'iam-vulnerable-account-authorization-details.json');
const RISKY = sharedData('aws-iam-risky-actions');
const NOW = new Date('2026-11-01T00:00:00Z');
const A = 'aws:200611803367';
const user = (name: string) => `${A}:user/${name}`;
const role = (name: string) => `${A}:role/${name}`;

/** Entitlement ids an identity holds (read back from the graph) that are flagged privileged. */
async function privilegedHeld(store: GraphStore, identityId: string): Promise<string[]> {
  const ids = await accessOf(store, identityId);
  if (!ids.length) return [];
  return (await entitlementsById(store, ids)).filter((e) => e?.privileged).map((e) => e!.id);
}

describe('AWS IAM connector: the IAM Vulnerable export, transformed', { skip: skipWithoutSharedData }, () => {
  it('maps 41 users, 75 roles, 3 groups, 56 managed + 33 inline policies, and their attachments', async () => {
    const { result, assembled } = await transformFrom(awsIamConnector, VULNERABLE, { riskyActions: RISKY }, NOW);
    const n = (e: keyof typeof assembled.records) => assembled.records[e].length;
    assert.deepEqual(assembled.rejects, []);
    assert.deepEqual(
      [n('identities'), n('systems'), n('accounts'), n('groups'), n('entitlements'), n('memberships'), n('grants'), n('delegations')],
      [116, 1, 116, 3, 89, 3, 134, 4],
    );
    const kinds = assembled.records.identities.map((l) => l.record.kind);
    assert.equal(kinds.filter((k) => k === 'human').length, 41);
    assert.equal(kinds.filter((k) => k === 'service').length, 75);
    assert.deepEqual(assembled.source, { source: 'aws-iam:200611803367', mode: 'full', exportedAt: NOW.toISOString() });
    assert.deepEqual(assembled.records.systems[0].record, { id: A, name: 'AWS 200611803367', criticality: 'high' });
    assert.deepEqual(result.hints, [], "identities: 'create' owns every user account; nothing left to correlate");

    const account = assembled.records.accounts.find((l) => l.record.id === user('privesc4-CreateAccessKey-user'))!;
    assert.deepEqual(account.record, {
      id: user('privesc4-CreateAccessKey-user'),
      systemId: A,
      identityId: user('privesc4-CreateAccessKey-user'),
      username: 'privesc4-CreateAccessKey-user',
      status: 'enabled',
      createdAt: '2023-03-09T10:41:37.000Z',
    });
    const sre = assembled.records.identities.find((l) => l.record.id === role('privesc-sre-role'))!.record;
    assert.equal(sre.kind, 'service');
    assert.equal(sre.ownerId, undefined, 'IAM says nothing about who owns a role: never guessed');
    const quickSetup = assembled.records.accounts.find((l) => l.record.id === role('AWS-QuickSetup-EnableCRecording-1clff_ap-northeast-1'))!;
    assert.equal(quickSetup.record.lastLoginAt, '2022-08-07T12:56:48.000Z', 'RoleLastUsed.LastUsedDate');
    const inline = `${A}:inline/role/AWS-QuickSetup-EnableCRecording-1clff_ap-northeast-1/SSMQuickSetupEnableExplorerInlinePolicy`;
    assert.ok(assembled.records.grants.some((l) => l.record.entitlementId === inline && l.record.holderId === quickSetup.record.id));
    assert.ok(assembled.records.memberships.some((l) => l.record.memberId === user('privesc-sre-user') && l.record.groupId === `${A}:group/privesc-sre-group`));
  });

  it('flags the 60 privileged policies from the risk lists, AdministratorAccess-like ones as critical', async () => {
    const { assembled } = await transformFrom(awsIamConnector, VULNERABLE, { riskyActions: RISKY }, NOW);
    const ents = assembled.records.entitlements.map((l) => l.record);
    assert.equal(ents.filter((e) => e.privileged).length, 60);
    assert.deepEqual(ents.filter((e) => e.sensitivity === 'critical').map((e) => e.name).sort(), [
      'AdministratorAccess', 'fp2-allow-all', 'privesc-AssumeRole-high-priv-policy', 'privesc-high-priv-service-policy',
    ]);
    assert.deepEqual(
      ents.filter((e) => !e.privileged && e.id.includes(':policy/')).map((e) => e.name).sort(),
      [
        'AWSOrganizationsServiceTrustPolicy', 'AWSSecurityHubServiceRolePolicy', 'AWSTrustedAdvisorServiceRolePolicy', 'AmazonSSMManagedInstanceCore',
        'ViewOnlyAccess', 'deny-all', 'fp1-allow-and-deny', 'fp3-deny-iam', 'fp4-nonExploitableResourceConstraint',
        'fp5-nonExploitableConditionConstraint', 'privesc-CloudFormationUpdateStack', 'privesc-ssmSendCommand-policy', 'privesc-ssmStartSession-policy',
      ],
    );
    const admin = ents.find((e) => e.id === `${A}:policy/AdministratorAccess`);
    assert.deepEqual(admin, {
      id: `${A}:policy/AdministratorAccess`, systemId: A, name: 'AdministratorAccess', kind: 'permission',
      privileged: true, sensitivity: 'critical', description: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    assert.equal(ents.find((e) => e.name === 'fn4-exploitableNotAction')?.sensitivity, 'high', 'NotAction [iam:Update*, iam:Create*, iam:Attach*] still allows iam:PassRole');
  });

  it('without risk lists, flags only full wildcards and says so', async () => {
    const { result, assembled } = await transformFrom(awsIamConnector, VULNERABLE, {}, NOW);
    const flagged = assembled.records.entitlements.filter((l) => l.record.privileged).map((l) => l.record.name).sort();
    assert.deepEqual(flagged, [
      'AdministratorAccess', 'fn4-exploitableNotAction', 'fp2-allow-all', 'privesc-AssumeRole-high-priv-policy',
      'privesc-high-priv-service-policy', 'privesc-sre-admin-policy',
    ]);
    assert.match(result.notes.join('\n'), /no riskyActions lists were given, so single actions such as iam:PassRole are not flagged/);
  });

  it('turns trust policies into delegations only between principals of the export, and counts the rest', async () => {
    const { result, assembled } = await transformFrom(awsIamConnector, VULNERABLE, { riskyActions: RISKY }, NOW);
    const edges = assembled.records.delegations.map((l) => `${l.record.fromId} -> ${l.record.toId} ${JSON.stringify(l.record.scope)}`).sort();
    assert.deepEqual(edges, [
      `${role('AWS-QuickSetup-StackSet-Local-ExecutionRole')} -> ${role('AWS-QuickSetup-StackSet-Local-AdministrationRole')} ["*"]`,
      `${role('privesc-AssumeRole-ending-role')} -> ${role('privesc-AssumeRole-intermediate-role')} ["*"]`,
      `${role('privesc-AssumeRole-intermediate-role')} -> ${role('privesc-AssumeRole-starting-role')} ["*"]`,
      `${role('privesc-sre-role')} -> ${user('privesc-sre-user')} ["*"]`,
    ]);
    const trust = result.notes.find((n) => n.startsWith('trust policies:'))!;
    for (const part of ['4 delegation(s)', 'service: 35', 'federated: 2', 'session or unique id: 40', 'account root: 2', 'other account: 1']) {
      assert.ok(trust.includes(part), `${part} in: ${trust}`);
    }
    assert.match(trust, /arn:aws:iam::200611803367:root -> privesc-permissive-role-trust/);
    const ids = new Set(assembled.records.identities.map((l) => l.record.id));
    assert.ok(![...ids].some((id) => /root|assumed-role|amazonaws/.test(id)), 'no identity invented for a principal outside the export');
  });

  it('is recognised by auto-detection, and the risk-list folder alone is not', async () => {
    assert.equal(awsIamConnector.detect!(await probePath(VULNERABLE)), true);
    assert.equal(awsIamConnector.detect!(await probePath(sharedData('aws-iam-cloudmapper-demo'))), true);
    assert.equal(awsIamConnector.detect!(await probePath(RISKY)), false);
  });
});

describe('AWS IAM connector: IAM Vulnerable in the graph', { skip: skipWithoutSharedData }, () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
  });
  after(() => t.close());

  const privescUsers = () =>
    (JSON.parse(readFileSync(VULNERABLE, 'utf8')).UserDetailList as Array<{ UserName: string }>).map((u) => u.UserName).filter((n) => n.startsWith('privesc'));

  it('gives every privesc user a privileged entitlement, except where the lists or the export fall short', async () => {
    const run = await ingestVia(t, awsIamConnector, VULNERABLE, { options: { riskyActions: RISKY } }, { now: () => NOW });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.rejectCount, 0);
    const names = privescUsers();
    assert.equal(names.length, 32);
    const without: string[] = [];
    for (const name of names) if (!(await privilegedHeld(t.store, user(name))).length) without.push(name);
    // The 2020 policy_sentry list has cloudformation:CreateStack but not UpdateStack, and no SSM
    // actions: those three escalation paths are newer than the list.
    assert.deepEqual(without.sort(), [
      'privesc-AssumeRole-start-user', 'privesc-CloudFormationUpdateStack-user', 'privesc-ssmSendCommand-user', 'privesc-ssmStartSession-user',
    ]);
    assert.deepEqual(await privilegedHeld(t.store, user('privesc4-CreateAccessKey-user')), [`${A}:policy/privesc4-CreateAccessKey`]);
  });

  it('closes the list gaps with extraPrivilegedActions; the AssumeRole start user has nothing in this export', async () => {
    const extra = ['cloudformation:UpdateStack', 'ssm:SendCommand', 'ssm:StartSession'];
    const run = await ingestVia(t, awsIamConnector, VULNERABLE, { options: { riskyActions: RISKY, extraPrivilegedActions: extra } }, { now: () => NOW });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.counts['removed.grants'] + run.counts['removed.entitlements'] + run.counts['removed.accounts'], 0, 'same export: nothing removed');
    const without: string[] = [];
    for (const name of privescUsers()) if (!(await privilegedHeld(t.store, user(name))).length) without.push(name);
    assert.deepEqual(without, ['privesc-AssumeRole-start-user']);
    // No policy, group or trust statement names this user (the 2023 export lacks its start policy),
    // so holding nothing is the right answer, not a miss.
    assert.deepEqual(await accessOf(t.store, user('privesc-AssumeRole-start-user')), []);
  });

  it('reads the control cases right: fn* flagged, fp1-fp5 not', async () => {
    for (const fn of ['fn1-privesc3-partial-user', 'fn2-exploitableResourceConstraint-user', 'fn3-exploitableConditionConstraint-user', 'fn4-exploitableNotAction-user']) {
      assert.ok((await privilegedHeld(t.store, user(fn))).length, fn);
    }
    // fp1: Allow iam:* and Deny iam:* in one policy. fp3: only a Deny. Both held, neither privileged.
    assert.deepEqual(await accessOf(t.store, user('fp1-allow-and-deny-user')), [`${A}:policy/fp1-allow-and-deny`]);
    assert.deepEqual(await privilegedHeld(t.store, user('fp1-allow-and-deny-user')), []);
    assert.deepEqual(await privilegedHeld(t.store, user('fp3-deny-iam-user')), []);
    // fp2: Allow * in one policy, Deny * in another: AWS's quarantine pattern, so the account is disabled.
    assert.deepEqual(await accessOf(t.store, user('fp2-allow-and-deny-multiple-policies-user')), []);
    // fp4: CreatePolicyVersion only on AWS-owned policies; fp5: a token issued before 2020.
    assert.deepEqual(await accessOf(t.store, user('fp4-nonExploitableResourceConstraint-user')), [`${A}:policy/fp4-nonExploitableResourceConstraint`]);
    assert.deepEqual(await privilegedHeld(t.store, user('fp4-nonExploitableResourceConstraint-user')), []);
    assert.deepEqual(await privilegedHeld(t.store, user('fp5-nonExploitableConditionConstraint-user')), []);
  });

  it('passes the end role of an AssumeRole chain on to the role that starts it, through the middle role', async () => {
    const g = await grantOf(t.store, role('privesc-AssumeRole-starting-role'), `${A}:policy/privesc-AssumeRole-high-priv-policy`);
    assert.ok(g, 'starting -> intermediate -> ending grants the ending role\'s Allow *');
    assert.equal(g.viaDelegation, true);
    assert.deepEqual(await accessOf(t.store, role('privesc-AssumeRole-starting-role')), [`${A}:policy/privesc-AssumeRole-high-priv-policy`]);
    const sre = await grantOf(t.store, user('privesc-sre-user'), `${A}:policy/privesc-sre-admin-policy`);
    assert.equal(sre!.viaDelegation, false, 'held through the group as well as through privesc-sre-role');
    assert.ok(sre!.paths.length >= 2);
  });

  it('a full run of an export without an attachment removes that grant and the escalation with it', async () => {
    const doc = JSON.parse(readFileSync(VULNERABLE, 'utf8'));
    doc.UserDetailList.find((u: { UserName: string }) => u.UserName === 'privesc13-AddUserToGroup-user').AttachedManagedPolicies = [];
    const dir = writeBundle({ 'authz.json': doc });
    const run = await ingestVia(t, awsIamConnector, join(dir, 'authz.json'), { options: { riskyActions: RISKY } }, { now: () => NOW });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.counts['removed.grants'], 1);
    assert.deepEqual(await accessOf(t.store, user('privesc13-AddUserToGroup-user')), []);
  });
});

describe('AWS IAM connector: action-level entitlements', { skip: skipWithoutSharedData }, () => {
  it('expands wildcards only against the risk lists and explicitly named actions, net of the principal\'s Denies', async () => {
    const { result, assembled } = await transformFrom(awsIamConnector, VULNERABLE, { riskyActions: RISKY, actionEntitlements: true }, NOW);
    const actions = assembled.records.entitlements.filter((l) => l.record.id.includes(':action/'));
    const grants = assembled.records.grants.filter((l) => l.record.entitlementId.includes(':action/'));
    assert.equal(actions.length, 3871);
    assert.equal(grants.length, 39216);
    assert.match(result.notes.join('\n'), /3871 known action\(s\) \(301 from the risk lists/);
    const held = (name: string) => grants.filter((l) => l.record.holderId === user(name)).map((l) => l.record.entitlementId.split(':action/')[1]);
    assert.deepEqual(held('privesc4-CreateAccessKey-user'), ['iam:CreateAccessKey']);
    assert.deepEqual(held('privesc-ssmSendCommand-user').sort(), ['ec2:DescribeInstances', 'ssm:ListCommandInvocations', 'ssm:ListCommands', 'ssm:SendCommand']);
    assert.deepEqual(held('fp1-allow-and-deny-user'), [], 'Allow iam:* minus Deny iam:*');
    const fn4 = held('fn4-exploitableNotAction-user');
    assert.equal(fn4.length, 3840);
    assert.ok(fn4.includes('iam:PassRole') && !fn4.includes('iam:CreateAccessKey'));
    const passRole = actions.find((l) => l.record.id === `${A}:action/iam:PassRole`)!.record;
    assert.equal(passRole.privileged, true);
    assert.equal(passRole.sensitivity, 'high');
  });
});

describe('AWS IAM connector: a full run keeps what a rejected policy loaded before', () => {
  const EXPORT = join(__dirname, '..', '..', 'test', 'fixtures', 'usage', 'iam-export-123456789012.json');
  const B = 'aws:123456789012';
  const POLICY = `${B}:policy/RDSClusterOperations`;
  let t: TempStore;
  before(async () => {
    t = await tempStore();
  });
  after(() => t.close());

  it('a managed policy whose element is broken stays, with its flags, and still grants through the group', async () => {
    const first = await ingestVia(t, awsIamConnector, EXPORT, {}, { now: () => NOW });
    assert.equal(first.status, 'succeeded', JSON.stringify(first.error));
    assert.equal(first.rejectCount, 0, JSON.stringify(first.rejectSample));
    const [before] = await entitlementsById(t.store, [POLICY]);
    assert.ok(before, 'loaded by the first run');
    const accessBefore = await accessOf(t.store, `${B}:user/contractor`);
    assert.ok(accessBefore.includes(POLICY), 'the contractor holds it through rds-contractors');

    const doc = JSON.parse(readFileSync(EXPORT, 'utf8'));
    doc.Policies.find((p: { PolicyName: string }) => p.PolicyName === 'RDSClusterOperations').PolicyVersionList = 'v2';
    const dir = writeBundle({ 'authz.json': doc });
    const run = await ingestVia(t, awsIamConnector, join(dir, 'authz.json'), {}, { now: () => NOW });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.mode, 'full');
    assert.deepEqual(run.rejectSample.map((r) => [r.file, r.line, r.field, r.entity, r.key]), [
      ['authz.json', 1, 'Policies[0].PolicyVersionList', 'entitlements', { id: POLICY }],
    ]);
    assert.ok(run.counts['kept.entitlements'] >= 1, JSON.stringify(run.counts));
    for (const what of ['entitlements', 'grants', 'accounts', 'groups']) assert.equal(run.counts[`removed.${what}`] ?? 0, 0, what);
    assert.ok(!run.notes.some((n) => n.includes('have no document in the export')), 'no placeholder replaces the rejected policy');
    assert.deepEqual((await entitlementsById(t.store, [POLICY]))[0], before, 'kept exactly as loaded before');
    assert.deepEqual(await accessOf(t.store, `${B}:user/contractor`), accessBefore);
    assert.ok((await accountsById(t.store, [`${B}:user/contractor`]))[0]);
  });
});
