import type { Statement } from './policy-document';

const patterns = new Map<string, RegExp>();

/** IAM action globs: `*` any run, `?` one character, compared case-insensitively as IAM does. */
export function matches(pattern: string, action: string): boolean {
  let re = patterns.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    patterns.set(pattern, (re = new RegExp(`^${body}$`, 'i')));
  }
  return re.test(action);
}

/** Whether a statement's Action / NotAction takes in `action` (a concrete `service:Action`). */
export function covers(s: Statement, action: string): boolean {
  if (s.actions) return s.actions.some((p) => matches(p, action));
  return !s.notActions!.some((p) => matches(p, action));
}

/** Whether a statement takes in at least one action of `service` (for service-level attribution). */
export function coversService(s: Statement, service: string): boolean {
  const serviceOf = (p: string) => (p === '*' ? '*' : p.split(':')[0]);
  if (s.actions) return s.actions.some((p) => matches(serviceOf(p), service));
  // NotAction leaves some of the service unless it excludes the whole service.
  return !s.notActions!.some((p) => p === '*' || (matches(serviceOf(p), service) && /:\*$/.test(p)));
}

/** Whether a statement takes in every action of `service` (`*`, `iam:*`, or a NotAction that leaves it whole). */
export function coversWholeService(s: Statement, service: string): boolean {
  if (s.actions) return s.actions.some((p) => p === '*' || p.toLowerCase() === `${service}:*`);
  return !s.notActions!.some((p) => p === '*' || matches(p.split(':')[0], service));
}

/** On every resource with no condition: a statement whose effect does not depend on what or when. */
export function unconstrained(s: Statement): boolean {
  return !s.conditional && !s.notResources && (s.resources ?? []).includes('*');
}

/** `Action: "*"` on `Resource: "*"` without condition: AdministratorAccess and its copies. */
export function isAdminAllow(s: Statement): boolean {
  return s.effect === 'Allow' && unconstrained(s) && (s.actions ?? []).includes('*');
}

/** `iam:createaccesskey` and `iam:CreateAccessKey` are one action; ids use the service in lower case. */
export function normaliseAction(action: string): string {
  const i = action.indexOf(':');
  return i < 0 ? action : action.slice(0, i).toLowerCase() + action.slice(i);
}

export function isConcrete(action: string): boolean {
  return /^[A-Za-z0-9-]+:[A-Za-z0-9]+$/.test(action);
}

/** Sources disagree on case (`iam:CreateAccessKey` vs `iam:createaccesskey`); AWS's own casing wins. */
export function remember(spellings: Map<string, string>, action: string): void {
  const key = action.toLowerCase();
  const had = spellings.get(key);
  if (!had || (!/:[A-Z]/.test(had) && /:[A-Z]/.test(action))) spellings.set(key, normaliseAction(action));
}
