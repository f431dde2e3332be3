import { citeAccessPath } from '../answer';
import { effectiveAccess, explainAccess, identityProfile, whoHas } from '../tools/catalog';
import type { DirectoryEntry } from '../directory/directory';
import type { Connection, EntitlementRef, Explanation, Grant, Holder, Path, Profile } from '../tools/shapes';
import { rank, resolve } from '../directory/resolve';
import { citeEntry, day, label, listOf, plural, resolveSlot, use, type Draft, type Slot, type Turn } from './turn';

/** A path in words: "Ana's account ana@okta → member of App: SAP → grants SAP posting". */
export function pathWords(path: Path): string {
  return path.hops.map((h, i) => (i === 0 ? h.name : `${h.edge === 'DELEGATES_TO' ? 'delegated by/to' : h.edge === 'MEMBER_OF' ? 'member of' : h.edge === 'GRANTS' ? 'grants' : h.edge === 'OWNS' ? 'owns' : '→'} ${h.name}`)).join(' → ');
}

/** "approve payments in SAP": the entitlement's words, and the system that narrows them, when the tail names one. */
function withinSystem(turn: Turn, phrase: string | undefined): Slot | null {
  const m = phrase ? /^(?<what>.+?) (?:in|on|from) (?<where>.+)$/i.exec(phrase) : null;
  if (!m?.groups) return null;
  const sys = resolve(turn.dir, m.groups.where, ['system']);
  if (sys.status !== 'found') return null;
  const within = rank(turn.dir, m.groups.what, ['entitlement']).filter((c) => c.entry.systemId === sys.entry.id);
  const best = within[0];
  if (!best || best.score < 0.75 || (within[1] && within[1].score >= best.score - 0.02)) return null;
  return { ok: true, entry: best.entry };
}

/** The middle of a path (accounts, groups, delegators): how the holder comes to hold it. */
function viaWords(path: Path | undefined): string {
  const middle = path?.hops.slice(1, -1) ?? [];
  return middle.length ? middle.map((h) => h.name).join(' → ') : 'a direct grant';
}

export async function whoHasAnswer(turn: Turn): Promise<Draft> {
  const slot = withinSystem(turn, turn.routed.slots.target) ?? resolveSlot(turn, turn.routed.slots.target, ['entitlement', 'system', 'group'], 'entitlement');
  if (!slot.ok) return slot.draft;
  const e = slot.entry;
  if (e.kind !== 'entitlement') {
    const offered = turn.dir.entries.filter((x) => x.kind === 'entitlement' && x.systemId === (e.kind === 'system' ? e.id : e.systemId)).slice(0, 5);
    turn.ledger.add(citeEntry(e), ...offered.map(citeEntry));
    return {
      intent: 'who_has',
      text: `${label(e)} is a ${e.kind}, not an entitlement; whohas answers "who has" per entitlement. ${offered.length ? `Entitlements on ${e.systemId ?? e.id} include:\n${listOf(offered.map(label))}` : ''}`.trim(),
      citations: [citeEntry(e), ...offered.map(citeEntry)],
      followUps: offered.slice(0, 3).map((o) => `Who has ${o.name}?`),
    };
  }
  turn.memory.entitlementId = e.id;
  const d = await use<{ entitlement: EntitlementRef; whoHas: Connection<Holder> } | null>(turn, whoHas, { entitlementId: e.id, first: 25 });
  if (!d) return { intent: 'who_has', text: `${label(e)} is no longer in the graph.`, citations: [], followUps: [] };
  const holders = d.whoHas.edges.map((x) => x.node);
  const total = d.whoHas.totalCount;
  if (!total) return { intent: 'who_has', text: `Nobody holds ${label(e)} today.`, citations: [citeEntry(e)], followUps: [`What if we add someone to a group that grants ${e.name}?`] };
  const lines = holders.map((h) => `${h.identity.displayName} (${h.identity.id}${h.identity.department ? `, ${h.identity.department}` : ''})${h.viaDelegation ? ' — through a delegation' : ''}, via ${viaWords(h.paths[0])}`);
  const delegated = holders.filter((h) => h.viaDelegation).length;
  return {
    intent: 'who_has',
    text: `${plural(total, 'identity', 'identities')} hold ${d.entitlement.name} (${e.id}${d.entitlement.privileged ? ', privileged' : ''})${total > holders.length ? `; the first ${holders.length}` : ''}:\n${listOf(lines, 10)}${delegated ? `\n${delegated} of these hold it only through a delegation.` : ''}`,
    citations: [citeEntry(e), ...holders.map((h) => citeAccessPath(h.identity.id, e.id, `${h.identity.displayName} → ${d.entitlement.name}`))],
    followUps: holders.slice(0, 2).map((h) => `Why does ${h.identity.id} have ${e.id}?`),
  };
}

/**
 * "Why does Valentina Kowalski have approve_payment?" when three people share the name but one holds
 * it: the other half of the question settles which one is meant. Null when it does not settle it.
 */
