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
