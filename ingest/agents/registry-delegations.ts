import type { BundleBuilder, Where } from '../core/bundle-builder';
import { formatPath, type DocPath } from './parse-document';
import type { AgentEntry, RejectedAgent } from './registry-read';
import { Delegation, SubAgent } from './registry-schema';
import type { ToolCatalog } from './registry-tools';
import { problemOf, type Problem } from './zod-issues';

export interface DelegationContext {
  b: BundleBuilder;
  tools: ToolCatalog;
  /** Local agent id -> identity id, for the agents that were loaded. */
  identityOf: Map<string, string>;
  /** Local agent id -> identity id for any agent of the registry, loaded or rejected. */
  identityIdOf: (agentId: string) => string;
  rejected: Map<string, RejectedAgent>;
  now: Date;
  /** Delegations that had already expired at the run's clock, described for a note. */
  expired: string[];
}

interface Edge {
  fromId: string;
  toId: string;
  scope: string[];
  grantedAt?: string;
  expiresAt?: string;
  purpose?: string;
}

/**
 * Both directions of the registry become one kind of record: `delegations` on B (someone lets B act
 * for them) and `subAgents` on A (A lets B act for it) are each a delegation from -> to. The same
 * pair stated twice must agree; the shared pipeline would otherwise keep whichever came last.
 */
export function emitDelegations(agents: AgentEntry[], ctx: DelegationContext): void {
  const stated = new Map<string, { at: Where; signature: string }>();
  const emit = (edge: Edge, at: Where, path: DocPath) => {
    if (edge.fromId === edge.toId) return ctx.b.reject(at, formatPath(path), 'an agent cannot delegate to itself', edge);
    const key = `${edge.fromId}\u0000${edge.toId}`;
    const signature = JSON.stringify([[...edge.scope].sort(), edge.grantedAt, edge.expiresAt, edge.purpose]);
    const prior = stated.get(key);
    if (prior && prior.signature !== signature) {
      const where = `${prior.at.file}:${prior.at.line}`;
      return ctx.b.reject(at, formatPath(path), `delegation ${edge.fromId} -> ${edge.toId} is also declared at ${where}, differently`, edge);
    }
    if (prior) return;
    stated.set(key, { at, signature });
    if (edge.expiresAt && Date.parse(edge.expiresAt) <= ctx.now.getTime()) {
      ctx.expired.push(`${edge.fromId} -> ${edge.toId} (${at.file}:${at.line}, ${edge.expiresAt})`);
    }
    ctx.b.add('delegations', edge, at);
  };

  for (const agent of agents) {
    const self = ctx.identityOf.get(agent.core.id)!;
    agent.core.delegations.forEach((raw, i) => {
      const path = [...agent.path, 'delegations', i];
      const at = whereOf(agent, path);
      const parsed = Delegation.safeParse(raw);
      // A rejected statement still names its edge when it names its delegator: that edge is kept.
      const from = (name: unknown) => (typeof name === 'string' && name.trim() ? fromIdOf(name.trim(), ctx) : undefined);
      if (!parsed.success) return rejectProblem(ctx.b, at, problemOf(parsed.error, path), edgeKey(from((raw as { from?: unknown } | null)?.from), self));
      const d = parsed.data;
      // A name the registry defines wins; anything else is an identity id from another source (HR).
      const wasRejected = ctx.rejected.get(d.from);
      if (wasRejected) {
        return ctx.b.reject(at, formatPath([...path, 'from']), rejectedAgent(d.from, wasRejected.at), edgeKey(from(d.from), self), 'delegations');
      }
      const scope = resolveScope(d.scope, [...path, 'scope'], ctx.tools);
      if ('reason' in scope) return rejectProblem(ctx.b, at, scope, edgeKey(from(d.from), self));
      emit({ fromId: ctx.identityOf.get(d.from) ?? d.from, toId: self, scope: scope.ids, ...times(d) }, at, path);
    });
    agent.core.subAgents.forEach((raw, i) => {
      const path = [...agent.path, 'subAgents', i];
      const at = whereOf(agent, path);
      const parsed = SubAgent.safeParse(raw);
      if (!parsed.success) return rejectProblem(ctx.b, at, problemOf(parsed.error, path), edgeKey(self, subAgentIdOf((raw as { id?: unknown } | null)?.id, ctx)));
      const s = parsed.data;
      const target = ctx.identityOf.get(s.id);
      if (!target) {
        const wasRejected = ctx.rejected.get(s.id);
        // A sub-agent that is gone from the registry is gone: only a rejected one's edge is kept.
        if (!wasRejected) return ctx.b.reject(at, formatPath([...path, 'id']), `names agent '${s.id}', which is not in this registry`);
        return ctx.b.reject(at, formatPath([...path, 'id']), rejectedAgent(s.id, wasRejected.at), edgeKey(self, ctx.identityIdOf(s.id)), 'delegations');
      }
      const scope = resolveScope(s.scope, [...path, 'scope'], ctx.tools);
      if ('reason' in scope) return rejectProblem(ctx.b, at, scope, edgeKey(self, target));
      emit({ fromId: self, toId: target, scope: scope.ids, ...times(s) }, at, path);
    });
  }
}

/** The delegator a `from` names: an agent of the registry (loaded or rejected), else an identity id as written. */
export function fromIdOf(from: string, ctx: Pick<DelegationContext, 'identityOf' | 'identityIdOf' | 'rejected'>): string {
  return ctx.identityOf.get(from) ?? (ctx.rejected.has(from) ? ctx.identityIdOf(from) : from);
}

/** The identity a sub-agent entry names, when it is an agent of the registry (loaded or rejected). */
export function subAgentIdOf(id: unknown, ctx: Pick<DelegationContext, 'identityOf' | 'identityIdOf' | 'rejected'>): string | undefined {
  if (typeof id !== 'string' || !id.trim()) return undefined;
  const name = id.trim();
  return ctx.identityOf.get(name) ?? (ctx.rejected.has(name) ? ctx.identityIdOf(name) : undefined);
}

const edgeKey = (fromId: string | undefined, toId: string | undefined) => (fromId && toId && fromId !== toId ? { fromId, toId } : undefined);

/** Scope entries that name a registry tool become its entitlement id; others pass as entitlement ids. */
function resolveScope(entries: string[], path: DocPath, tools: ToolCatalog): { ids: string[] } | Problem {
  if (entries.includes('*')) {
    return entries.every((e) => e === '*') ? { ids: ['*'] } : { field: formatPath(path), reason: '"*" must be the only scope entry' };
  }
  const ids: string[] = [];
  for (const entry of entries) {
    const tool = tools.resolve(entry);
    if (tool && 'ambiguous' in tool) {
      return { field: formatPath(path), reason: `tool '${entry}' exists on several systems (${tool.ambiguous.join(', ')}); write the entitlement id` };
    }
    const id = tool ? tool.id : entry;
    if (!ids.includes(id)) ids.push(id);
  }
  return { ids };
}

const whereOf = (agent: AgentEntry, path: DocPath): Where => ({ file: agent.doc.file, line: agent.doc.lineOf(path) });
const rejectedAgent = (id: string, at: Where) => `names agent '${id}', which was rejected (${at.file}:${at.line})`;
const times = (d: Delegation | SubAgent) => ({ grantedAt: d.grantedAt, expiresAt: d.expiresAt, purpose: d.purpose });

function rejectProblem(b: BundleBuilder, at: Where, problem: Problem, key?: { fromId: string; toId: string }): void {
  b.reject(at, problem.field, problem.reason, key, key ? 'delegations' : undefined);
}
