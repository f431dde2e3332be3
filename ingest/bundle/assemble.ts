import { Interner } from '../../src/interner';
import type { LocatedBundle } from './check-references';
import { parseRecord, type Located } from './parse-records';
import type { RawRecord } from './read-files';
import { ENTITY_FILES, ENTITY_SCHEMAS, type EntityFile } from './records';
import type { Reject } from './reject';
import { UsageLog } from './usage-log';
import type { UsageRangeRead } from './usage-read-worker';

const EDGE_KEY: Partial<Record<EntityFile, (r: Record<string, unknown>) => string>> = {
  memberships: (r) => `${r.memberType}|${r.memberId}|${r.groupId}`,
  grants: (r) => `${r.holderType}|${r.holderId}|${r.entitlementId}`,
  delegations: (r) => `${r.fromId}|${r.toId}`,
};

/**
 * Id fields whose values repeat across many records: each distinct id is kept once. At L the 3M
 * memberships and grants name 320k accounts and groups, each parsed as its own string per record.
 */
const SHARED_ID_FIELDS: Partial<Record<EntityFile, readonly string[]>> = {
  memberships: ['memberId', 'groupId'],
  grants: ['holderId', 'entitlementId'],
  decisions: ['entitlementId', 'identityId'],
};

/**
 * Schema-checks raw records and drops repeats: the one path from "what a file or connector said"
 * to records the loader may write, shared by bundle files and every connector.
 */
export class RecordAssembler {
  readonly records = Object.fromEntries(ENTITY_FILES.map((e) => [e, e === 'usage' ? new UsageLog() : []])) as unknown as LocatedBundle;
  /** Where each key's record sits in its bucket (the record is the bucket's, not held twice). */
  private readonly seen = new Map<EntityFile, Map<string, number>>();

  /** One string per id among the edge and decision records (usage events share theirs in the usage log). */
  private readonly ids = new Interner();

  constructor(readonly rejects: Reject[]) {}

  private shareIds(record: Record<string, unknown>, fields: readonly string[]): void {
    for (const field of fields) {
      const value = record[field];
      if (typeof value === 'string') record[field] = this.ids.of(value);
    }
  }

  /**
   * One part of a usage file read by a worker thread (parallel-usage.ts), parts in file order: its
   * rejects and events, with line numbers moved by the `lineOffset` lines before the part. Returns
   * the offset of the next part.
   */
  absorbUsage(file: string, part: UsageRangeRead, lineOffset: number): number {
    for (const reject of part.rejects) this.rejects.push({ ...reject, line: reject.line + lineOffset });
    this.records.usage.absorb(file, part.columns, lineOffset);
    return lineOffset + part.lines;
  }

  push(entity: EntityFile, raw: RawRecord): void {
    const item = parseRecord(ENTITY_SCHEMAS[entity] as never, raw, this.rejects, entity) as Located<Record<string, unknown>> | null;
    if (!item) return;
    if (entity === 'usage') {
      this.records.usage.add(item.record as never, item.file, item.line);
      return;
    }
    const bucket = this.records[entity] as Located<unknown>[];
    const shared = SHARED_ID_FIELDS[entity];
    if (shared) this.shareIds(item.record, shared);
    // Events, not facts: many per pair are normal; their loaders fold them (latest decision wins).
    if (entity === 'decisions') {
      bucket.push(item);
      return;
    }
    let seen = this.seen.get(entity);
    if (!seen) this.seen.set(entity, (seen = new Map()));
    const keyOf = EDGE_KEY[entity];
    const key = keyOf ? keyOf(item.record) : String(item.record.id);
    const index = seen.get(key);
    if (index !== undefined && !keyOf) {
      const first = bucket[index];
      const at = `${first.file}:${first.line}`;
      this.rejects.push({ file: item.file, line: item.line, field: 'id', reason: `duplicate id '${key}' (first at ${at})`, id: key, entity });
      return;
    }
    // A repeated edge is the same fact stated twice: the later statement wins.
    if (index !== undefined) bucket[index] = item;
    else {
      seen.set(key, bucket.length);
      bucket.push(item);
    }
  }
}
