import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { IngestRunSummary } from '../ingest/bundle/run-record';
import { ENTITY_FILES } from '../ingest/bundle/records';
import { bloodhoundConnector } from '../ingest/bloodhound';
import { accountsById, identitiesById } from '../src/read/graph-reader';
import { ingestVia } from './helpers/connector-run';
import { grantOf, holders, hops } from './helpers/graph-queries';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';
import { tempStore, type TempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

const SAMPLE = sharedData('bloodhound-ad-sample');
const PHANTOM = 'S-1-5-21-2697957641-2271029196-387917394';
const GHOST = 'S-1-5-21-2845847946-3451170323-4261139666';
const WRAITH = 'S-1-5-21-3702535222-3822678775-2090119576';
const identity = (domain: string, oid: string) => `ad:${domain}:identity/${oid}`;
const rights = (domain: string, oid: string) => `ad:${domain}:group-rights/${oid}`;

interface Principal { domain: string; enabled: unknown; service: boolean; primaryGroup?: string }

/**
 * Who holds a group's rights, straight from the JSON with a plain walk (no connector code, no graph):
 * members of every listing of a group, plus principals whose primary group it is, nested groups
 * walked; a SID listed twice is the first full listing's; only `enabled: true` principals count.
 */
function sample() {
  const principals = new Map<string, Principal>();
  const members = new Map<string, Set<string>>();
  const groups = new Map<string, string>();
  const add = (group: string, member: string) => members.set(group, (members.get(group) ?? new Set()).add(member));
  for (const name of readdirSync(SAMPLE).filter((n) => /_(users|computers|groups)\.json$/.test(n)).sort()) {
    for (const o of JSON.parse(readFileSync(join(SAMPLE, name), 'utf8')).data) {
      const p = o.Properties;
      if (name.endsWith('_groups.json')) {
        groups.set(o.ObjectIdentifier, p.domain.toLowerCase());
        for (const m of o.Members ?? []) add(o.ObjectIdentifier, m.ObjectIdentifier);
      } else if (p.samaccountname && p.reconcile !== false && !principals.has(o.ObjectIdentifier)) {
        const service = name.endsWith('_computers.json') || p.gmsa === true || p.msa === true || /-502$/.test(o.ObjectIdentifier);
        principals.set(o.ObjectIdentifier, { domain: p.domain.toLowerCase(), enabled: p.enabled, service, primaryGroup: o.PrimaryGroupSID });
      }
    }
  }
  for (const [oid, p] of principals) if (p.primaryGroup) add(p.primaryGroup, oid);
  const holdersOf = (groupOid: string, keep: (p: Principal) => boolean = () => true): string[] => {
    const found = new Set<string>();
    const seen = new Set<string>();
    const walk = (g: string) => {
      if (seen.has(g)) return;
      seen.add(g);
      for (const m of members.get(g) ?? []) {
        const p = principals.get(m);
        if (p && p.enabled === true && keep(p)) found.add(identity(p.domain, m));
        else if (groups.has(m)) walk(m);
      }
    };
    walk(groupOid);
    return [...found].sort();
  };
  const privileged = [...groups.keys()].filter((oid) => /^S-1-5-21-\d+-\d+-\d+-(512|516|518|519|526|527)$|-S-1-5-32-(544|548|549|550|551)$/.test(oid));
  return { holdersOf, privileged, domainOf: (oid: string) => groups.get(oid)! };
}

const recordCount = (run: IngestRunSummary) => ENTITY_FILES.reduce((n, e) => n + (run.counts[e] ?? 0), 0);

describe('bloodhound connector: end to end into a real store', { skip: skipWithoutSharedData }, () => {
  let t: TempStore;
  let run: IngestRunSummary;
  let ms = 0;
  const json = sample();
  before(async () => {
    t = await tempStore('whohas-bloodhound-');
    const t0 = performance.now();
    run = await ingestVia(t, bloodhoundConnector, SAMPLE, { options: { identities: 'create' } });
    ms = performance.now() - t0;
  });
  after(async () => t.close());

  it('loads the whole collection in one run, the one duplicate SID rejected', (ctx) => {
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.rejectCount, 1, JSON.stringify(run.rejectSample));
    assert.equal(run.source, 'bloodhound:ghost.corp_phantom.corp_wraith.corp');
    assert.deepEqual(
      [run.counts.identities, run.counts.accounts, run.counts.groups, run.counts.memberships, run.counts.grants],
      [130, 130, 219, 289, 30],
    );
    ctx.diagnostic(`transform+ingest: ${recordCount(run)} records in ${ms.toFixed(0)} ms = ${Math.round(recordCount(run) / (ms / 1000))} records/s`);
  });

  it('answers "who effectively holds Domain Admins rights" in each domain exactly as a walk of the JSON does', async () => {
    const expected: Record<string, number> = { [PHANTOM]: 12, [GHOST]: 2, [WRAITH]: 3 };
    for (const [sid, n] of Object.entries(expected)) {
      const da = `${sid}-512`;
      const want = json.holdersOf(da);
      assert.equal(want.length, n, `independent count for ${da}`);
      assert.deepEqual(await holders(t.store, rights(json.domainOf(da), da)), want, da);
    }
  });

  it('agrees with the walk for every privileged group, including nesting across domains', async () => {
    assert.equal(json.privileged.length, 30);
    for (const oid of json.privileged) assert.deepEqual(await holders(t.store, rights(json.domainOf(oid), oid)), json.holdersOf(oid), oid);
    // WRAITH's du reaches PHANTOM's Administrators from the other domain.
    assert.ok((await holders(t.store, rights('phantom.corp', 'PHANTOM.CORP-S-1-5-32-544'))).includes(identity('wraith.corp', `${WRAITH}-1168`)));
  });

  it('explains why: alice is a Domain Admin through the nested SubDAs group', async () => {
    const alice = identity('phantom.corp', `${PHANTOM}-2173`);
    const da = rights('phantom.corp', `${PHANTOM}-512`);
    const grant = await grantOf(t.store, alice, da);
    assert.ok(grant, 'alice holds Domain Admins rights');
    assert.deepEqual(grant.paths.map(hops), [
      [
        `>identity:${alice}`,
        `OWNS>account:ad:phantom.corp:${PHANTOM}-2173`,
        `MEMBER_OF>group:ad:phantom.corp:${PHANTOM}-2200`,
        `MEMBER_OF>group:ad:phantom.corp:${PHANTOM}-512`,
        `GRANTS>entitlement:${da}`,
      ],
    ]);
    // In GHOST, tom and walter are listed in Domain Admins but disabled: they hold nothing.
    const ghostDa = await holders(t.store, rights('ghost.corp', `${GHOST}-512`));
    assert.deepEqual(ghostDa, [identity('ghost.corp', `${GHOST}-1104`), identity('ghost.corp', `${GHOST}-500`)]);
  });

  it('re-running the same collection as a full run removes nothing and changes no access', async () => {
    const again = await ingestVia(t, bloodhoundConnector, SAMPLE, { options: { identities: 'create' } });
    assert.equal(again.status, 'succeeded');
    const removed = Object.entries(again.counts).filter(([k, v]) => k.startsWith('removed.') && v !== 0);
    assert.deepEqual(removed, []);
    assert.equal(again.counts.accessGrants, run.counts.accessGrants);
  });

  it('a full run where one user object is broken keeps that user, its identity and its memberships as loaded before', async () => {
    const alice = `${PHANTOM}-2173`;
    const account = `ad:phantom.corp:${alice}`;
    const da = rights('phantom.corp', `${PHANTOM}-512`);
    const pathsBefore = (await grantOf(t.store, identity('phantom.corp', alice), da))!.paths.map(hops);
    const [accountBefore] = await accountsById(t.store, [account]);
    // A copy of the collection in which alice's object says `enabled: "yes"`.
    const files: Record<string, string> = {};
    for (const name of readdirSync(SAMPLE).filter((n) => n.endsWith('.json'))) files[name] = readFileSync(join(SAMPLE, name), 'utf8');
    const users = JSON.parse(files['20240305110018_users.json']);
    const index = users.data.findIndex((o: { ObjectIdentifier: string }) => o.ObjectIdentifier === alice);
    users.data[index].Properties.enabled = 'yes';
    files['20240305110018_users.json'] = JSON.stringify(users);
    const broken = await ingestVia(t, bloodhoundConnector, writeBundle(files), { options: { identities: 'create' } });
    assert.equal(broken.status, 'succeeded', JSON.stringify(broken.error));
    assert.equal(broken.mode, 'full');
    const reject = broken.rejectSample.find((r) => r.field === `data[${index}].Properties.enabled`)!;
    assert.ok(reject, JSON.stringify(broken.rejectSample));
    assert.deepEqual([reject.entity, reject.key], ['accounts', { id: account }]);
    assert.ok(broken.counts['kept.accounts'] >= 1, JSON.stringify(broken.counts));
    assert.ok(broken.counts['kept.identities'] >= 1, JSON.stringify(broken.counts));
    assert.ok(broken.counts['kept.memberships'] >= 1, JSON.stringify(broken.counts));
    const removed = Object.entries(broken.counts).filter(([k, v]) => k.startsWith('removed.') && v !== 0);
    assert.deepEqual(removed, [], 'nothing is removed for one broken object');
    assert.deepEqual((await accountsById(t.store, [account]))[0], accountBefore, 'kept exactly as loaded before');
    assert.ok((await identitiesById(t.store, [identity('phantom.corp', alice)]))[0]);
    assert.deepEqual((await grantOf(t.store, identity('phantom.corp', alice), da))!.paths.map(hops), pathsBefore, 'still a Domain Admin through SubDAs');
  });
});

