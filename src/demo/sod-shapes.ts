/**
 * Separation-of-duties shapes: for the SAP pair create_vendor / approve_payment, one identity per way
 * of holding both sides (or of almost holding them), so the demo rule set (sod-rules.ts) shows every
 * kind of finding. Runs after every builder that grants access and picks only people whose existing
 * access cannot blur their shape (see `shapePeople`), so each shape has one exact expected outcome.
 */
import { computeEffectiveAccess } from '../access/compute-access';
import { ControlGraph, type ControlEdge } from '../sod/control';
import type { HumanAccounts } from './account-factory';
import type { DemoBuilder, EdgeTimes } from './builder';
import { agentTools, sap, SYS } from './catalog-kit';
import { titleCase } from './names';
import { addNhiAccount, nhiEdgeTimes } from './nhi-kit';
import { headOf, isActive, type Person, type Workforce } from './people';
import { days, EXPORTED_AT, EXPORTED_AT_MS, iso, Rng, utc } from './random';

export const CREATE_VENDOR = sap.perm('create_vendor');
export const APPROVE_PAYMENT = sap.perm('approve_payment');
const PAIR = [CREATE_VENDOR, APPROVE_PAYMENT];

export type SodShapeName =
  | 'direct' | 'nested' | 'delegation' | 'ownedService' | 'agentChain'
  | 'expiredMembership' | 'disabledAccount' | 'mitigated' | 'expiredMitigation';

export interface SodShapeSpec {
  /** The violation of the create_vendor / approve_payment rule expected at the demo's "now"; null: none. */
  kind: 'DIRECT' | 'REACH' | null;
  /** Mitigation named in the demo rules for this identity. */
  mitigation?: 'inForce' | 'expired';
  description: string;
}

/** What each shape is and the outcome it must give; the identity carrying it comes from the generator. */
export const DEMO_SOD_SHAPES: Record<SodShapeName, SodShapeSpec> = {
  direct: { kind: 'DIRECT', description: 'AP clerk also in AP_SUPERVISOR (reused from privileged-access.ts; made here only if it planted none)' },
  nested: { kind: 'DIRECT', description: 'AP clerk given AP_REGIONAL_LEAD -> AP_PAYMENTS -> AP_PAYMENT_APPROVAL (grants approve_payment)' },
  delegation: { kind: 'REACH', description: 'AP clerk who delegates to agent:payment-assistant, whose own SAP user approves payments' },
  ownedService: { kind: 'REACH', description: 'AP clerk who owns svc:ap-payments-connector, whose RFC user approves payments' },
  agentChain: { kind: 'REACH', description: 'AP clerk who owns agent:ap-orchestrator, which delegates to agent:payment-executor (approves payments)' },
  expiredMembership: { kind: null, description: 'AP clerk whose AP_SUPERVISOR membership (quarter-end cover) has lapsed' },
  disabledAccount: { kind: null, description: 'holds both through an old SAP user that is disabled but was never stripped of its roles' },
  mitigated: { kind: 'DIRECT', mitigation: 'inForce', description: 'AP clerk in AP_SUPERVISOR, with a mitigation in force' },
  expiredMitigation: { kind: 'DIRECT', mitigation: 'expired', description: 'AP clerk in AP_SUPERVISOR whose mitigation has expired' },
};

/** The non-human identities the REACH shapes run through (fixed ids, made only here). */
export const SOD_NHI = {
  paymentAssistant: 'agent:payment-assistant',
  paymentsConnector: 'svc:ap-payments-connector',
  apOrchestrator: 'agent:ap-orchestrator',
  paymentExecutor: 'agent:payment-executor',
} as const;

export interface DemoSod {
  /** Shape -> the human whose violation (or near miss) it is. */
  shapes: Record<SodShapeName, string>;
  /** Who approved the two mitigations: the head of Finance. */
  approverId: string;
}

interface PairState {
  /** Identity -> which of the two sides it holds now. */
  holds: Map<string, Set<string>>;
  control: ControlGraph;
}

