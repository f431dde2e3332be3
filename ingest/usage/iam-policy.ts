import { isObj } from './fields';

/** One statement of an identity policy, reduced to what attribution looks at. */
export interface Rule {
  effect: 'Allow' | 'Deny';
  /** `NotAction`: the statement covers every action its patterns do not match. */
  not: boolean;
  patterns: Pattern[];
  /** No Condition and every resource: a Deny of this kind would have refused the call outright. */
  unconditional: boolean;
}

interface Pattern {
  text: string;
  exact: boolean;
  literal: number;
  re: RegExp;
}

/**
 * The statements of a policy document (object, JSON text, or URL-encoded JSON as the raw IAM API
 * returns it), or null when it is none of those.
 */
export function policyRules(document: unknown): Rule[] | null {
  const doc = decodeDocument(document);
  if (!isObj(doc)) return null;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : isObj(doc.Statement) ? [doc.Statement] : null;
  if (!statements) return null;
  const rules: Rule[] = [];
  for (const s of statements) {
    if (!isObj(s) || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) continue;
    const not = s.Action === undefined && s.NotAction !== undefined;
    const patterns = list(not ? s.NotAction : s.Action).map(compile);
    if (!patterns.length) continue;
    const everyResource = s.NotResource === undefined && list(s.Resource ?? '*').includes('*');
    const conditional = isObj(s.Condition) && Object.keys(s.Condition).length > 0;
    rules.push({ effect: s.Effect, not, patterns, unconditional: everyResource && !conditional });
  }
  return rules;
}

function decodeDocument(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  for (const text of [document, safeDecode(document)]) {
    try {
      return JSON.parse(text);
    } catch {
      // try the next spelling
    }
  }
  return null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** IAM action patterns: `*` any run, `?` one character, case-insensitive. */
function compile(text: string): Pattern {
  const body = text.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return { text, exact: !/[*?]/.test(text), literal: text.replace(/[*?]/g, '').length, re: new RegExp(`^${body}$`, 'i') };
}

/**
 * How specifically a rule names `action`: -1 when it does not cover it; an exact name beats any
 * wildcard; among wildcards, more literal characters is narrower (`s3:Get*` over `s3:*` over `*`);
 * `NotAction` covers by exclusion and counts as broad as `*` (0).
 */
export function coverage(rule: Rule, action: string): number {
  if (rule.not) return rule.patterns.some((p) => p.re.test(action)) ? -1 : 0;
  let best = -1;
  for (const p of rule.patterns) {
    if (!p.re.test(action)) continue;
    best = Math.max(best, p.exact ? 100_000 + p.literal : p.literal);
  }
  return best;
}
