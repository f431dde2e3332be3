import { z } from 'zod';
import type { RequestContext } from '../../graphql/context';
import { cite, type Citation } from '../answer';
import { entityDirectory, type EntryKind } from '../directory/directory';
import { rank } from '../directory/resolve';
import { runOperation } from './operations';
import { entitlementCitation, hopCitations, identityCitation, pathCitation, violationCitation } from './citations';
import type { ChainNode, Connection, Explanation, FindingNode, Grant, Holder, PeerBaseline, Profile, Ranked, SimulationOut, SodRules, Violation } from './shapes';

/** What a tool hands back: data for the answer, and the citations that data makes available. */
export interface ToolResult<T = unknown> {
  data: T;
  citations: Citation[];
}

const Id = z.string().trim().min(1).max(512);
const First = z.number().int().min(1).max(100).default(20);
const KIND_NAMES = ['identity', 'group', 'entitlement', 'system', 'account'] as const;
const IdentityKind = z.enum(['HUMAN', 'SERVICE', 'AGENT']);

const ENTRY_CITE: Record<EntryKind, 'IDENTITY' | 'GROUP' | 'ENTITLEMENT' | 'SYSTEM' | 'ACCOUNT'> = {
  identity: 'IDENTITY', group: 'GROUP', entitlement: 'ENTITLEMENT', system: 'SYSTEM', account: 'ACCOUNT',
};

/** A read-only tool: a description for a language model, zod arguments, and a run over the asker's context. */
export interface Tool<A extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  args: A;
  run(ctx: RequestContext, args: z.infer<A>): Promise<ToolResult>;
}

const tool = <A extends z.ZodType>(t: Tool<A>): Tool<A> => t;

export const findEntities = tool({
  name: 'find_entities',
  description: 'Find identities (people, services, agents), groups, entitlements, systems or accounts by name, email or id, tolerating typos. Returns up to 8 candidates, best first.',
  args: z.object({ text: z.string().trim().min(1).max(200), kinds: z.array(z.enum(KIND_NAMES)).min(1).default([...KIND_NAMES]) }),
  async run(ctx, { text, kinds }) {
    const dir = await entityDirectory(ctx.store);
    const found = rank(dir, text, kinds).slice(0, 8);
    return {
      data: found.map((c) => ({ kind: c.entry.kind, id: c.entry.id, name: c.entry.name, detail: c.entry.detail, score: Number(c.score.toFixed(2)) })),
      citations: found.map((c) => cite(ENTRY_CITE[c.entry.kind], c.entry.id, c.entry.name)),
    };
  },
});

export const identityProfile = tool({
  name: 'identity_profile',
  description: "An identity's attributes, manager or owner, accounts, risk score, factors and findings.",
  args: z.object({ identityId: Id }),
  async run(ctx, { identityId }) {
    const { identity } = await runOperation<{ identity: Profile | null }>(ctx, 'identity-profile', { id: identityId });
    if (!identity) return { data: null, citations: [] };
    const c: Citation[] = [identityCitation(identity)];
    if (identity.manager) c.push(identityCitation(identity.manager));
    if (identity.owner) c.push(identityCitation(identity.owner));
    for (const a of identity.accounts) c.push(cite('ACCOUNT', a.id, a.username ?? a.id));
    for (const f of identity.risk.findings) c.push(cite('FINDING', f.id, f.reason));
    return { data: identity, citations: c };
  },
});

export const effectiveAccess = tool({
  name: 'effective_access',
  description: 'What an identity can access (its effective entitlements), with the path of each and its last use.',
  args: z.object({ identityId: Id, first: z.number().int().min(1).max(500).default(200) }),
  async run(ctx, { identityId, first }) {
    const { identity } = await runOperation<{ identity: { id: string; displayName: string; kind: string; effectiveAccess: Connection<Grant> } | null }>(ctx, 'effective-access', { id: identityId, first });
    if (!identity) return { data: null, citations: [] };
    const grants = identity.effectiveAccess.edges.map((e) => e.node);
    const c = [identityCitation(identity), ...grants.flatMap((g) => [entitlementCitation(g.entitlement), pathCitation(identity, g.entitlement), ...hopCitations(g.paths)])];
    return { data: identity, citations: c };
  },
});

