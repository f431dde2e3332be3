/** Largest epoch second that is still a 4-digit year: beyond it the value is garbage, not a time. */
const MAX_EPOCH = 253402300799;

/**
 * SharpHound writes times as Unix epoch seconds; 0 and -1 mean "never" (AD's 0 FILETIME, or not
 * collected). Returns undefined for never, null for a value that cannot be a time.
 */
export function epochToIso(value: number | null | undefined): string | undefined | null {
  if (value == null || value === 0 || value === -1) return undefined;
  if (!Number.isFinite(value) || value < 0 || value > MAX_EPOCH) return null;
  return new Date(Math.floor(value) * 1000).toISOString().replace('.000Z', 'Z');
}
