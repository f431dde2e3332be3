import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeEffectiveAccess, type ComputedGrant } from '../../src/access/compute-access';
import { EXPORTED_AT } from '../../src/demo/random';
import type { DemoRecords } from '../../src/demo/types';
import { DEMO_ENTITY_FILES } from '../../src/demo/types';

/** Every record of a written bundle folder, parsed (small bundles only). */
export function readScaleRecords(dir: string): DemoRecords {
  const out = {} as Record<string, unknown[]>;
  for (const name of DEMO_ENTITY_FILES) {
    const text = readFileSync(join(dir, `${name}.ndjson`), 'utf8');
    out[name] = text.length === 0 ? [] : text.trimEnd().split('\n').map((l) => JSON.parse(l));
  }
  return out as unknown as DemoRecords;
}

/** SHA-256 of every file in the folder, by name. */
export function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
  return out;
}

const edge = (from: string, to: string, expiresAt?: string) => ({ from, to, expiresAt: expiresAt ?? null });

/**
 * Effective access at the export time by the engine ingest uses. `byAccount` makes each enabled
 * account its own holder (what usage can exercise); otherwise identities hold through their accounts.
 */
export function effectiveAccess(r: DemoRecords, byAccount = false): ComputedGrant[] {
  const enabled = r.accounts.filter((a) => a.status === 'enabled');
  return computeEffectiveAccess(
    {
      ownedAccounts: byAccount
        ? enabled.map((a) => ({ identityId: a.id, accountId: a.id }))
        : enabled.filter((a) => a.identityId).map((a) => ({ identityId: a.identityId!, accountId: a.id })),
      accountMemberships: r.memberships.filter((m) => m.memberType === 'account').map((m) => edge(m.memberId, m.groupId, m.expiresAt)),
      groupMemberships: r.memberships.filter((m) => m.memberType === 'group').map((m) => edge(m.memberId, m.groupId, m.expiresAt)),
      accountGrants: r.grants.filter((g) => g.holderType === 'account').map((g) => edge(g.holderId, g.entitlementId, g.expiresAt)),
      groupGrants: r.grants.filter((g) => g.holderType === 'group').map((g) => edge(g.holderId, g.entitlementId, g.expiresAt)),
      delegations: byAccount ? [] : r.delegations.map((d) => ({ ...edge(d.fromId, d.toId, d.expiresAt), scope: d.scope })),
    },
    { now: EXPORTED_AT, maxPathsPerGrant: 1 },
  );
}

/** Nesting level of every group: 1 for a group in no other group, else one below its deepest parent. */
export function groupLevels(r: DemoRecords): Map<string, number> {
  const parents = new Map<string, string[]>();
  for (const m of r.memberships) if (m.memberType === 'group') parents.set(m.memberId, [...(parents.get(m.memberId) ?? []), m.groupId]);
  const level = new Map<string, number>();
  const visit = (g: string, path: Set<string>): number => {
    const known = level.get(g);
    if (known !== undefined) return known;
    if (path.has(g)) throw new Error(`nesting cycle through ${g}`);
    path.add(g);
    const l = 1 + Math.max(0, ...(parents.get(g) ?? []).map((p) => visit(p, path)));
    path.delete(g);
    level.set(g, l);
    return l;
  };
  for (const g of r.groups) visit(g.id, new Set());
  return level;
}
