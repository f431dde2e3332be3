export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Panther's data lake lower-cases column names (`eventname`, `useridentity`), vendor exports use
 * camelCase. Copies a lower-cased key to its canonical name when only the lower-cased one is there,
 * so one schema reads both spellings. Shallow: nested objects are canonicalised where they are read.
 */
export function canonical(value: unknown, keys: readonly string[]): Obj | undefined {
  if (!isObj(value)) return undefined;
  let out: Obj | undefined;
  for (const key of keys) {
    if (key in value) continue;
    const lower = key.toLowerCase();
    if (lower !== key && lower in value) (out ??= { ...value })[key] = value[lower];
  }
  return out ?? value;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Last `/`-separated part of an ARN resource: IAM paths (`role/aws-reserved/sso/Name`) end in the name. */
export function lastSegment(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}
