import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeDemoBundle } from '../src/demo/generate-demo';
import { graphSnapshot, type GraphSnapshot } from './helpers/snapshot';
import { tempStore, type TempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

/**
 * A full run on the embedded store is built as a new generation (bulk loads into a fresh database,
 * then a switch: ingest/bundle/generation/) once it is large enough; smaller runs merge into the live
 * graph. Both must leave exactly the same graph, property for property (update tags included), and
 * report the same kept and removed counts. Two real stores take the same sequence of runs, one
 * always merging and one always rebuilding, and are compared after every run.
 */
const NOW = () => new Date('2026-11-20T00:00:00Z');
type Lines = Array<Record<string, unknown>>;
const read = (dir: string, file: string): Lines =>
  readFileSync(join(dir, `${file}.ndjson`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const write = (dir: string, file: string, lines: Array<Record<string, unknown> | string>) =>
  writeFileSync(join(dir, `${file}.ndjson`), lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');

/** The second export of the same source: people left, access changed, new usage, and a few broken lines. */
function changeDemo(dir: string): void {
  const identities = read(dir, 'identities');
  const leavers = new Set(identities.filter((i) => i.kind === 'human').slice(5, 25).map((i) => String(i.id)));
  write(dir, 'identities', [
    ...identities.filter((i) => !leavers.has(String(i.id))).map((i, n) => (n % 17 === 0 ? { ...i, title: 'Renamed title', department: 'Reorg' } : i)),
    // Broken: names an existing identity, which the run must keep as it was.
    `{"id":"${identities[3].id}","kind":"human","displayName":"","status":"active"}`,
  ]);
  const accounts = read(dir, 'accounts').filter((a) => !leavers.has(String(a.identityId)));
  write(dir, 'accounts', accounts.map((a, n) => (n % 29 === 0 ? { ...a, status: 'disabled' } : a)));
  const accountIds = new Set(accounts.map((a) => String(a.id)));
  const memberships = read(dir, 'memberships').filter((m) => m.memberType !== 'account' || accountIds.has(String(m.memberId)));
  const brokenMembership = memberships[7];
  write(dir, 'memberships', [
    ...memberships.filter((_, n) => n % 13 !== 0 && n !== 7),
    `{"memberId":"${brokenMembership.memberId}","groupId":"${brokenMembership.groupId}","memberType":"weird"}`,
  ]);
  write(dir, 'grants', read(dir, 'grants').filter((g, n) => (g.holderType !== 'account' || accountIds.has(String(g.holderId))) && n % 11 !== 0));
  const usage = read(dir, 'usage').filter((u) => accountIds.has(String(u.accountId)));
  write(dir, 'usage', [...usage, ...usage.slice(0, 40).map((u) => ({ ...u, at: '2026-11-02T00:00:00.000Z', count: 3 }))]);
  const delegations = read(dir, 'delegations').filter((d) => !leavers.has(String(d.fromId)));
  write(dir, 'delegations', delegations.slice(1).map((d, n) => (n === 0 ? { ...d, purpose: 'Changed purpose' } : d)));
  write(dir, 'credentials', read(dir, 'credentials').filter((c) => !leavers.has(String(c.holderId))));
}

/** Another source adds people and access on top of the demo's groups and entitlements. */
function otherSource(demoDir: string, mode: 'incremental' | 'full'): string {
  const group = read(demoDir, 'groups')[0];
  const entitlement = read(demoDir, 'entitlements')[0];
  return writeBundle({
    'source.json': { source: 'contractors', mode, exportedAt: '2026-11-10T00:00:00Z' },
    systems: [{ id: 'vendorportal', name: 'Vendor portal' }],
    identities: [1, 2, 3].map((n) => ({ id: `ctr:${n}`, kind: 'human', displayName: `Contractor ${n}`, status: 'active', email: `ctr${n}@example.com` })),
    accounts: [1, 2, 3].map((n) => ({ id: `${group.systemId}:ctr${n}`, systemId: group.systemId, identityId: `ctr:${n}`, status: 'enabled' })),
    memberships: [1, 2].map((n) => ({ memberId: `${group.systemId}:ctr${n}`, memberType: 'account', groupId: group.id })),
    grants: [{ holderId: `${group.systemId}:ctr3`, holderType: 'account', entitlementId: entitlement.id }],
    usage: [{ accountId: `${group.systemId}:ctr3`, entitlementId: entitlement.id, at: '2026-11-09T00:00:00Z', count: 2 }],
  });
}

/** The graph minus what differs by design between two stores: run ids inside graph versions. */
function comparable(s: GraphSnapshot): Record<string, unknown> {
  const { graphVersion: _v, 'nodes-graph-meta': _m, ...rest } = s;
  return rest;
}

const outcome = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([k]) => k.startsWith('removed.') || k.startsWith('kept.') || k === 'accessGrants').sort());

describe('a full run built as a new generation leaves the same graph as a merge into the live one', () => {
  let merged: TempStore;
  let rebuilt: TempStore;
  let demo: string;
  const dirs: string[] = [];
  before(async () => {
    merged = await tempStore();
    rebuilt = await tempStore();
    demo = join(merged.dir, 'bundle');
    await writeDemoBundle(demo, { humans: 400 });
  });
  after(async () => {
    await merged.close();
    await rebuilt.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function both(dir: string, label: string): Promise<Record<string, number>> {
    const a = await merged.ingest(dir, { now: NOW, rebuildMinRecords: Number.MAX_SAFE_INTEGER });
    const b = await rebuilt.ingest(dir, { now: NOW, rebuildMinRecords: 0 });
    assert.equal(a.status, 'succeeded', `${label}, merged: ${JSON.stringify(a.error)}`);
    assert.equal(b.status, 'succeeded', `${label}, rebuilt: ${JSON.stringify(b.error)}`);
    // The index phase is reported in parts by both paths; only the bulk load has a COPY.
    assert.deepEqual(Object.keys(a.timingsMs).filter((k) => k.startsWith('index.')).sort(), ['index.compute', 'index.read', 'index.write'], label);
    const bulk = b.mode === 'full' ? ['index.copy'] : [];
    assert.deepEqual(Object.keys(b.timingsMs).filter((k) => k.startsWith('index.')).sort(), ['index.compute', ...bulk, 'index.read', 'index.write'], label);
    assert.deepEqual(outcome(b.counts), outcome(a.counts), `${label}: kept and removed counts`);
    const [sa, sb] = [await graphSnapshot(merged.store), await graphSnapshot(rebuilt.store)];
    for (const [table, rows] of Object.entries(comparable(sa))) {
      assert.deepEqual(comparable(sb)[table], rows, `${label}: ${table} differs`);
    }
    assert.ok((sa['rels-has-access'] as unknown[]).length > 1000, 'the index is not empty');
    return b.counts;
  }

  it('first load of the demo enterprise', async () => {
    await both(demo, 'first load');
  });

  it('another source adds on top (incremental), then the demo source changes and names broken records', async () => {
    const extra = otherSource(demo, 'incremental');
    dirs.push(extra);
    await both(extra, 'other source');
    changeDemo(demo);
    const counts = await both(demo, 'changed export');
    assert.ok(counts['removed.identities'] >= 20, JSON.stringify(counts));
    assert.ok(counts['kept.identities'] === 1 && counts['kept.memberships'] === 1, JSON.stringify(counts));
    assert.ok(counts['removed.delegations'] >= 1 && counts['removed.grants'] > 0 && counts['removed.memberships'] > 0, JSON.stringify(counts));
  });

  it('the same export again changes nothing (usage counts do not double), and the other source keeps its data', async () => {
    const counts = await both(demo, 'same export again');
    assert.equal(counts['removed.identities'], 0);
    const contractors = await rebuilt.store.run('contract/identities-by-prefix', { prefix: 'ctr:', skip: 0, limit: 10 });
    assert.equal(contractors.length, 3);
  });

  it('a full run of the other source removes only its own records', async () => {
    const full = otherSource(demo, 'full');
    dirs.push(full);
    for (const f of readdirSync(full)) if (f.startsWith('memberships')) rmSync(join(full, f));
    const counts = await both(full, 'other source, full');
    assert.equal(counts['removed.memberships'], 2);
  });
});
