/**
 * The directory (Okta): the org tree as nested groups six levels deep (MFA Required > All
 * Employees > department > division > org unit > team), app-assignment groups, location groups,
 * a few admin-role groups, and distribution lists that mostly grant nothing, as in real tenants.
 * "All Employees" in "MFA Required" is the edge the benchmark's big what-if detaches.
 */
import { DEPARTMENTS, LOCATIONS, slug } from '../names';
import type { Rng } from '../random';
import { APPS } from './apps';
import type { CatalogBuilder } from './catalog-builder';
import type { ScaleOrg } from './org';

export const OKTA = 'okta';
export const MFA_REQUIRED = 'okta:grp:mfa-required';
export const ALL_EMPLOYEES = 'okta:grp:everyone';
export const AGENT_TOOLS_APP = 'agent-tools';

const BIRTHRIGHT_APPS = ['slack', 'google-workspace', 'zoom', 'workday-self-service'];
const DL_TOPICS = ['announce', 'social', 'oncall', 'leads', 'hiring', 'offsite', 'book-club', 'all-hands', 'guild', 'newsletter', 'sports', 'parents'];
const ADMIN_ROLES = [
  ['super-admins', 'okta:role:super_admin', 'Super Administrator', 'critical'],
  ['org-admins', 'okta:role:org_admin', 'Organization Administrator', 'high'],
  ['helpdesk-admins', 'okta:role:helpdesk_admin', 'Help Desk Administrator', 'medium'],
  ['report-admins', 'okta:role:report_admin', 'Report Administrator', 'low'],
] as const;

export interface DirectoryCatalog {
  system: number;
  mfaRequired: number;
  everyone: number;
  /** By department, division, org unit, team index. */
  deptGroup: number[];
  divisionGroup: number[];
  unitGroup: number[];
  teamGroup: number[];
  /** By location index. */
  locationGroup: number[];
  /** App-assignment group by app key (and AGENT_TOOLS_APP). */
  appGroup: Map<string, number>;
  adminGroups: number[];
  distributionLists: number[];
  /** The division each distribution list belongs to (same order). */
  listDivision: number[];
}

export function buildDirectory(c: CatalogBuilder, rng: Rng, org: ScaleOrg, ownerId: string, distributionLists: number): DirectoryCatalog {
  const system = c.system(OKTA, 'Okta (acme)', 'critical', ownerId);
  const app = (key: string, name: string, sensitivity: 'low' | 'medium') =>
    c.entitlement(system, { id: `okta:app:${key}`, name: `App assignment: ${name}`, kind: 'permission', sensitivity });

  const mfaRequired = c.group(system, MFA_REQUIRED, 'MFA Required', 'group');
  c.grant(mfaRequired, c.entitlement(system, { id: 'okta:license:mfa', name: 'Okta Verify MFA', kind: 'license', sensitivity: 'low' }));
  const everyone = c.group(system, ALL_EMPLOYEES, 'All Employees', 'group', [mfaRequired]);
  for (const key of BIRTHRIGHT_APPS) c.grant(everyone, app(key, key, 'low'));

  const deptGroup = DEPARTMENTS.map((d) => {
    const g = c.group(system, `okta:grp:dept-${d.code}`, `Dept: ${d.name}`, 'group', [everyone]);
    c.grant(g, app(`intranet-${d.code}`, `${d.name} intranet`, 'low'));
    return g;
  });
  const divisionGroup = org.divisions.map((d) => {
    const g = c.group(system, `okta:grp:div-${d.slug}`, `Division: ${DEPARTMENTS[d.dept].name} / ${d.name}`, 'group', [deptGroup[d.dept]]);
    c.grant(g, app(`wiki-${d.slug}`, `${d.name} wiki`, 'low'));
    return g;
  });
  const unitGroup = org.units.map((u, i) => c.group(system, `okta:grp:unit-${org.divisions[u.division].slug}-${i + 1}`, `Org: ${u.name}`, 'group', [divisionGroup[u.division]]));
  const unitsOfDivision = org.divisions.map(() => [] as number[]);
  org.units.forEach((u, i) => unitsOfDivision[u.division].push(i));
  const teamGroup = org.teams.map((t, i) => {
    const parents = [unitGroup[t.unit]];
    // Matrix teams: a few report into a second org unit of the same division (the nesting is a DAG).
    const siblings = unitsOfDivision[t.division].filter((u) => u !== t.unit);
    if (siblings.length > 0 && rng.chance(0.03)) parents.push(unitGroup[rng.pick(siblings)]);
    return c.group(system, `okta:grp:team-${org.divisions[t.division].slug}-${i + 1}`, `Team: ${t.name}`, 'group', parents);
  });

  const locationGroup = LOCATIONS.map(([name]) => {
    const g = c.group(system, `okta:grp:loc-${slug(name)}`, `Location: ${name}`, 'group');
    c.grant(g, c.entitlement(system, { id: `okta:network:${slug(name)}-office`, name: `${name} office network`, kind: 'permission', sensitivity: 'low' }));
    return g;
  });
  const appGroup = new Map<string, number>();
  for (const [key, name] of [...APPS.map((a) => [a.key, a.name]), [AGENT_TOOLS_APP, 'Agent tool platform']]) {
    const g = c.group(system, `okta:grp:app-${key}`, `App: ${name} users`, 'group');
    c.grant(g, app(key, name, 'medium'));
    appGroup.set(key, g);
  }
  const adminGroups = ADMIN_ROLES.map(([key, role, name, sensitivity]) => {
    const g = c.group(system, `okta:grp:${key}`, `Okta ${name}s`, 'group');
    c.grant(g, c.entitlement(system, { id: role, name, kind: 'role', sensitivity, privileged: sensitivity !== 'low' }));
    return g;
  });

  const dls: number[] = [];
  const listDivision: number[] = [];
  const topicCount = new Map<string, number>();
  for (let i = 0; i < distributionLists; i++) {
    const divisionIndex = rng.int(0, org.divisions.length - 1);
    const division = org.divisions[divisionIndex];
    const topic = rng.pick(DL_TOPICS);
    const key = `${division.slug}-${topic}`;
    const n = (topicCount.get(key) ?? 0) + 1;
    topicCount.set(key, n);
    const g = c.group(system, `okta:grp:dl-${key}${n === 1 ? '' : `-${n}`}`, `DL: ${division.name} ${topic}${n === 1 ? '' : ` ${n}`}`, 'group', [], 'Distribution list');
    // Most lists only route mail; some were later used to assign an app.
    if (rng.chance(0.15)) c.grant(g, c.entitlement(system, { id: `okta:app:${rng.pick(APPS).key}`, name: 'App assignment', kind: 'permission', sensitivity: 'medium' }));
    dls.push(g);
    listDivision.push(divisionIndex);
  }
  return { system, mfaRequired, everyone, deptGroup, divisionGroup, unitGroup, teamGroup, locationGroup, appGroup, adminGroups, distributionLists: dls, listDivision };
}