describe('bloodhound connector: correlating AD users to HR people', { skip: skipWithoutSharedData }, () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore('whohas-bloodhound-hr-');
  });
  after(async () => t.close());

  it('attaches accounts to people by email; service identities stay AD-owned; the rest are unowned', async () => {
    const hr = writeBundle({
      'source.json': { source: 'hr', mode: 'full', exportedAt: '2026-11-01T00:00:00Z' },
      identities: [
        { id: 'hr:bm', kind: 'human', displayName: 'B. M.', email: 'bm@wraith.corp', status: 'active' },
        { id: 'hr:admin', kind: 'human', displayName: 'Phantom admin', email: 'TEST@mail.com', status: 'active' },
      ],
    });
    assert.equal((await t.ingest(hr)).status, 'succeeded');
    const run = await ingestVia(t, bloodhoundConnector, SAMPLE);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.counts['correlated.accounts'], 2);
    assert.match(run.notes.join('\n'), /83 account\(s\) matched no identity and stay unowned/);

    assert.deepEqual(await holders(t.store, rights('wraith.corp', `${WRAITH}-512`)), ['hr:bm']);
    const json = sample();
    const serviceDa = json.holdersOf(`${PHANTOM}-512`, (p) => p.service);
    assert.deepEqual(await holders(t.store, rights('phantom.corp', `${PHANTOM}-512`)), [...serviceDa, 'hr:admin'].sort());
    assert.equal(serviceDa.length, 2, 'gMSA_SHS8$ and gMSA_SHS22$');
  });
});
