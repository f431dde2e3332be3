import { z } from 'zod';
import { WhohasError } from '../errors';
import type { Row } from '../store/port';
import { ENTITY_SCHEMAS, type EntityFile } from '../../ingest/bundle/records';

/**
 * How each bundle file is read back out of the graph: which named query (cypher/export/), which
 * column pages it, and how a row becomes a record of the identity bundle. Records list the spec's
 * fields in the spec's order and leave out what is absent, so the same graph always gives the same
 * bytes, whichever store holds it.
 */
export interface ExportPart {
  entity: EntityFile;
  query: string;
  /** The column the query pages by (`WHERE x > $after ORDER BY x`). */
  cursor: string;
  /** True when a page may hold several rows per cursor value (a start node with its relationships). */
  perStartNode: boolean;
  /** The record, or null for a start node that has none of this relationship. */
  toRecord(row: Row): Record<string, unknown> | null;
}

const cell = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).nullable().optional();
const RowCells = z.record(z.string(), cell);

/** The fields, in this order, that hold a value; absent and null both mean "not given" in a bundle. */
function present(row: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (row[k] !== null && row[k] !== undefined) out[k] = row[k];
  return out;
}

/**
 * Attributes are stored as JSON text and written back as the object it holds, keys in stored order:
 * ingesting the export then stores the very same text, so the graph is the same to the byte.
 */
function attributesOf(text: unknown, id: unknown): Record<string, string> | undefined {
  if (typeof text !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WhohasError('ROW_SHAPE_INVALID', `Identity '${String(id)}' has attributes that are not JSON`);
  }
  const map = z.record(z.string(), z.string()).safeParse(parsed);
  if (!map.success) throw new WhohasError('ROW_SHAPE_INVALID', `Identity '${String(id)}' has attributes that are not a map of strings`);
  return Object.keys(map.data).length ? map.data : undefined;
}

function nodePart(entity: EntityFile, keys: readonly string[], extra?: (row: Record<string, unknown>) => Record<string, unknown>): ExportPart {
  return {
    entity,
    query: `export/${entity}`,
    cursor: 'id',
    perStartNode: false,
    toRecord: (row) => ({ ...present(row, keys), ...(extra?.(row) ?? {}) }),
  };
}

function relPart(entity: EntityFile, query: string, cursor: string, otherEnd: string, build: (row: Record<string, unknown>) => Record<string, unknown>): ExportPart {
  return {
    entity,
    query,
    cursor,
    perStartNode: true,
    toRecord: (row) => (row[otherEnd] === null || row[otherEnd] === undefined ? null : build(row)),
  };
}

const IDENTITY_KEYS = ['id', 'kind', 'displayName', 'email', 'department', 'title', 'managerId', 'status', 'ownerId', 'purpose', 'createdAt', 'terminatedAt'];

/** In bundle load order (ENTITY_FILES), so a reader meets every id before what points at it. */
export const EXPORT_PARTS: readonly ExportPart[] = [
  {
    ...nodePart('identities', IDENTITY_KEYS),
    toRecord: (row) => {
      const attributes = attributesOf(row.attributes, row.id);
      return { ...present(row, IDENTITY_KEYS), ...(attributes ? { attributes } : {}) };
    },
  },
  nodePart('systems', ['id', 'name', 'criticality', 'ownerId']),
  nodePart('accounts', ['id', 'systemId', 'identityId', 'identityEmail', 'username', 'status', 'createdAt', 'lastLoginAt']),
  nodePart('groups', ['id', 'systemId', 'name', 'kind', 'description']),
  nodePart('entitlements', ['id', 'systemId', 'name', 'kind', 'privileged', 'sensitivity', 'description']),
  ...(['account', 'group'] as const).map((memberType) =>
    relPart('memberships', `export/memberships-${memberType}`, 'memberId', 'groupId', (r) =>
      present({ ...r, memberType }, ['memberId', 'memberType', 'groupId', 'grantedAt', 'expiresAt']),
    ),
  ),
  ...(['account', 'group'] as const).map((holderType) =>
    relPart('grants', `export/grants-${holderType}`, 'holderId', 'entitlementId', (r) =>
      present({ ...r, holderType }, ['holderId', 'holderType', 'entitlementId', 'grantedAt', 'expiresAt']),
    ),
  ),
  relPart('delegations', 'export/delegations', 'fromId', 'toId', (r) => present(r, ['fromId', 'toId', 'scope', 'grantedAt', 'expiresAt', 'purpose'])),
  nodePart('credentials', ['id', 'holderId', 'holderType', 'type', 'createdAt', 'expiresAt', 'lastRotatedAt', 'lastUsedAt']),
  // The graph keeps usage folded to (last used, count) per pair; one event carrying both folds back to the same.
  relPart('usage', 'export/usage-page', 'accountId', 'entitlementId', (r) =>
    present({ accountId: r.accountId, entitlementId: r.entitlementId, at: r.lastUsedAt, count: r.count }, ['accountId', 'entitlementId', 'at', 'count']),
  ),
  relPart('decisions', 'export/decisions', 'identityId', 'entitlementId', (r) =>
    present(r, ['identityId', 'entitlementId', 'outcome', 'kind', 'decidedAt', 'decidedBy', 'reason']),
  ),
];

/** A row as the store returned it: plain cells only (zod at the boundary), so a driver type never reaches a file. */
export function exportRow(part: ExportPart, row: Row): Record<string, unknown> {
  const parsed = RowCells.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WhohasError('ROW_SHAPE_INVALID', `Query '${part.query}' returned a row with ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The record must be one the bundle reader accepts as it is: an export that cannot be ingested again
 * is worse than none. Validated, not transformed: the bytes written are the record as built.
 */
export function checkedRecord(part: ExportPart, record: Record<string, unknown>): Record<string, unknown> {
  const result = ENTITY_SCHEMAS[part.entity].safeParse(record);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = record.id ?? record.memberId ?? record.holderId ?? record.fromId ?? record.accountId ?? record.identityId;
    throw new WhohasError(
      'ROW_SHAPE_INVALID',
      `The graph holds a ${part.entity} record (${String(key)}) the bundle format refuses: ${issue.path.join('.') || '(record)'} ${issue.message}`,
    );
  }
  return record;
}
