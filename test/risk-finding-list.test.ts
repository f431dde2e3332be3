import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { writeDemo } from '../src/demo/generate-demo';
import { EXPORTED_AT } from '../src/demo/random';
import { rankedOutliers } from '../src/peers/outliers';
import { parseRows } from '../src/read/rows';
import { peerModel, readPeerSnapshot, type SnapshotRead } from '../src/read/peers-reader';
import { FINDING_CODES, SEVERITIES } from '../src/risk/catalog';
import { compareFindings, type Finding } from '../src/risk/finding';
import { evaluateRisk, type RiskEvaluation } from '../src/risk/risk-service';
import { AccessPairsRow } from '../src/risk/risk-rows';
import { readRiskData } from '../src/risk/risk-data';
import type { HeldList } from '../src/risk/held-access';
import { daysBefore } from '../src/risk/thresholds';
import { loadSodRules } from '../src/sod/sod-service';
import { tempDir } from './helpers/temp-dir';
import { tempStore, type TempStore } from './helpers/temp-store';

/**
 * The finding list holds the per-pair kinds as columns and builds a finding only when read. Every
 * way of reading it must give what a plain sorted array of built findings gives.
 */
describe('risk findings held as runs read like one sorted array', () => {
  let t: TempStore;
  let ev: RiskEvaluation;
  let all: Finding[];

  before(async () => {
    const bundle = tempDir('whohas-finding-list-');
    const demo = await writeDemo(bundle, { humans: 300 });
    t = await tempStore('whohas-finding-list-db-');
    const run = await t.ingest(bundle, { now: () => new Date(EXPORTED_AT) });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    await loadSodRules(t.store, demo.sodRules, 'demo sod-rules.yaml', new Date(EXPORTED_AT));
    ev = await evaluateRisk(t.store, EXPORTED_AT, { fresh: true });
    all = ev.findings.toArray();
  });
  after(() => t.close());

  it('holds both column kinds and built kinds, in strict worst-first order (so no finding twice)', () => {
    const codes = new Set(all.map((f) => f.code));
    for (const code of ['UNUSED_ENTITLEMENT', 'PEER_OUTLIER', 'SOD_VIOLATION', 'UNOWNED_ACCOUNT'] as const) assert.ok(codes.has(code), code);
    assert.equal(all.length, ev.findings.length);
    for (let i = 1; i < all.length; i++) assert.ok(compareFindings(all[i - 1], all[i]) < 0, `${all[i - 1].id} before ${all[i].id}`);
  });

  it('PEER_OUTLIER holds exactly the ranked outliers at or above the threshold, with their scores', async () => {
    const ranked = rankedOutliers(await peerModel(t.store, EXPORTED_AT)).filter((o) => o.outlierScore >= ev.thresholds.peerOutlierMinScore);
    const expected = ranked.map((o) => `PEER_OUTLIER:${o.identityId}:${o.entitlementId}`).sort();
    const found = all.filter((f) => f.code === 'PEER_OUTLIER');
    assert.deepEqual(found.map((f) => f.id).sort(), expected);
    const scoreOf = new Map(ranked.map((o) => [`PEER_OUTLIER:${o.identityId}:${o.entitlementId}`, o.outlierScore.toFixed(2)]));
    for (const f of found) assert.ok(f.reason.includes(`outlier score ${scoreOf.get(f.id)}`), f.reason);
  });

  it('UNUSED_*: every held, directly granted pair unused since the cutoff, with its last use day', async () => {
    const cutoff = daysBefore(ev.data.now, ev.thresholds.unusedEntitlementDays);
    const expected: string[] = [];
    // Straight from the index rows, not from the risk data's columns.
    const rows = parseRows(AccessPairsRow, await t.store.run('test-support/access-pairs', {}), 'test-support/access-pairs');
    for (const { identityId, held } of rows) {
      if (ev.data.identities.get(identityId)?.status === 'terminated') continue;
      for (const h of held) {
        const e = ev.data.entitlements.get(h.entitlementId)!;
        if (h.activeUntil !== null && h.activeUntil <= ev.data.now) continue;
        if (h.viaDelegation || (h.lastUsedAt !== null && h.lastUsedAt >= cutoff) || !e.systemId || !ev.data.systemsWithUsage.has(e.systemId)) continue;
        const code = e.privileged ? 'UNUSED_PRIVILEGED_ENTITLEMENT' : 'UNUSED_ENTITLEMENT';
        expected.push(`${code}:${identityId}:${e.id}|${h.lastUsedAt ? h.lastUsedAt.slice(0, 10) : 'never used it'}`);
      }
    }
    const found = all
      .filter((f) => f.code.startsWith('UNUSED_'))
      .map((f) => `${f.id}|${/last used it on (\S+),/.exec(f.reason)?.[1] ?? (f.reason.endsWith('has never used it.') ? 'never used it' : f.reason)}`);
    assert.ok(expected.length > 100, `${expected.length} unused pairs`);
    assert.deepEqual(found.sort(), expected.sort());
  });

  it('reads the access pairs (risk data, peer snapshot) by pages of identities: pages of 7 give what one page gives, and what the index holds', async () => {
    const whole = await t.store.read((tx) => readRiskData(tx, EXPORTED_AT, ev.thresholds));
    const paged = await t.store.read((tx) => readRiskData(tx, EXPORTED_AT, ev.thresholds, 7));
    const flat = (access: Map<string, HeldList>) => [...access].map(([id, list]) => [id, JSON.stringify(list)]).sort();
    assert.ok(whole.access.size > 7 * 20, `${whole.access.size} identities hold access: many pages of 7`);
    assert.deepEqual(flat(paged.access), flat(whole.access));
    const oracle = parseRows(AccessPairsRow, await t.store.run('test-support/access-pairs', {}), 'test-support/access-pairs');
    const active = oracle.map((r) => [r.identityId, r.held.filter((h) => h.activeUntil === null || h.activeUntil > EXPORTED_AT).length] as const).filter(([, n]) => n > 0);
    assert.deepEqual(new Map([...paged.access].map(([id, list]) => [id, list.length])), new Map(active));

    // The peer model's holdings are read the same way.
    const peersWhole = await t.store.read((tx) => readPeerSnapshot(tx, EXPORTED_AT));
    const peersPaged = await t.store.read((tx) => readPeerSnapshot(tx, EXPORTED_AT, 7));
    const holdings = (r: SnapshotRead) => [...r.snapshot.identities.keys()].map((id) => [id, [...r.snapshot.holdings(id)]] as const).filter(([, h]) => h.length);
    assert.deepEqual(holdings(peersPaged), holdings(peersWhole));
    assert.deepEqual([peersPaged.validFrom, peersPaged.validUntil], [peersWhole.validFrom, peersWhole.validUntil]);
    assert.deepEqual(new Map(holdings(peersPaged).map(([id, h]) => [id, h.length])), new Map(active));
  });

  it("one identity's findings, counts and score tallies equal filtering the array", () => {
    const identities = [...ev.data.identities.keys()];
    assert.ok(identities.length > 300);
    for (const id of identities) {
      const own = all.filter((f) => f.identityId === id);
      assert.deepEqual(ev.findingsOf(id), own, id);
      assert.equal(ev.findings.countOf(id), own.length, id);
      const tallies = ev.findings.tallyOf(id, 3);
      assert.deepEqual(tallies.map((x) => x.code), [...new Set(own.map((f) => f.code))], id);
      for (const tally of tallies) {
        const ofCode = own.filter((f) => f.code === tally.code);
        assert.equal(tally.count, ofCode.length);
        assert.deepEqual(tally.worst, ofCode.slice(0, 3));
      }
    }
  });

  it('every filter and page equals filtering and slicing the array', () => {
    const departments = [...new Set(all.map((f) => f.department))].filter((d): d is string => d !== null);
    const filters = [
      {},
      ...FINDING_CODES.map((code) => ({ code })),
      ...SEVERITIES.map((severity) => ({ severity })),
      ...departments.map((department) => ({ department })),
      ...(['human', 'service', 'agent'] as const).map((kind) => ({ kind })),
      { code: 'PEER_OUTLIER' as const, severity: 'medium' as const, department: departments[0] },
      { severity: 'high' as const, kind: 'human' as const },
    ];
    for (const filter of filters) {
      const matching = all.filter(
        (f) =>
          (!('code' in filter) || f.code === filter.code) &&
          (!('severity' in filter) || f.severity === filter.severity) &&
          (!('department' in filter) || f.department === filter.department) &&
          (!('kind' in filter) || f.identityKind === filter.kind),
      );
      for (const [skip, limit] of [[0, 10], [7, 50], [matching.length - 3, 10], [matching.length + 5, 10]]) {
        const got = ev.findings.select(filter, Math.max(0, skip), limit);
        assert.equal(got.total, matching.length, JSON.stringify(filter));
        assert.deepEqual(got.page, matching.slice(Math.max(0, skip), Math.max(0, skip) + limit), `${JSON.stringify(filter)} at ${skip}`);
      }
    }
  });

  it('positions read the same finding as the array, including across run boundaries', () => {
    for (let i = 0; i < all.length; i += 7) assert.deepEqual(ev.findings.at(i), all[i]);
    assert.equal(ev.findings.at(all.length), undefined);
    assert.deepEqual(ev.findings.slice(all.length - 5, all.length + 5), all.slice(-5));
    let start = 0;
    for (const run of ev.findings.runs) {
      assert.deepEqual(ev.findings.slice(start - 1, start + 1), all.slice(Math.max(0, start - 1), start + 1));
      start += run.length;
    }
  });

  it('metrics by identity kind count what the array holds', () => {
    const byKind = new Map(ev.metrics('KIND').map((g) => [g.key, g]));
    for (const kind of ['human', 'service', 'agent']) {
      const own = all.filter((f) => f.identityKind === kind);
      const g = byKind.get(kind)!;
      assert.equal(g.findingsTotal, own.length, kind);
      for (const c of g.findings) {
        const ofCode = own.filter((f) => f.code === c.code);
        assert.equal(c.count, ofCode.length, `${kind} ${c.code}`);
        assert.equal(c.identities, new Set(ofCode.map((f) => f.identityId)).size, `${kind} ${c.code}`);
      }
    }
  });
});
