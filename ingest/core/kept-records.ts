import type { BundleBuilder, Where } from './bundle-builder';
import type { EntityFile } from '../bundle/records';

// Shared by the connectors that emit rejects for whole source objects (agents, SCIM, AWS IAM,
// BloodHound). It belongs beside BundleBuilder in ingest/core; it lives here until it moves there.

type NodeEntity = 'identities' | 'systems' | 'accounts' | 'groups' | 'entitlements' | 'credentials';
type EdgeEntity = 'memberships' | 'grants' | 'delegations' | 'usage';

const ENDS: Record<EdgeEntity, [string, string]> = {
  memberships: ['memberId', 'groupId'],
  grants: ['holderId', 'entitlementId'],
  delegations: ['fromId', 'toId'],
  usage: ['accountId', 'entitlementId'],
};

interface Pending {
  at: Where;
  field: string | null;
  reason: string;
  entity: EntityFile;
  key: Record<string, string>;
}

/**
 * Records a rejected source object would have produced besides the one its reject names (an agent's
 * account and tool grants, a SCIM user's identity, a group's memberships...). Each becomes a reject
 * of its own that names it, so a full run keeps it as loaded before instead of removing it as no
 * longer supplied. Flushed after everything else is emitted: what this run loads anyway, or what
 * another reject already names, gets no reject of its own.
 */
export class KeptRecords {
  private readonly pending: Pending[] = [];

  constructor(private readonly b: BundleBuilder) {}

  node(entity: NodeEntity, id: string, at: Where, field: string | null, cause: string): void {
    this.pending.push({ at, field, entity, key: { id }, reason: `${id} is kept as loaded before: ${cause}` });
  }

  edge(entity: EdgeEntity, from: string, to: string, at: Where, field: string | null, cause: string): void {
    if (!from || !to || (from === to && entity !== 'grants')) return;
    const [a, z] = ENDS[entity];
    const what = { memberships: `membership of ${from} in ${to}`, grants: `grant of ${to} to ${from}`, delegations: `delegation ${from} -> ${to}`, usage: `usage of ${to} by ${from}` }[entity];
    this.pending.push({ at, field, entity, key: { [a]: from, [z]: to }, reason: `${what} is kept as loaded before: ${cause}` });
  }

  delegation(fromId: string, toId: string, at: Where, field: string | null, cause: string): void {
    this.edge('delegations', fromId, toId, at, field, cause);
  }

  grant(holderId: string, entitlementId: string, at: Where, field: string | null, cause: string): void {
    this.edge('grants', holderId, entitlementId, at, field, cause);
  }

  flush(): void {
    const { records, rejects } = this.b.result();
    const done = new Set<string>(rejects.flatMap((r) => (r.entity && r.key ? [signature(r.entity, r.key)] : [])));
    for (const entity of Object.keys(records) as EntityFile[]) {
      for (const r of records[entity]) done.add(signature(entity, r.value as Record<string, unknown>));
    }
    for (const p of this.pending) {
      const sig = signature(p.entity, p.key);
      if (done.has(sig)) continue;
      done.add(sig);
      this.b.reject(p.at, p.field, p.reason, p.key, p.entity);
    }
    this.pending.length = 0;
  }
}

/** What identifies a record of its kind: its id, or an edge's two ends. */
function signature(entity: EntityFile, v: Record<string, unknown>): string {
  const ends = ENDS[entity as EdgeEntity] ?? ['id'];
  return `${entity}|${ends.map((k) => String(v[k] ?? '')).join('\u0000')}`;
}
