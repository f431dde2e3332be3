import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rocAuc, stratifiedFolds } from '../bench/roc-auc';

describe('eval helpers', () => {
  it('ROC AUC: the probability a positive outranks a negative, ties counting half', () => {
    assert.equal(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
    assert.equal(rocAuc([0.5, 0.5, 0.5], [0, 1, 1]), 0.5);
    assert.equal(rocAuc([0.9, 0.1], [1, 0]), 1);
    assert.equal(rocAuc([0.9, 0.1], [0, 1]), 0);
    assert.throws(() => rocAuc([0.1, 0.2], [1, 1]), RangeError);
  });

  it('folds are seeded, stratified and cover every row once', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => (i % 17 === 0 ? 0 : 1) as 0 | 1);
    const a = stratifiedFolds(labels, 5, 42);
    assert.deepEqual(a, stratifiedFolds(labels, 5, 42));
    assert.notDeepEqual(a, stratifiedFolds(labels, 5, 43));
    for (let k = 0; k < 5; k++) {
      const rows = labels.filter((_, i) => a[i] === k);
      const negatives = rows.filter((l) => l === 0).length;
      assert.equal(rows.length, 200);
      assert.ok(negatives === 11 || negatives === 12, `fold ${k}: ${negatives} negatives`);
    }
  });
});