export const explainAccess = tool({
  name: 'explain_access',
  description: 'Whether an identity holds an entitlement, through which paths (accounts, groups, delegations), or what nearly gives it.',
  args: z.object({ identityId: Id, entitlementId: Id }),
  async run(ctx, { identityId, entitlementId }) {
    const { explainAccess: x } = await runOperation<{ explainAccess: Explanation }>(ctx, 'explain-access', { identityId, entitlementId });
    const c = [...hopCitations(x.paths), ...x.nearMisses.flatMap((m) => hopCitations([m.path]))];
    const first = x.paths[0]?.hops;
    if (x.granted && first) c.push(pathCitation({ id: identityId, displayName: first[0]?.name ?? identityId }, { id: entitlementId, name: first[first.length - 1]?.name ?? entitlementId }));
    return { data: x, citations: c };
  },
});

export const whoHas = tool({
  name: 'who_has',
  description: 'Everyone who holds an entitlement, with how they get it. totalCount is the full number of holders.',
  args: z.object({ entitlementId: Id, first: First }),
  async run(ctx, { entitlementId, first }) {
    const d = await runOperation<{ entitlement: { id: string; name: string; privileged: boolean; system: { id: string; name: string } | null } | null; whoHas: Connection<Holder> }>(ctx, 'who-has', { entitlementId, first });
    if (!d.entitlement) return { data: null, citations: [] };
    const e = d.entitlement;
    const holders = d.whoHas.edges.map((x) => x.node);
    const c = [entitlementCitation(e), ...holders.flatMap((h) => [identityCitation(h.identity), pathCitation(h.identity, e)])];
    return { data: d, citations: c };
  },
});

/** Follows delegations upward until a human (or a loop, or 6 steps): "on whose authority does this agent act?" */
export const delegationChain = tool({
  name: 'delegation_chain',
  description: 'For an agent or service: who delegated to it (up to the human at the top), what it delegates onward, and what it holds only through delegation.',
  args: z.object({ identityId: Id }),
  async run(ctx, { identityId }) {
    const chain: ChainNode[] = [];
    const seen = new Set<string>();
    let next: string | undefined = identityId;
    while (next && !seen.has(next) && chain.length < 6) {
      seen.add(next);
      const { identity }: { identity: ChainNode | null } = await runOperation<{ identity: ChainNode | null }>(ctx, 'delegation-chain', { id: next, first: 100 });
      if (!identity) break;
      chain.push(identity);
      next = identity.kind === 'HUMAN' ? undefined : identity.delegationsIn.find((d) => d.from)?.from?.id;
    }
    const c: Citation[] = chain.flatMap((n) => [
      identityCitation(n),
      ...(n.owner ? [identityCitation(n.owner)] : []),
      ...n.delegationsIn.flatMap((d) => (d.from ? [identityCitation(d.from)] : [])),
      ...n.delegationsOut.flatMap((d) => (d.to ? [identityCitation(d.to)] : [])),
    ]);
    const head = chain[0];
    if (head) for (const g of head.effectiveAccess.edges) c.push(entitlementCitation(g.node.entitlement), pathCitation(head, g.node.entitlement), ...hopCitations(g.node.paths));
    return { data: chain, citations: c };
  },
});

export const peerBaseline = tool({
  name: 'peer_baseline',
  description: "An identity's peer group and what is unusual: entitlements few peers hold (outliers) and ones most peers hold that it lacks.",
  args: z.object({ identityId: Id }),
  async run(ctx, { identityId }) {
    const { peerBaseline: b } = await runOperation<{ peerBaseline: PeerBaseline }>(ctx, 'peer-baseline', { id: identityId });
    const c = [
      ...b.group.peers.map((p) => identityCitation(p)),
      ...b.entitlements.flatMap((e) => (e.entitlement ? [entitlementCitation(e.entitlement)] : [])),
      ...b.entitlements.flatMap((e) => (e.held && e.entitlement ? [pathCitation({ id: identityId, displayName: identityId }, e.entitlement)] : [])),
    ];
    return { data: b, citations: c };
  },
});

export const sodViolations = tool({
  name: 'sod_violations',
  description: 'Separation-of-duties violations (open ones), for one identity and/or one rule.',
  args: z.object({ identityId: Id.optional(), ruleId: Id.optional(), first: z.number().int().min(1).max(500).default(100) }),
  async run(ctx, { identityId, ruleId, first }) {
    const { sodViolations: v } = await runOperation<{ sodViolations: Connection<Violation> }>(ctx, 'sod-violations', { identityId: identityId ?? null, ruleId: ruleId ?? null, first });
    const nodes = v.edges.map((e) => e.node);
    const c = nodes.flatMap((n) => [violationCitation(n), cite('SOD_RULE', n.rule.id, n.rule.name), ...(n.identity ? [identityCitation(n.identity)] : [])]);
    return { data: { totalCount: v.totalCount, violations: nodes }, citations: c };
  },
});

