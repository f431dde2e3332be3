/** The human workforce: departments, teams, a management tree, statuses and HR attributes. */
import type { DemoBuilder } from './builder';
import { DEPARTMENTS, EMAIL_DOMAIN, EMPLOYEE_TYPES, EXECUTIVE_DEPARTMENT, LOCATIONS, FIRST_NAMES, LAST_NAMES, type DepartmentDef } from './names';
import { days, iso, Rng, utc } from './random';
import type { IdentityStatus } from './types';

/** 0 = CEO, 1 = department head, 2 = director, 3 = manager, 4 = individual contributor. */
export type OrgLevel = 0 | 1 | 2 | 3 | 4;

export interface Person {
  id: string;
  username: string;
  email: string;
  first: string;
  last: string;
  dept?: DepartmentDef;
  team?: string;
  level: OrgLevel;
  managerId?: string;
  status: IdentityStatus;
  hireMs: number;
  terminatedMs?: number;
  employeeType: string;
  location: string;
}

export interface Workforce {
  people: Person[];
  ceo: Person;
  byDept: Map<string, Person[]>;
  /** Key: `${dept.code}/${team}`. */
  byTeam: Map<string, Person[]>;
}

export const MIN_HUMANS = 50;

interface Slot {
  dept?: DepartmentDef;
  level: OrgLevel;
  team?: string;
  /** The manager's slot; its person exists before this slot's person is created. */
  manager?: Slot;
  person?: Person;
}

/** Head counts per department: proportional to weight, at least 2, remainder to the first. */
function departmentSizes(rest: number): number[] {
  const total = DEPARTMENTS.reduce((s, d) => s + d.weight, 0);
  const sizes = DEPARTMENTS.map((d) => Math.max(2, Math.floor((rest * d.weight) / total)));
  sizes[0] += rest - sizes.reduce((s, n) => s + n, 0);
  return sizes;
}

/** Builds the org chart shape for one department's members (positions already shuffled). */
function orgChart(dept: DepartmentDef, count: number, ceo: Slot): Slot[] {
  const head: Slot = { dept, level: 1, manager: ceo };
  const rest = count - 1;
  const nDir = rest >= 40 ? Math.ceil(rest / 60) : 0;
  const nMgr = rest - nDir >= 6 ? Math.ceil((rest - nDir) / 10) : 0;
  const directors: Slot[] = [];
  for (let i = 0; i < nDir; i++) directors.push({ dept, level: 2, manager: head });
  const managers: Slot[] = [];
  for (let i = 0; i < nMgr; i++) {
    const manager = nDir > 0 ? directors[i % nDir] : head;
    managers.push({ dept, level: 3, manager, team: dept.teams[i % dept.teams.length] });
  }
  const ics: Slot[] = [];
  for (let i = 0; i < rest - nDir - nMgr; i++) {
    const manager = nMgr > 0 ? managers[i % nMgr] : nDir > 0 ? directors[i % nDir] : head;
    ics.push({ dept, level: 4, manager, team: manager.team ?? dept.teams[i % dept.teams.length] });
  }
  return [head, ...directors, ...managers, ...ics];
}

