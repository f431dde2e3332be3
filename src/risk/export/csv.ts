/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote, CR or
 * LF (or leading/trailing spaces a reader might trim), quotes doubled. Values are written as they
 * are: no formula escaping, because BI tools and DuckDB must read the exact ids (docs/bi.md warns
 * spreadsheet users).
 */
export type CsvValue = string | number | boolean | null | undefined;

/** A per-row rewrite applied before writing (the `bi` role's pseudonymised view, src/auth/personal-data.ts). */
export type RowView = (values: CsvValue[]) => CsvValue[];

export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** Lists inside one cell (evidence ids, system ids): `;`-separated, as the identity bundle's CSV files do. */
export function csvList(values: readonly string[]): string {
  return values.join(';');
}