export const sodRules = tool({
  name: 'sod_rules',
  description: 'The separation-of-duties rules in force and open violation counts per rule and department.',
  args: z.object({}),
  async run(ctx) {
    const d = await runOperation<SodRules>(ctx, 'sod-rules', {});
    return { data: d, citations: (d.sodRules?.rules ?? []).map((r) => cite('SOD_RULE', r.id, r.name)) };
  },
});

const ChangeArg = z.object({
  op: z.enum(['ADD_MEMBERSHIP', 'REMOVE_MEMBERSHIP', 'ADD_GRANT', 'REMOVE_GRANT', 'DISABLE_ACCOUNT', 'ENABLE_ACCOUNT', 'ADD_DELEGATION', 'REVOKE_DELEGATION', 'TERMINATE_IDENTITY']),
  memberId: Id.optional(), groupId: Id.optional(), holderId: Id.optional(), entitlementId: Id.optional(),
  accountId: Id.optional(), fromId: Id.optional(), toId: Id.optional(), identityId: Id.optional(),
  scope: z.array(Id).max(100).optional(),
  memberType: z.enum(['ACCOUNT', 'GROUP']).optional(), holderType: z.enum(['ACCOUNT', 'GROUP']).optional(),
});

export const simulate = tool({
  name: 'simulate',
  description: 'What would happen if access changed (remove a membership, revoke a grant, disable an account, revoke a delegation, terminate an identity). Writes nothing to the graph; the question is recorded in the decision log.',
  args: z.object({ changes: z.array(ChangeArg).min(1).max(20) }),
  async run(ctx, { changes }) {
    const { simulate: s } = await runOperation<{ simulate: SimulationOut }>(ctx, 'simulate', { changes, actingAs: null });
    const c: Citation[] = [cite('SIMULATION', s.id, s.summary.slice(0, 200))];
    for (const d of s.deltas.edges) if (d.node.identity) c.push(identityCitation(d.node.identity));
    for (const v of [...s.sodIntroduced, ...s.sodResolved]) c.push(cite('SOD_RULE', v.rule.id, v.rule.name));
    return { data: s, citations: c };
  },
});

export const findings = tool({
  name: 'findings',
  description: 'Risk findings, worst first, optionally by code (e.g. NHI_WITHOUT_OWNER, CREDENTIAL_STALE, DORMANT_ACCOUNT, UNUSED_ENTITLEMENT, UNUSED_PRIVILEGED_ENTITLEMENT), department and identity kind.',
  args: z.object({ code: z.string().regex(/^[A-Z_]+$/).max(60).optional(), department: z.string().max(200).optional(), kind: IdentityKind.optional(), first: z.number().int().min(1).max(200).default(50) }),
  async run(ctx, { code, department, kind, first }) {
    const { findings: f } = await runOperation<{ findings: Connection<FindingNode> }>(ctx, 'findings', { code: code ?? null, department: department ?? null, kind: kind ?? null, first });
    const nodes = f.edges.map((e) => e.node);
    const c = nodes.flatMap((n) => [cite('FINDING', n.id, n.reason), ...(n.identity ? [identityCitation(n.identity)] : [])]);
    return { data: { totalCount: f.totalCount, findings: nodes }, citations: c };
  },
});

export const riskiest = tool({
  name: 'riskiest_identities',
  description: 'Identities with the highest risk scores, optionally in one department or of one kind, with the factors behind each score.',
  args: z.object({ department: z.string().max(200).optional(), kind: IdentityKind.optional(), first: z.number().int().min(1).max(50).default(10) }),
  async run(ctx, { department, kind, first }) {
    const { riskiestIdentities: r } = await runOperation<{ riskiestIdentities: Ranked[] }>(ctx, 'riskiest', { department: department ?? null, kind: kind ?? null, first });
    return { data: r, citations: r.flatMap((x) => (x.identity ? [identityCitation(x.identity)] : [])) };
  },
});

export const TOOLS: readonly Tool[] = [findEntities, identityProfile, effectiveAccess, explainAccess, whoHas, delegationChain, peerBaseline, sodViolations, sodRules, simulate, findings, riskiest] as Tool[];