function ascii(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

const HIRE_FROM = utc(2012, 1, 1);
const HIRE_TO = utc(2026, 9, 30);

function title(p: Person, rng: Rng): string {
  if (p.level === 0 || !p.dept) return 'Chief Executive Officer';
  if (p.level === 1) return p.dept.headTitle;
  if (p.level === 2) return p.dept.directorTitle;
  if (p.level === 3) return p.dept.managerTitle;
  return p.employeeType === 'intern' ? `${p.dept.name} Intern` : rng.pick(p.dept.titles);
}

export function buildWorkforce(b: DemoBuilder, rng: Rng, humans: number): Workforce {
  if (!Number.isInteger(humans) || humans < MIN_HUMANS) {
    throw new RangeError(`demo generator: humans must be an integer >= ${MIN_HUMANS}`);
  }
  const ceoSlot: Slot = { level: 0 };
  const sizes = departmentSizes(humans - 1);
  const charts = DEPARTMENTS.map((d, i) => orgChart(d, sizes[i], ceoSlot));
  // Ids rise with level so every manager is emitted before its reports.
  const slots: Slot[] = [ceoSlot];
  for (let level = 1; level <= 4; level++) for (const c of charts) for (const s of c) if (s.level === level) slots.push(s);

  const usernames = new Set<string>();
  const people: Person[] = [];
  slots.forEach((slot, i) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const base = `${ascii(first)}.${ascii(last)}`;
    let username = base;
    for (let n = 2; usernames.has(username); n++) username = `${base}${n}`;
    usernames.add(username);
    const senior = slot.level <= 2;
    const hireMs = senior
      ? rng.msBetween(HIRE_FROM, utc(2022, 1, 1))
      : HIRE_FROM + Math.floor(Math.pow(rng.next(), 0.6) * (HIRE_TO - HIRE_FROM) / 1000) * 1000;
    const employeeType = slot.level === 4 ? rng.weighted(EMPLOYEE_TYPES) : 'employee';
    let status: IdentityStatus = 'active';
    let terminatedMs: number | undefined;
    if (slot.level >= 3) {
      const r = rng.next();
      if (r < 0.015) status = 'terminated';
      else if (r < 0.022) status = 'suspended';
    }
    if (status === 'terminated') {
      terminatedMs = rng.msBetween(Math.max(hireMs + days(60), utc(2025, 3, 1)), utc(2026, 10, 28));
    }
    const person: Person = {
      id: `hr:E${10001 + i}`,
      username,
      email: `${username}@${EMAIL_DOMAIN}`,
      first,
      last,
      dept: slot.dept,
      team: slot.team,
      level: slot.level,
      managerId: slot.manager?.person?.id,
      status,
      hireMs,
      terminatedMs,
      employeeType,
      location: rng.weighted(LOCATIONS),
    };
    slot.person = person;
    people.push(person);
  });

  const byDept = new Map<string, Person[]>();
  const byTeam = new Map<string, Person[]>();
  for (const p of people) {
    const deptName = p.dept?.name ?? EXECUTIVE_DEPARTMENT;
    const deptList = byDept.get(deptName);
    if (deptList) deptList.push(p);
    else byDept.set(deptName, [p]);
    if (p.dept && p.team) {
      const key = `${p.dept.code}/${p.team}`;
      const list = byTeam.get(key);
      if (list) list.push(p);
      else byTeam.set(key, [p]);
    }
    const attributes: Record<string, string> = {
      location: p.location,
      costCenter: p.dept?.costCenter ?? 'CC-1000',
      employeeType: p.employeeType,
    };
    if (p.team) attributes.team = p.team;
    b.identity({
      id: p.id,
      kind: 'human',
      displayName: `${p.first} ${p.last}`,
      email: p.email,
      department: p.dept?.name ?? EXECUTIVE_DEPARTMENT,
      title: title(p, rng),
      managerId: p.managerId,
      status: p.status,
      createdAt: iso(p.hireMs),
      terminatedAt: p.terminatedMs === undefined ? undefined : iso(p.terminatedMs),
      attributes,
    });
  }
  return { people, ceo: people[0], byDept, byTeam };
}

/** Members of a department (by name), or of one of its teams. */
export function deptPeople(w: Workforce, dept: string, team?: string): Person[] {
  if (team === undefined) return w.byDept.get(dept) ?? [];
  const def = DEPARTMENTS.find((d) => d.name === dept);
  return def ? w.byTeam.get(`${def.code}/${team}`) ?? [] : [];
}

export function isActive(p: Person): boolean {
  return p.status === 'active';
}

/** Picks up to k active people from `pool`, falling back to any active person if the pool is empty. */
export function pickActive(rng: Rng, w: Workforce, pool: readonly Person[], k: number): Person[] {
  const active = pool.filter(isActive);
  return rng.sample(active.length > 0 ? active : w.people.filter(isActive), k);
}

export function headOf(w: Workforce, dept: string): Person {
  return deptPeople(w, dept).find((p) => p.level === 1) ?? w.ceo;
}
