import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeDemoBundle } from '../src/demo/generate-demo';
import { peerBaseline } from '../src/peers/baseline';
import type { PeerModel } from '../src/peers/model';
import { filterOutliers } from '../src/peers/outliers';
import { peerModel } from '../src/read/peers-reader';
import { holders } from './helpers/graph-queries';
import { tempStore, type TempStore } from './helpers/temp-store';

/**
 * Peer analysis on the demo enterprise, ingested through the normal path. Coverage is checked
 * against the access index as whoHas reads it (a different code path), and the findings the demo
 * plants (an engineer in Okta super admins, agents with one-off tool grants) must surface.
 */
const OPTIONS = { by: 'AUTO' as const, attributes: [], minPeers: 5, outlierBelow: 0.1, commonAbove: 0.75 };

describe('peers on the demo enterprise', () => {
  let t: TempStore;
  let bundle: string;
  let model: PeerModel;
  let now: string;

  before(async () => {
    t = await tempStore();
    bundle = mkdtempSync(join(tmpdir(), 'whohas-peers-demo-'));
    await writeDemoBundle(bundle, { humans: 300 });
    const run = await t.ingest(bundle);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    now = new Date().toISOString();
    model = await peerModel(t.store, now);
  });
  after(async () => {
    await t?.close();
    rmSync(bundle, { recursive: true, force: true });
  });

  it('gives every active person a peer group of at least minPeers, backing off where a role is thin', () => {
    const people = [...model.snapshot.identities.values()].filter((i) => i.kind === 'human' && i.status === 'active');
    assert.ok(people.length > 250);
    const chosen = new Map<string, number>();
    for (const p of people) {
      const b = peerBaseline(model.index, p, OPTIONS);
      assert.ok(b.chosen.sufficient && b.chosen.group.peerCount >= 5, `${p.id}: ${b.chosen.reason}`);
      assert.ok(!b.chosen.group.peers().includes(p.id));
      chosen.set(b.chosen.group.grouping, (chosen.get(b.chosen.group.grouping) ?? 0) + 1);
    }
    assert.ok((chosen.get('DEPARTMENT_TITLE') ?? 0) > 0 && chosen.size >= 2, JSON.stringify([...chosen]));
  });

  it('counts exactly the peers whoHas reports as holders', async () => {
    const sample = ['hr:E10040', 'hr:E10120', 'hr:E10200', 'agent:code-reviewer'];
    let checked = 0;
    for (const id of sample) {
      const b = peerBaseline(model.index, model.identity(id), OPTIONS);
      const peers = new Set(b.chosen.group.peers());
      for (const row of b.entitlements.slice(0, 12)) {
        const expected = (await holders(t.store, row.entitlementId, now)).filter((h) => peers.has(h)).length;
        assert.equal(row.peersHolding, expected, `${id} ${row.entitlementId}`);
        assert.equal(row.coverage, expected / peers.size);
        checked++;
      }
    }
    assert.ok(checked >= 30);
  });

  it('puts the engineer planted in Okta super admins at the top of the outliers, with the evidence', async () => {
    const superAdmins = await holders(t.store, 'okta:role:super_admin', now);
    const engineers = superAdmins.filter((id) => model.identity(id).department === 'Engineering');
    assert.ok(engineers.length >= 1, superAdmins.join(', '));
    const listed = filterOutliers(model, { minScore: 0.95, department: 'Engineering', kind: 'human' });
    for (const id of engineers) {
      assert.ok(listed.some((o) => o.identityId === id && o.entitlementId === 'okta:role:super_admin'), `${id} not listed`);
      const rec = model.recommend(id, 'okta:role:super_admin', now);
      assert.equal(rec.suggestion, 'REVOKE');
      assert.match(rec.evidence[0].statement, /^0 of \d+ people with department=Engineering, title=[^,]+ hold Super Administrator$/);
    }
    const itAdmins = superAdmins.filter((id) => model.identity(id).department === 'IT');
    for (const id of itAdmins) {
      const engineerScore = 1 - model.score(model.identity(engineers[0]), 'okta:role:super_admin');
      assert.ok(1 - model.score(model.identity(id), 'okta:role:super_admin') < engineerScore, `${id} should look less unusual than the engineer`);
    }
  });

  it("compares agents with agents: the one-off tool grants the demo plants are outliers in their peers' eyes", () => {
    for (const [agent, tool] of [['agent:web-researcher', 'tool:email.send'], ['agent:refund-assistant', 'tool:payments.approve']]) {
      const b = peerBaseline(model.index, model.identity(agent), { ...OPTIONS, minPeers: 2 });
      assert.ok(['TOOLSET', 'PURPOSE', 'OWNER_TEAM'].includes(b.chosen.group.grouping), b.chosen.reason);
      assert.ok(b.chosen.group.peers().every((p) => model.identity(p).kind === 'agent'));
      const row = b.entitlements.find((r) => r.entitlementId === tool)!;
      assert.deepEqual([row.held, row.outlier], [true, true], `${agent}: ${JSON.stringify(row)}`);
      // Scored below everything it holds that most of its peers hold too.
      const score = model.score(model.identity(agent), tool);
      for (const usual of b.entitlements.filter((r) => r.held && r.coverage >= 0.5)) {
        assert.ok(model.score(model.identity(agent), usual.entitlementId) > score, `${agent}: ${usual.entitlementId}`);
      }
      assert.notEqual(model.recommend(agent, tool, now).suggestion, 'KEEP');
    }
    // Held by one agent in forty, and by none of its peers: near the top of the list.
    const refund = filterOutliers(model, { minScore: 0.9, department: null, kind: 'agent' });
    assert.ok(refund.some((o) => o.identityId === 'agent:refund-assistant' && o.entitlementId === 'tool:payments.approve'));
  });

  it('the birthright apps nearly everyone holds are never outliers', () => {
    const listed = filterOutliers(model, { minScore: 0.8, department: null, kind: 'human' });
    assert.ok(listed.length > 0);
    assert.ok(!listed.some((o) => o.entitlementId === 'okta:app:slack'));
  });
});
