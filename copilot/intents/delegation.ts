import { citeAccessPath } from '../answer';
import { delegationChain, peerBaseline } from '../tools/catalog';
import type { ChainNode, PeerBaseline } from '../tools/shapes';
import { citeEntry, day, label, listOf, plural, resolveSlot, use, type Draft, type Turn } from './turn';

const scopeWords = (scope: string[]) => (scope.includes('*') ? 'everything it holds (*)' : scope.join(', '));

export async function delegationAnswer(turn: Turn): Promise<Draft> {
  const who = resolveSlot(turn, turn.routed.slots.subject, ['identity'], 'agent');
  if (!who.ok) return who.draft;
  const e = who.entry;
  turn.memory.identityId = e.id;
  const chain = await use<ChainNode[]>(turn, delegationChain, { identityId: e.id });
  const head = chain[0];
  if (!head) return { intent: 'delegation', text: `${label(e)} is no longer in the graph.`, citations: [], followUps: [] };
  turn.ledger.add(citeEntry(e));
  const ins = head.delegationsIn.filter((d) => d.from);
  const lines = ins.map((d) => `${d.from!.displayName} (${d.from!.id}, ${d.from!.kind.toLowerCase()}) delegated ${scopeWords(d.scope)} on ${day(d.grantedAt)}${d.expiresAt ? `, until ${day(d.expiresAt)}` : ', with no expiry'}`);
  const up = chain.map((n) => `${n.displayName} (${n.id})`).reverse().join(' → ');
  const top = chain[chain.length - 1];
  const delegated = head.effectiveAccess.edges.map((x) => x.node).filter((g) => g.viaDelegation);
  const out = head.delegationsOut.filter((d) => d.to).map((d) => `${d.to!.displayName} (${d.to!.id})`);
  const owner = head.owner ? ` Owner: ${head.owner.displayName} (${head.owner.id}${head.owner.status === 'TERMINATED' ? ', terminated' : ''}).` : head.kind !== 'HUMAN' ? ' It has no owner.' : '';
  if (!ins.length) {
    return {
      intent: 'delegation',
      text: `Nobody delegates to ${head.displayName} (${head.id}); everything it holds comes through its own accounts (${plural(head.effectiveAccess.totalCount, 'entitlement')}).${owner}${out.length ? ` It delegates onward to: ${out.join(', ')}.` : ''}`,
      citations: [citeEntry(e), ...(head.owner ? [{ kind: 'IDENTITY' as const, id: head.owner.id, label: head.owner.displayName, identityId: null, entitlementId: null, ruleId: null }] : [])],
      followUps: [`What can ${head.id} access?`],
    };
  }
  return {
    intent: 'delegation',
    text: `${head.displayName} (${head.id}) acts on delegated authority:\n${listOf(lines)}\nChain of authority: ${up}${top.kind === 'HUMAN' ? '' : ' (no human at the top within 6 steps)'}.${owner}\nThrough delegation it holds ${plural(delegated.length, 'entitlement')}${delegated.length ? `:\n${listOf(delegated.map((g) => `${g.entitlement.name} (${g.entitlement.id})${g.entitlement.privileged ? ', privileged' : ''}`), 10)}` : '.'}${out.length ? `\nIt delegates onward to: ${out.join(', ')}.` : ''}`,
    citations: [citeEntry(e), ...chain.slice(1).map((n) => ({ kind: 'IDENTITY' as const, id: n.id, label: n.displayName, identityId: null, entitlementId: null, ruleId: null })), ...ins.map((d) => ({ kind: 'IDENTITY' as const, id: d.from!.id, label: d.from!.displayName, identityId: null, entitlementId: null, ruleId: null })), ...delegated.map((g) => citeAccessPath(head.id, g.entitlement.id, `${head.displayName} → ${g.entitlement.name}`))],
    followUps: [`What if we revoke the delegation from ${ins[0].from!.id} to ${head.id}?`, `Who are ${head.id}'s peers?`],
  };
}

export async function peersAnswer(turn: Turn): Promise<Draft> {
  const who = resolveSlot(turn, turn.routed.slots.subject, ['identity'], 'identity');
  if (!who.ok) return who.draft;
  const e = who.entry;
  turn.memory.identityId = e.id;
  const b = await use<PeerBaseline>(turn, peerBaseline, { identityId: e.id });
  turn.ledger.add(citeEntry(e));
  const outliers = b.entitlements.filter((x) => x.outlier && x.entitlement);
  const missing = b.entitlements.filter((x) => x.commonButMissing && x.entitlement);
  const pct = (c: number) => `${Math.round(c * 100)}%`;
  const peers = b.group.peers.map((p) => `${p.displayName} (${p.id})`);
  const parts = [
    `${e.name} (${e.id}) is compared with ${plural(b.group.peerCount, 'peer')}: ${b.group.description}${b.group.sufficient ? '' : ' (too few peers for a firm baseline)'}.`,
    peers.length ? `Peers include ${peers.join(', ')}.` : '',
    outliers.length
      ? `Unusual — held by few peers:\n${listOf(outliers.map((x) => `${x.entitlement!.name} (${x.entitlementId}): ${pct(x.coverage)} of peers, last used ${day(x.lastUsedAt)}`), 10)}`
      : 'Nothing it holds is unusual for its peers.',
    missing.length ? `Common among peers but missing:\n${listOf(missing.map((x) => `${x.entitlement!.name} (${x.entitlementId}): ${pct(x.coverage)} of peers`), 6)}` : '',
  ];
  return {
    intent: 'peers',
    text: parts.filter(Boolean).join('\n'),
    citations: [citeEntry(e), ...b.group.peers.map((p) => ({ kind: 'IDENTITY' as const, id: p.id, label: p.displayName, identityId: null, entitlementId: null, ruleId: null })), ...outliers.map((x) => citeAccessPath(e.id, x.entitlementId, `${e.name} → ${x.entitlement!.name}`)), ...missing.map((x) => ({ kind: 'ENTITLEMENT' as const, id: x.entitlementId, label: x.entitlement!.name, identityId: null, entitlementId: null, ruleId: null }))],
    followUps: outliers.slice(0, 2).map((x) => `Why does ${e.id} have ${x.entitlementId}?`).concat([`What can ${e.id} access?`]),
  };
}
