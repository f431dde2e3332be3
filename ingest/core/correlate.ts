import { z } from 'zod';
import type { KnownIds, LocatedBundle } from '../bundle/check-references';
import type { CorrelationHint } from './connector';

/**
 * Correlation: which identity (usually from HR) an account from another source belongs to.
 * Rules are tried in order; a rule that finds exactly one identity decides. A rule that finds
 * several stops the search: an ambiguous account stays unowned and is reported, never guessed.
 */
export const CorrelationRule = z.strictObject({
  /** The key the connector found on the account. */
  hint: z.enum(['email', 'employeeNumber', 'username']),
  /** Where the identity keeps it: `email`, `id`, or `attributes.<name>`. */
  identity: z.string().regex(/^(email|id|attributes\.[A-Za-z0-9_.-]+)$/, "must be 'email', 'id' or 'attributes.<name>'"),
});
export type CorrelationRule = z.infer<typeof CorrelationRule>;

export const DEFAULT_CORRELATION: CorrelationRule[] = [
  { hint: 'employeeNumber', identity: 'attributes.employeeNumber' },
  { hint: 'email', identity: 'email' },
];

export interface CorrelationReport {
  correlated: number;
  /** Accounts that carried keys but matched no identity: unowned, a finding. */
  unmatched: string[];
  /** Accounts whose keys matched more than one identity. */
  ambiguous: { accountId: string; rule: string; candidates: string[] }[];
}

/** Sets `identityId` on accounts of this run that have none, from their hints. Mutates `bundle`. */
export function correlateAccounts(
  bundle: LocatedBundle,
  hints: CorrelationHint[],
  known: KnownIds,
  rules: CorrelationRule[] = DEFAULT_CORRELATION,
): CorrelationReport {
  const report: CorrelationReport = { correlated: 0, unmatched: [], ambiguous: [] };
  if (!hints.length) return report;
  const indexes = rules.map((rule) => buildIndex(rule, bundle, known));
  const byAccount = new Map(hints.map((h) => [h.accountId, h]));
  for (const item of bundle.accounts) {
    const account = item.record;
    const hint = byAccount.get(account.id);
    if (!hint || account.identityId) continue;
    let decided = false;
    for (let i = 0; i < rules.length && !decided; i++) {
      const value = hint[rules[i].hint];
      if (!value) continue;
      const candidates = indexes[i].get(normalise(rules[i], value));
      if (!candidates?.size) continue;
      decided = true;
      if (candidates.size === 1) {
        account.identityId = [...candidates][0];
        report.correlated++;
      } else {
        report.ambiguous.push({ accountId: account.id, rule: `${rules[i].hint} = ${rules[i].identity}`, candidates: [...candidates].sort() });
      }
    }
    if (!decided && !account.identityEmail) report.unmatched.push(account.id);
  }
  return report;
}

function normalise(rule: CorrelationRule, value: string): string {
  const v = value.trim();
  return rule.hint === 'email' || rule.identity === 'email' ? v.toLowerCase() : v;
}

/** value -> identity ids, over the graph's identities and this run's (this run's win for its own ids). */
function buildIndex(rule: CorrelationRule, bundle: LocatedBundle, known: KnownIds): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (value: string | undefined, id: string) => {
    if (!value) return;
    const key = normalise(rule, value);
    let ids = index.get(key);
    if (!ids) index.set(key, (ids = new Set()));
    ids.add(id);
  };
  const attr = rule.identity.startsWith('attributes.') ? rule.identity.slice('attributes.'.length) : null;
  const inRun = new Set(bundle.identities.map((i) => i.record.id));
  if (rule.identity === 'email') {
    for (const [email, id] of known.identityIdByEmail) if (!inRun.has(id)) add(email, id);
  } else if (rule.identity === 'id') {
    for (const id of known.identities) add(id, id);
  } else if (attr) {
    for (const [id, attrs] of known.identityAttributes) if (!inRun.has(id)) add(attrs[attr], id);
  }
  for (const { record } of bundle.identities) {
    if (rule.identity === 'email') add(record.email, record.id);
    else if (rule.identity === 'id') add(record.id, record.id);
    else if (attr) add(record.attributes?.[attr], record.id);
  }
  return index;
}
