/**
 * Delegation chains: humans -> agents -> sub-agents, each hop narrowing the scope.
 * Includes chains three hops deep and exactly one cycle (data-analyst <-> report-builder).
 */
import { agentId, type AgentInfo } from './agents';
import type { DemoBuilder, EdgeTimes } from './builder';
import type { Catalog } from './catalog';
import { deptPeople, type Person, type Workforce } from './people';
import { days, EXPORTED_AT_MS, iso, Rng, utc } from './random';

/** Agent -> sub-agent edges, parents listed before their children (except the cycle's back edge). */
const SUB_AGENTS: [string, string][] = [
  ['orchestrator-support', 'support-triage'],
  ['orchestrator-support', 'ticket-router'],
  ['orchestrator-support', 'escalation-agent'],
  ['escalation-agent', 'refund-assistant'],
  ['orchestrator-finance', 'invoice-processor'],
  ['orchestrator-finance', 'payments-reconciler'],
  ['orchestrator-finance', 'vendor-onboarding'],
  ['orchestrator-finance', 'payments-approver'],
  ['orchestrator-eng', 'code-reviewer'],
  ['orchestrator-eng', 'pr-author'],
  ['orchestrator-eng', 'ci-fixer'],
  ['orchestrator-eng', 'release-manager'],
  ['release-manager', 'deploy-bot'],
  ['sre-copilot', 'incident-responder'],
  ['incident-responder', 'log-summarizer'],
  ['research-agent', 'web-researcher'],
  ['research-agent', 'data-analyst'],
  ['data-analyst', 'report-builder'],
  ['report-builder', 'data-analyst'],
  ['contract-reviewer', 'policy-qa'],
];

/** Agents whose owners hand over everything (`["*"]`). */
const WILDCARD_OWNERS = new Set(['orchestrator-eng', 'sre-copilot', 'research-agent']);

export function buildDelegations(b: DemoBuilder, rng: Rng, w: Workforce, catalog: Catalog, agents: AgentInfo[]): void {
  const byName = new Map(agents.map((a) => [a.name, a]));
  const accountIds = new Set(agents.flatMap((a) => a.accounts.map((x) => x.id)));
  const directByAccount = new Map<string, string[]>();
  for (const g of b.records.grants) {
    if (g.holderType === 'account' && accountIds.has(g.holderId)) {
      directByAccount.set(g.holderId, [...(directByAccount.get(g.holderId) ?? []), g.entitlementId]);
    }
  }
  // What each agent can usefully be delegated: its toolset plus its accounts' direct rights.
  const own = new Map<string, string[]>();
  for (const a of agents) {
    const set = new Set(catalog.closure(a.toolset).filter((e) => e.startsWith('tool:')));
    for (const x of a.accounts) for (const e of directByAccount.get(x.id) ?? []) set.add(e);
    own.set(a.name, [...set].sort());
  }
  // Orchestrators can be asked for anything their sub-agents (transitively) need.
  const candidates = new Map(own);
  for (const [parent, child] of [...SUB_AGENTS].reverse()) {
    const merged = new Set([...(candidates.get(parent) ?? []), ...(candidates.get(child) ?? [])]);
    candidates.set(parent, [...merged].sort());
  }

  const createdMs = (id: string) => Date.parse(b.getIdentity(id)?.createdAt ?? '2024-01-01T00:00:00.000Z');
  const times = (fromMs: number, pExpired: number, pFuture: number): EdgeTimes => {
    const startMs = Math.min(fromMs + days(rng.int(1, 30)), EXPORTED_AT_MS - days(3));
    const grantedAt = iso(rng.msBetween(startMs, Math.min(startMs + days(200), EXPORTED_AT_MS - days(2))));
    const r = rng.next();
    if (r < pExpired) {
      const g = Date.parse(grantedAt);
      return { grantedAt, expiresAt: rng.timeBetween(g + days(7), Math.max(g + days(8), EXPORTED_AT_MS - days(1))) };
    }
    if (r < pExpired + pFuture) return { grantedAt, expiresAt: rng.timeBetween(utc(2030, 1, 1), utc(2030, 12, 31)) };
    return { grantedAt };
  };
  const narrow = (list: string[], min: number, frac: number) =>
    rng.sample(list, Math.max(Math.min(min, list.length), Math.ceil(list.length * frac)));
  const incoming = new Map<string, Set<string>>();
  const record = (to: string, scope: string[]) => {
    const set = incoming.get(to) ?? new Set<string>();
    for (const e of scope) set.add(e);
    incoming.set(to, set);
  };

  // 1. Owners delegate to their agents.
  for (const a of agents) {
    const cand = candidates.get(a.name) ?? [];
    const orchestrator = a.name.startsWith('orchestrator-');
    const scope = WILDCARD_OWNERS.has(a.name) ? ['*'] : orchestrator ? cand : narrow(cand, 3, 0.7);
    b.delegation({ fromId: a.owner.id, toId: a.id, scope, ...times(createdMs(a.id), 0.04, 0.15), purpose: `Owner authorises ${a.name} to act on their behalf` });
    record(a.name, scope[0] === '*' ? cand : scope);
  }

  // 2. Colleagues delegate narrower slices of work to the shared agents.
  for (const a of agents) {
    if (a.name.startsWith('orchestrator-')) continue;
    const cand = own.get(a.name) ?? [];
    const pool = deptPeople(w, a.ownerDept).filter((p: Person) => p.id !== a.owner.id && p.status !== 'suspended');
    for (const p of rng.sample(pool, rng.int(2, 7))) {
      const scope = narrow(cand, 1, 0.3);
      b.delegation({ fromId: p.id, toId: a.id, scope, ...times(Math.max(createdMs(a.id), p.hireMs), 0.08, 0.1), purpose: `Delegated tasks to ${a.name}` });
    }
  }

  // 3. Agents delegate to sub-agents; each hop is a subset of what the parent received.
  for (const [parent, child] of SUB_AGENTS) {
    const p = byName.get(parent);
    const c = byName.get(child);
    if (!p || !c) throw new Error(`demo generator: unknown agent in ${parent} -> ${child}`);
    const received = [...(incoming.get(parent) ?? [])].sort();
    const fit = received.filter((e) => (candidates.get(child) ?? []).includes(e));
    const pool = fit.length > 0 ? fit : received;
    const scope = narrow(pool, 1, 0.6);
    if (scope.length === 0) throw new Error(`demo generator: empty sub-agent scope ${parent} -> ${child}`);
    const from = Math.max(createdMs(agentId(parent)), createdMs(agentId(child)));
    b.delegation({ fromId: p.id, toId: c.id, scope, ...times(from, 0, 0.1), purpose: `${parent} dispatches work to ${child}` });
    record(child, scope);
  }
}
