import { WhohasError } from '../errors';
import type { QueryParams } from './port';
import type { NamedQuery } from './query-catalog';

/**
 * Batch writes pass `rows`, a list of maps (natural for Neo4j's UNWIND). Kuzu 0.11's Node binding
 * converts a list of maps at ~30 µs a row, but a list of scalars ~100x faster, so a Kuzu query that
 * declares `$rows_<field>` parameters gets `rows` transposed into one list per field.
 *
 * Kuzu cannot type a list that holds nulls (mixed nulls are a runtime error; all nulls trip an
 * assertion), so in a string column null travels as '' and the query turns it back with nullif.
 * Boolean and number columns must not hold nulls at all: callers send defaults.
 */
const PREFIX = 'rows_';

export function columnFields(q: NamedQuery): string[] {
  return q.params.filter((p) => p.startsWith(PREFIX)).map((p) => p.slice(PREFIX.length));
}

export function transposeRows(q: NamedQuery, params: QueryParams): QueryParams {
  const fields = columnFields(q);
  if (!fields.length || !Array.isArray(params.rows)) return params;
  const rows = params.rows as Array<Record<string, unknown>>;
  const out: QueryParams = { ...params };
  delete out.rows;
  for (const field of fields) {
    const values = rows.map((r) => r[field] ?? null);
    const nonNull = values.filter((v) => v !== null);
    if (nonNull.every((v) => typeof v === 'string')) {
      out[PREFIX + field] = values.map((v) => v ?? '');
    } else if (nonNull.length === values.length) {
      out[PREFIX + field] = values;
    } else {
      throw new WhohasError('STORE_QUERY_FAILED', `Query '${q.name}': column '${field}' mixes nulls with non-string values`);
    }
  }
  return out;
}
