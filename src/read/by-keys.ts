import type { QueryParams, QueryRunner, Row } from '../store/port';

/**
 * Batches up to this size are read one key at a time. Kuzu 0.11 answers `UNWIND $ids ... {id: wanted}`
 * with a scan of the whole table (17 ms for 1 of 15k identities, 50 ms for 12 of the accounts at M,
 * 350 ms for the groups above 4 accounts; it grows with the table) but a single-key match through
 * the primary-key index in about 0.5 ms, so below this size the single lookups win at any scale,
 * and above it the one scan does.
 */
export const SINGLE_KEY_BATCH = 48;

/**
 * The rows of `batched` (which takes `$ids`) for `ids`, or of `single` (which takes `$id`) run once
 * per distinct id when the batch is small. `batched` gets `extra` too, and so does `single` unless
 * it is given `singleExtra` (a list parameter can cost more to bind than a single lookup takes).
 * Nothing asked, nothing run: Kuzu cannot type an empty list parameter.
 */
export async function rowsByKeys(
  db: QueryRunner, batched: string, single: string | null, ids: readonly string[], extra: QueryParams = {}, singleExtra: QueryParams = extra,
): Promise<Row[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  if (!single || unique.length > SINGLE_KEY_BATCH) return db.run(batched, { ...extra, ids: unique });
  const rows: Row[] = [];
  for (const id of unique) rows.push(...(await db.run(single, { ...singleExtra, id })));
  return rows;
}
