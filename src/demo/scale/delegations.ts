/**
 * Delegation chains, as the spec describes them: a person delegates part of what they hold to an
 * orchestrator agent (sometimes everything, ["*"]), colleagues add narrow slices, the orchestrator
 * hands a subset to each sub-agent, and each sub-agent a few tools to its tool runners, so every
 * hop narrows the scope: person -> agent -> sub-agent -> tool. Assistants get a slice from their
 * owner. A few delegations have lapsed, some are time-boxed, and a few sub-agents delegate back to
 * their orchestrator (a cycle, which the access computation must end).
 */
import { days, EXPORTED_AT_MS, iso, utc, type Rng } from '../random';
import type { AccessWalker } from './access-walk';
import type { AgentPlan } from './agents';
import type { ScaleCatalog } from './catalog';
import type { HumanAccounts } from './human-access';
import type { RecordSink } from './ndjson-files';
import type { NhiTable } from './nhi-kit';
import { personId } from './org';
import type { ScalePeople } from './people';

export function writeDelegations(sink: RecordSink, rng: Rng, people: ScalePeople, human: HumanAccounts, cat: ScaleCatalog, nhis: NhiTable, walker: AccessWalker, plan: AgentPlan): void {
  const { org, facts } = people;
  const c = cat.c;
  const isTool = (e: number) => c.entitlementSystem[e] === cat.tools.system;
  const held = (p: number) => walker.rightsOfAccounts(human.firstAccount[p], human.firstAccount[p + 1]);
  const activeByDivision = org.divisions.map(() => [] as number[]);
  for (let p = 0; p < org.count; p++) if (facts.status[p] === 0 && org.division[p] >= 0) activeByDivision[org.division[p]].push(p);

  const created = (who: number | string) => (typeof who === 'number' ? facts.hireMs[who] : nhis.list[Number(who.slice(4))].createdMs);
  let written = 0;
  const write = (from: number | string, to: number, scope: number[] | '*', purpose: string) => {
    if (scope !== '*' && scope.length === 0) return;
    const startMs = Math.min(Math.max(created(from), nhis.list[to].createdMs) + days(rng.int(1, 30)), EXPORTED_AT_MS - days(3));
    const grantedMs = rng.msBetween(startMs, Math.min(startMs + days(200), EXPORTED_AT_MS - days(2)));
    // By count, not chance, so even the smallest bundle has lapsed and time-boxed delegations.
    const n = written++;
    const expiresAt =
      n % 15 === 5 ? rng.timeBetween(grantedMs + days(7), Math.max(grantedMs + days(8), EXPORTED_AT_MS - days(1))) : n % 10 === 7 ? rng.timeBetween(utc(2030, 1, 1), utc(2030, 12, 31)) : undefined;
    sink.write('delegations', {
      fromId: typeof from === 'number' ? personId(from) : nhis.list[Number(from.slice(4))].id,
      toId: nhis.list[to].id,
      scope: scope === '*' ? ['*'] : scope.map((e) => c.entitlementIds[e]),
      grantedAt: iso(grantedMs),
      expiresAt,
      purpose,
    });
  };
  const nhiRef = (k: number) => `nhi:${k}`;
  /** A subset of `from` of about `share`, at least `min` and at most `max`; tools are kept first, as the chain ends in them. */
  const narrow = (from: number[], share: number, min: number, max: number): number[] => {
    const k = Math.max(Math.min(min, from.length), Math.min(max, Math.ceil(from.length * share)));
    const tools = from.filter(isTool);
    const keptTools = rng.sample(tools, Math.min(tools.length, Math.ceil(k / 2)));
    return [...keptTools, ...rng.sample(from.filter((e) => !isTool(e)), k - keptTools.length)].sort((a, b) => a - b);
  };

  for (const [k, crew] of plan.crews.entries()) {
    const ownerHeld = held(crew.owner);
    const everything = k % 4 === 0;
    const received = everything ? ownerHeld : narrow(ownerHeld, 0.5, 3, 40);
    write(crew.owner, crew.orchestrator, everything ? '*' : received, 'Owner authorises the orchestrator to act on their behalf');
    const division = org.division[crew.owner];
    const colleagues = division >= 0 ? rng.sample(activeByDivision[division].filter((p) => p !== crew.owner), rng.int(0, 5)) : [];
    for (const p of colleagues) write(p, crew.orchestrator, narrow(held(p), 0.1, 1, 4), 'Delegated tasks to a shared orchestrator');
    for (const sub of crew.subs) {
      const subScope = narrow(received, 0.6, 1, 15);
      write(nhiRef(crew.orchestrator), sub.agent, subScope, 'Orchestrator dispatches work to its sub-agent');
      if (rng.chance(0.02)) write(nhiRef(sub.agent), crew.orchestrator, narrow(subScope, 0.5, 1, 3), 'Sub-agent hands results back to its orchestrator');
      for (const runner of sub.runners) {
        const tools = subScope.filter(isTool);
        write(nhiRef(sub.agent), runner, tools.length > 0 ? rng.sample(tools, rng.int(1, 3)) : narrow(subScope, 0.3, 1, 2), 'Sub-agent lets the tool runner invoke its tools');
      }
    }
  }
  for (const { owner, agent } of plan.assistants) {
    write(owner, agent, rng.chance(0.1) ? '*' : narrow(held(owner), 0.2, 2, 8), 'Owner authorises their assistant to act on their behalf');
  }
}
