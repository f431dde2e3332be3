import { relative } from 'node:path';
import { lintNeo4jCatalog } from './neo4j-lint';

/**
 * `npm run lint:cypher [cypherDir]`: prints `file:line: message` per problem and exits 1 when there
 * are any (2 when the lint itself cannot run). The optional directory (default: the repo's cypher/)
 * lets the test point it at a catalog with known-bad queries.
 */
async function main(): Promise<number> {
  const problems = await lintNeo4jCatalog(process.argv[2]);
  for (const p of problems) console.log(`${relative(process.cwd(), p.file)}:${p.line}: ${p.message}`);
  if (problems.length) {
    console.error(`neo4j lint: ${problems.length} problem(s). Fix the query, or add cypher/neo4j/<name>.cypher with a '// Neo4j: why' header.`);
    return 1;
  }
  console.log('neo4j lint: every query in cypher/ is valid Neo4j 5 Cypher');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error('neo4j lint failed to run:', e);
    process.exitCode = 2;
  },
);
