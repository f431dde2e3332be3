/** Human identity records of the scale enterprise, written person by person. */
import { DEPARTMENTS, EMAIL_DOMAIN, EMPLOYEE_TYPES, EXECUTIVE_DEPARTMENT, FIRST_NAMES, LAST_NAMES } from '../names';
import { iso, utc, type Rng } from '../random';
import type { RecordSink } from './ndjson-files';
import { buildOrg, drawFacts, INTERN, LOCATION_NAMES, NO_DEPT, personId, STATUS, type PersonFacts, type ScaleOrg } from './org';

export interface ScalePeople {
  org: ScaleOrg;
  facts: PersonFacts;
  /** Unique login name per person (`alice.smith`, `alice.smith2`, ...). */
  username: string[];
}

export const HIRE_FROM_MS = utc(2010, 1, 1);
export const HIRE_TO_MS = utc(2026, 9, 30);

function ascii(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

function titleOf(org: ScaleOrg, facts: PersonFacts, p: number, rng: Rng): string {
  const level = org.level[p];
  if (level === 0) return 'Chief Executive Officer';
  const d = DEPARTMENTS[org.dept[p]];
  if (level === 1) return d.headTitle;
  if (level === 2) return d.directorTitle;
  if (level === 3) return `Senior ${d.managerTitle}`;
  if (level === 4) return d.managerTitle;
  return facts.employeeType[p] === INTERN ? `${d.name} Intern` : rng.pick(d.titles);
}

export async function writePeople(sink: RecordSink, rng: Rng, humans: number): Promise<ScalePeople> {
  const org = buildOrg(humans);
  const facts = drawFacts(org, rng.fork('facts'), HIRE_FROM_MS, HIRE_TO_MS, utc(2025, 3, 1), utc(2026, 10, 28));
  const names = rng.fork('names');
  // Usernames repeat a lot at 100k people (70 x 80 names): a counter per name, not a set of every username.
  const seen = new Map<string, number>();
  const username: string[] = new Array(humans);
  for (let p = 0; p < humans; p++) {
    const first = names.pick(FIRST_NAMES);
    const last = names.pick(LAST_NAMES);
    const base = `${ascii(first)}.${ascii(last)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    username[p] = n === 1 ? base : `${base}${n}`;
    const dept = org.dept[p] === NO_DEPT ? undefined : DEPARTMENTS[org.dept[p]];
    const attributes: Record<string, string> = {
      location: LOCATION_NAMES[facts.location[p]],
      costCenter: dept?.costCenter ?? 'CC-1000',
      employeeType: EMPLOYEE_TYPES[facts.employeeType[p]][0],
    };
    if (org.division[p] >= 0) attributes.division = org.divisions[org.division[p]].name;
    if (org.team[p] >= 0) attributes.team = org.teams[org.team[p]].name;
    sink.write('identities', {
      id: personId(p),
      kind: 'human',
      displayName: `${first} ${last}`,
      email: `${username[p]}@${EMAIL_DOMAIN}`,
      department: dept?.name ?? EXECUTIVE_DEPARTMENT,
      title: titleOf(org, facts, p, names),
      managerId: org.manager[p] >= 0 ? personId(org.manager[p]) : undefined,
      status: STATUS[facts.status[p]],
      createdAt: iso(facts.hireMs[p]),
      terminatedAt: Number.isNaN(facts.terminatedMs[p]) ? undefined : iso(facts.terminatedMs[p]),
      attributes,
    });
    if (p % 1000 === 999) await sink.settle();
  }
  return { org, facts, username };
}
