/** Minimal RFC 4180 writer for turning test records into the bundle's CSV encoding. */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text: string;
  if (Array.isArray(value)) text = value.join(';');
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(records: Array<Record<string, unknown>>): string {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return [columns.join(','), ...records.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
