/**
 * The workforce of the scale enterprise: departments split into divisions, divisions into org
 * units (a senior manager's area) and teams (a manager's reports), and a management chain six
 * levels deep. Kept in typed arrays indexed by person (hr:E10001 is person 0, the CEO), since the
 * later phases only need to look people up, and 100k person objects would cost ten times as much.
 */
import { DEPARTMENTS, EMPLOYEE_TYPES, LOCATIONS, slug, type DepartmentDef } from '../names';
import type { Rng } from '../random';

export interface Division {
  dept: number;
  name: string;
  slug: string;
  director: number;
}
export interface OrgUnit {
  division: number;
  name: string;
  lead: number;
}
export interface Team {
  unit: number;
  division: number;
  name: string;
  manager: number;
}

/** 0 CEO, 1 department head, 2 division director, 3 senior manager (org unit), 4 manager (team), 5 individual contributor. */
export type OrgLevel = 0 | 1 | 2 | 3 | 4 | 5;
export const NO_DEPT = 255;

export interface ScaleOrg {
  count: number;
  divisions: Division[];
  units: OrgUnit[];
  teams: Team[];
  dept: Uint8Array;
  division: Int32Array;
  unit: Int32Array;
  team: Int32Array;
  level: Uint8Array;
  manager: Int32Array;
  /** Department heads by department index. */
  heads: number[];
  /** People of each department, by department index, in id order. */
  byDept: number[][];
}

export const personId = (i: number) => `hr:E${10001 + i}`;

const PEOPLE_PER_DIVISION = 2_000;
const PEOPLE_PER_UNIT = 90;
const PEOPLE_PER_TEAM = 11;

/** Head counts per department, proportional to weight; the remainder goes to the first. */
function departmentSizes(people: number): number[] {
  const total = DEPARTMENTS.reduce((s, d) => s + d.weight, 0);
  const sizes = DEPARTMENTS.map((d) => Math.max(3, Math.floor((people * d.weight) / total)));
  sizes[0] += people - sizes.reduce((s, n) => s + n, 0);
  return sizes;
}

/** Splits n into k near-equal parts. */
const split = (n: number, k: number) => Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));

interface Slot {
  level: OrgLevel;
  dept: number;
  division: number;
  unit: number;
  team: number;
  /** Slot that manages this one; resolved to a person index once slots are numbered. */
  boss: number;
}

