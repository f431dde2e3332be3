import assert from 'node:assert/strict';
import { parse } from 'graphql';
import { describe, it } from 'node:test';
import { CostMemo, costVariables } from '../graphql/cost-memo';

describe('estimated costs kept per document (graphql/cost-memo.ts)', () => {
  const doc = parse(
    'query Q($id: ID!, $n: Int, $deep: Boolean!, $f: [String!]) { identity(id: $id) { effectiveAccess(first: $n, filter: $f) { totalCount } ... on Identity @include(if: $deep) { id } } }',
  );

  it('names the variables in `first` and in directive arguments, and no others', () => {
    assert.deepEqual(costVariables(doc), ['deep', 'n']);
    assert.deepEqual(costVariables(parse('{ a(first: 5) { b } }')), []);
    assert.deepEqual(costVariables(parse('query($x: Int) { a(first: $x) { ... F } } fragment F on A { c @skip(if: $y) }')), ['x', 'y']);
  });

  it('computes once per combination of those values; other variables reuse the cost', () => {
    const memo = new CostMemo();
    let computed = 0;
    const cost = (vars: Record<string, unknown>, name: string | null = 'Q') => memo.cost(doc, name, vars, () => ++computed * 100);
    assert.equal(cost({ id: 'a', n: 10, deep: true }), 100);
    assert.equal(cost({ id: 'b', n: 10, deep: true, f: ['x'] }), 100);
    assert.equal(computed, 1);
    assert.equal(cost({ id: 'a', n: 20, deep: true }), 200);
    assert.equal(cost({ id: 'a', n: 10, deep: false }), 300);
    assert.equal(cost({ id: 'a', deep: true }), 400, 'left out is not the same as any value');
    assert.equal(cost({ id: 'a', n: null, deep: true }), 500, 'nor is null');
    assert.equal(cost({ id: 'a', n: 10, deep: true }, null), 600, 'another operation name');
    assert.equal(cost({ id: 'z', n: 20, deep: true }), 200);
    assert.equal(computed, 6);
    assert.equal(memo.cost(parse('{ x }'), null, {}, () => 7), 7, 'another document object: its own costs');
  });
});
