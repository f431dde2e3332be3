import { lintCypherQuery, type DbSchema, type SymbolTable } from '@neo4j-cypher/language-support';
import { loadCatalog, type NamedQuery } from './query-catalog';
import { NEO4J5_FUNCTIONS } from './neo4j5-functions';
import { kuzuTables } from './kuzu-schema-tables';

/**
 * Static check of the Cypher that Neo4j would run, without a Neo4j: Neo4j's own parser and semantic
 * analysis (shipped in @neo4j-cypher/language-support, a dev dependency: only the lint CLI and tests
 * import this file). It catches Kuzu-only syntax and functions in shared queries before a Neo4j
 * user does.
 */
export interface LintProblem {
  name: string;
  file: string;
  line: number;
  message: string;
}

export interface DataModel {
  labels: string[];
  relationshipTypes: string[];
  propertyKeys: string[];
  graphSchema: { from: string; to: string; relType: string }[];
}

const ERROR = 1;
const WARNING = 2;
const DEPRECATED_TAG = 2;

/**
 * Warnings that fail the lint: deprecations (they stop working in the next major), and names that
 * are not in our data model, i.e. a misspelt label, type or property, or a relationship drawn
 * between labels the model never connects. Neo4j would run those and quietly match nothing.
 * Other warnings (e.g. "cartesian product" for two independent MATCHes by id) are advice only.
 */
function isProblem(d: { severity?: number; tags?: number[] }, message: string): boolean {
  if (d.severity === ERROR) return true;
  if (d.severity !== WARNING) return false;
  return (
    (d.tags ?? []).includes(DEPRECATED_TAG) ||
    /deprecated/i.test(message) ||
    /is not present in the database/.test(message) ||
    / has no (incoming |outgoing |incoming\/outgoing )?[[(]:/.test(message) // e.g. "(:System) has no incoming [:MEMBER_OF]"
  );
}

/**
 * language-support 2.0.0-next.38 attributes `r.x` inside a node pattern's map, as in
 * `UNWIND $rows AS r MATCH (a:Account {id: r.accountId})`, to the node `a`, and so reports `accountId`
 * as an unknown property. Keep an unknown-property warning only when the variable before the dot
 * really is a node or relationship.
 */
function isFalseUnknownProperty(text: string, start: number, message: string, symbols: SymbolTable): boolean {
  if (!/is not present in the database/.test(message) || /^(Label|Relationship type|Function|Procedure) /.test(message)) {
    return false;
  }
  const owner = /([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*$/.exec(text.slice(0, start))?.[1];
  const symbol = owner === undefined ? undefined : symbols.find((s) => s.variable === owner);
  return !symbol || !symbol.types.every((t) => t === 'Node' || t === 'Relationship');
}

/**
 * The data model is declared once, as Kuzu tables (Neo4j has no declared schema to compare with):
 * node tables give labels and properties, rel tables give types, properties and FROM/TO pairs.
 */
export function dataModelFromKuzuSchema(statements: string[]): DataModel {
  const labels = new Set<string>();
  const types = new Set<string>();
  const props = new Set<string>();
  const graphSchema: DataModel['graphSchema'] = [];
  for (const table of kuzuTables(statements)) {
    (table.kind === 'NODE' ? labels : types).add(table.name);
    for (const p of table.properties) props.add(p);
    for (const end of table.ends) graphSchema.push({ from: end.from, to: end.to, relType: table.name });
  }
  return { labels: [...labels], relationshipTypes: [...types], propertyKeys: [...props], graphSchema };
}

let cachedModel: DataModel | undefined;
export function defaultDataModel(): DataModel {
  cachedModel ??= dataModelFromKuzuSchema(loadCatalog('kuzu').get('schema')?.statements ?? []);
  return cachedModel;
}

function dbSchema(model: DataModel, params: string[]): DbSchema {
  return {
    // Neo4j 5.26 runs Cypher 5 only; a `CYPHER 25` query finds no functions and fails, as it would there.
    defaultLanguage: 'CYPHER 5',
    functions: { 'CYPHER 5': NEO4J5_FUNCTIONS },
    procedures: { 'CYPHER 5': {} }, // whohas calls no procedures; any CALL x.y() is flagged
    labels: model.labels,
    relationshipTypes: model.relationshipTypes,
    propertyKeys: model.propertyKeys,
    graphSchema: model.graphSchema,
    // Declared so "Parameter $x is not defined" only fires for params the query does not use.
    parameters: Object.fromEntries(params.map((p) => [p, null])),
  };
}

/** Lints Cypher text; `line` is 1-based within `text`. */
export function lintNeo4jText(
  text: string,
  params: string[] = [],
  model: DataModel = defaultDataModel(),
): Array<{ line: number; message: string }> {
  const seen = new Set<string>();
  const out: Array<{ line: number; message: string }> = [];
  const { diagnostics, symbolTables } = lintCypherQuery(text, dbSchema(model, params));
  const symbols = symbolTables.flat();
  for (const d of diagnostics) {
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    if (!isProblem(d, message) || isFalseUnknownProperty(text, d.offsets.start, message, symbols)) continue;
    const p = { line: d.range.start.line + 1, message };
    const key = `${p.line}:${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/**
 * Where each statement of a query starts in its file. The catalog drops `//` lines and splits on
 * `;` at line ends; we lint exactly those statements (what Neo4j will get), so map them back.
 */
function statementStartLines(q: NamedQuery): number[] {
  const kept: number[] = []; // body line -> file line (0-based)
  const bodyLines: string[] = [];
  q.text.split('\n').forEach((line, i) => {
    if (!line.trimStart().startsWith('//')) {
      kept.push(i);
      bodyLines.push(line);
    }
  });
  const body = bodyLines.join('\n');
  let cursor = 0;
  return q.statements.map((stmt) => {
    const at = body.indexOf(stmt, cursor);
    if (at < 0) return 0;
    cursor = at + stmt.length;
    const bodyLine = body.slice(0, at).split('\n').length - 1;
    return kept[bodyLine] ?? 0;
  });
}

/** Every statement of every query the Neo4j catalog resolves (shared files and neo4j overrides). */
export async function lintNeo4jCatalog(root?: string): Promise<LintProblem[]> {
  const model = defaultDataModel();
  const problems: LintProblem[] = [];
  const catalog = loadCatalog('neo4j', root);
  for (const name of [...catalog.keys()].sort()) {
    const q = catalog.get(name)!;
    const starts = statementStartLines(q);
    if (q.statements.length === 0) {
      problems.push({ name, file: q.file, line: 1, message: 'No Cypher statement in this file' });
    }
    q.statements.forEach((stmt, i) => {
      for (const p of lintNeo4jText(stmt, q.params, model)) {
        problems.push({ name, file: q.file, line: starts[i] + p.line, message: p.message });
      }
    });
  }
  return problems;
}
