import type { BundleRecords } from './records';
import type { Located } from './parse-records';
import type { EntityFile } from './records';
import { entityOfReject, keyOf, type Reject } from './reject';
import type { UsageLog } from './usage-log';

/** Ids already in the graph, so a bundle may point at what an earlier run loaded. */
export interface KnownIds {
  identities: Set<string>;
  systems: Set<string>;
  accounts: Set<string>;
  groups: Set<string>;
  entitlements: Set<string>;
  identityIdByEmail: Map<string, string>;
  /** Attributes of identities in the graph, for correlating accounts by employee number and the like. */
  identityAttributes: Map<string, Record<string, string>>;
}

/** Usage events are held by columns (usage-log.ts): at L they are 10M of the 13.5M records. */
export type LocatedBundle = { [K in Exclude<keyof BundleRecords, 'usage'>]: Located<BundleRecords[K][number]>[] } & { usage: UsageLog };

type Check<T> = (rec: T) => { field: string; reason: string } | null;

/**
 * Drops records whose references dangle, in dependency order, so a rejected account also rejects
 * the memberships that name it (with a reason that says so) instead of half-linking them.
 */
export function checkReferences(bundle: LocatedBundle, known: KnownIds, rejects: Reject[]): LocatedBundle {
  const ids = (list: Located<{ id: string }>[], prior: Set<string>) => new Set([...prior, ...list.map((l) => l.record.id)]);
  // Where each rejected record was, so a record pointing at it can say so instead of "missing".
  const rejectedAt = new Map<string, string>();
  const noteRejected = (r: Reject) => {
    const kind = KIND_OF_FILE[entityOfReject(r) ?? ''];
    if (kind && r.id && !rejectedAt.has(`${kind}:${r.id}`)) rejectedAt.set(`${kind}:${r.id}`, `${r.file}:${r.line}`);
  };
  rejects.forEach(noteRejected);
  const missing = (what: string, id: string) => {
    const at = rejectedAt.get(`${what}:${id}`);
    return at
      ? `references ${what} '${id}', which was rejected (${at})`
      : `references ${what} '${id}', which is neither in this bundle nor in the graph`;
  };
  const keep = <T>(entity: EntityFile, list: Located<T>[], check: Check<T>) => keepValid(entity, list, rejects, check, noteRejected);

  const identityIds = ids(bundle.identities, known.identities);
  const identities = keep('identities', bundle.identities, (r) =>
    r.managerId && !identityIds.has(r.managerId)
      ? { field: 'managerId', reason: missing('identity', r.managerId) }
      : r.ownerId && !identityIds.has(r.ownerId)
        ? { field: 'ownerId', reason: missing('identity', r.ownerId) }
        : null,
  );
  // A second pass would be needed if we rejected identities other identities point at; one level is
  // what real exports hit (a manager outside the export), and it is reported, so stop there.
  const liveIdentities = ids(identities, known.identities);

  const systems = keep('systems', bundle.systems, (r) =>
    r.ownerId && !liveIdentities.has(r.ownerId) ? { field: 'ownerId', reason: missing('identity', r.ownerId) } : null,
  );
  const systemIds = ids(systems, known.systems);
  const onSystem = <T extends { systemId: string }>(r: T) =>
    systemIds.has(r.systemId) ? null : { field: 'systemId', reason: missing('system', r.systemId) };

  // An account whose identity is unknown is unowned: a finding, not an error (spec).
  const accounts = keep('accounts', bundle.accounts, onSystem);
  const groups = keep('groups', bundle.groups, onSystem);
  const entitlements = keep('entitlements', bundle.entitlements, onSystem);
  const accountIds = ids(accounts, known.accounts);
  const groupIds = ids(groups, known.groups);
  const entitlementIds = ids(entitlements, known.entitlements);

  const memberships = keep('memberships', bundle.memberships, (r) => {
    const pool = r.memberType === 'account' ? accountIds : groupIds;
    if (!pool.has(r.memberId)) return { field: 'memberId', reason: missing(r.memberType, r.memberId) };
    if (!groupIds.has(r.groupId)) return { field: 'groupId', reason: missing('group', r.groupId) };
    if (r.memberType === 'group' && r.memberId === r.groupId) return { field: 'groupId', reason: 'a group cannot be a member of itself' };
    return null;
  });
  const grants = keep('grants', bundle.grants, (r) => {
    const pool = r.holderType === 'account' ? accountIds : groupIds;
    if (!pool.has(r.holderId)) return { field: 'holderId', reason: missing(r.holderType, r.holderId) };
    if (!entitlementIds.has(r.entitlementId)) return { field: 'entitlementId', reason: missing('entitlement', r.entitlementId) };
    return null;
  });
  const delegations = keep('delegations', bundle.delegations, (r) => {
    if (!liveIdentities.has(r.fromId)) return { field: 'fromId', reason: missing('identity', r.fromId) };
    if (!liveIdentities.has(r.toId)) return { field: 'toId', reason: missing('identity', r.toId) };
    if (r.fromId === r.toId) return { field: 'toId', reason: 'an identity cannot delegate to itself' };
    if (r.scope.includes('*') && r.scope.length > 1) return { field: 'scope', reason: '"*" must be the only scope entry' };
    const unknown = r.scope.find((s) => s !== '*' && !entitlementIds.has(s));
    return unknown ? { field: 'scope', reason: missing('entitlement', unknown) } : null;
  });
  const credentials = keep('credentials', bundle.credentials, (r) => {
    const pool = r.holderType === 'identity' ? liveIdentities : accountIds;
    return pool.has(r.holderId) ? null : { field: 'holderId', reason: missing(r.holderType, r.holderId) };
  });
  const usage = bundle.usage.keep(
    (accountId, entitlementId) =>
      !accountIds.has(accountId)
        ? { field: 'accountId', reason: missing('account', accountId) }
        : !entitlementIds.has(entitlementId)
          ? { field: 'entitlementId', reason: missing('entitlement', entitlementId) }
          : null,
    (item, problem) => rejects.push({ file: item.file, line: item.line, ...problem, key: keyOf(item.record), entity: 'usage' }),
  );
  const decisions = keep('decisions', bundle.decisions, (r) =>
    !liveIdentities.has(r.identityId)
      ? { field: 'identityId', reason: missing('identity', r.identityId) }
      : !entitlementIds.has(r.entitlementId)
        ? { field: 'entitlementId', reason: missing('entitlement', r.entitlementId) }
        : null,
  );
  return { identities, systems, accounts, groups, entitlements, memberships, grants, delegations, credentials, usage, decisions };
}

const KIND_OF_FILE: Record<string, string> = {
  identities: 'identity', systems: 'system', accounts: 'account', groups: 'group', entitlements: 'entitlement',
};

function keepValid<T>(entity: EntityFile, list: Located<T>[], rejects: Reject[], check: Check<T>, onReject: (r: Reject) => void): Located<T>[] {
  const out: Located<T>[] = [];
  for (const item of list) {
    const problem = check(item.record);
    if (!problem) out.push(item);
    else {
      const id = (item.record as { id?: unknown }).id;
      const reject: Reject = { file: item.file, line: item.line, ...problem, id: typeof id === 'string' ? id : undefined, key: keyOf(item.record), entity };
      rejects.push(reject);
      onReject(reject);
    }
  }
  return out;
}
