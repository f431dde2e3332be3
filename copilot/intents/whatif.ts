import { cite } from '../answer';
import type { DirectoryEntry } from '../directory/directory';
import { explainAccess, simulate } from '../tools/catalog';
import type { Explanation, SimulationOut } from '../tools/shapes';
import { citeEntry, label, listOf, plural, resolveSlot, use, type Draft, type Turn } from './turn';

type Change = Record<string, unknown>;

async function run(turn: Turn, changes: Change[], what: string, subjects: DirectoryEntry[]): Promise<Draft> {
  const s = await use<SimulationOut>(turn, simulate, { changes });
  turn.ledger.add(...subjects.map(citeEntry));
  const outcomes = s.changes.filter((c) => c.status !== 'APPLIED').map((c) => `${c.op} ${c.status.toLowerCase().replace('_', ' ')}: ${c.message}`);
  const losers = s.deltas.edges.map((x) => x.node).filter((n) => n.lost.length);
  const lossLines = losers.map((n) => `${n.identity?.displayName ?? n.identityId} (${n.identityId}) loses ${n.lost.map((g) => g.entitlement?.name ?? '?').join(', ')}`);
  const gains = s.deltas.edges.map((x) => x.node).filter((n) => n.gained.length);
  const sod = [
    ...s.sodIntroduced.map((v) => `new violation of "${v.rule.name}" by ${v.identityId}`),
    ...s.sodResolved.map((v) => `resolves "${v.rule.name}" for ${v.identityId}`),
  ];
  const body = [
    `If ${what}: ${s.summary}`,
    outcomes.length ? `Not applied as asked:\n${listOf(outcomes)}` : '',
    losers.length ? `Who loses what${s.deltas.totalCount > losers.length ? ` (first ${losers.length} of ${s.deltas.totalCount} affected)` : ''}:\n${listOf(lossLines, 12)}` : '',
    gains.length ? `${plural(gains.length, 'identity', 'identities')} would gain access.` : '',
    sod.length ? `Separation of duties:\n${listOf(sod, 8)}` : '',
    `Nothing was changed; this simulation (${s.id}) is recorded in the decision log.`,
  ];
  return {
    intent: turn.routed.intent,
    text: body.filter(Boolean).join('\n'),
    citations: [cite('SIMULATION', s.id, s.summary.slice(0, 200)), ...subjects.map(citeEntry), ...losers.slice(0, 12).map((n) => cite('IDENTITY', n.identityId, n.identity?.displayName ?? n.identityId))],
    followUps: losers.slice(0, 1).map((n) => `What can ${n.identityId} access?`),
  };
}

/** "Remove A from G": A is a person (their accounts that are members), an account, or a group nested in G. */
export async function removeAnswer(turn: Turn): Promise<Draft> {
  const group = resolveSlot(turn, turn.routed.slots.group, ['group', 'identity', 'entitlement'], 'group');
  if (!group.ok) return group.draft;
  if (group.entry.kind !== 'group') {
    // "remove SAP posting from Ana": the second name is a holder, so it is a revocation.
    return revokeAnswer({ ...turn, routed: { ...turn.routed, intent: 'what_if_revoke', slots: { subject: turn.routed.slots.group, target: turn.routed.slots.subject } } });
  }
  const g = group.entry;
  const member = resolveSlot(turn, turn.routed.slots.subject, ['identity', 'account', 'group'], 'member');
  if (!member.ok) return member.draft;
  const m = member.entry;
  turn.memory.groupId = g.id;
  if (m.kind === 'identity') {
    turn.memory.identityId = m.id;
    const accounts = turn.dir.accountsOf(m.id).filter((a) => a.systemId === g.systemId);
    if (!accounts.length) return { intent: 'what_if_remove', text: `${label(m)} has no account on ${g.systemId}, where ${g.name} lives, so removing them from it changes nothing.`, citations: [citeEntry(m), citeEntry(g)], followUps: [`Why does ${m.id} have access through ${g.name}?`] };
    return run(turn, accounts.map((a) => ({ op: 'REMOVE_MEMBERSHIP', memberId: a.id, groupId: g.id, memberType: 'ACCOUNT' })), `${m.name} (${m.id}) is removed from ${g.name} (${g.id})`, [m, g, ...accounts]);
  }
  return run(turn, [{ op: 'REMOVE_MEMBERSHIP', memberId: m.id, groupId: g.id, memberType: m.kind === 'group' ? 'GROUP' : 'ACCOUNT' }], `${m.name} (${m.id}) is removed from ${g.name} (${g.id})`, [m, g]);
}

/**
 * "Revoke X from A": cut each path that gives A the entitlement at A's own end (the direct grant to
 * A's account, or A's account's membership in the first group), so nobody else's access moves.
 */
