/**
 * AWS prints times as `2023-03-09 10:41:45+00:00` (boto3) or `2019-01-24T19:20:51Z` (CLI); the
 * bundle wants ISO-8601 with a zone. AWS times are UTC, so a time without a zone is taken as UTC.
 * Returns undefined for "no value" markers and null for text that is not a time.
 */
export function awsTime(value: string | undefined): string | undefined | null {
  const v = value?.trim();
  if (!v || v === 'N/A' || v === 'no_information' || v === 'not_supported') return undefined;
  let t = v.replace(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/, '$1T$2');
  if (!/T/.test(t)) return null;
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(t)) t += 'Z';
  return Number.isNaN(Date.parse(t)) ? null : t;
}

/** The later of two ISO times (either may be absent). */
export function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