/** Who holds either side now (effective SAP access, delegations included) and who controls whom. */
function pairState(b: DemoBuilder): PairState {
  const { accounts, groups, memberships, grants, delegations, identities } = b.records;
  const sapAccounts = accounts.filter((a) => a.systemId === SYS.sap);
  const accountIds = new Set(sapAccounts.map((a) => a.id));
  const groupIds = new Set(groups.filter((g) => g.systemId === SYS.sap).map((g) => g.id));
  const edge = (from: string, to: string, expiresAt?: string) => ({ from, to, expiresAt: expiresAt ?? null });
  const granted = computeEffectiveAccess(
    {
      ownedAccounts: sapAccounts.filter((a) => a.status === 'enabled' && a.identityId).map((a) => ({ identityId: a.identityId!, accountId: a.id })),
      accountMemberships: memberships.filter((m) => m.memberType === 'account' && accountIds.has(m.memberId)).map((m) => edge(m.memberId, m.groupId, m.expiresAt)),
      groupMemberships: memberships.filter((m) => m.memberType === 'group' && groupIds.has(m.memberId)).map((m) => edge(m.memberId, m.groupId, m.expiresAt)),
      accountGrants: grants.filter((g) => g.holderType === 'account' && accountIds.has(g.holderId)).map((g) => edge(g.holderId, g.entitlementId, g.expiresAt)),
      groupGrants: grants.filter((g) => g.holderType === 'group' && groupIds.has(g.holderId)).map((g) => edge(g.holderId, g.entitlementId, g.expiresAt)),
      delegations: delegations.map((d) => ({ ...edge(d.fromId, d.toId, d.expiresAt), scope: d.scope })),
    },
    { now: EXPORTED_AT, maxPathsPerGrant: 1 },
  );
  const holds = new Map<string, Set<string>>();
  for (const g of granted) {
    if (!PAIR.includes(g.entitlementId)) continue;
    const set = holds.get(g.identityId) ?? new Set<string>();
    holds.set(g.identityId, set.add(g.entitlementId));
  }
  const controlEdges: ControlEdge[] = [
    ...identities.filter((i) => i.ownerId).map((i) => ({ from: i.ownerId!, to: i.id, via: 'OWNS' as const, expiresAt: null, scope: ['*'] })),
    ...delegations.map((d) => ({ from: d.fromId, to: d.toId, via: 'DELEGATES_TO' as const, expiresAt: d.expiresAt ?? null, scope: d.scope })),
  ];
  return { holds, control: new ControlGraph(controlEdges, EXPORTED_AT) };
}

/**
 * Active people (below department head) who hold neither side, control no one who does, and hand
 * neither side on by delegation: planting on them changes their own outcome and no one else's.
 * Finance first, then Operations, then everyone else, each shuffled by the generator's rng.
 */
function shapePeople(b: DemoBuilder, rng: Rng, w: Workforce, { holds, control }: PairState): Person[] {
  const leaky = new Set(
    b.records.delegations.filter((d) => (!d.expiresAt || d.expiresAt > EXPORTED_AT) && d.scope.some((e) => e === '*' || PAIR.includes(e))).map((d) => d.fromId),
  );
  const delegatedTo = new Set(b.records.delegations.map((d) => d.toId));
  const fits = (p: Person) =>
    isActive(p) && p.level >= 2 && !holds.has(p.id) && !leaky.has(p.id) && !delegatedTo.has(p.id) && [...control.reach(p.id).keys()].every((j) => !holds.has(j));
  const tier = (p: Person) => (p.dept?.name === 'Finance' ? 0 : p.dept?.name === 'Operations' ? 1 : 2);
  return [0, 1, 2].flatMap((t) => rng.shuffle(w.people.filter((p) => tier(p) === t && fits(p))));
}

/** The existing AP_SUPERVISOR conflict to reuse as "direct": an active human holding both sides. */
function existingDirect(b: DemoBuilder, rng: Rng, w: Workforce, acc: HumanAccounts, { holds }: PairState): Person | undefined {
  const supervisors = new Set(b.records.memberships.filter((m) => m.groupId === sap.role('AP_SUPERVISOR') && !m.expiresAt).map((m) => m.memberId));
  const both = w.people.filter((p) => isActive(p) && holds.get(p.id)?.size === 2 && supervisors.has(acc.get(p, 'sap') ?? ''));
  return both.length > 0 ? rng.pick(both) : undefined;
}

