import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoRecords, renderDemoBundle, writeDemoBundle } from '../src/demo/generate-demo';
import type { DemoRecords } from '../src/demo/types';

const EXPORTED_AT = '2026-11-01T00:00:00.000Z';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let cached: DemoRecords | undefined;
function defaults(): DemoRecords {
  cached ??= generateDemoRecords();
  return cached;
}

/** Strongly connected components with more than one node, or with a self-loop (Tarjan). */
function cycles(edges: [string, string][]): string[][] {
  const adj = new Map<string, string[]>();
  for (const [a, b] of edges) {
    adj.set(a, [...(adj.get(a) ?? []), b]);
    if (!adj.has(b)) adj.set(b, []);
  }
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of adj.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (adj.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of adj.keys()) if (!index.has(v)) visit(v);
  return out;
}

test('default size: 3000 humans plus ~60 services and ~40 agents, ~20k usage rows', () => {
  const r = defaults();
  const kinds = (k: string) => r.identities.filter((i) => i.kind === k).length;
  assert.equal(kinds('human'), 3000);
  // 60 services and 40 agents, plus the 1 service and 3 agents the SoD shapes run through (src/demo/sod-shapes.ts).
  assert.equal(kinds('service'), 61);
  assert.equal(kinds('agent'), 43);
  assert.equal(r.systems.length, 8);
  assert.equal(r.usage.length, 20_000);
  assert.ok(r.entitlements.length >= 200, `entitlements: ${r.entitlements.length}`);
  assert.ok(r.accounts.length > 3 * 3000);
});

