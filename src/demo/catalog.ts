/** Emits the static catalog (systems, groups, entitlements, group nesting and group grants). */
import type { DemoBuilder } from './builder';
import { agentToolsCatalog, salesforceCatalog, sapCatalog, workdayCatalog } from './catalog-business';
import { awsCatalog, githubCatalog, oktaCatalog, slackCatalog } from './catalog-infra';
import type { GroupDef, SystemCatalog } from './catalog-kit';
import { headOf, type Workforce } from './people';
import { Rng, utc } from './random';

export interface Catalog {
  systems: SystemCatalog[];
  /** Every entitlement a member of `groupId` receives through the catalog's nesting (cycle-safe). */
  closure(groupId: string): string[];
}

export function catalogSystems(): SystemCatalog[] {
  return [oktaCatalog(), awsCatalog(), githubCatalog(), salesforceCatalog(), sapCatalog(), workdayCatalog(), slackCatalog(), agentToolsCatalog()];
}

export function buildCatalog(b: DemoBuilder, rng: Rng, w: Workforce): Catalog {
  const systems = catalogSystems();
  const groups = new Map<string, GroupDef>();
  for (const sys of systems) {
    b.system({ id: sys.id, name: sys.name, criticality: sys.criticality, ownerId: headOf(w, sys.ownerDept).id });
  }
  for (const sys of systems) {
    for (const e of sys.entitlements) b.entitlement(e);
    for (const g of sys.groups) {
      b.group({ id: g.id, systemId: sys.id, name: g.name, kind: g.kind, description: g.description });
      groups.set(g.id, g);
    }
  }
  const from = utc(2019, 1, 1);
  const to = utc(2025, 12, 31);
  for (const sys of systems) {
    for (const g of sys.groups) {
      for (const parent of g.memberOf ?? []) b.member(g.id, 'group', parent, { grantedAt: rng.timeBetween(from, to) });
    }
  }
  for (const sys of systems) {
    for (const g of sys.groups) {
      for (const e of g.grants ?? []) b.grant(g.id, 'group', e, { grantedAt: rng.timeBetween(from, to) });
    }
  }

  const cache = new Map<string, string[]>();
  return {
    systems,
    closure(groupId: string): string[] {
      const hit = cache.get(groupId);
      if (hit) return hit;
      const seen = new Set<string>();
      const out = new Set<string>();
      const stack = [groupId];
      while (stack.length > 0) {
        const id = stack.pop() as string;
        if (seen.has(id)) continue;
        seen.add(id);
        const g = groups.get(id);
        if (!g) continue;
        for (const e of g.grants ?? []) out.add(e);
        for (const p of g.memberOf ?? []) stack.push(p);
      }
      const list = [...out].sort();
      cache.set(groupId, list);
      return list;
    },
  };
}