export function plantSodShapes(b: DemoBuilder, rng: Rng, w: Workforce, acc: HumanAccounts): DemoSod {
  const state = pairState(b);
  const reused = existingDirect(b, rng, w, acc, state);
  const pool = shapePeople(b, rng, w, state);
  const take = (): Person => {
    const p = pool.shift();
    if (!p) throw new Error('demo generator: too few people to plant the separation-of-duties shapes');
    return p;
  };
  /** The next person with an enabled SAP user (made on first use; one made disabled is passed over). */
  const takeSap = (): [Person, string] => {
    for (;;) {
      const p = take();
      const id = acc.ensure(p, 'sap');
      if (b.getAccount(id)?.status === 'enabled') return [p, id];
    }
  };
  const clerk = (accountId: string) => acc.join(accountId, sap.role('AP_CLERK')); // create_vendor (+ create_invoice, display)
  const supervisor = (accountId: string) => acc.join(accountId, sap.role('AP_SUPERVISOR')); // approve_payment

  // direct: reuse a planted AP_SUPERVISOR conflict; at small sizes there may be none, so make one.
  let direct = reused;
  if (!direct) {
    const [p, id] = takeSap();
    clerk(id);
    supervisor(id);
    direct = p;
  }

  // nested: approve_payment three roles deep (account -> AP_REGIONAL_LEAD -> AP_PAYMENTS -> AP_PAYMENT_APPROVAL).
  const [nested, nestedSap] = takeSap();
  clerk(nestedSap);
  acc.join(nestedSap, sap.role('AP_REGIONAL_LEAD'));

  const [delegator, delegatorSap] = takeSap();
  const [serviceOwner, serviceOwnerSap] = takeSap();
  const [chainOwner, chainOwnerSap] = takeSap();
  for (const id of [delegatorSap, serviceOwnerSap, chainOwnerSap]) clerk(id);
  // Owns the two payment agents the delegation and the chain end in; holds neither side, so no finding of its own.
  const agentOwner = take();

  // delegation: the clerk delegates to an agent that approves payments through its own SAP user.
  // The scope (display vendor) is beside the point: control does not depend on it (spec: "Control").
  const assistant = agent(b, rng, SOD_NHI.paymentAssistant, agentOwner, 'Checks vendor details and approves routine vendor payments for AP staff', 'base');
  sapNhi(b, rng, assistant, 'AGENT_PAYMENT_ASSISTANT');
  delegate(b, rng, delegator, assistant, [sap.perm('display_vendor')], 'Vendor look-ups during invoice entry');

  // owned service: the clerk owns an integration whose RFC user approves payments.
  const createdMs = rng.msBetween(utc(2023, 1, 1), utc(2026, 3, 1));
  b.identity({
    id: SOD_NHI.paymentsConnector, kind: 'service', displayName: 'ap-payments-connector', status: 'active', ownerId: serviceOwner.id,
    purpose: 'Pushes approved AP payments from the invoice portal into SAP', createdAt: iso(createdMs),
    attributes: { environment: 'prod', runtime: 'kubernetes', tier: 'tier-1' },
  });
  sapNhi(b, rng, { id: SOD_NHI.paymentsConnector, createdMs }, 'RFC_AP_PAYMENTS_CONNECTOR');

  // agent chain: the clerk owns an orchestrator agent that delegates to a sub-agent owned by someone else
  // (were it the clerk's own, ownership would be the shorter chain and hide the delegation hop).
  const orchestrator = agent(b, rng, SOD_NHI.apOrchestrator, chainOwner, 'Plans the month-end AP close and dispatches sub-agents', 'orchestrator');
  const executor = agent(b, rng, SOD_NHI.paymentExecutor, agentOwner, 'Executes the payment approvals the AP orchestrator hands down', 'base');
  sapNhi(b, rng, executor, 'AGENT_PAYMENT_EXECUTOR');
  delegate(b, rng, orchestrator, executor, [agentTools.tool('slack.post')], 'ap-orchestrator dispatches payment work to payment-executor');

  // expired membership: an AP_SUPERVISOR membership for quarter-end cover that lapsed before the export.
  const [lapsed, lapsedSap] = takeSap();
  clerk(lapsedSap);
  b.member(lapsedSap, 'account', sap.role('AP_SUPERVISOR'), lapsedTimes(rng, acc.created(lapsedSap)));

  // disabled account: an old second SAP user, disabled but still holding both roles.
  const disabled = take();
  const oldSap = legacySapUser(b, rng, disabled);
  for (const role of ['AP_CLERK', 'AP_SUPERVISOR']) b.member(oldSap.id, 'account', sap.role(role), { grantedAt: oldSap.grantedAt });

  // mitigations (named in sod-rules.ts): one in force, one expired; both plain AP_SUPERVISOR conflicts.
  const [mitigated, mitigatedSap] = takeSap();
  const [expiredMitigation, expiredMitigationSap] = takeSap();
  for (const id of [mitigatedSap, expiredMitigationSap]) {
    clerk(id);
    supervisor(id);
  }

  return {
    shapes: {
      direct: direct.id, nested: nested.id, delegation: delegator.id, ownedService: serviceOwner.id, agentChain: chainOwner.id,
      expiredMembership: lapsed.id, disabledAccount: disabled.id, mitigated: mitigated.id, expiredMitigation: expiredMitigation.id,
    },
    approverId: headOf(w, 'Finance').id,
  };
}

