import type { QueryRunner } from '../../src/store/port';
import type { KnownIds } from './check-references';

async function idSet(tx: QueryRunner, query: string): Promise<Set<string>> {
  return new Set((await tx.run(query, {})).map((r) => String(r.id)));
}

export async function readKnownIds(tx: QueryRunner): Promise<KnownIds> {
  const identityRows = await tx.run('ingest/known-identities', {});
  const identityIdByEmail = new Map<string, string>();
  const identityAttributes = new Map<string, Record<string, string>>();
  for (const r of identityRows) {
    if (r.emailLower) identityIdByEmail.set(String(r.emailLower), String(r.id));
    if (typeof r.attributes === 'string' && r.attributes) identityAttributes.set(String(r.id), JSON.parse(r.attributes));
  }
  return {
    identities: new Set(identityRows.map((r) => String(r.id))),
    systems: await idSet(tx, 'ingest/known-systems'),
    accounts: await idSet(tx, 'ingest/known-accounts'),
    groups: await idSet(tx, 'ingest/known-groups'),
    entitlements: await idSet(tx, 'ingest/known-entitlements'),
    identityIdByEmail,
    identityAttributes,
  };
}
