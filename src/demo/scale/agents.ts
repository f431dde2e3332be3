/**
 * AI agent identities, owned by people: crews (an orchestrator, its sub-agents, and tool runners
 * under those) and personal assistants. Every agent has an agent-platform account in its owner's
 * division toolset; orchestrators and assistants also get accounts on apps their owner uses, and
 * tool runners hold a few tools directly. Who delegates what to whom is delegations.ts.
 */
import { DEPARTMENTS, EXECUTIVE_DEPARTMENT, titleCase } from '../names';
import { iso, utc, type Rng } from '../random';
import type { AccountTable } from './accounts';
import { edgeTimes } from './accounts';
import type { AppCatalog } from './app-catalog';
import type { ScaleCatalog } from './catalog';
import type { HumanAccounts } from './human-access';
import { addNhiAccount, grantRights, joinProjects, type NhiTable } from './nhi-kit';
import type { RecordSink } from './ndjson-files';
import { NO_DEPT, personId } from './org';
import type { ScalePeople } from './people';

export interface Crew {
  owner: number;
  orchestrator: number;
  subs: { agent: number; runners: number[] }[];
}
export interface AgentPlan {
  crews: Crew[];
  assistants: { owner: number; agent: number }[];
}

const WORK = ['triage', 'research', 'billing', 'reporting', 'review', 'outreach', 'reconcile', 'onboarding', 'scheduling', 'support', 'qa', 'release'];
const MODELS = ['gpt-4o', 'claude-sonnet', 'llama-3-70b', 'gemini-1.5-pro', 'mistral-large'];
const FRAMEWORKS = ['langgraph', 'crewai', 'autogen', 'in-house'];
const AGENT_TIERS = [[0, 70], [1, 30]] as const;
const PURPOSE: Record<string, string> = {
  orchestrator: 'Plans multi-step work and dispatches it to sub-agents',
  'sub-agent': 'Carries out one kind of task for its orchestrator',
  'tool-runner': 'Invokes a narrow set of tools on behalf of a sub-agent',
  assistant: 'Personal assistant acting for its owner',
};

export async function writeAgents(sink: RecordSink, rng: Rng, people: ScalePeople, human: HumanAccounts, cat: ScaleCatalog, accounts: AccountTable, nhis: NhiTable, count: number): Promise<AgentPlan> {
  const { org, facts, username } = people;
  const appOfSystem = new Map<number, AppCatalog>(cat.apps.map((a) => [a.system, a]));
  const names = new Map<string, number>();
  const usedAssistantOwners = new Set<number>();
  const usesAgentTools = (p: number) => {
    for (let a = human.firstAccount[p]; a < human.firstAccount[p + 1]; a++) if (accounts.system.get(a) === cat.tools.system) return true;
    return false;
  };
  // Owners are active people with some accounts (the delegation phase draws scopes from what they
  // hold); crews are built by people on the agent platform, so their chains can end in tools.
  const owner = (onPlatform: boolean): number => {
    for (let tries = 0; ; tries++) {
      const p = rng.int(1, org.count - 1);
      if (facts.status[p] === 0 && human.firstAccount[p + 1] - human.firstAccount[p] >= 2 && (!onPlatform || usesAgentTools(p))) return p;
      if (tries > 1000) return p;
    }
  };
  const agent = (role: string, ownerP: number, base: string): number => {
    const n = (names.get(base) ?? 0) + 1;
    names.set(base, n);
    const name = n === 1 ? base : `${base}-${n}`;
    const division = org.division[ownerP];
    const createdMs = rng.msBetween(utc(2024, 6, 1), utc(2026, 9, 15));
    const nhi = { id: `agent:${name}`, kind: 'agent' as const, owner: ownerP, division, createdMs };
    sink.write('identities', {
      id: nhi.id,
      kind: 'agent',
      displayName: titleCase(name),
      department: org.dept[ownerP] === NO_DEPT ? EXECUTIVE_DEPARTMENT : DEPARTMENTS[org.dept[ownerP]].name,
      status: rng.chance(0.03) ? 'suspended' : 'active',
      ownerId: personId(ownerP),
      purpose: PURPOSE[role],
      createdAt: iso(createdMs),
      attributes: { role, model: rng.pick(MODELS), framework: rng.pick(FRAMEWORKS) },
    });
    const k = nhis.add(nhi, accounts);
    const platform = addNhiAccount(accounts, rng, k, nhis.list[k], cat.tools.system, `agent-tools:agent/${name}`, name, 0.02);
    // Department heads belong to no division: their agents get the department's toolset.
    const toolset = division >= 0 ? cat.tools.divisionToolset[division] : cat.tools.deptToolset[org.dept[ownerP]];
    accounts.join(platform, toolset, edgeTimes(rng, accounts.createdMs.get(platform)));
    if (role === 'tool-runner') {
      for (let t = rng.int(1, 2); t > 0; t--) accounts.directGrant(platform, rng.pick(cat.tools.tools), edgeTimes(rng, accounts.createdMs.get(platform)));
    }
    // Orchestrators and assistants work in the apps their owner uses; some sub-agents in one of them.
    const appCount = role === 'orchestrator' || role === 'assistant' ? rng.int(0, 3) : role === 'sub-agent' && rng.chance(0.5) ? 1 : 0;
    const ownerApps: AppCatalog[] = [];
    for (let a = human.firstAccount[ownerP]; a < human.firstAccount[ownerP + 1]; a++) {
      const app = appOfSystem.get(accounts.system.get(a));
      if (app && app.def.nhi) ownerApps.push(app);
    }
    for (const app of rng.sample(ownerApps, appCount)) {
      const account = addNhiAccount(accounts, rng, k, nhis.list[k], app.system, `${app.def.id}:agent/${name}`, name, 0.02);
      joinProjects(accounts, rng, account, app, division, rng.int(1, 3), AGENT_TIERS);
      if (rng.chance(0.2)) grantRights(accounts, rng, account, app, 1, 0.05);
    }
    nhis.close(k, accounts);
    return k;
  };

  const plan: AgentPlan = { crews: [], assistants: [] };
  let left = count;
  // About 70% of agents work in crews; the rest are personal assistants.
  while (left > count * 0.3 && left >= 2) {
    const p = owner(true);
    const slug = org.division[p] >= 0 ? org.divisions[org.division[p]].slug : 'exec';
    const crew: Crew = { owner: p, orchestrator: agent('orchestrator', p, `${slug}-orchestrator`), subs: [] };
    left--;
    for (let s = rng.int(2, 3); s > 0 && left > 0; s--) {
      const sub = { agent: agent('sub-agent', p, `${slug}-${rng.pick(WORK)}`), runners: [] as number[] };
      left--;
      for (let r = rng.int(0, 2); r > 0 && left > 0; r--, left--) sub.runners.push(agent('tool-runner', p, `${slug}-tool-runner`));
      crew.subs.push(sub);
    }
    plan.crews.push(crew);
    await sink.settle();
  }
  for (; left > 0; left--) {
    let p = owner(false);
    for (let tries = 0; usedAssistantOwners.has(p) && tries < 20; tries++) p = owner(false);
    usedAssistantOwners.add(p);
    plan.assistants.push({ owner: p, agent: agent('assistant', p, `${username[p].replace(/\./g, '-')}-assistant`) });
    if (left % 50 === 0) await sink.settle();
  }
  return plan;
}
