import { ENTITY_FILES, type EntityFile, type SourceRecord } from '../bundle/records';
import type { RawRecord } from '../bundle/read-files';
import { keyOf, type Reject } from '../bundle/reject';
import type { CorrelationHint, RecordInput, TransformResult } from './connector';

/** Where a record came from: payload name and 1-based line (for JSON: the element's position). */
export interface Where {
  file: string;
  line: number;
}

/**
 * Collects a transform's output. Records are not validated here: the shared pipeline runs every
 * one through the bundle's zod schemas, so a connector cannot smuggle a bad record into the graph.
 */
export class BundleBuilder {
  private readonly records = Object.fromEntries(ENTITY_FILES.map((e) => [e, [] as RawRecord[]])) as TransformResult['records'];
  private readonly rejects: Reject[] = [];
  private readonly hints: CorrelationHint[] = [];
  private readonly notes: string[] = [];
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly source: SourceRecord) {}

  add<E extends EntityFile>(entity: E, value: RecordInput<E>, at: Where): void {
    this.records[entity].push({ file: at.file, line: at.line, value: dropUndefined(value as Record<string, unknown>) });
  }

  /** Adds a node record once per id: exports repeat shared things (a policy attached to many users). */
  addOnce<E extends 'identities' | 'systems' | 'accounts' | 'groups' | 'entitlements' | 'credentials'>(
    entity: E,
    value: RecordInput<E> & { id: string },
    at: Where,
  ): void {
    let ids = this.seen.get(entity);
    if (!ids) this.seen.set(entity, (ids = new Set()));
    if (ids.has(value.id)) return;
    ids.add(value.id);
    this.add(entity, value, at);
  }

  has(entity: EntityFile, id: string): boolean {
    return this.seen.get(entity)?.has(id) ?? false;
  }

  /**
   * `entity` and an `id`/edge keys in `raw` let a full run keep what the rejected record names
   * instead of removing it as no longer supplied: pass them whenever the record's identity is known.
   */
  reject(at: Where, field: string | null, reason: string, raw?: unknown, entity?: EntityFile): void {
    const id = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).id : undefined;
    this.rejects.push({ file: at.file, line: at.line, field, reason, id: typeof id === 'string' ? id : undefined, key: keyOf(raw), ...(entity ? { entity } : {}) });
  }

  hint(hint: CorrelationHint): void {
    const clean = dropUndefined(hint as unknown as Record<string, unknown>) as unknown as CorrelationHint;
    if (Object.keys(clean).length > 1) this.hints.push(clean);
  }

  note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }

  result(): TransformResult {
    return { source: this.source, records: this.records, rejects: this.rejects, hints: this.hints, notes: this.notes };
  }
}

/** JSON has no `undefined`; the strict schemas would otherwise see optional keys that are present-but-empty. */
function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}
