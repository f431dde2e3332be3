import type { z } from 'zod';
import type { RawRecord } from './read-files';
import type { EntityFile } from './records';
import { keyOf, type Reject } from './reject';

export interface Located<T> {
  record: T;
  file: string;
  line: number;
}

/** Schema-check one raw record; on failure the reject names the first bad field and every reason. */
export function parseRecord<T>(schema: z.ZodType<T>, raw: RawRecord, rejects: Reject[], entity?: EntityFile): Located<T> | null {
  if (raw.value === null || typeof raw.value !== 'object' || Array.isArray(raw.value)) {
    rejects.push({ file: raw.file, line: raw.line, field: null, reason: 'a record must be a JSON object', entity });
    return null;
  }
  const broken = illFormedField(raw.value);
  if (broken !== null) {
    rejects.push({ file: raw.file, line: raw.line, field: broken || null, reason: `${broken || 'a value'} is not valid Unicode (an unpaired surrogate, e.g. a \\uD800 escape); it could not be stored as given`, entity });
    return null;
  }
  const result = schema.safeParse(raw.value);
  if (result.success) return { record: result.data, file: raw.file, line: raw.line };
  const issues = result.error.issues;
  const field = issues[0]?.path.join('.') || null;
  const reason = issues
    .map((i) => {
      const at = i.path.join('.');
      if (i.code === 'unrecognized_keys') return `unknown field(s) ${i.keys.join(', ')}`;
      return at ? `${at} ${describe(i.message)}` : describe(i.message);
    })
    .join('; ');
  const id = (raw.value as Record<string, unknown>).id;
  rejects.push({ file: raw.file, line: raw.line, field, reason, id: typeof id === 'string' ? id : undefined, key: keyOf(raw.value), entity });
  return null;
}

function describe(message: string): string {
  return message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, 'must be one of: ');
}

/** A lone UTF-16 surrogate: legal in a JS string (and a JSON `\\uD800` escape) but not in UTF-8, so the store would change it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (key or value) that is not well-formed Unicode, '' for the record itself, null when all are fine. Found by fuzzing. */
function illFormedField(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 20) return null;
  for (const [key, v] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (LONE_SURROGATE.test(key)) return at;
    const found = illFormedField(v, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
