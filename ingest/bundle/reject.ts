import { ENTITY_FILES, type EntityFile } from './records';

/** One record the run did not load, and why: the user's way back to the exact line to fix. */
export interface Reject {
  file: string;
  /** 1-based line in the file (for `.json` arrays: the element's 1-based position). */
  line: number;
  field: string | null;
  reason: string;
  id?: string;
  /** The identifying fields the record did have (id, or an edge's ends), so a full run keeps what it names. */
  key?: Record<string, string>;
  /**
   * What kind of record it was. Bundle files say it by name; a connector's payload (`authz.json`,
   * `GET /Users`) does not, and without it a full run could not keep what a rejected record names.
   */
  entity?: EntityFile;
}

/** The entity a reject was, from its tag or, for bundle files, from the file name. */
export function entityOfReject(r: Reject): EntityFile | null {
  if (r.entity) return r.entity;
  const base = r.file.split('.')[0];
  return ENTITY_FILES.includes(base as EntityFile) ? (base as EntityFile) : null;
}

/** Fields that identify a record of each kind; only these are copied into a reject's key. */
export const KEY_FIELDS = ['id', 'memberId', 'groupId', 'holderId', 'entitlementId', 'fromId', 'toId', 'accountId'] as const;

export function keyOf(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const key: Record<string, string> = {};
  for (const f of KEY_FIELDS) {
    const v = (value as Record<string, unknown>)[f];
    if (typeof v === 'string' && v.trim()) key[f] = v.trim();
  }
  return Object.keys(key).length ? key : undefined;
}

export function formatReject(r: Reject): string {
  const where = r.field ? ` field '${r.field}'` : '';
  return `${r.file}:${r.line}:${where} ${r.reason}`;
}