interface Nhi {
  id: string;
  createdMs: number;
}

function agent(b: DemoBuilder, rng: Rng, id: string, owner: Person, purpose: string, toolset: string): Nhi {
  const name = id.slice('agent:'.length);
  const createdMs = rng.msBetween(utc(2025, 1, 1), utc(2026, 6, 1));
  const ts = agentTools.toolset(toolset);
  b.identity({
    id, kind: 'agent', displayName: `${titleCase(name)} Agent`,
    status: 'active', ownerId: owner.id, purpose, createdAt: iso(createdMs),
    attributes: { model: 'claude-sonnet-4', framework: 'langgraph', toolset: ts, autonomy: 'autonomous', environment: 'prod' },
  });
  // Enabled for sure (pDisabled 0): a disabled account would quietly turn the shape into a near miss.
  const platform = addNhiAccount(b, rng, 'agentTools', `${SYS.agentTools}:agent/${name}`, name, id, createdMs, 0);
  b.member(platform.id, 'account', ts, nhiEdgeTimes(rng, platform));
  return { id, createdMs };
}

/** A SAP user for a non-human identity, enabled for sure, with a standing direct approve_payment grant. */
function sapNhi(b: DemoBuilder, rng: Rng, owner: Nhi, user: string): void {
  const a = addNhiAccount(b, rng, 'sap', `${SYS.sap}:${user}`, user, owner.id, owner.createdMs, 0);
  b.grant(a.id, 'account', APPROVE_PAYMENT, nhiEdgeTimes(rng, a));
}

function delegate(b: DemoBuilder, rng: Rng, from: Person | Nhi, to: Nhi, scope: string[], purpose: string): void {
  const fromMs = Math.max(to.createdMs, 'hireMs' in from ? from.hireMs : from.createdMs) + days(1);
  b.delegation({ fromId: from.id, toId: to.id, scope, grantedAt: rng.timeBetween(fromMs, Math.max(fromMs, EXPORTED_AT_MS - days(2))), purpose });
}

/** Granted after the account existed, expired 30-90 days later and always before the export. */
function lapsedTimes(rng: Rng, accountCreatedMs: number): EdgeTimes {
  const grantedMs = rng.msBetween(accountCreatedMs, Math.max(accountCreatedMs, Math.min(accountCreatedMs + days(400), EXPORTED_AT_MS - days(2))));
  return { grantedAt: iso(grantedMs), expiresAt: iso(Math.min(grantedMs + days(rng.int(30, 90)), EXPORTED_AT_MS - days(1))) };
}

/**
 * A second, disabled SAP user from an earlier role. Its name ends in `_OLD`, which the regular
 * account factory never makes (it uses letters and digits only), so the two can never collide.
 */
function legacySapUser(b: DemoBuilder, rng: Rng, p: Person): { id: string; grantedAt: string } {
  const user = `${(p.first[0] + p.last).toUpperCase().replace(/[^A-Z]/g, '').slice(0, 8)}_OLD`;
  const fromMs = Math.max(p.hireMs, utc(2018, 1, 8));
  const createdMs = rng.msBetween(fromMs, Math.max(fromMs, Math.min(utc(2025, 1, 1), EXPORTED_AT_MS - days(30))));
  const lastLoginMs = rng.msBetween(createdMs + days(1), Math.max(createdMs + days(1), EXPORTED_AT_MS - days(20)));
  const id = `${SYS.sap}:${user}`;
  b.account({ id, systemId: SYS.sap, identityId: p.id, username: user, status: 'disabled', createdAt: iso(createdMs), lastLoginAt: iso(lastLoginMs) });
  return { id, grantedAt: iso(rng.msBetween(createdMs, createdMs + days(10))) };
}
