import type { z } from 'zod';
import type { EntityFile } from '../bundle/records';
import type { BundleBuilder, Where } from '../core/bundle-builder';

/** `[0].Arn` / `.Tags[1].Key`: a zod issue path appended to the element's own field. */
export function fieldPath(base: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : `${acc}.${String(k)}`), base);
}

/**
 * Checks one export element against its loose schema; a failure is a reject naming the exact field,
 * and (given `named`) the record the element is, so a full run keeps what it loaded before.
 */
export function checkElement<T>(
  schema: z.ZodType<T>,
  value: unknown,
  at: Where,
  field: string,
  b: BundleBuilder,
  named?: { id: string; entity: EntityFile; onReject?: (field: string) => void },
): T | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const expected = issue.code === 'invalid_type' ? `must be ${issue.expected}` : issue.message;
  const where = fieldPath(field, issue.path);
  b.reject(at, where, `${expected}; the element is skipped`, named ? { id: named.id } : undefined, named?.entity);
  named?.onReject?.(where);
  return null;
}

/** Example list for notes: a few names, then how many more. */
export function examples(items: string[], max = 3): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, +${items.length - max} more` : shown;
}
