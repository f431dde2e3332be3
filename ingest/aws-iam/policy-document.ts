/** One statement of an IAM policy, with the single-string-or-list fields normalised to lists. */
export interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[] | null;
  notActions: string[] | null;
  resources: string[] | null;
  notResources: string[] | null;
  conditional: boolean;
  condition: Record<string, unknown> | null;
  principal: unknown;
  notPrincipal: boolean;
  /** Why this statement can never take effect (set by markInert), if it cannot. */
  inert?: string;
}

/**
 * Reads a policy document as the API (URL-encoded JSON text) or the CLI (already an object) gives
 * it. Throws an Error whose message says what is wrong; callers turn that into a reject.
 */
export function readDocument(raw: unknown): Statement[] {
  const doc = typeof raw === 'string' ? decode(raw) : raw;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('is not a policy document (expected a JSON object)');
  const body = (doc as Record<string, unknown>).Statement;
  if (body === undefined) throw new Error('has no Statement');
  const list = Array.isArray(body) ? body : [body];
  return list.map((s, i) => statement(s, i));
}

function decode(text: string): unknown {
  const t = text.trim();
  let json = t;
  if (/^%7B/i.test(t)) {
    try {
      // Encoders differ on spaces ('+' vs %20); a literal '+' in a policy is always sent as %2B.
      json = decodeURIComponent(t.replace(/\+/g, ' '));
    } catch {
      throw new Error('is not valid URL-encoded text');
    }
  } else if (!t.startsWith('{')) {
    throw new Error('is neither a JSON object nor URL-encoded JSON');
  }
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new Error(`is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function statement(raw: unknown, index: number): Statement {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`Statement[${index}] is not an object`);
  const s = raw as Record<string, unknown>;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw new Error(`Statement[${index}].Effect must be 'Allow' or 'Deny'`);
  const list = (key: string): string[] | null => {
    const v = s[key];
    if (v === undefined) return null;
    const arr = Array.isArray(v) ? v : [v];
    if (!arr.every((x) => typeof x === 'string')) throw new Error(`Statement[${index}].${key} must be a string or a list of strings`);
    return arr as string[];
  };
  const actions = list('Action');
  const notActions = list('NotAction');
  if (!actions && !notActions) throw new Error(`Statement[${index}] has neither Action nor NotAction`);
  const condition = s.Condition;
  return {
    effect: s.Effect,
    actions,
    notActions,
    resources: list('Resource'),
    notResources: list('NotResource'),
    conditional: Boolean(condition && typeof condition === 'object' && Object.keys(condition).length),
    condition: condition && typeof condition === 'object' && !Array.isArray(condition) ? (condition as Record<string, unknown>) : null,
    principal: s.Principal ?? s.NotPrincipal,
    notPrincipal: s.NotPrincipal !== undefined,
  };
}
