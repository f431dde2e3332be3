/**
 * The tables declared in cypher/kuzu/schema.cypher, the one source of the data model: COPY FROM
 * takes columns by position (and Kuzu's `table_info` cannot take the table as a parameter), and the
 * Neo4j lint checks labels, types and properties against it (neo4j-lint.ts).
 */
export interface KuzuTable {
  kind: 'NODE' | 'REL';
  name: string;
  /** In declaration order. */
  properties: string[];
  /** A rel table's FROM/TO pairs. */
  ends: Array<{ from: string; to: string }>;
}

const TABLE = /^CREATE\s+(NODE|REL)\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s*\(([\s\S]*)\)$/i;

/** Top-level comma split: `PRIMARY KEY(id)` and `STRING[]` stay whole. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function kuzuTables(schemaStatements: string[]): KuzuTable[] {
  const tables: KuzuTable[] = [];
  for (const stmt of schemaStatements) {
    const m = TABLE.exec(stmt.trim());
    if (!m) continue;
    const table: KuzuTable = { kind: m[1].toUpperCase() as KuzuTable['kind'], name: m[2], properties: [], ends: [] };
    for (const part of splitTopLevel(m[3])) {
      const ends = /^FROM\s+(\w+)\s+TO\s+(\w+)$/i.exec(part);
      if (ends) table.ends.push({ from: ends[1], to: ends[2] });
      else if (!/^PRIMARY\s+KEY\b/i.test(part)) table.properties.push(part.split(/\s+/)[0]);
    }
    tables.push(table);
  }
  return tables;
}

export function tableProperties(schemaStatements: string[]): Map<string, string[]> {
  return new Map(kuzuTables(schemaStatements).map((t) => [t.name, t.properties]));
}
