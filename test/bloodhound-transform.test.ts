import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { probePath } from '../ingest/core/probe';
import { bloodhoundConnector } from '../ingest/bloodhound';
import { transformFrom } from './helpers/connector-run';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';

// The real SpecterOps sample (3 SharpHound collections: PHANTOM, GHOST, WRAITH), read by path.
// Expected counts were computed separately with python over the JSON files:
//   accounts 130 = 96 users (100 listed - 3 NETWORK SERVICE placeholders - 1 duplicate SID) + 34 computers
//   groups 219 distinct group SIDs (285 listings, 66 of them placeholder/cross-collection repeats)
//   memberships 289 = 159 distinct (member, group) pairs from Members + 130 primary-group links
//   privileged groups 30 (RIDs 512/516/518/519/526/527 and builtin 544/548-551 present per domain)
//   identities: 45 service (34 computers + gMSA/sMSA/krbtgt users) by default, 130 with identities=create
const SAMPLE = sharedData('bloodhound-ad-sample');
const PHANTOM = 'S-1-5-21-2697957641-2271029196-387917394';
const WRAITH = 'S-1-5-21-3702535222-3822678775-2090119576';
const acct = (domain: string, oid: string) => `ad:${domain}:${oid}`;

type Rec = Record<string, unknown>;
const values = (list: { value: unknown }[]) => list.map((r) => r.value as Rec);
const byId = (list: { value: unknown }[], id: string) => values(list).find((r) => r.id === id);