/** The org chart; person indices rise with level, so every manager comes before their reports. */
export function buildOrg(humans: number): ScaleOrg {
  const slots: Slot[] = [{ level: 0, dept: NO_DEPT, division: -1, unit: -1, team: -1, boss: -1 }];
  const divisions: Division[] = [];
  const units: OrgUnit[] = [];
  const teams: Team[] = [];
  const sizes = departmentSizes(humans - 1);
  const headSlot: number[] = [];
  DEPARTMENTS.forEach((d: DepartmentDef, di) => {
    headSlot.push(slots.push({ level: 1, dept: di, division: -1, unit: -1, team: -1, boss: 0 }) - 1);
    const nDiv = Math.min(d.teams.length, Math.max(1, Math.round(sizes[di] / PEOPLE_PER_DIVISION)));
    split(sizes[di] - 1, nDiv).forEach((size, k) => {
      const division = divisions.length;
      const director = slots.push({ level: 2, dept: di, division, unit: -1, team: -1, boss: headSlot[di] }) - 1;
      divisions.push({ dept: di, name: d.teams[k], slug: `${d.code}-${slug(d.teams[k])}`, director });
      const rest = size - 1;
      const nUnits = Math.max(1, Math.round(rest / PEOPLE_PER_UNIT));
      const nTeams = Math.max(nUnits, Math.round(rest / PEOPLE_PER_TEAM));
      const firstUnit = units.length;
      for (let u = 0; u < nUnits; u++) {
        const lead = slots.push({ level: 3, dept: di, division, unit: units.length, team: -1, boss: director }) - 1;
        units.push({ division, name: `${d.teams[k]} Group ${u + 1}`, lead });
      }
      const firstTeam = teams.length;
      for (let t = 0; t < nTeams; t++) {
        const unit = firstUnit + (t % nUnits);
        const manager = slots.push({ level: 4, dept: di, division, unit, team: teams.length, boss: units[unit].lead }) - 1;
        teams.push({ unit, division, name: `${d.teams[k]} Team ${t + 1}`, manager });
      }
      for (let i = 0; i < rest - nUnits - nTeams; i++) {
        const team = firstTeam + (i % nTeams);
        slots.push({ level: 5, dept: di, division, unit: teams[team].unit, team, boss: teams[team].manager });
      }
    });
  });
  if (slots.length !== humans) throw new Error(`scale generator: org chart has ${slots.length} people, wanted ${humans}`);

  // Number people by level (stable within a level), then point every slot reference at a person.
  const order = slots.map((s, i) => [s.level, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const personOfSlot = new Int32Array(humans);
  order.forEach(([, slot], person) => (personOfSlot[slot] = person));
  const org: ScaleOrg = {
    count: humans,
    divisions: divisions.map((d) => ({ ...d, director: personOfSlot[d.director] })),
    units: units.map((u) => ({ ...u, lead: personOfSlot[u.lead] })),
    teams: teams.map((t) => ({ ...t, manager: personOfSlot[t.manager] })),
    dept: new Uint8Array(humans),
    division: new Int32Array(humans),
    unit: new Int32Array(humans),
    team: new Int32Array(humans),
    level: new Uint8Array(humans),
    manager: new Int32Array(humans),
    heads: headSlot.map((s) => personOfSlot[s]),
    byDept: DEPARTMENTS.map(() => []),
  };
  slots.forEach((s, slot) => {
    const p = personOfSlot[slot];
    org.dept[p] = s.dept;
    org.division[p] = s.division;
    org.unit[p] = s.unit;
    org.team[p] = s.team;
    org.level[p] = s.level;
    org.manager[p] = s.boss < 0 ? -1 : personOfSlot[s.boss];
  });
  for (let p = 0; p < humans; p++) if (org.dept[p] !== NO_DEPT) org.byDept[org.dept[p]].push(p);
  return org;
}

/** Per-person facts drawn at random once and shared by every phase. */
export interface PersonFacts {
  /** 0 active, 1 suspended, 2 terminated. */
  status: Uint8Array;
  hireMs: Float64Array;
  terminatedMs: Float64Array;
  /** Index into EMPLOYEE_TYPES. */
  employeeType: Uint8Array;
  /** Index into LOCATIONS. */
  location: Uint8Array;
}

export const STATUS = ['active', 'suspended', 'terminated'] as const;
export const CONTRACTOR = EMPLOYEE_TYPES.findIndex(([t]) => t === 'contractor');
export const INTERN = EMPLOYEE_TYPES.findIndex(([t]) => t === 'intern');
export const LOCATION_NAMES = LOCATIONS.map(([name]) => name);

export function drawFacts(org: ScaleOrg, rng: Rng, hireFromMs: number, hireToMs: number, leaversFromMs: number, leaversToMs: number): PersonFacts {
  const n = org.count;
  const facts: PersonFacts = {
    status: new Uint8Array(n),
    hireMs: new Float64Array(n),
    terminatedMs: new Float64Array(n).fill(Number.NaN),
    employeeType: new Uint8Array(n),
    location: new Uint8Array(n),
  };
  const typeIndex = EMPLOYEE_TYPES.map(([, w], i) => [i, w] as const);
  const locationIndex = LOCATIONS.map(([, w], i) => [i, w] as const);
  for (let p = 0; p < n; p++) {
    const level = org.level[p];
    // Leaders were hired earlier; the rest skew recent (the company grew).
    facts.hireMs[p] = level <= 2
      ? rng.msBetween(hireFromMs, hireFromMs + (hireToMs - hireFromMs) * 0.6)
      : hireFromMs + Math.floor((Math.pow(rng.next(), 0.6) * (hireToMs - hireFromMs)) / 1000) * 1000;
    facts.employeeType[p] = level === 5 ? rng.weighted(typeIndex) : 0;
    facts.location[p] = rng.weighted(locationIndex);
    if (level >= 4) {
      const r = rng.next();
      if (r < 0.015) facts.status[p] = 2;
      else if (r < 0.022) facts.status[p] = 1;
    }
    if (facts.status[p] === 2) facts.terminatedMs[p] = rng.msBetween(Math.max(facts.hireMs[p] + 60 * 86_400_000, leaversFromMs), leaversToMs);
  }
  return facts;
}
