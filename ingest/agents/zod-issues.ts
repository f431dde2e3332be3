import type { z } from 'zod';
import { formatPath, type DocPath } from './parse-document';

export interface Problem {
  /** Full path in the document, e.g. `agents[2].delegations[0].scope`. */
  field: string;
  reason: string;
}

/**
 * One problem per zod failure, named by the first bad field, with every reason joined:
 * the same shape bundle rejects have, so people read one kind of message.
 */
export function problemOf(error: z.ZodError, base: DocPath): Problem {
  const at = (issue: z.core.$ZodIssue) => [...base, ...(issue.path as Array<string | number>)];
  const reasons = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `${formatPath(at(issue)) || '(top level)'}: unknown field(s) ${issue.keys.join(', ')}`;
    const message = issue.message.replace(/^Invalid input: /, '').replace(/^Invalid option: (expected one of )?/, 'must be one of: ');
    return `${formatPath(at(issue))}: ${message}`;
  });
  const first = error.issues[0];
  // An unknown key is reported on its object; naming the key itself says what to delete.
  const field = first.code === 'unrecognized_keys' ? [...at(first), first.keys[0]] : at(first);
  return { field: formatPath(field), reason: reasons.join('; ') };
}
