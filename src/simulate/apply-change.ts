import type { DelegationEdge, TimedEdge } from '../access/topology';
import type { GraphFacts } from './access-model';
import type { Change, ChangeOutcome, ChangeStatus } from './changes';
import type { WhatIfGraph } from './what-if';

/** Where a change enters the graph: everything below these (members, owners, delegates) may move. */
export interface Seeds {
  groups: Set<string>;
  accounts: Set<string>;
  identities: Set<string>;
  /** Delegations (from and to joined by a NUL) whose existence or scope changed: control, for separation of duties, moves with them. */
  delegations: Set<string>;
  /**
   * Which entitlements the changes can move (so the rest need not be recomputed): those named, those
   * conferred by these groups (through their own nesting) or accounts, or everything.
   */
  moves: { entitlements: Set<string>; viaGroups: Set<string>; viaAccounts: Set<string>; everything: boolean };
}

export const emptySeeds = (): Seeds => ({
  groups: new Set(),
  accounts: new Set(),
  identities: new Set(),
  delegations: new Set(),
  moves: { entitlements: new Set(), viaGroups: new Set(), viaAccounts: new Set(), everything: false },
});

type Holder = { kind: 'account' | 'group'; id: string };
type Resolved = Holder | { error: ChangeStatus; message: string };

const isActive = (e: TimedEdge, now: string) => e.expiresAt === null || e.expiresAt > now;

/**
 * Applies one change to the what-if graph, as the same edit to the source data and a re-ingest would:
 * an added edge replaces an existing one between the same two nodes, a removed one disappears.
 * Returns what happened in words; ids that do not exist and changes that change nothing are
 * reported, never silently ignored.
 */
