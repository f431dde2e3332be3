import { z } from 'zod';
import { readGraphVersion } from '../../src/graph-version';
import { parseRows } from '../../src/read/rows';
import type { GraphStore, QueryRunner } from '../../src/store/port';
import { tokens } from './fuzzy';

export type EntryKind = 'identity' | 'group' | 'entitlement' | 'system' | 'account';

/** One thing a question can name. `words` are the name's words for matching; `exact` are ids and emails. */
export interface DirectoryEntry {
  kind: EntryKind;
  id: string;
  name: string;
  /** Identities: human, service or agent. */
  identityKind?: string;
  /** Shown beside a name to tell namesakes apart: department and title, or the system. */
  detail: string;
  department?: string | null;
  systemId?: string | null;
  /** Accounts: the identity that owns it. */
  identityId?: string | null;
  status?: string | null;
  privileged?: boolean;
  words: string[];
  exact: string[];
}

const opt = z.string().nullable().optional().transform((v) => v ?? null);
const IdentityRow = z.object({ id: z.string(), kind: z.string(), name: z.string(), email: opt, department: opt, title: opt, status: opt });
const NamedRow = z.object({ id: z.string(), name: z.string(), systemId: opt, privileged: z.boolean().nullable().optional() });
const SystemRow = z.object({ id: z.string(), name: z.string() });
const AccountRow = z.object({ id: z.string(), username: opt, systemId: opt, identityId: opt, status: opt });

/** Every nameable thing in one graph version, loaded once per version (tens of thousands of rows). */
export class EntityDirectory {
  readonly byId = new Map<string, DirectoryEntry[]>();
  readonly departments: string[];

  constructor(readonly graphVersion: string, readonly entries: DirectoryEntry[]) {
    for (const e of entries) {
      const list = this.byId.get(e.id.toLowerCase());
      if (list) list.push(e);
      else this.byId.set(e.id.toLowerCase(), [e]);
    }
    this.departments = [...new Set(entries.flatMap((e) => (e.kind === 'identity' && e.department ? [e.department] : [])))].sort();
  }

  get(kind: EntryKind, id: string): DirectoryEntry | undefined {
    return this.byId.get(id.toLowerCase())?.find((e) => e.kind === kind);
  }

  accountsOf(identityId: string): DirectoryEntry[] {
    return this.entries.filter((e) => e.kind === 'account' && e.identityId === identityId);
  }
}

async function load(tx: QueryRunner, graphVersion: string): Promise<EntityDirectory> {
  const entries: DirectoryEntry[] = [];
  for (const r of parseRows(IdentityRow, await tx.run('copilot/directory-identities'), 'copilot/directory-identities')) {
    const detail = [r.kind === 'human' ? null : r.kind, r.title, r.department, r.status === 'active' ? null : r.status].filter(Boolean).join(', ');
    const local = r.email?.split('@')[0];
    entries.push({ kind: 'identity', id: r.id, name: r.name, identityKind: r.kind, detail, department: r.department, status: r.status, words: tokens(r.name), exact: [r.id, ...(r.email ? [r.email, local!] : [])] });
  }
  for (const r of parseRows(NamedRow, await tx.run('copilot/directory-groups'), 'copilot/directory-groups')) {
    entries.push({ kind: 'group', id: r.id, name: r.name, detail: `group on ${r.systemId}`, systemId: r.systemId, words: tokens(r.name), exact: [r.id] });
  }
  for (const r of parseRows(NamedRow, await tx.run('copilot/directory-entitlements'), 'copilot/directory-entitlements')) {
    entries.push({ kind: 'entitlement', id: r.id, name: r.name, detail: `entitlement on ${r.systemId}`, systemId: r.systemId, privileged: Boolean(r.privileged), words: tokens(r.name), exact: [r.id] });
  }
  for (const r of parseRows(SystemRow, await tx.run('copilot/directory-systems'), 'copilot/directory-systems')) {
    entries.push({ kind: 'system', id: r.id, name: r.name, detail: 'system', words: tokens(r.name), exact: [r.id] });
  }
  for (const r of parseRows(AccountRow, await tx.run('copilot/directory-accounts'), 'copilot/directory-accounts')) {
    const name = r.username ?? r.id;
    entries.push({ kind: 'account', id: r.id, name, detail: `account on ${r.systemId}${r.status === 'disabled' ? ', disabled' : ''}`, systemId: r.systemId, identityId: r.identityId, status: r.status, words: tokens(name), exact: [r.id, ...(r.username ? [r.username] : [])] });
  }
  return new EntityDirectory(graphVersion, entries);
}

const cache = new WeakMap<GraphStore, Promise<EntityDirectory>>();

/** The directory of the store's current graph version; reloaded once per ingest, shared by all questions. */
export async function entityDirectory(store: GraphStore): Promise<EntityDirectory> {
  const version = await readGraphVersion(store);
  const hit = cache.get(store);
  if (hit) {
    const dir = await hit.catch(() => null);
    if (dir?.graphVersion === version) return dir;
  }
  // Version read inside the same snapshot as the rows, so a directory never mixes two graphs.
  const next = store.read(async (tx) => load(tx, await readGraphVersion(tx)));
  cache.set(store, next);
  next.catch(() => cache.get(store) === next && cache.delete(store));
  return next;
}
