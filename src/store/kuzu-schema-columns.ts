/**
 * The properties of each Kuzu table in declaration order, read from cypher/kuzu/schema.cypher: COPY
 * FROM takes columns by position, and Kuzu's `table_info` cannot take the table as a parameter.
 */
const TABLE = /^CREATE (NODE|REL) TABLE IF NOT EXISTS ([A-Za-z_][A-Za-z0-9_]*)\s*\(([\s\S]*)\)\s*;?\s*$/;

/** Splits a declaration list at top-level commas (PRIMARY KEY(id) holds its own parentheses). */
function entries(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

export function tableProperties(schemaStatements: string[]): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const statement of schemaStatements) {
    const m = TABLE.exec(statement.replace(/^\s*(\/\/[^\n]*\n\s*)*/, '').trim());
    if (!m) continue;
    const properties = entries(m[3])
      .filter((e) => !/^(PRIMARY\s+KEY|FROM\s)/i.test(e))
      .map((e) => e.split(/\s+/)[0]);
    tables.set(m[2], properties);
  }
  return tables;
}