describe('bloodhound connector: transform of the real SharpHound sample', { skip: skipWithoutSharedData }, () => {
  it('maps every domain, user, computer, group and membership, with exact counts', async () => {
    const { result, assembled } = await transformFrom(bloodhoundConnector, SAMPLE);
    const counts = Object.fromEntries(Object.entries(result.records).map(([k, v]) => [k, v.length]));
    assert.deepEqual(counts, {
      identities: 45, systems: 3, accounts: 130, groups: 219, entitlements: 30,
      memberships: 289, grants: 30, delegations: 0, credentials: 0, usage: 0, decisions: 0,
    });
    // Everything the transform emits passes the bundle schemas: the only reject is the real duplicate SID.
    assert.deepEqual(assembled.rejects.map((r) => `${r.file}:${r.line} ${r.field}`), ['20240305110018_users.json:50 data[49].ObjectIdentifier']);
    assert.deepEqual(values(result.records.systems).map((s) => s.id), ['ad:ghost.corp', 'ad:phantom.corp', 'ad:wraith.corp']);
    assert.equal(result.source.source, 'bloodhound:ghost.corp_phantom.corp_wraith.corp');
    assert.equal(result.source.mode, 'full');
    assert.equal(result.hints.length, 85, 'one hint per non-service user account');
  });

  it('maps a user account: logon name, status, newest of lastlogon/lastlogontimestamp, creation time', async () => {
    const { result } = await transformFrom(bloodhoundConnector, SAMPLE);
    assert.deepEqual(byId(result.records.accounts, acct('phantom.corp', `${PHANTOM}-2113`)), {
      id: acct('phantom.corp', `${PHANTOM}-2113`), systemId: 'ad:phantom.corp', username: 'jd', status: 'enabled',
      createdAt: '2022-10-07T08:54:49Z', lastLoginAt: '2024-03-05T18:57:07Z',
    });
    // lastlogon 0 but lastlogontimestamp set: the replicated value is used.
    assert.equal(byId(result.records.accounts, acct('phantom.corp', `${PHANTOM}-2115`))!.lastLoginAt, '2023-02-23T07:52:36Z');
    // alice never logged on (0 / -1): no last-login time rather than 1970.
    assert.equal(byId(result.records.accounts, acct('phantom.corp', `${PHANTOM}-2173`))!.lastLoginAt, undefined);
    const krbtgt = byId(result.records.accounts, acct('phantom.corp', `${PHANTOM}-502`))!;
    assert.equal(krbtgt.status, 'disabled');
    assert.equal(byId(result.records.identities, krbtgt.identityId as string)!.kind, 'service');
  });

  it('keeps the first of two users sharing one SID and rejects the later one, naming both', async () => {
    const { result } = await transformFrom(bloodhoundConnector, SAMPLE);
    const kept = byId(result.records.accounts, acct('phantom.corp', `${PHANTOM}-2186`))!;
    assert.equal(kept.username, 'gMSA_SHS22$');
    assert.equal(kept.status, 'enabled');
    assert.match(result.rejects[0].reason, /already listed as 'gMSA_SHS22\$' \(this one says 'hayden'\) at 20240305110018_users\.json:30/);
  });

  it('gives correlation hints in the default mode and people only with identities=create', async () => {
    const { result } = await transformFrom(bloodhoundConnector, SAMPLE);
    const admin = acct('phantom.corp', `${PHANTOM}-500`);
    assert.deepEqual(result.hints.find((h) => h.accountId === admin), { accountId: admin, email: 'test@mail.com', username: 'Administrator' });
    assert.equal(byId(result.records.accounts, admin)!.identityId, undefined);

    const created = (await transformFrom(bloodhoundConnector, SAMPLE, { identities: 'create' })).result;
    assert.equal(created.records.identities.length, 130);
    assert.equal(created.hints.length, 0);
    const jbk = byId(created.records.identities, `ad:phantom.corp:identity/${PHANTOM}-2180`)!;
    assert.equal(jbk.kind, 'human');
    assert.equal(jbk.title, 'Product Architect');
    // AD allows addresses the bundle schema does not; they are kept as an attribute, not dropped.
    const mailbox = byId(created.records.identities, `ad:wraith.corp:identity/${WRAITH}-1144`)!;
    assert.equal(mailbox.email, undefined);
    assert.equal((mailbox.attributes as Rec).mail, 'SystemMailbox{1f05a927-1dbf-4b03-b815-b232a0e9f06f}@wraith.corp');
    assert.equal(mailbox.status, 'suspended');
  });

  it('makes computers service identities owning their machine accounts', async () => {
    const { result } = await transformFrom(bloodhoundConnector, SAMPLE);
    const dc = byId(result.records.accounts, acct('phantom.corp', `${PHANTOM}-1000`))!;
    assert.equal(dc.username, 'DC01$');
    const identity = byId(result.records.identities, dc.identityId as string)!;
    assert.deepEqual([identity.kind, identity.displayName, identity.purpose], ['service', 'DC01.PHANTOM.CORP', 'Domain controller']);
    assert.equal(byId(result.records.accounts, acct('wraith.corp', `${WRAITH}-1117`))!.status, 'disabled', 'EXTSRV02 is disabled');
    const without = (await transformFrom(bloodhoundConnector, SAMPLE, { computers: false })).result;
    assert.equal(without.records.accounts.length, 96);
  });

  it('grants one rights entitlement per privileged group, found by RID whatever the name', async () => {
    const { result } = await transformFrom(bloodhoundConnector, SAMPLE);
    const da = `ad:phantom.corp:group-rights/${PHANTOM}-512`;
    assert.deepEqual(byId(result.records.entitlements, da), {
      id: da, systemId: 'ad:phantom.corp', name: 'Domain Admins rights', kind: 'role', privileged: true, sensitivity: 'critical',
      description: 'What membership of Domain Admins (well-known RID 512) in PHANTOM.CORP confers',
    });
    const sens = (oid: string) => byId(result.records.entitlements, `ad:phantom.corp:group-rights/${oid}`)?.sensitivity;
    assert.deepEqual(
      [`${PHANTOM}-519`, `${PHANTOM}-518`, 'PHANTOM.CORP-S-1-5-32-544', 'PHANTOM.CORP-S-1-5-32-548', 'PHANTOM.CORP-S-1-5-32-551', `${PHANTOM}-513`].map(sens),
      ['critical', 'critical', 'critical', 'high', 'high', undefined],
    );
    assert.ok(values(result.records.grants).some((g) => g.holderId === acct('phantom.corp', `${PHANTOM}-512`) && g.entitlementId === da));
  });

  it('links members across domains and merges placeholder listings, members combined', async () => {
    const { result } = await transformFrom(bloodhoundConnector, SAMPLE);
    const edges = new Set(values(result.records.memberships).map((m) => `${m.memberType}:${m.memberId} -> ${m.groupId}`));
    // WRAITH's `du` sits in PHANTOM's Administrators, listed with ObjectType "Base".
    assert.ok(edges.has(`account:${acct('wraith.corp', `${WRAITH}-1168`)} -> ${acct('phantom.corp', 'PHANTOM.CORP-S-1-5-32-544')}`));
    // Enterprise Domain Controllers is listed by the PHANTOM and the GHOST collections, each with its own DC.
    const edc = acct('phantom.corp', 'PHANTOM.CORP-S-1-5-9');
    assert.ok(edges.has(`account:${acct('phantom.corp', `${PHANTOM}-1000`)} -> ${edc}`));
    assert.ok(edges.has(`account:ad:ghost.corp:S-1-5-21-2845847946-3451170323-4261139666-1000 -> ${edc}`));
    // Nested: SubDAs is a member of Domain Admins; primary groups are memberships too.
    assert.ok(edges.has(`group:${acct('phantom.corp', `${PHANTOM}-2200`)} -> ${acct('phantom.corp', `${PHANTOM}-512`)}`));
    assert.ok(edges.has(`account:${acct('phantom.corp', `${PHANTOM}-2173`)} -> ${acct('phantom.corp', `${PHANTOM}-513`)}`));
    const noPrimary = (await transformFrom(bloodhoundConnector, SAMPLE, { primaryGroups: false })).result;
    assert.equal(noPrimary.records.memberships.length, 159);
  });

  it('notes what it leaves out instead of rejecting it: foreign members, placeholders, ACLs and sessions', async () => {
    const { result } = await transformFrom(bloodhoundConnector, SAMPLE);
    const notes = result.notes.join('\n');
    assert.match(notes, /2 group member\(s\) outside the collected domains .* CN=ENTERPRISE ADMINS,OU=GROUPS,OU=TIER0,DC=PHANTOM,DC=CORP/);
    assert.match(notes, /3 placeholder user\/computer object\(s\)/);
    assert.match(notes, /Not mapped .*11772 ACEs.*106 certtemplates.*1121 containers.*32 gpos.*20 ous.*60 sessions/);
    assert.match(notes, /20240305110018_users\.json: meta\.count says 49 but data holds 53 objects/);
    assert.match(notes, /3 collection\(s\): 20240305110018 \(PHANTOM\.CORP\); 20240305110427 \(GHOST\.CORP\); 20240305111414 \(WRAITH\.CORP\)/);
  });

  it('is deterministic, and reads only the mapped files with outOfScope=ignore', async () => {
    const a = await transformFrom(bloodhoundConnector, SAMPLE, { identities: 'create' });
    const b = await transformFrom(bloodhoundConnector, SAMPLE, { identities: 'create' });
    assert.deepEqual(a.result, b.result);
    const lean = await transformFrom(bloodhoundConnector, SAMPLE, { outOfScope: 'ignore' });
    assert.equal(lean.assembled.files.length, 12, '3 collections x users, groups, computers, domains');
    assert.equal(lean.result.records.memberships.length, 289);
  });

  it('is detected on a SharpHound folder and not on a whohas bundle or an HR export', async () => {
    assert.equal(bloodhoundConnector.detect!(await probePath(SAMPLE)), true);
    assert.equal(bloodhoundConnector.detect!(await probePath(join(SAMPLE, '20240305110427_groups.json'))), true);
    const fixtures = join(__dirname, '..', '..', 'test', 'fixtures');
    assert.equal(bloodhoundConnector.detect!(await probePath(join(fixtures, 'acme'))), false);
    assert.equal(bloodhoundConnector.detect!(await probePath(join(fixtures, 'hris'))), false);
  });
});