export function applyChange(g: WhatIfGraph, facts: GraphFacts, change: Change, index: number, now: string, seeds: Seeds): ChangeOutcome {
  const out = (status: ChangeStatus, message: string): ChangeOutcome => ({ index, op: change.op, status, message });
  const name = (kind: 'identity' | 'account' | 'group' | 'entitlement', id: string) => describe(facts, kind, id);
  switch (change.op) {
    case 'ADD_MEMBERSHIP':
    case 'REMOVE_MEMBERSHIP': {
      const member = resolveHolder(facts, change.memberId, change.memberType, 'member');
      if ('error' in member) return out(member.error, member.message);
      if (!facts.groups.has(change.groupId)) return out('UNKNOWN_ID', `No group '${change.groupId}'`);
      if (member.kind === 'group' && member.id === change.groupId) return out('INVALID', 'A group cannot be a member of itself');
      const [forward, backward] = member.kind === 'account' ? (['ag', 'ca'] as const) : (['gp', 'cg'] as const);
      const existing = g.find(`${forward}|${member.id}`, change.groupId);
      const [who, group] = [name(member.kind, member.id), name('group', change.groupId)];
      seeds[member.kind === 'account' ? 'accounts' : 'groups'].add(member.id);
      seeds.moves.viaGroups.add(change.groupId);
      if (change.op === 'REMOVE_MEMBERSHIP') {
        if (!existing) return out('NO_OP', `${who} is not a member of ${group}, nothing to remove`);
        g.remove(`${forward}|${member.id}`, `${backward}|${change.groupId}`, member.id, change.groupId);
        return out('APPLIED', `Removes ${who} from ${group}${isActive(existing, now) ? '' : ` (the membership had expired on ${existing.expiresAt}, so no access moves)`}`);
      }
      const expiresAt = change.expiresAt ?? null;
      if (existing && isActive(existing, now) && existing.expiresAt === expiresAt) return out('NO_OP', `${who} is already a member of ${group}`);
      g.put(`${forward}|${member.id}`, `${backward}|${change.groupId}`, { from: member.id, to: change.groupId, expiresAt });
      return out('APPLIED', `Adds ${who} to ${group}${expiresAt ? ` until ${expiresAt}` : ''}${existing ? ' (replacing the existing membership)' : ''}`);
    }
    case 'ADD_GRANT':
    case 'REMOVE_GRANT': {
      const holder = resolveHolder(facts, change.holderId, change.holderType, 'holder');
      if ('error' in holder) return out(holder.error, holder.message);
      if (!facts.entitlements.has(change.entitlementId)) return out('UNKNOWN_ID', `No entitlement '${change.entitlementId}'`);
      const key = `${holder.kind === 'account' ? 'ga' : 'gg'}|${holder.id}` as const;
      const existing = g.find(key, change.entitlementId);
      const what = `${name('entitlement', change.entitlementId)} on ${name(holder.kind, holder.id)}`;
      seeds[holder.kind === 'account' ? 'accounts' : 'groups'].add(holder.id);
      seeds.moves.entitlements.add(change.entitlementId);
      if (change.op === 'REMOVE_GRANT') {
        if (!existing) return out('NO_OP', `${what} is not granted, nothing to revoke`);
        g.remove(key, null, holder.id, change.entitlementId);
        return out('APPLIED', `Revokes ${what}${isActive(existing, now) ? '' : ` (it had expired on ${existing.expiresAt}, so no access moves)`}`);
      }
      const expiresAt = change.expiresAt ?? null;
      if (existing && isActive(existing, now) && existing.expiresAt === expiresAt) return out('NO_OP', `${what} is already granted`);
      g.put(key, null, { from: holder.id, to: change.entitlementId, expiresAt });
      return out('APPLIED', `Grants ${what}${expiresAt ? ` until ${expiresAt}` : ''}`);
    }
    case 'DISABLE_ACCOUNT':
    case 'ENABLE_ACCOUNT': {
      const account = facts.accounts.get(change.accountId);
      if (!account) return out('UNKNOWN_ID', `No account '${change.accountId}'`);
      const wanted = change.op === 'DISABLE_ACCOUNT' ? 'disabled' : 'enabled';
      if (g.accountStatus(change.accountId) === wanted) return out('NO_OP', `${name('account', change.accountId)} is already ${wanted}`);
      g.setAccountStatus(change.accountId, wanted);
      seeds.accounts.add(change.accountId);
      seeds.moves.viaAccounts.add(change.accountId);
      const owner = account.ownerId ? '' : ' (it has no owner, so no identity gains or loses access)';
      return out('APPLIED', `${wanted === 'disabled' ? 'Disables' : 'Enables'} ${name('account', change.accountId)}${owner}`);
    }
    case 'ADD_DELEGATION':
    case 'REVOKE_DELEGATION':
      return delegationChange(g, facts, change, now, seeds, out);
    case 'TERMINATE_IDENTITY': {
      const id = change.identityId;
      if (!facts.identities.has(id)) return out('UNKNOWN_ID', `No identity '${id}'`);
      const enabled = g.enabledAccountsOf(id);
      const outgoing = g.list(`do|${id}`);
      const incoming = g.list(`di|${id}`);
      if (g.identityStatus(id) === 'terminated' && !enabled.length && !outgoing.length && !incoming.length) {
        return out('NO_OP', `${name('identity', id)} is already terminated, with no enabled account and no delegation`);
      }
      // Off-boarding as whohas models it: the status changes, every account is disabled, and every
      // delegation to or from the person ends (an agent must not keep acting for someone who left).
      g.setIdentityStatus(id, 'terminated');
      for (const a of enabled) g.setAccountStatus(a, 'disabled');
      for (const d of [...outgoing, ...incoming]) {
        g.remove(`do|${d.from}`, `di|${d.to}`, d.from, d.to);
        seeds.delegations.add(`${d.from}\u0000${d.to}`);
        seeds.identities.add(d.to);
      }
      seeds.identities.add(id);
      seeds.moves.everything = true;
      return out(
        'APPLIED',
        `Terminates ${name('identity', id)}: disables ${count(enabled.length, 'account')}, ends ${count(outgoing.length, 'delegation')} from and ${count(incoming.length, 'delegation')} to them`,
      );
    }
  }
}

