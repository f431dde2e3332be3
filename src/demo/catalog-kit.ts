/** Shared shapes and id helpers for the demo's static catalog of systems, groups and entitlements. */
import type { EntitlementKind, EntitlementRecord, GroupKind, Level } from './types';
import { slug } from './names';

/** System ids of the demo enterprise. */
export const SYS = {
  okta: 'okta',
  aws: 'aws:123456789012',
  github: 'github:acme',
  salesforce: 'salesforce',
  sap: 'sap:fin',
  workday: 'workday',
  slack: 'slack',
  agentTools: 'agent-tools',
} as const;

export interface GroupDef {
  id: string;
  name: string;
  kind: GroupKind;
  description?: string;
  /** Parent groups: members of this group are (transitively) members of these. */
  memberOf?: string[];
  /** Entitlements this group grants to its members. */
  grants?: string[];
}

export interface SystemCatalog {
  id: string;
  name: string;
  criticality: Level;
  /** Department whose head owns the system. */
  ownerDept: string;
  groups: GroupDef[];
  entitlements: EntitlementRecord[];
}

/** Builds an entitlement record; `privileged` is only written when true. */
export function ent(
  systemId: string,
  id: string,
  name: string,
  kind: EntitlementKind,
  sensitivity: Level,
  privileged = false,
  description?: string,
): EntitlementRecord {
  return { id, systemId, name, kind, privileged: privileged ? true : undefined, sensitivity, description };
}

// ---- group ids used by the assignment rules ----

export const okta = {
  everyone: 'okta:grp:everyone',
  dept: (code: string) => `okta:grp:dept-${code}`,
  team: (code: string, team: string) => `okta:grp:team-${code}-${slug(team)}`,
  squad: (team: string, n: number) => `okta:grp:squad-${slug(team)}-${n}`,
  superAdmins: 'okta:grp:super-admins',
  itAdmins: 'okta:grp:it-admins',
  helpdeskAdmins: 'okta:grp:helpdesk-admins',
  reportViewers: 'okta:grp:report-viewers',
};

export const aws = {
  ps: (name: string) => `${SYS.aws}:ps/${name}`,
  group: (name: string) => `${SYS.aws}:group/${name}`,
  action: (svc: string, level: string) => `${SYS.aws}:action/${svc}:${level}`,
  adminAll: `${SYS.aws}:action/*:*`,
};

export const github = {
  team: (name: string) => `${SYS.github}:team/${slug(name)}`,
  maintainers: (team: string) => `${SYS.github}:team/${slug(team)}-maintainers`,
  repo: (repo: string, level: string) => `${SYS.github}:repo/${repo}:${level}`,
};

export const sf = {
  profile: (name: string) => `${SYS.salesforce}:profile/${name}`,
  obj: (obj: string, action: string) => `${SYS.salesforce}:obj/${obj}:${action}`,
  perm: (name: string) => `${SYS.salesforce}:perm/${name}`,
};

export const sap = {
  role: (name: string) => `${SYS.sap}:role/${name}`,
  perm: (name: string) => `${SYS.sap}:${name}`,
};

export const wd = {
  role: (name: string) => `${SYS.workday}:role/${name}`,
  perm: (name: string) => `${SYS.workday}:${name}`,
};

export const slack = {
  group: (name: string) => `${SYS.slack}:grp/${name}`,
};

export const agentTools = {
  toolset: (name: string) => `${SYS.agentTools}:ts/${name}`,
  tool: (name: string) => `tool:${name}`,
  scope: (name: string) => `${SYS.agentTools}:scope/${name}`,
};