test('same seed gives byte-identical files; a different seed differs', async () => {
  const root = await mkdtemp(join(tmpdir(), 'whohas-demo-'));
  try {
    const opts = { seed: 7, humans: 300 };
    const c1 = await writeDemoBundle(join(root, 'a'), opts);
    const c2 = await writeDemoBundle(join(root, 'b', 'nested'), opts);
    await writeDemoBundle(join(root, 'c'), { seed: 8, humans: 300 });
    assert.deepEqual(c1, c2);
    const files = (await readdir(join(root, 'a'))).sort();
    assert.deepEqual(files, [
      'accounts.ndjson', 'credentials.ndjson', 'delegations.ndjson', 'entitlements.ndjson', 'grants.ndjson', 'groups.ndjson',
      'identities.ndjson', 'memberships.ndjson', 'source.json', 'systems.ndjson', 'usage.ndjson',
    ]);
    let differs = 0;
    for (const f of files) {
      const a = await readFile(join(root, 'a', f));
      assert.ok(a.equals(await readFile(join(root, 'b', 'nested', f))), `${f} differs between runs`);
      if (!a.equals(await readFile(join(root, 'c', f)))) differs++;
      if (f.endsWith('.ndjson')) {
        const lines = a.toString('utf8').split('\n').filter((l) => l.length > 0);
        assert.equal(lines.length, c1[f], `count of ${f}`);
        for (const l of lines) JSON.parse(l);
      }
    }
    assert.ok(differs >= 5, `only ${differs} files differ across seeds`);
    const source = JSON.parse(await readFile(join(root, 'a', 'source.json'), 'utf8'));
    assert.deepEqual(source, { source: 'demo', mode: 'full', exportedAt: EXPORTED_AT });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('default-size output is deterministic', () => {
  const a = renderDemoBundle(defaults());
  const b = renderDemoBundle(generateDemoRecords({ seed: 42, humans: 3000 }));
  for (const [f, text] of a) assert.ok(text === b.get(f), `${f} differs`);
});

test('ids are unique and every reference resolves', () => {
  const r = defaults();
  const ids = (list: { id: string }[], what: string) => {
    const set = new Set(list.map((x) => x.id));
    assert.equal(set.size, list.length, `duplicate ${what} ids`);
    return set;
  };
  const identities = ids(r.identities, 'identity');
  const systems = ids(r.systems, 'system');
  const accounts = ids(r.accounts, 'account');
  const groups = ids(r.groups, 'group');
  const entitlements = ids(r.entitlements, 'entitlement');
  ids(r.credentials, 'credential');
  const emails = new Set(r.identities.map((i) => i.email).filter((e) => e !== undefined));
  const byId = new Map(r.identities.map((i) => [i.id, i]));

  for (const i of r.identities) {
    if (i.managerId) assert.ok(identities.has(i.managerId), `manager of ${i.id}`);
    if (i.ownerId) assert.equal(byId.get(i.ownerId)?.kind, 'human', `owner of ${i.id}`);
  }
  for (const s of r.systems) if (s.ownerId) assert.ok(identities.has(s.ownerId));
  let unowned = 0;
  for (const a of r.accounts) {
    assert.ok(systems.has(a.systemId), `system of ${a.id}`);
    assert.ok(!(a.identityId && a.identityEmail), `${a.id} has both identityId and identityEmail`);
    if (a.identityId) assert.ok(identities.has(a.identityId), `owner of ${a.id}`);
    else if (a.identityEmail) assert.ok(emails.has(a.identityEmail), `email of ${a.id}`);
    else unowned++;
  }
  assert.ok(unowned >= 5 && unowned <= 30, `unowned accounts: ${unowned}`);
  assert.ok(r.accounts.some((a) => a.identityEmail), 'some accounts are linked by email only');
  for (const x of [...r.groups, ...r.entitlements]) assert.ok(systems.has(x.systemId));
  for (const m of r.memberships) {
    assert.ok(groups.has(m.groupId), `group ${m.groupId}`);
    assert.ok((m.memberType === 'group' ? groups : accounts).has(m.memberId), `member ${m.memberId}`);
  }
  for (const g of r.grants) {
    assert.ok(entitlements.has(g.entitlementId), `entitlement ${g.entitlementId}`);
    assert.ok((g.holderType === 'group' ? groups : accounts).has(g.holderId), `holder ${g.holderId}`);
  }
  for (const d of r.delegations) {
    assert.ok(identities.has(d.fromId) && identities.has(d.toId));
    assert.ok(d.scope.length > 0);
    for (const e of d.scope) assert.ok(e === '*' || entitlements.has(e), `scope ${e}`);
    if (d.scope.includes('*')) assert.deepEqual(d.scope, ['*']);
  }
  for (const c of r.credentials) assert.ok((c.holderType === 'identity' ? identities : accounts).has(c.holderId));
  for (const u of r.usage) {
    assert.ok(accounts.has(u.accountId), `usage account ${u.accountId}`);
    assert.ok(entitlements.has(u.entitlementId), `usage entitlement ${u.entitlementId}`);
  }
  const edgeKeys = new Set([
    ...r.memberships.map((m) => `m ${m.memberId} ${m.groupId}`),
    ...r.grants.map((g) => `g ${g.holderId} ${g.entitlementId}`),
    ...r.delegations.map((d) => `d ${d.fromId} ${d.toId}`),
  ]);
  assert.equal(edgeKeys.size, r.memberships.length + r.grants.length + r.delegations.length, 'duplicate edges');
});

test('enums and times are valid per the spec', () => {
  const r = defaults();
  const oneOf = (v: unknown, allowed: string[], what: string) => assert.ok(allowed.includes(v as string), `${what}: ${String(v)}`);
  const levels = ['low', 'medium', 'high', 'critical'];
  const times: [string, string][] = [];
  const at = (v: string | undefined, what: string) => {
    if (v === undefined) return;
    assert.match(v, ISO, what);
    assert.ok(!Number.isNaN(Date.parse(v)), what);
    times.push([what, v]);
  };
  for (const i of r.identities) {
    oneOf(i.kind, ['human', 'service', 'agent'], 'identity kind');
    oneOf(i.status, ['active', 'suspended', 'terminated'], 'identity status');
    assert.ok(i.id && i.displayName);
    at(i.createdAt, 'createdAt');
    at(i.terminatedAt, 'terminatedAt');
    assert.equal(i.terminatedAt !== undefined, i.status === 'terminated', `terminatedAt of ${i.id}`);
    for (const v of Object.values(i.attributes ?? {})) assert.equal(typeof v, 'string');
  }
  for (const s of r.systems) if (s.criticality) oneOf(s.criticality, levels, 'criticality');
  for (const a of r.accounts) {
    oneOf(a.status, ['enabled', 'disabled'], 'account status');
    at(a.createdAt, 'createdAt');
    at(a.lastLoginAt, 'lastLoginAt');
  }
  for (const g of r.groups) if (g.kind) oneOf(g.kind, ['group', 'role', 'permission_set'], 'group kind');
  for (const e of r.entitlements) {
    if (e.kind) oneOf(e.kind, ['permission', 'scope', 'role', 'license', 'tool'], 'entitlement kind');
    if (e.sensitivity) oneOf(e.sensitivity, levels, 'sensitivity');
    if (e.privileged !== undefined) assert.equal(typeof e.privileged, 'boolean');
  }
  const edge = (e: { grantedAt?: string; expiresAt?: string }, what: string) => {
    at(e.grantedAt, `${what} grantedAt`);
    if (e.expiresAt) assert.match(e.expiresAt, ISO);
    if (e.grantedAt && e.expiresAt) assert.ok(e.grantedAt < e.expiresAt, `${what} expires before granted`);
  };
  for (const m of r.memberships) {
    oneOf(m.memberType, ['account', 'group'], 'memberType');
    edge(m, 'membership');
  }
  for (const g of r.grants) {
    oneOf(g.holderType, ['account', 'group'], 'holderType');
    edge(g, 'grant');
  }
  for (const d of r.delegations) edge(d, 'delegation');
  for (const c of r.credentials) {
    oneOf(c.type, ['api_key', 'oauth_client', 'token', 'password', 'ssh_key', 'certificate'], 'credential type');
    oneOf(c.holderType, ['identity', 'account'], 'credential holderType');
    at(c.createdAt, 'credential createdAt');
    at(c.lastRotatedAt, 'lastRotatedAt');
    at(c.lastUsedAt, 'lastUsedAt');
    if (c.expiresAt) assert.match(c.expiresAt, ISO);
  }
  for (const u of r.usage) {
    at(u.at, 'usage at');
    assert.ok(u.at >= '2026-01-01' && u.at < '2026-11-01', `usage at ${u.at}`);
    if (u.count !== undefined) assert.ok(Number.isInteger(u.count) && u.count >= 1);
  }
  // Nothing has happened after the export, except expiries.
  for (const [what, v] of times) assert.ok(v <= EXPORTED_AT, `${what} ${v} is after the export`);
  // Expiries both lapsed (2025) and pending (2030).
  const expiries = [...r.memberships, ...r.grants].map((e) => e.expiresAt).filter((e): e is string => e !== undefined);
  assert.ok(expiries.some((e) => e.startsWith('2025-')) && expiries.some((e) => e.startsWith('2030-')));
});

test('exactly one group nesting cycle, of two groups', () => {
  const r = defaults();
  const edges = r.memberships.filter((m) => m.memberType === 'group').map((m): [string, string] => [m.memberId, m.groupId]);
  const found = cycles(edges);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].length, 2);
});

test('exactly one delegation cycle (agent A -> agent B -> agent A) and a chain of depth >= 3', () => {
  const r = defaults();
  const kind = new Map(r.identities.map((i) => [i.id, i.kind]));
  const edges = r.delegations.map((d): [string, string] => [d.fromId, d.toId]);
  const found = cycles(edges);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].length, 2);
  for (const id of found[0]) assert.equal(kind.get(id), 'agent');

  const out = new Map<string, string[]>();
  for (const [a, b] of edges) out.set(a, [...(out.get(a) ?? []), b]);
  const longest = (v: string, seen: Set<string>): number => {
    let best = 0;
    for (const w of out.get(v) ?? []) {
      if (seen.has(w)) continue;
      seen.add(w);
      best = Math.max(best, 1 + longest(w, seen));
      seen.delete(w);
    }
    return best;
  };
  const humans = [...new Set(r.delegations.map((d) => d.fromId))].filter((id) => kind.get(id) === 'human');
  const depth = Math.max(...humans.map((h) => longest(h, new Set([h]))));
  assert.ok(depth >= 3, `deepest human-rooted delegation chain: ${depth}`);
  assert.ok(r.delegations.some((d) => d.scope[0] === '*'), 'some delegations are unrestricted');
});