async function settledByHolding(turn: Turn, phrase: string | undefined, kind: 'identity' | 'entitlement', other: DirectoryEntry): Promise<DirectoryEntry | null> {
  if (!phrase) return null;
  const r = resolve(turn.dir, phrase, [kind]);
  if (r.status !== 'ambiguous') return null;
  const holding: DirectoryEntry[] = [];
  for (const c of r.candidates.slice(0, 6)) {
    const ids = kind === 'identity' ? { identityId: c.entry.id, entitlementId: other.id } : { identityId: other.id, entitlementId: c.entry.id };
    const x = await explainAccess.run(turn.ctx, ids);
    if ((x.data as Explanation).granted) holding.push(c.entry);
  }
  return holding.length === 1 ? holding[0] : null;
}

export async function explainAnswer(turn: Turn): Promise<Draft> {
  const { subject, target } = turn.routed.slots;
  let who = resolveSlot(turn, subject, ['identity', 'account'], 'identity');
  let what = resolveSlot(turn, target, ['entitlement'], 'entitlement');
  let settled = '';
  if (!who.ok && what.ok) {
    const one = await settledByHolding(turn, subject, 'identity', what.entry);
    if (one) [who, settled] = [{ ok: true, entry: one }, ` (Several identities are called "${subject}"; ${one.id} is the only one who holds it.)`];
  } else if (who.ok && !what.ok && who.entry.kind === 'identity') {
    const one = await settledByHolding(turn, target, 'entitlement', who.entry);
    if (one) [what, settled] = [{ ok: true, entry: one }, ` (Several entitlements are called "${target}"; ${one.id} is the only one held.)`];
  }
  if (!who.ok) return who.draft;
  if (!what.ok) return what.draft;
  const identity = who.entry.kind === 'account' ? turn.dir.get('identity', who.entry.identityId ?? '') ?? who.entry : who.entry;
  const e = what.entry;
  turn.memory.identityId = identity.id;
  turn.memory.entitlementId = e.id;
  const x = await use<Explanation>(turn, explainAccess, { identityId: identity.id, entitlementId: e.id });
  turn.ledger.add(citeEntry(identity), citeEntry(e));
  const paths = x.paths.map((p) => `${pathWords(p)}${p.expiresAt ? ` (until ${day(p.expiresAt)})` : ''}`);
  const peers = x.peers ? ` Among ${plural(x.peers.peerCount, 'peer')}, ${x.peers.peersHolding} hold it (${Math.round(x.peers.coverage * 100)}%)${x.peers.outlier ? ', so it is unusual for this identity' : ''}.` : '';
  if (x.granted) {
    return {
      intent: 'explain',
      // The listed paths are the explanation; explainAccess's summary would say them again in prose.
      text: `Yes. ${identity.name} (${identity.id}) holds ${e.name} (${e.id}) through ${plural(x.paths.length, 'path')}${settled}:\n${listOf(paths, 5)}${peers ? `\n${peers.trim()}` : ''}`,
      citations: [citeAccessPath(identity.id, e.id, `${identity.name} → ${e.name}`), citeEntry(identity), citeEntry(e)],
      followUps: [`What if we revoke ${e.id} from ${identity.id}?`, `Who are ${identity.id}'s peers?`, `Who has ${e.id}?`],
    };
  }
  const near = x.nearMisses.map((m) => `${pathWords(m.path)} — blocked: ${m.blockers.map((b) => `${b.kind.toLowerCase().replace(/_/g, ' ')}${b.expiredAt ? ` since ${day(b.expiredAt)}` : ''} at ${m.path.hops[b.hopIndex]?.name ?? 'a hop'}`).join('; ')}`);
  return {
    intent: 'explain',
    text: `No. ${identity.name} (${identity.id}) does not hold ${e.name} (${e.id}).${near.length ? ` Paths that would give it are blocked:\n${listOf(near, 5)}` : ' No path in the graph leads there.'}\n${x.summary}`,
    citations: [citeEntry(identity), citeEntry(e)],
    followUps: [`What can ${identity.id} access?`, `Who has ${e.id}?`],
  };
}

