/**
 * Each application's groups and rights, six levels deep like the directory: all users > department >
 * division > project readers > writers > admins (each tier inherits the one above, as RBAC roles
 * do). Projects work on resources (repositories, buckets, queues...) and several projects may share
 * one resource, so a right is granted by more than one group. Sizes come from the group and
 * entitlement budgets, split by how many accounts each app is expected to have.
 */
import { DEPARTMENTS } from '../names';
import type { Rng } from '../random';
import { allocate } from './allocate';
import { APPS, RESOURCE_WORDS, TIERS, type AppDef } from './apps';
import type { CatalogBuilder } from './catalog-builder';
import type { ScaleOrg } from './org';

export interface Project {
  division: number;
  /** Group indices of the three tiers: readers, writers, admins. */
  tiers: [number, number, number];
  /** Entitlement indices of the resource's read, write and admin rights. */
  rights: [number, number, number];
}

export interface AppCatalog {
  def: AppDef;
  system: number;
  allUsers: number;
  projects: Project[];
  /** Project indices by division, most popular first. */
  projectsOfDivision: Map<number, number[]>;
  /** Every resource right (read, write, admin triples), for direct grants. */
  rights: number[];
}

/** Expected accounts of an app per department: its reach times the department's head count. */
export function expectedAccounts(app: AppDef, org: ScaleOrg): number[] {
  return DEPARTMENTS.map((d, i) => (app.reach[d.code] ?? 0) * org.byDept[i].length);
}

export function buildApps(c: CatalogBuilder, rng: Rng, org: ScaleOrg, ownerOf: (deptCode: string) => string, groupBudget: number, entitlementBudget: number): AppCatalog[] {
  const expected = APPS.map((a) => expectedAccounts(a, org));
  const weights = expected.map((e) => e.reduce((s, n) => s + n, 0));
  const groupShares = allocate(groupBudget, weights);
  const entitlementShares = allocate(entitlementBudget, weights);
  return APPS.map((def, i) => buildApp(c, rng.fork(def.key), org, def, ownerOf(def.ownerDept), expected[i], groupShares[i], entitlementShares[i]));
}

