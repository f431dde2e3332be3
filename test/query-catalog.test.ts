import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { KuzuStore } from '../src/store/kuzu-store';
import { QueryCatalog, loadCatalog, unwoundAndTestedOf } from '../src/store/query-catalog';
import { tempStore, type TempStore } from './helpers/temp-store';

describe('the named-query catalog', () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
  });
  after(async () => t.close());

  it('compiles every Kuzu-dialect query against the real schema', async () => {
    const problems = await (t.store as KuzuStore).compileCatalog();
    assert.deepEqual(problems, []);
  });

  it('gives every dialect override a header line saying why it differs', () => {
    for (const backend of ['kuzu', 'neo4j'] as const) {
      for (const q of loadCatalog(backend).values()) {
        if (q.backend === 'shared') continue;
        const first = readFileSync(q.file, 'utf8').split('\n')[0];
        assert.match(first, /^\/\/ \S/, `${q.file} needs a '// why' first line`);
      }
    }
  });

  it('serves the same names to both backends (overrides never add or drop a question)', () => {
    const kuzu = new QueryCatalog('kuzu').names().filter((n) => n !== 'schema');
    const neo4j = new QueryCatalog('neo4j').names().filter((n) => n !== 'schema');
    assert.deepEqual(kuzu, neo4j);
  });

  it('has no query that both UNWINDs a list parameter and tests IN against it (kuzu 0.11.3 segfaults)', () => {
    assert.deepEqual(unwoundAndTestedOf('UNWIND $ids AS w MATCH (n {id: w})-->(m) WHERE m.id IN $ids RETURN n'), ['ids']);
    assert.deepEqual(unwoundAndTestedOf('UNWIND $ids AS w MATCH (n {id: w})-->(m) WHERE m.id IN $within RETURN n'), []);
    for (const backend of ['kuzu', 'neo4j'] as const) {
      for (const q of loadCatalog(backend).values()) assert.deepEqual(q.unwoundAndTested, [], q.file);
    }
  });
});
