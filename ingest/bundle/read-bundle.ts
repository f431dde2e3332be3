import { WhohasError } from '../../src/errors';
import type { LocatedBundle } from './check-references';
import { parseRecord, type Located } from './parse-records';
import { checkFile, listBundle, readJsonFile, readRecords } from './read-files';
import { ENTITY_FILES, ENTITY_SCHEMAS, SourceRecord, type EntityFile } from './records';
import type { Reject } from './reject';

export interface ParsedBundle {
  source: SourceRecord;
  sourceFromFile: boolean;
  records: LocatedBundle;
  rejects: Reject[];
  unknownFiles: string[];
  files: string[];
}

/** Without a source.json the run may only add: guessing `full` could delete another source's data. */
export const DEFAULT_SOURCE: SourceRecord = { source: 'manual', mode: 'incremental', exportedAt: new Date(0).toISOString() };

const EDGE_KEY: Partial<Record<EntityFile, (r: Record<string, unknown>) => string>> = {
  memberships: (r) => `${r.memberType}|${r.memberId}|${r.groupId}`,
  grants: (r) => `${r.holderType}|${r.holderId}|${r.entitlementId}`,
  delegations: (r) => `${r.fromId}|${r.toId}`,
};

/** get + transform for the identity bundle: every file read, every record schema-checked, nothing written. */
export async function readBundle(dir: string, opts: { maxFileBytes: number }): Promise<ParsedBundle> {
  const listing = await listBundle(dir);
  for (const f of listing.files) await checkFile(f, opts.maxFileBytes);

  const rejects: Reject[] = [];
  let source = DEFAULT_SOURCE;
  const sourceFile = listing.files.find((f) => f.entity === 'source');
  if (sourceFile) {
    const parsed = SourceRecord.safeParse(await readJsonFile(sourceFile));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new WhohasError(
        'BUNDLE_REJECTED',
        `source.json: field '${issue.path.join('.') || '(root)'}' ${issue.message}; the run needs a valid source and mode`,
        { file: 'source.json' },
      );
    }
    source = parsed.data;
  }

  const records = Object.fromEntries(ENTITY_FILES.map((e) => [e, []])) as unknown as LocatedBundle;
  for (const entity of ENTITY_FILES) {
    const seen = new Map<string, { item: Located<unknown>; index: number }>();
    const keyOf = EDGE_KEY[entity];
    const bucket = records[entity] as Located<unknown>[];
    for (const file of listing.files.filter((f) => f.entity === entity)) {
      for await (const raw of readRecords(file, rejects)) {
        const item = parseRecord(ENTITY_SCHEMAS[entity] as never, raw, rejects) as Located<Record<string, unknown>> | null;
        if (!item) continue;
        if (entity === 'usage') {
          bucket.push(item);
          continue;
        }
        const key = keyOf ? keyOf(item.record) : String(item.record.id);
        const first = seen.get(key);
        if (first && !keyOf) {
          const at = `${first.item.file}:${first.item.line}`;
          rejects.push({ file: item.file, line: item.line, field: 'id', reason: `duplicate id '${key}' (first at ${at})`, id: key });
          continue;
        }
        // A repeated edge is the same fact stated twice: the later statement wins.
        if (first) bucket[first.index] = item;
        else {
          seen.set(key, { item, index: bucket.length });
          bucket.push(item);
        }
      }
    }
  }
  return {
    source,
    sourceFromFile: Boolean(sourceFile),
    records,
    rejects,
    unknownFiles: listing.unknownFiles,
    files: listing.files.map((f) => f.name),
  };
}
