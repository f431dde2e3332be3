const ZONED = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$/;
const NAIVE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?$/;

/**
 * An event time as ISO-8601 UTC, or null when it is not a time at all ('redacted', '...').
 * CloudTrail `eventTime` and Okta `published` are UTC by definition; Panther's data lake writes them
 * without the zone (`2022-12-11 19:42:55.000000000`), so a zone-less value of those fields is UTC.
 * Callers pass only such fields here, never a free-form local time.
 */
export function utcTime(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  const zoned = ZONED.exec(s);
  let iso: string;
  if (zoned) iso = `${zoned[1]}T${zoned[2]}${zoned[3]}`;
  else {
    const naive = NAIVE.exec(s);
    if (!naive) return null;
    iso = `${naive[1]}T${naive[2]}${naive[3] ? naive[3].slice(0, 4) : ''}Z`;
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** OCSF `time` is epoch milliseconds; anything that is not a plausible one is refused. */
export function epochMsTime(raw: unknown): string | null {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 1e11) return null;
  return new Date(raw).toISOString();
}

/** A reject reason for an event time that is missing or not a time. */
export function timeProblem(field: string, value: unknown): string {
  return value === undefined || value === null ? `${field} is missing` : `${field} ${JSON.stringify(value)} is not an ISO-8601 time`;
}