export async function accessOfAnswer(turn: Turn): Promise<Draft> {
  const who = resolveSlot(turn, turn.routed.slots.subject, ['identity', 'account'], 'identity');
  if (!who.ok) return who.draft;
  const identity = who.entry.kind === 'account' ? turn.dir.get('identity', who.entry.identityId ?? '') ?? who.entry : who.entry;
  turn.memory.identityId = identity.id;
  let system: ReturnType<typeof turn.dir.get> | undefined;
  if (turn.routed.slots.system) {
    const s = resolveSlot(turn, turn.routed.slots.system, ['system'], 'system');
    if (!s.ok) return s.draft;
    system = s.entry;
  }
  const d = await use<{ displayName: string; effectiveAccess: Connection<Grant> } | null>(turn, effectiveAccess, { identityId: identity.id, first: 500 });
  if (!d) return { intent: 'access_of', text: `${label(identity)} is no longer in the graph.`, citations: [], followUps: [] };
  turn.ledger.add(citeEntry(identity));
  const grants = d.effectiveAccess.edges.map((x) => x.node).filter((g) => !system || g.entitlement.system?.id === system.id);
  if (system) turn.ledger.add(citeEntry(system));
  const where = system ? ` on ${system.name}` : '';
  if (!grants.length) return { intent: 'access_of', text: `${identity.name} (${identity.id}) holds no entitlements${where}.`, citations: [citeEntry(identity)], followUps: [`Who is ${identity.id}?`] };
  const bySystem = new Map<string, Grant[]>();
  for (const g of grants) {
    const k = g.entitlement.system?.name ?? 'unknown system';
    bySystem.set(k, [...(bySystem.get(k) ?? []), g]);
  }
  const sections = [...bySystem.entries()].map(([sys, gs]) => `${sys}:\n${listOf(gs.map((g) => `${g.entitlement.name} (${g.entitlement.id})${g.entitlement.privileged ? ', privileged' : ''}${g.viaDelegation ? ', by delegation' : ''}, last used ${day(g.lastUsedAt)}`), 12)}`);
  const unused = grants.filter((g) => !g.lastUsedAt).length;
  const truncated = d.effectiveAccess.totalCount > d.effectiveAccess.edges.length ? ` (the first ${d.effectiveAccess.edges.length} of ${d.effectiveAccess.totalCount} are read)` : '';
  return {
    intent: 'access_of',
    text: `${identity.name} (${identity.id}) holds ${plural(grants.length, 'entitlement')}${where}${truncated}, ${grants.filter((g) => g.entitlement.privileged).length} privileged and ${unused} never used:\n${sections.join('\n')}`,
    citations: [citeEntry(identity), ...(system ? [citeEntry(system)] : []), ...grants.map((g) => citeAccessPath(identity.id, g.entitlement.id, `${identity.name} → ${g.entitlement.name}`))],
    followUps: [`Who are ${identity.id}'s peers and what is unusual?`, `Does ${identity.id} have any SoD violations?`, ...(grants[0] ? [`Why does ${identity.id} have ${grants[0].entitlement.id}?`] : [])],
  };
}

export async function profileAnswer(turn: Turn): Promise<Draft> {
  const who = resolveSlot(turn, turn.routed.slots.subject, ['identity', 'account', 'group', 'entitlement', 'system'], 'subject');
  if (!who.ok) return who.draft;
  const e = who.entry;
  if (e.kind !== 'identity') {
    turn.ledger.add(citeEntry(e));
    return { intent: 'profile', text: `${label(e)}.`, citations: [citeEntry(e)], followUps: e.kind === 'entitlement' ? [`Who has ${e.id}?`] : [] };
  }
  turn.memory.identityId = e.id;
  const p = await use<Profile | null>(turn, identityProfile, { identityId: e.id });
  if (!p) return { intent: 'profile', text: `${label(e)} is no longer in the graph.`, citations: [], followUps: [] };
  const role = [p.title, p.department].filter(Boolean).join(', ');
  const boss = p.manager ? ` Manager: ${p.manager.displayName} (${p.manager.id}).` : p.owner ? ` Owner: ${p.owner.displayName} (${p.owner.id}${p.owner.status === 'TERMINATED' ? ', terminated' : ''}).` : p.kind !== 'HUMAN' ? ' It has no owner.' : '';
  const accounts = p.accounts.map((a) => `${a.username ?? a.id} on ${a.system?.name ?? 'unknown system'} (${a.status.toLowerCase()}, last login ${day(a.lastLoginAt)})`);
  const risks = p.risk.factors.map((f) => `${f.code} ×${f.count}: ${f.weight.toFixed(1)} points`);
  return {
    intent: 'profile',
    text: `${p.displayName} (${p.id}) is a${p.kind === 'AGENT' ? 'n agent' : p.kind === 'SERVICE' ? ' service' : ' person'}${role ? `, ${role}` : ''}, ${(p.status ?? '').toLowerCase()}.${p.purpose ? ` Purpose: ${p.purpose}.` : ''}${boss}\n${plural(p.accounts.length, 'account')}:\n${listOf(accounts, 8)}\nRisk score ${p.risk.score.toFixed(0)} (${p.risk.band.toLowerCase()})${risks.length ? `:\n${listOf(risks, 6)}` : '.'}`,
    citations: [citeEntry(e), ...[p.manager, p.owner].flatMap((x) => (x ? [{ kind: 'IDENTITY' as const, id: x.id, label: x.displayName, identityId: null, entitlementId: null, ruleId: null }] : [])), ...p.accounts.map((a) => ({ kind: 'ACCOUNT' as const, id: a.id, label: a.username ?? a.id, identityId: null, entitlementId: null, ruleId: null })), ...p.risk.findings.slice(0, 10).map((f) => ({ kind: 'FINDING' as const, id: f.id, label: f.reason, identityId: null, entitlementId: null, ruleId: null }))],
    followUps: [`What can ${p.id} access?`, `Who are ${p.id}'s peers?`, ...(p.kind !== 'HUMAN' ? [`What did ${p.id} get and from whom?`] : [])],
  };
}
