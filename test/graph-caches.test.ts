import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { ingestRecords } from '../ingest/bundle/run-ingest';
import { readBundle } from '../ingest/bundle/read-bundle';
import { evaluateRisk, RISK_REUSE_MS } from '../src/risk/risk-service';
import { loadSodRules } from '../src/sod/sod-service';
import { heldGraphCaches } from '../src/store/graph-caches';
import { RISK_RULES, riskWorld } from './helpers/risk-world';
import { tempStore, type TempStore } from './helpers/temp-store';

const NOW = new Date('2026-11-01T00:00:00.000Z');

/**
 * The whole-graph answers (risk evaluation, SoD evaluation, peer model) are let go when an ingest
 * starts and, for the risk evaluation, once its reuse window has passed: at L they hold gigabytes,
 * and a re-ingest that carried them beside its own records measured 0.7 GB more at a fifth of L.
 */
describe('whole-graph caches', () => {
  let t: TempStore;
  let bundle: string;
  before(async () => {
    t = await tempStore('whohas-caches-');
    bundle = riskWorld(NOW);
    assert.equal((await t.ingest(bundle, { now: () => NOW })).status, 'succeeded');
    await loadSodRules(t.store, RISK_RULES, 'rules.yaml', NOW);
  });
  after(() => t.close());

  it('are all let go before an ingest reads its records', async () => {
    await evaluateRisk(t.store, NOW.toISOString());
    assert.equal(heldGraphCaches(t.store), 3, 'risk, SoD and peers are cached after a risk evaluation');
    let heldWhileReading = -1;
    const run = await ingestRecords(
      t.store,
      () => {
        heldWhileReading = heldGraphCaches(t.store);
        return readBundle(bundle, { maxFileBytes: 1e7 });
      },
      { maxFileBytes: 1e7, runsDir: `${t.dir}/runs`, maxPathsPerGrant: 8, now: () => NOW },
    );
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(heldWhileReading, 0);
    // The run's own risk snapshot evaluates the new graph afterwards, and that answer is kept for reuse.
    assert.equal(heldGraphCaches(t.store), 3);
    const reused = await evaluateRisk(t.store, NOW.toISOString());
    assert.equal(reused.graphVersion, run.graphVersion);
  });

  it('let the risk evaluation go once its reuse window has passed', async () => {
    const clock = mock.timers;
    clock.enable({ apis: ['setTimeout'] });
    try {
      const first = await evaluateRisk(t.store, NOW.toISOString(), { fresh: true });
      assert.equal(await evaluateRisk(t.store, NOW.toISOString()), first, 'reused inside the window');
      const held = heldGraphCaches(t.store);
      clock.tick(RISK_REUSE_MS - 1);
      assert.equal(heldGraphCaches(t.store), held);
      clock.tick(1);
      assert.equal(heldGraphCaches(t.store), held - 1, 'the risk evaluation is dropped; SoD and peers keep theirs');
      assert.notEqual(await evaluateRisk(t.store, NOW.toISOString()), first, 'computed anew');
    } finally {
      clock.reset();
    }
  });
});
