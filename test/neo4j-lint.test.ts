import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { projectRoot } from '../src/paths';
import { dataModelFromKuzuSchema, lintNeo4jCatalog, lintNeo4jText } from '../src/store/neo4j-lint';
import { loadCatalog } from '../src/store/query-catalog';

const messages = (text: string, params: string[] = []) => lintNeo4jText(text, params).map((p) => p.message);

describe('neo4j lint: the real catalog', () => {
  test('every query the neo4j catalog resolves lints clean', async () => {
    const problems = await lintNeo4jCatalog();
    const shown = problems.map((p) => `${relative(projectRoot(), p.file)}:${p.line}: ${p.message}`);
    assert.deepEqual(shown, []);
  });

  test('the catalog holds the Neo4j schema and the contract queries, so "clean" covers them', () => {
    const catalog = loadCatalog('neo4j');
    const schema = catalog.get('schema');
    assert.ok(schema && schema.backend === 'neo4j', 'cypher/neo4j/schema.cypher is resolved');
    assert.ok(schema.statements.length >= 9, 'a constraint per node label, plus indexes');
    assert.ok(catalog.has('contract/echo'));
    assert.ok(![...catalog.values()].some((q) => q.file.includes(`${join('cypher', 'kuzu')}`)), 'no Kuzu file');
  });
});

describe('neo4j lint: it reports what Neo4j would refuse', () => {
  test('a syntax error', () => {
    assert.match(messages('MATCH (n:Identity RETURN n.id').join('\n'), /Invalid input/);
  });

  test('an unknown function', () => {
    assert.match(messages('MATCH (n:Identity) RETURN foo(n.id) AS x').join('\n'), /Function foo is not present/);
  });

  test('Kuzu-only constructs', () => {
    for (const [text, expected] of [
      ['MATCH (n:Identity) RETURN label(n) AS l', /Function label is not present/],
      ['MATCH (n:Identity) RETURN list_concat([n.id], ["x"]) AS l', /Function list_concat is not present/],
      ['MATCH (n:Identity) RETURN CAST(n.updateTag AS STRING) AS s', /Invalid input|CAST/],
      ['MATCH (n:Identity) RETURN string_split(n.id, ":") AS parts', /Function string_split is not present/],
    ] as const) {
      assert.match(messages(text).join('\n'), expected, text);
    }
  });

  test('deprecated features fail (they stop working in the next major)', () => {
    assert.match(messages('MATCH (n:Identity) RETURN id(n) AS x').join('\n'), /deprecated/i);
    assert.match(messages('MATCH (n:Identity) CALL { WITH n RETURN 1 AS one } RETURN one').join('\n'), /deprecated/i);
  });

  test('names outside the data model fail: label, relationship type, property, impossible pattern', () => {
    assert.match(messages('MATCH (n:Identiti) RETURN n.id AS id').join('\n'), /Label Identiti is not present/);
    assert.match(messages('MATCH (n:Identity)-[:OWN]->(a:Account) RETURN a.id AS id').join('\n'), /OWN is not present/);
    assert.match(messages('MATCH (n:Identity) RETURN n.emial AS e').join('\n'), /emial is not present/);
    assert.match(messages('MATCH (a:Account)-[:MEMBER_OF]->(s:System) RETURN s.id AS id').join('\n'), /has no incoming/);
  });

  test('params: declared ones pass, a param the query does not declare fails', () => {
    assert.deepEqual(messages('MATCH (n:Identity {id: $id}) RETURN n.id AS id SKIP $skip LIMIT $limit', ['id', 'skip', 'limit']), []);
    assert.match(messages('MATCH (n:Identity {id: $id}) RETURN n.id AS id').join('\n'), /Parameter \$id is not defined/);
  });

  test('procedures are not available', () => {
    assert.match(messages('CALL db.labels() YIELD label RETURN label').join('\n'), /Procedure db\.labels is not present/);
  });

  test('advice and fields of UNWIND maps are not problems', () => {
    // Two independent lookups by id: Neo4j warns "cartesian product", which is what we want here.
    assert.deepEqual(messages('MATCH (a:Identity {id: $a}), (b:Identity {id: $b}) MERGE (a)-[:MANAGES]->(b)', ['a', 'b']), []);
    // `r.entitlementId` is a field of a row map, not a property of `x` (the library mistakes it for one).
    assert.deepEqual(
      messages('UNWIND $rows AS r MATCH (x:Entitlement {id: r.entitlementId}) RETURN x.id AS id', ['rows']),
      [],
    );
  });

  test('reports lines within the text', () => {
    const problems = lintNeo4jText('MATCH (n:Identity)\nWHERE n.id = $id\nRETURN label(n) AS l', ['id']);
    assert.deepEqual(problems.map((p) => p.line), [3]);
  });

  test('reads the data model from the Kuzu schema', () => {
    const model = dataModelFromKuzuSchema([
      'CREATE NODE TABLE IF NOT EXISTS A(id STRING, tags STRING[], PRIMARY KEY(id))',
      'CREATE REL TABLE IF NOT EXISTS R(FROM A TO B, FROM B TO A, since STRING)',
    ]);
    assert.deepEqual(model, {
      labels: ['A'],
      relationshipTypes: ['R'],
      propertyKeys: ['id', 'tags', 'since'],
      graphSchema: [
        { from: 'A', to: 'B', relType: 'R' },
        { from: 'B', to: 'A', relType: 'R' },
      ],
    });
  });
});