export async function revokeAnswer(turn: Turn): Promise<Draft> {
  const who = resolveSlot(turn, turn.routed.slots.subject, ['identity', 'account', 'group'], 'holder');
  if (!who.ok) return who.draft;
  const what = resolveSlot(turn, turn.routed.slots.target, ['entitlement'], 'entitlement');
  if (!what.ok) return what.draft;
  const h = who.entry;
  const e = what.entry;
  turn.memory.entitlementId = e.id;
  if (h.kind === 'group') return run(turn, [{ op: 'REMOVE_GRANT', holderId: h.id, entitlementId: e.id, holderType: 'GROUP' }], `${e.name} (${e.id}) is no longer granted to ${h.name} (${h.id})`, [h, e]);
  const identityId = h.kind === 'identity' ? h.id : (h.identityId ?? h.id);
  turn.memory.identityId = identityId;
  const x = await use<Explanation>(turn, explainAccess, { identityId, entitlementId: e.id });
  if (!x.granted) return { intent: 'what_if_revoke', text: `${label(h)} does not hold ${e.name} (${e.id}), so there is nothing to revoke.`, citations: [citeEntry(h), citeEntry(e)], followUps: [`Why does ${identityId} have ${e.id}?`] };
  const cuts = new Map<string, Record<string, unknown>>();
  let delegated = 0;
  for (const path of x.paths) {
    const at = path.hops.findIndex((hop) => hop.kind === 'ACCOUNT');
    const account = path.hops[at];
    const next = path.hops[at + 1];
    if (path.viaDelegation || !account || !next) {
      delegated += 1;
      continue;
    }
    const change = next.kind === 'ENTITLEMENT'
      ? { op: 'REMOVE_GRANT', holderId: account.id, entitlementId: e.id, holderType: 'ACCOUNT' }
      : { op: 'REMOVE_MEMBERSHIP', memberId: account.id, groupId: next.id, memberType: 'ACCOUNT' };
    cuts.set(JSON.stringify(change), change);
  }
  if (!cuts.size) return { intent: 'what_if_revoke', text: `${label(h)} holds ${e.name} (${e.id}) only through delegations; revoke the delegation instead (ask "what did ${identityId} get and from whom?").`, citations: [citeEntry(h), citeEntry(e)], followUps: [`What did ${identityId} get and from whom?`] };
  const how = `${e.name} (${e.id}) is revoked from ${h.name} (${h.id}) by cutting ${plural(cuts.size, 'edge')} at their end${delegated ? ` (${delegated} delegated path(s) left alone)` : ''}`;
  return run(turn, [...cuts.values()], how, [h, e]);
}

export async function disableAnswer(turn: Turn): Promise<Draft> {
  const acct = resolveSlot(turn, turn.routed.slots.account, ['account', 'identity'], 'account');
  if (!acct.ok) return acct.draft;
  const a = acct.entry;
  const accounts = a.kind === 'account' ? [a] : turn.dir.accountsOf(a.id).filter((x) => x.status !== 'disabled');
  if (!accounts.length) return { intent: 'what_if_disable', text: `${label(a)} has no enabled accounts to disable.`, citations: [citeEntry(a)], followUps: [] };
  const what = a.kind === 'account' ? `account ${a.name} (${a.id}) is disabled` : `all ${plural(accounts.length, 'account')} of ${a.name} (${a.id}) are disabled`;
  return run(turn, accounts.map((x) => ({ op: 'DISABLE_ACCOUNT', accountId: x.id })), what, [a, ...(a.kind === 'account' ? [] : accounts)]);
}

export async function terminateAnswer(turn: Turn): Promise<Draft> {
  const who = resolveSlot(turn, turn.routed.slots.subject, ['identity'], 'identity');
  if (!who.ok) return who.draft;
  turn.memory.identityId = who.entry.id;
  return run(turn, [{ op: 'TERMINATE_IDENTITY', identityId: who.entry.id }], `${who.entry.name} (${who.entry.id}) is terminated (accounts disabled, delegations to and from them ended)`, [who.entry]);
}

export async function revokeDelegationAnswer(turn: Turn): Promise<Draft> {
  const from = resolveSlot(turn, turn.routed.slots.from, ['identity'], 'delegator');
  if (!from.ok) return from.draft;
  const to = resolveSlot(turn, turn.routed.slots.to, ['identity'], 'delegate');
  if (!to.ok) return to.draft;
  return run(turn, [{ op: 'REVOKE_DELEGATION', fromId: from.entry.id, toId: to.entry.id }], `the delegation from ${from.entry.name} (${from.entry.id}) to ${to.entry.name} (${to.entry.id}) is revoked`, [from.entry, to.entry]);
}
