import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/**
 * The Amazon Employee Access data (Kaggle 2013; ../shared/data/amazon-employee-access) as an
 * identity bundle. A requester has no employee id, only a manager and role attributes, so one
 * requester is one distinct tuple of them. Their manager becomes an identity of their own (the
 * MANAGER grouping), ROLE_DEPTNAME the department, ROLE_TITLE the title, the other role fields
 * attributes. Every resource is an entitlement; an approved training request is a grant through the
 * requester's account, and every training request is a decision (the whohas decisions extension).
 * Test rows contribute only what is known when a request arrives: the requester and the resource.
 */
const ROLE_ATTRIBUTES = ['ROLE_ROLLUP_1', 'ROLE_ROLLUP_2', 'ROLE_FAMILY_DESC', 'ROLE_FAMILY', 'ROLE_CODE'] as const;
const code = z.string().regex(/^\d+$/, 'must be an integer code');

export const AccessRequestRow = z.object({
  ACTION: z.enum(['0', '1']).optional(),
  RESOURCE: code,
  MGR_ID: code,
  ROLE_ROLLUP_1: code,
  ROLE_ROLLUP_2: code,
  ROLE_DEPTNAME: code,
  ROLE_TITLE: code,
  ROLE_FAMILY_DESC: code,
  ROLE_FAMILY: code,
  ROLE_CODE: code,
});
export type AccessRequest = z.infer<typeof AccessRequestRow>;

export function readAccessRequests(path: string, needLabels: boolean): AccessRequest[] {
  const records = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  return records.map((raw, i) => {
    const parsed = AccessRequestRow.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path} row ${i + 2}: ${issue.path.join('.') || '(row)'} ${issue.message}`);
    }
    if (needLabels && parsed.data.ACTION === undefined) throw new Error(`${path} row ${i + 2}: ACTION is required in training data`);
    return parsed.data;
  });
}

export const SYSTEM_ID = 'amazon';

export function requesterId(r: AccessRequest): string {
  const tuple = [r.MGR_ID, r.ROLE_DEPTNAME, r.ROLE_TITLE, ...ROLE_ATTRIBUTES.map((a) => r[a])].join('|');
  return `amazon:requester/${createHash('sha256').update(tuple).digest('hex').slice(0, 16)}`;
}

export const managerId = (r: AccessRequest) => `amazon:employee/${r.MGR_ID}`;
export const resourceId = (resource: string) => `amazon:resource/${resource}`;
const accountId = (identity: string) => identity.replace('amazon:requester/', 'amazon:account/');

/** Writes the bundle folder; returns how many records of each kind it wrote. */
export async function writeAccessBundle(dir: string, train: AccessRequest[], test: AccessRequest[]): Promise<Record<string, number>> {
  const identities = new Map<string, object>();
  const accounts: object[] = [];
  for (const r of [...train, ...test]) {
    const manager = managerId(r);
    if (!identities.has(manager)) identities.set(manager, { id: manager, kind: 'human', displayName: `Employee ${r.MGR_ID}`, status: 'active' });
  }
  for (const r of [...train, ...test]) {
    const id = requesterId(r);
    if (identities.has(id)) continue;
    identities.set(id, {
      id,
      kind: 'human',
      displayName: `Requester ${id.slice(-6)}`,
      status: 'active',
      department: r.ROLE_DEPTNAME,
      title: r.ROLE_TITLE,
      managerId: managerId(r),
      attributes: Object.fromEntries(ROLE_ATTRIBUTES.map((a) => [a, r[a]])),
    });
    accounts.push({ id: accountId(id), systemId: SYSTEM_ID, identityId: id, status: 'enabled' });
  }
  const resources = [...new Set([...train, ...test].map((r) => r.RESOURCE))].sort();
  const files: Record<string, object[]> = {
    identities: [...identities.values()],
    systems: [{ id: SYSTEM_ID, name: 'Amazon resources' }],
    accounts,
    entitlements: resources.map((res) => ({ id: resourceId(res), systemId: SYSTEM_ID, name: `resource ${res}` })),
    grants: train
      .filter((r) => r.ACTION === '1')
      .map((r) => ({ holderId: accountId(requesterId(r)), holderType: 'account', entitlementId: resourceId(r.RESOURCE) })),
    decisions: train.map((r) => ({
      identityId: requesterId(r),
      entitlementId: resourceId(r.RESOURCE),
      outcome: r.ACTION === '1' ? 'approved' : 'denied',
      kind: 'request',
    })),
  };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'source.json'), JSON.stringify({ source: 'amazon-access', mode: 'full', exportedAt: new Date().toISOString() }) + '\n');
  const counts: Record<string, number> = {};
  for (const [name, rows] of Object.entries(files)) {
    await writeFile(join(dir, `${name}.ndjson`), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    counts[name] = rows.length;
  }
  return counts;
}
