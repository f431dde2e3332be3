import type { QueryRunner } from '../store/port';
import { EntitlementRow, GroupRow, IdentityRow, parseRows, type Entitlement, type Group, type Identity } from './rows';

export interface SearchHits {
  identities: Identity[];
  groups: Group[];
  entitlements: Entitlement[];
}

/** Name, email or id search over identities, groups and entitlements; `text` is already trimmed and non-empty. */
export async function searchGraph(db: QueryRunner, text: string, limit: number): Promise<SearchHits> {
  const params = { text: text.toLowerCase(), limit };
  // One after another: the embedded store runs one query at a time anyway.
  const identities = parseRows(IdentityRow, await db.run('search/identities', params), 'search/identities');
  const groups = parseRows(GroupRow, await db.run('search/groups', params), 'search/groups');
  const entitlements = parseRows(EntitlementRow, await db.run('search/entitlements', params), 'search/entitlements');
  return { identities, groups, entitlements };
}
