import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BundleDirWriter } from '../../src/export/bundle-writer';
import { exportGraph, type ExportOptions, type ExportSummary } from '../../src/export/export-graph';
import { effectiveAccess, holdersOf } from '../../src/read/access-reader';
import type { GraphStore } from '../../src/store/port';

export const PINNED_EXPORTED_AT = '2026-11-01T00:00:00.000Z';

/** Exports `store` into `dir` as `whohas export` does (pinned exportedAt, so two exports compare byte for byte). */
export async function exportTo(store: GraphStore, dir: string, opts: ExportOptions = {}): Promise<ExportSummary> {
  const writer = new BundleDirWriter(dir);
  try {
    return await exportGraph(store, writer, { exportedAt: PINNED_EXPORTED_AT, ...opts });
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

/** Every file of a folder, name -> exact text. */
export function folderFiles(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

const ALL = { skip: 0, limit: 100_000 };

/**
 * The answers the store gives: effective access of every identity and the holders of every
 * entitlement, with their paths, as read through the same readers GraphQL uses.
 */
export async function allAnswers(store: GraphStore, identityIds: string[], entitlementIds: string[], now: string) {
  const access: Record<string, unknown> = {};
  for (const id of identityIds) access[id] = (await effectiveAccess(store, id, ALL, now)).nodes;
  const holders: Record<string, unknown> = {};
  for (const id of entitlementIds) holders[id] = (await holdersOf(store, id, ALL, now)).nodes;
  return { access, holders };
}

/** Ids of one bundle file (first field of each NDJSON line). */
export function idsIn(dir: string, file: string): string[] {
  const text = readFileSync(join(dir, file), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => String((JSON.parse(line) as { id: string }).id));
}