describe('neo4j lint: a catalog with bad queries', () => {
  const root = mkdtempSync(join(tmpdir(), 'whohas-lint-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'neo4j'));
  mkdirSync(join(root, 'kuzu'));
  mkdirSync(join(root, 'read'));
  mkdirSync(join(root, 'neo4j', 'read'));
  // A shared query with Kuzu syntax on its third line (after a header comment).
  writeFileSync(join(root, 'read', 'kind.cypher'), '// Kind of each identity.\nMATCH (n:Identity)\nRETURN label(n) AS kind\n');
  // A shared query fixed by a Neo4j override: only the override is linted.
  writeFileSync(join(root, 'read', 'fixed.cypher'), 'MATCH (n:Identity) RETURN label(n) AS kind\n');
  writeFileSync(join(root, 'neo4j', 'read', 'fixed.cypher'), '// Neo4j: labels() returns a list.\nMATCH (n:Identity) RETURN labels(n)[0] AS kind\n');
  // A Kuzu override is not the Neo4j catalog's business.
  writeFileSync(join(root, 'kuzu', 'other.cypher'), 'MATCH (n:Identity) RETURN label(n) AS kind\n');
  // Several statements: the bad one is the second, on line 4 of the file.
  writeFileSync(
    join(root, 'neo4j', 'schema.cypher'),
    '// Neo4j: test schema.\nCREATE CONSTRAINT a IF NOT EXISTS FOR (n:Identity) REQUIRE n.id IS UNIQUE;\n// the next one is broken\nCREATE INDEX b IF NOT EXISTS FOR (n:Identity) ON (n.emailLower;\n',
  );

  test('reports each bad statement with its file and line, honouring overrides', async () => {
    const problems = await lintNeo4jCatalog(root);
    const where = [...new Set(problems.map((p) => `${p.name}@${relative(root, p.file)}:${p.line}`))].sort();
    assert.deepEqual(where, ['read/kind@read/kind.cypher:3', 'schema@neo4j/schema.cypher:4']);
    assert.ok(problems.some((p) => p.name === 'read/kind' && /Function label is not present/.test(p.message)));
  });

  test('the CLI prints file:line: message and exits 1', () => {
    const cli = join(projectRoot(), 'dist', 'src', 'store', 'neo4j-lint-cli.js');
    const out = spawnSync(process.execPath, [cli, root], { cwd: root, encoding: 'utf8' });
    assert.equal(out.status, 1, out.stderr);
    assert.match(out.stdout, /^read\/kind\.cypher:3: Function label is not present/m);
    assert.match(out.stdout, /^neo4j\/schema\.cypher:4: /m);
  });
});
