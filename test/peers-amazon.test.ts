import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readAccessRequests, requesterId, resourceId, writeAccessBundle, type AccessRequest } from '../bench/amazon-access';
import { rocAuc, stratifiedFolds } from '../bench/roc-auc';
import type { PeerModel } from '../src/peers/model';
import { peerModel } from '../src/read/peers-reader';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';
import { tempStore, type TempStore } from './helpers/temp-store';

/**
 * The eval's path on real access decisions (Amazon Employee Access, 32,769 requests): one
 * seeded 80/20 split, training rows ingested as a bundle, test rows scored by accessRecommendation.
 * The 5-fold numbers live in bench/results (npm run eval:peers); this guards the path and checks
 * that evidence counts are the raw data's counts.
 */
describe('accessRecommendation on the Amazon access requests', { skip: skipWithoutSharedData }, () => {
  let t: TempStore;
  let work: string;
  let train: AccessRequest[];
  let test: AccessRequest[];
  let model: PeerModel;
  let run: Awaited<ReturnType<TempStore['ingest']>>;
  const now = '2026-06-01T00:00:00.000Z';

  before(async () => {
    const rows = readAccessRequests(sharedData('amazon-employee-access', 'train.csv'), true);
    const fold = stratifiedFolds(rows.map((r) => (r.ACTION === '1' ? 1 : 0)), 5, 42);
    train = rows.filter((_, i) => fold[i] !== 0);
    test = rows.filter((_, i) => fold[i] === 0);
    t = await tempStore();
    work = mkdtempSync(join(tmpdir(), 'whohas-amazon-'));
    await writeAccessBundle(work, train, test);
    run = await t.ingest(work);
    model = await peerModel(t.store, now);
  });
  after(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('loads every training request as a decision and every approval as a grant, with nothing rejected', () => {
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.rejectCount, 0);
    assert.equal(run.counts.decisions, train.length);
    assert.equal(run.counts.grants, train.filter((r) => r.ACTION === '1').length);
    assert.equal(run.counts.accessGrants, run.counts.grants, 'each approval is one effective-access pair');
    const info = model.info('human');
    assert.equal(info.method, 'LEARNED_FROM_DECISIONS');
    assert.equal(info.decisions.total, train.length);
  });

  it('ranks held-out requests well (ROC AUC)', () => {
    const scores = test.map((r) => model.recommend(requesterId(r), resourceId(r.RESOURCE), now).score);
    const auc = rocAuc(scores, test.map((r) => (r.ACTION === '1' ? 1 : 0)));
    assert.ok(auc > 0.87, `AUC ${auc}`);
  });

  it("states evidence in the raw data's own counts", () => {
    const denied = test.filter((r) => r.ACTION === '0').slice(0, 40);
    let checked = 0;
    for (const r of denied) {
      const rec = model.recommend(requesterId(r), resourceId(r.RESOURCE), now);
      const others = train.filter((x) => x.RESOURCE === r.RESOURCE && requesterId(x) !== requesterId(r));
      const byDept = others.filter((x) => x.ROLE_DEPTNAME === r.ROLE_DEPTNAME);
      const count = (rows: AccessRequest[]) => [rows.filter((x) => x.ACTION === '1').length, rows.filter((x) => x.ACTION === '0').length];
      const entitlement = rec.evidence.find((e) => e.kind === 'ENTITLEMENT_DECISIONS');
      if (entitlement) {
        assert.deepEqual([entitlement.approved, entitlement.denied], count(others));
        checked++;
      }
      const dept = rec.evidence.find((e) => e.kind === 'PEER_DECISIONS' && e.grouping === 'DEPARTMENT');
      if (dept) {
        assert.deepEqual([dept.approved, dept.denied], count(byDept));
        assert.equal(dept.statement, `${count(byDept)[0]} of ${byDept.length} people with department=${r.ROLE_DEPTNAME} who asked for resource ${r.RESOURCE} were approved`);
        checked++;
      }
    }
    assert.ok(checked >= 20, `only ${checked} evidence items checked`);
  });
});
