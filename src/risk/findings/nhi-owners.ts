import { dayOf, findingId, type Finding } from '../finding';
import type { RiskData } from '../risk-data';
import { nameOf, placed } from './place';

/** Services and agents nobody answers for: no owner, an owner the graph does not know, or a terminated one. */
export function nhiOwnership(data: RiskData): Finding[] {
  const out: Finding[] = [];
  for (const n of data.identities.values()) {
    if (n.kind === 'human' || n.status === 'terminated') continue;
    const owner = n.ownerId ? data.identities.get(n.ownerId) : undefined;
    if (!owner) {
      out.push({
        id: findingId('NHI_WITHOUT_OWNER', n.id),
        code: 'NHI_WITHOUT_OWNER',
        severity: 'high',
        ...placed(data, n.id),
        subjectType: 'identity',
        subjectId: n.id,
        systemIds: [],
        reason: n.ownerId
          ? `The ${n.kind} ${nameOf(data, n.id)} names owner ${n.ownerId}, who is not in the graph: nobody answers for it.`
          : `The ${n.kind} ${nameOf(data, n.id)} has no owner: nobody answers for what it does.`,
        evidence: n.ownerId ? [n.id, n.ownerId] : [n.id],
      });
    } else if (owner.status === 'terminated') {
      out.push({
        id: findingId('NHI_OWNER_TERMINATED', n.id),
        code: 'NHI_OWNER_TERMINATED',
        severity: 'high',
        ...placed(data, n.id),
        subjectType: 'identity',
        subjectId: n.id,
        systemIds: [],
        reason: `The ${n.kind} ${nameOf(data, n.id)} is owned by ${nameOf(data, owner.id)}, who was terminated${owner.terminatedAt ? ` on ${dayOf(owner.terminatedAt)}` : ''}.`,
        evidence: [n.id, owner.id],
      });
    }
  }
  return out;
}
