import type { Rule, Selector, Side } from './rules';

/** What a rule side is matched against: the catalog's entitlement attributes. */
export interface EntitlementFacts {
  id: string;
  systemId: string | null;
  name: string;
  kind: string | null;
  privileged: boolean;
  sensitivity: string | null;
}

const LEVELS = ['low', 'medium', 'high', 'critical'];

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function matches(selector: Selector, e: EntitlementFacts, pattern: RegExp | null): boolean {
  if (selector.system !== undefined && e.systemId !== selector.system) return false;
  if (pattern && !pattern.test(e.name) && !pattern.test(e.id)) return false;
  if (selector.kind !== undefined && e.kind !== selector.kind) return false;
  if (selector.privileged !== undefined && e.privileged !== selector.privileged) return false;
  if (selector.sensitivity !== undefined && LEVELS.indexOf(e.sensitivity ?? '') < LEVELS.indexOf(selector.sensitivity)) return false;
  return true;
}

/** The entitlement ids one side of a rule covers in the current catalog. */
export function resolveSide(side: Side[], catalog: EntitlementFacts[]): Set<string> {
  const out = new Set<string>();
  const known = new Set(catalog.map((e) => e.id));
  for (const item of side) {
    if (typeof item === 'string') {
      if (known.has(item)) out.add(item);
      continue;
    }
    const pattern = item.name ? globToRegExp(item.name) : null;
    for (const e of catalog) if (matches(item, e, pattern)) out.add(e.id);
  }
  return out;
}

export interface ResolvedRule {
  rule: Rule;
  left: Set<string>;
  right: Set<string>;
}

export function resolveRules(rules: Rule[], catalog: EntitlementFacts[]): ResolvedRule[] {
  return rules.map((rule) => ({ rule, left: resolveSide(rule.left, catalog), right: resolveSide(rule.right, catalog) }));
}

/** Rule sides that match nothing today: not an error (the entitlement may arrive later), but said. */
export function emptySides(resolved: ResolvedRule[]): string[] {
  const out: string[] = [];
  for (const r of resolved) {
    if (!r.left.size) out.push(`rule '${r.rule.id}': left matches no entitlement in the graph`);
    if (!r.right.size) out.push(`rule '${r.rule.id}': right matches no entitlement in the graph`);
  }
  return out;
}