function buildApp(c: CatalogBuilder, rng: Rng, org: ScaleOrg, def: AppDef, ownerId: string, expected: number[], groupShare: number, entitlementShare: number): AppCatalog {
  const system = c.system(def.id, def.name, def.criticality, ownerId);
  const noun = def.resource;
  const tierKind = def.key === 'aws' ? 'permission_set' : 'role';
  const right = (resource: string, t: (typeof TIERS)[number]) =>
    c.entitlement(system, {
      id: `${def.id}:${noun}/${resource}:${t.tier}`,
      name: `${t.tier[0].toUpperCase()}${t.tier.slice(1)} ${noun} ${resource}`,
      kind: 'permission',
      sensitivity: t.tier === 'admin' && def.criticality === 'critical' ? 'critical' : t.sensitivity,
      privileged: t.tier === 'admin' || undefined,
    });

  const allUsers = c.group(system, `${def.id}:grp/all-users`, `All ${def.name} users`, 'group');
  for (const base of def.base) {
    const kind = /license|seat/.test(base) ? 'license' : 'permission';
    c.grant(allUsers, c.entitlement(system, { id: `${def.id}:${base}`, name: base, kind, sensitivity: 'low' }));
  }
  const depts = DEPARTMENTS.map((_, i) => i).filter((i) => expected[i] > 0);
  const deptGroup = new Map<number, number>();
  for (const d of depts) {
    const code = DEPARTMENTS[d].code;
    const g = c.group(system, `${def.id}:grp/dept-${code}`, `${DEPARTMENTS[d].name} on ${def.name}`, 'group', [allUsers]);
    c.grant(g, right(`${code}-shared`, TIERS[0]));
    deptGroup.set(d, g);
  }
  const divisions = org.divisions.map((_, i) => i).filter((i) => deptGroup.has(org.divisions[i].dept));
  const divisionGroup = new Map<number, number>();
  for (const v of divisions) {
    const div = org.divisions[v];
    const g = c.group(system, `${def.id}:grp/div-${div.slug}`, `${div.name} on ${def.name}`, 'group', [deptGroup.get(div.dept)!]);
    if (rng.chance(0.5)) c.grant(g, right(`${div.slug}-shared`, TIERS[0]));
    divisionGroup.set(v, g);
  }

  const fixedGroups = 1 + depts.length + divisions.length;
  // Every division using the app has a project of its own, even where the budget is smaller (small sizes).
  const projectCount = Math.max(2, divisions.length, Math.round((groupShare - fixedGroups) / 3));
  const fixedRights = def.base.length + depts.length + Math.ceil(divisions.length / 2);
  const resourceCount = Math.min(projectCount, Math.max(2, Math.round((entitlementShare - fixedRights) / 3)));
  // Projects go to divisions by expected accounts there; the first project of each resource names it.
  const divisionWeights = divisions.map((v) => expected[org.divisions[v].dept] / org.divisions.filter((d) => d.dept === org.divisions[v].dept).length);
  const perDivision = allocate(projectCount - divisions.length, divisionWeights).map((n) => n + 1);
  const order: number[] = [];
  for (let round = 0; order.length < projectCount && round <= projectCount; round++) divisions.forEach((v, k) => round < perDivision[k] && order.push(v));

  const projects: Project[] = [];
  const projectsOfDivision = new Map<number, number[]>();
  const resources: { slug: string; division: number; rights: [number, number, number]; projects: number }[] = [];
  const resourcesOfDivision = new Map<number, number[]>();
  const wordsUsed = new Map<number, number>();
  for (const v of order) {
    let r: number;
    const own = resourcesOfDivision.get(v) ?? [];
    if (resources.length < resourceCount) {
      const k = wordsUsed.get(v) ?? 0;
      wordsUsed.set(v, k + 1);
      const slug = `${org.divisions[v].slug}-${RESOURCE_WORDS[k % RESOURCE_WORDS.length]}-${Math.floor(k / RESOURCE_WORDS.length) + 1}`;
      r = resources.push({ slug, division: v, rights: [right(slug, TIERS[0]), right(slug, TIERS[1]), right(slug, TIERS[2])], projects: 0 }) - 1;
      if (!resourcesOfDivision.has(v)) resourcesOfDivision.set(v, own);
      own.push(r);
    } else {
      // A further project on an existing resource: mostly the division's own, sometimes another division's.
      r = own.length > 0 && rng.chance(0.7) ? rng.pick(own) : rng.int(0, resources.length - 1);
    }
    const res = resources[r];
    res.projects++;
    const name = res.projects === 1 ? res.slug : `${res.slug}-team${res.projects}`;
    const parents = [divisionGroup.get(v)!];
    // Shared projects: some readers' groups sit under a second division too (a DAG, not a tree).
    if (divisions.length > 1 && rng.chance(0.1)) {
      const other = divisions[rng.int(0, divisions.length - 1)];
      if (other !== v) parents.push(divisionGroup.get(other)!);
    }
    const readers = c.group(system, `${def.id}:grp/${name}-${TIERS[0].group}`, `${name} ${TIERS[0].group}`, tierKind, parents);
    const writers = c.group(system, `${def.id}:grp/${name}-${TIERS[1].group}`, `${name} ${TIERS[1].group}`, tierKind, [readers]);
    const admins = c.group(system, `${def.id}:grp/${name}-${TIERS[2].group}`, `${name} ${TIERS[2].group}`, tierKind, [writers]);
    const tiers: [number, number, number] = [readers, writers, admins];
    tiers.forEach((g, t) => c.grant(g, res.rights[t]));
    const p = projects.push({ division: v, tiers, rights: res.rights }) - 1;
    const list = projectsOfDivision.get(v);
    if (list) list.push(p);
    else projectsOfDivision.set(v, [p]);
  }
  return { def, system, allUsers, projects, projectsOfDivision, rights: resources.flatMap((r) => r.rights) };
}
