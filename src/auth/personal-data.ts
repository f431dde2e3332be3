import { createHmac } from 'node:crypto';
import { ACCESS_COLUMNS } from '../risk/export/access-table';
import type { CsvValue, RowView } from '../risk/export/csv';
import { FINDING_COLUMNS, HISTORY_COLUMNS, IDENTITY_COLUMNS } from '../risk/export/risk-tables';
import { READERS, type Role } from './roles';

/**
 * Personal data is whatever names or points at a person: names, e-mail addresses, job titles,
 * usernames, source attributes, and identifiers built from them (identity ids such as
 * `hr:ana.ng`, account ids, finding ids that embed them), plus free text that quotes them (finding
 * reasons). The `bi` role never sees these; docs/security.md has the list.
 */
export const PERSONAL_DATA_READERS: readonly Role[] = READERS;

type ColumnRule = 'keep' | 'drop' | 'pseudonym' | 'pseudonym-list';

/** Per CSV table, what the `bi` role gets of each column (a column not listed is kept). The header never changes. */
const BI_COLUMNS: Record<string, { columns: readonly string[]; rules: Record<string, ColumnRule> }> = {
  identities: {
    columns: IDENTITY_COLUMNS,
    rules: { identity_id: 'pseudonym', display_name: 'drop', email: 'drop', title: 'drop', owner_id: 'pseudonym', manager_id: 'pseudonym' },
  },
  findings: {
    columns: FINDING_COLUMNS,
    rules: { finding_id: 'pseudonym', identity_id: 'pseudonym', subject_id: 'pseudonym', reason: 'drop', evidence_ids: 'pseudonym-list' },
  },
  'effective-access': { columns: ACCESS_COLUMNS, rules: { identity_id: 'pseudonym' } },
  'metrics-history': { columns: HISTORY_COLUMNS, rules: {} },
};

/**
 * A keyed hash (HMAC-SHA256 with a per-deployment secret): the same id gives the same pseudonym in
 * every table and every export, so BI tools can still join and count, but the id cannot be
 * recovered nor guessed from a list of likely names without the key.
 */
export function pseudonymizer(key: Buffer): (id: string) => string {
  return (id) => `p_${createHmac('sha256', key).update(id).digest('hex').slice(0, 20)}`;
}

/** The row rewrite for one table in the `bi` view; throws for a table without a declared policy (fail closed). */
export function biRowView(table: string, pseudonym: (id: string) => string): RowView {
  const policy = BI_COLUMNS[table];
  if (!policy) throw new Error(`no personal-data policy for the '${table}' export`);
  const rules = policy.columns.map((c) => policy.rules[c] ?? 'keep');
  const apply = (rule: ColumnRule, v: CsvValue): CsvValue => {
    if (rule === 'keep' || v === null || v === undefined || v === '') return v;
    if (rule === 'drop') return null;
    if (rule === 'pseudonym') return pseudonym(String(v));
    return String(v).split(';').map(pseudonym).join(';');
  };
  return (values) => values.map((v, i) => apply(rules[i] ?? 'drop', v));
}

export function hasBiPolicy(table: string): boolean {
  return Object.hasOwn(BI_COLUMNS, table);
}