function delegationChange(
  g: WhatIfGraph,
  facts: GraphFacts,
  change: Extract<Change, { op: 'ADD_DELEGATION' | 'REVOKE_DELEGATION' }>,
  now: string,
  seeds: Seeds,
  out: (status: ChangeStatus, message: string) => ChangeOutcome,
): ChangeOutcome {
  const { fromId, toId } = change;
  for (const id of [fromId, toId]) if (!facts.identities.has(id)) return out('UNKNOWN_ID', `No identity '${id}'`);
  if (fromId === toId) return out('INVALID', 'An identity cannot delegate to itself');
  const unknown = (change.scope ?? []).filter((e) => e !== '*' && !facts.entitlements.has(e));
  if (unknown.length) return out('UNKNOWN_ID', `No entitlement ${unknown.map((e) => `'${e}'`).join(', ')} (in scope)`);
  const what = `the delegation from ${describe(facts, 'identity', fromId)} to ${describe(facts, 'identity', toId)}`;
  const existing = g.find(`do|${fromId}`, toId) as DelegationEdge | undefined;
  const live = existing && isActive(existing, now) ? existing : undefined;
  const set = (edge: DelegationEdge | null) => {
    // What flowed before or flows after: the old scope and the new.
    for (const scope of [existing?.scope ?? [], edge?.scope ?? []]) {
      if (scope.includes('*')) seeds.moves.everything = true;
      else for (const e of scope) seeds.moves.entitlements.add(e);
    }
    if (edge) g.put(`do|${fromId}`, `di|${toId}`, edge);
    else g.remove(`do|${fromId}`, `di|${toId}`, fromId, toId);
    seeds.identities.add(toId);
    seeds.delegations.add(`${fromId}\u0000${toId}`);
  };
  if (change.op === 'ADD_DELEGATION') {
    const requested = change.scope.includes('*') ? ['*'] : change.scope;
    const expiresAt = change.expiresAt ?? null;
    if (!live) {
      set({ from: fromId, to: toId, expiresAt, scope: [...requested].sort() });
      return out('APPLIED', `Adds ${what} for ${scopeText(requested)}${existing ? ' (renewing an expired one)' : ''}`);
    }
    // An existing delegation is widened, keeping its expiry unless a new one is given.
    const scope = live.scope.includes('*') || requested.includes('*') ? ['*'] : [...new Set([...live.scope, ...requested])].sort();
    const until = change.expiresAt ? expiresAt : live.expiresAt;
    if (scope.length === live.scope.length && scope.every((s) => live.scope.includes(s)) && until === live.expiresAt) {
      return out('NO_OP', `${what} already covers ${scopeText(requested)}`);
    }
    set({ from: fromId, to: toId, expiresAt: until, scope });
    return out('APPLIED', `Widens ${what} to ${scopeText(scope)}`);
  }
  if (!existing) return out('NO_OP', `There is no ${what}; nothing to revoke`);
  const whole = !change.scope?.length || change.scope.includes('*');
  if (whole) {
    set(null);
    return out('APPLIED', `Revokes ${what}${live ? '' : ` (it had expired on ${existing.expiresAt}, so no access moves)`}`);
  }
  if (existing.scope.includes('*')) {
    return out('INVALID', `${what} covers everything ('*'); revoke it whole (no scope), or revoke it and add a narrower one`);
  }
  const remaining = existing.scope.filter((e) => !change.scope!.includes(e));
  if (remaining.length === existing.scope.length) return out('NO_OP', `${what} does not cover ${scopeText(change.scope!)}`);
  set(remaining.length ? { ...existing, scope: remaining } : null);
  return out('APPLIED', remaining.length ? `Narrows ${what} to ${scopeText(remaining)}` : `Revokes ${what} (nothing left in its scope)`);
}

function resolveHolder(facts: GraphFacts, id: string, type: 'account' | 'group' | undefined, role: string): Resolved {
  const account = facts.accounts.has(id);
  const group = facts.groups.has(id);
  if (type === 'account') return account ? { kind: 'account', id } : { error: 'UNKNOWN_ID', message: `No account '${id}'` };
  if (type === 'group') return group ? { kind: 'group', id } : { error: 'UNKNOWN_ID', message: `No group '${id}'` };
  if (account && group) return { error: 'INVALID', message: `'${id}' is both an account and a group; give the ${role}Type` };
  if (account) return { kind: 'account', id };
  if (group) return { kind: 'group', id };
  return { error: 'UNKNOWN_ID', message: `No account or group '${id}'` };
}

export function describe(facts: GraphFacts, kind: 'identity' | 'account' | 'group' | 'entitlement', id: string): string {
  if (kind === 'identity') return facts.identities.get(id)?.name ?? id;
  if (kind === 'account') {
    const a = facts.accounts.get(id);
    return a ? `account ${a.name}${a.systemId ? ` on ${facts.systems.get(a.systemId) ?? a.systemId}` : ''}` : id;
  }
  const node = kind === 'group' ? facts.groups.get(id) : facts.entitlements.get(id);
  if (!node) return id;
  return `${kind === 'group' ? 'group ' : ''}'${node.name}' (${facts.systems.get(node.systemId) ?? node.systemId})`;
}

const scopeText = (scope: string[]) => (scope.includes('*') ? 'everything' : scope.join(', '));
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