test('demo contains the intended findings', () => {
  const r = defaults();
  const byId = new Map(r.identities.map((i) => [i.id, i]));
  const leaverAccounts = r.accounts.filter((a) => a.status === 'enabled' && a.identityId && byId.get(a.identityId)?.status === 'terminated');
  assert.ok(leaverAccounts.length > 0, 'terminated humans with enabled accounts');
  const services = r.identities.filter((i) => i.kind === 'service');
  assert.ok(services.some((s) => !s.ownerId) && services.some((s) => s.ownerId), 'owned and unowned services');
  for (const id of ['sap:fin:create_vendor', 'sap:fin:approve_payment', 'sap:fin:post_journal', 'tool:payments.approve', 'tool:crm.read', 'tool:email.send']) {
    assert.ok(r.entitlements.some((e) => e.id === id), id);
  }
  assert.ok(r.entitlements.some((e) => e.kind === 'tool' && e.systemId === 'agent-tools'));
  assert.ok(r.grants.some((g) => g.holderType === 'account') && r.grants.some((g) => g.holderType === 'group'));
  assert.ok(r.credentials.some((c) => !c.lastRotatedAt && c.createdAt! < '2022') && r.credentials.some((c) => !c.expiresAt));

  // Usage is mostly for pairs the account really holds over active edges.
  const active = (e: { expiresAt?: string }) => !e.expiresAt || e.expiresAt > EXPORTED_AT;
  const parents = new Map<string, string[]>();
  const held = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, v: string) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const m of r.memberships) if (active(m)) push(parents, m.memberId, m.groupId);
  for (const g of r.grants) if (active(g)) push(held, g.holderId, g.entitlementId);
  const reach = (account: string): Set<string> => {
    const out = new Set<string>();
    const seen = new Set<string>();
    const stack = [account];
    while (stack.length) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      for (const e of held.get(v) ?? []) out.add(e);
      stack.push(...(parents.get(v) ?? []));
    }
    return out;
  };
  const cache = new Map<string, Set<string>>();
  let ok = 0;
  for (const u of r.usage) {
    if (!cache.has(u.accountId)) cache.set(u.accountId, reach(u.accountId));
    if (cache.get(u.accountId)!.has(u.entitlementId)) ok++;
  }
  assert.ok(ok / r.usage.length > 0.9, `only ${ok} of ${r.usage.length} usage rows are for held pairs`);
  assert.ok(r.usage.some((u) => u.count !== undefined && u.count > 1));
});

test('rejects too few humans', () => {
  assert.throws(() => generateDemoRecords({ humans: 10 }), RangeError);
});
