import type { Violation } from '../sod/evaluate';
import type { GraphFacts } from './access-model';
import { describe } from './apply-change';
import type { ChangeOutcome } from './changes';
import type { AccessDelta } from './deltas';

const RECENT_DAYS = 30;
const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export interface SummaryInput {
  outcomes: ChangeOutcome[];
  deltas: AccessDelta[];
  sodIntroduced: Violation[];
  sodResolved: Violation[];
  sodEvaluated: boolean;
  facts: GraphFacts;
  now: string;
}

/** One plain-English paragraph, built only from the evidence (never from free text in the graph beyond names). */
export function simulationSummary(s: SummaryInput): string {
  const applied = s.outcomes.filter((o) => o.status === 'APPLIED');
  const sentences: string[] = [];
  const lost = s.deltas.reduce((t, d) => t + d.lost.length, 0);
  const gained = s.deltas.reduce((t, d) => t + d.gained.length, 0);
  if (!applied.length) sentences.push('None of the changes would change the graph.');
  else {
    sentences.push(applied.length === 1 ? `${applied[0].message}.` : `${plural(applied.length, 'change')} applied together (${opMix(applied)}).`);
    const subject = applied.length === 1 ? 'This' : 'Together they';
    sentences.push(
      s.deltas.length
        ? `${subject} would change the effective access of ${plural(s.deltas.length, 'identity', 'identities')} (${kindMix(s)}): ${plural(lost, 'grant')} lost and ${n(gained)} gained.`
        : `${subject} would change no one's effective access.`,
    );
  }
  if (lost) sentences.push(`Most lost: ${topEntitlements(s, 'lost')}.`);
  if (gained) sentences.push(`Most gained: ${topEntitlements(s, 'gained')}.`);
  const recent = recentlyUsed(s);
  if (recent) sentences.push(recent);
  const delegated = s.deltas.filter((d) => d.lost.some((g) => g.viaDelegation) && s.facts.identities.get(d.identityId)?.kind !== 'human').length;
  if (delegated) sentences.push(`${plural(delegated, 'agent or service', 'agents and services')} would lose access they hold by delegation.`);
  if (s.sodEvaluated) sentences.push(sodSentence(s));
  const skipped = s.outcomes.filter((o) => o.status !== 'APPLIED');
  if (skipped.length) {
    const what = skipped.slice(0, 3).map((o) => `change ${o.index + 1} (${o.status}: ${lowerFirst(o.message)})`).join('; ');
    sentences.push(`${plural(skipped.length, 'change')} did nothing: ${what}${skipped.length > 3 ? '; ...' : ''}.`);
  }
  return sentences.join(' ');
}

function opMix(applied: ChangeOutcome[]): string {
  const counts = new Map<string, number>();
  for (const o of applied) counts.set(o.op, (counts.get(o.op) ?? 0) + 1);
  return [...counts].map(([op, c]) => `${n(c)} ${op.toLowerCase().replace(/_/g, ' ')}`).join(', ');
}

function kindMix(s: SummaryInput): string {
  const counts = { human: 0, agent: 0, service: 0 };
  for (const d of s.deltas) {
    const kind = s.facts.identities.get(d.identityId)?.kind;
    if (kind) counts[kind]++;
  }
  return [plural(counts.human, 'human'), plural(counts.agent, 'agent'), plural(counts.service, 'service')].join(', ');
}

function topEntitlements(s: SummaryInput, side: 'lost' | 'gained'): string {
  const counts = new Map<string, number>();
  for (const d of s.deltas) for (const g of d[side]) counts.set(g.entitlementId, (counts.get(g.entitlementId) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([e, c]) => `${describe(s.facts, 'entitlement', e)} for ${plural(c, 'identity', 'identities')}`)
    .join(', ');
}

function recentlyUsed(s: SummaryInput): string | null {
  const since = new Date(Date.parse(s.now) - RECENT_DAYS * 86_400_000).toISOString();
  let count = 0;
  let latest: { at: string; identityId: string; entitlementId: string } | null = null;
  for (const d of s.deltas) {
    for (const g of d.lost) {
      const at = s.facts.usage.get(`${d.identityId}\u0000${g.entitlementId}`)?.lastUsedAt;
      if (!at || at < since) continue;
      count++;
      if (!latest || at > latest.at) latest = { at, identityId: d.identityId, entitlementId: g.entitlementId };
    }
  }
  if (!count || !latest) return null;
  return (
    `${plural(count, 'lost grant was', 'lost grants were')} used in the last ${RECENT_DAYS} days, most recently ` +
    `${describe(s.facts, 'entitlement', latest.entitlementId)} by ${describe(s.facts, 'identity', latest.identityId)} on ${latest.at.slice(0, 10)}: ` +
    'whoever relies on them would notice.'
  );
}

function sodSentence(s: SummaryInput): string {
  const list = (vs: Violation[]) =>
    vs
      .slice(0, 3)
      .map((v) => `${v.ruleId} for ${describe(s.facts, 'identity', v.identityId)}${v.mitigation ? ', mitigated' : ''}`)
      .join('; ') + (vs.length > 3 ? '; ...' : '');
  const introduced = s.sodIntroduced.length ? `introduce ${plural(s.sodIntroduced.length, 'violation')} (${list(s.sodIntroduced)})` : 'introduce none';
  const resolved = s.sodResolved.length ? `resolve ${plural(s.sodResolved.length, 'violation')} (${list(s.sodResolved)})` : 'resolve none';
  return `Separation of duties: it would ${introduced} and ${resolved}.`;
}
