import { parseArn } from './arn';
import type { Statement } from './policy-document';

const BEFORE = new Set(['datelessthan', 'datelessthanequals']);
const CLOCK_KEYS = new Set(['aws:currenttime', 'aws:tokenissuetime']);

/**
 * Marks Allow statements that can never apply, whatever the request: every Resource is owned by AWS
 * itself (`arn:aws:iam::aws:policy/...`: no customer can change those), or a condition requires the
 * clock or the session's issue time to be before a moment already past. Anything less certain
 * stays live: a constraint that merely narrows is not evaluated.
 */
export function markInert(statements: Statement[], now: Date): void {
  for (const s of statements) {
    if (s.effect !== 'Allow') continue;
    const reason = awsOwnedOnly(s) ?? pastDeadline(s, now);
    if (reason) s.inert = reason;
  }
}

function awsOwnedOnly(s: Statement): string | undefined {
  if (!s.resources?.length || s.notResources) return undefined;
  return s.resources.every((r) => parseArn(r)?.account === 'aws') ? `its resources are all AWS-owned (${s.resources[0]})` : undefined;
}

function pastDeadline(s: Statement, now: Date): string | undefined {
  for (const [operator, block] of Object.entries(s.condition ?? {})) {
    if (!BEFORE.has(operator.toLowerCase()) || !block || typeof block !== 'object') continue;
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      if (!CLOCK_KEYS.has(key.toLowerCase())) continue;
      const values = (Array.isArray(value) ? value : [value]).map((v) => Date.parse(String(v)));
      // Several values are OR-ed: the condition is dead only if every deadline has passed.
      if (values.length && values.every((t) => !Number.isNaN(t) && t <= now.getTime())) return `${operator} ${key} ${String(value)} is already past`;
    }
  }
  return undefined;
}
