import DataLoader from 'dataloader';
import {
  CATALOG_TABLES, accountsById, accountsOfIdentities, delegationsFrom, delegationsTo, entitlementsById, groupsById, identitiesById, systemsById,
} from '../src/read/graph-reader';
import { GenerationCache } from '../src/read/generation-cache';
import { WholeTable } from '../src/read/whole-table';
import type { GraphStore } from '../src/store/port';

/** Keys kept per kind across requests (a few hundred bytes each); the oldest go first past it. */
const SHARED_KEYS_PER_KIND = 50_000;

type Batch<V> = (db: GraphStore, ids: readonly string[]) => Promise<V[]>;
const BATCHES = {
  identity: identitiesById, account: accountsById, group: groupsById, entitlement: entitlementsById, system: systemsById,
  accountsOf: accountsOfIdentities, delegationsFrom, delegationsTo,
} satisfies Record<string, Batch<unknown>>;
type Kind = keyof typeof BATCHES;
type ValueOf<K extends Kind> = Awaited<ReturnType<(typeof BATCHES)[K]>>[number];

/**
 * Rows by id are a function of the graph alone, so they are shared between requests until the
 * store is written (src/read/generation-cache.ts). Per-field `@Authorized` still decides what each
 * caller sees of them; nothing here depends on who asks.
 */
const shared = new WeakMap<GraphStore, Map<Kind, GenerationCache<unknown>>>();

function cacheFor<K extends Kind>(db: GraphStore, kind: K): GenerationCache<ValueOf<K>> {
  let caches = shared.get(db);
  if (!caches) shared.set(db, (caches = new Map()));
  let cache = caches.get(kind);
  if (!cache) caches.set(kind, (cache = new GenerationCache<unknown>(db, SHARED_KEYS_PER_KIND)));
  return cache as GenerationCache<ValueOf<K>>;
}

/** A catalog table is read whole (src/read/whole-table.ts) up to this many rows: 50k groups are about 15 MB. */
const WHOLE_TABLE_MAX_ROWS = 50_000;

type CatalogKind = keyof typeof CATALOG_TABLES;
const wholeTables = new WeakMap<GraphStore, Map<CatalogKind, WholeTable<{ id: string }>>>();

function wholeTableFor(db: GraphStore, kind: CatalogKind): WholeTable<{ id: string }> {
  let tables = wholeTables.get(db);
  if (!tables) wholeTables.set(db, (tables = new Map()));
  let table = tables.get(kind);
  if (!table) tables.set(kind, (table = new WholeTable<{ id: string }>(db, CATALOG_TABLES[kind], WHOLE_TABLE_MAX_ROWS)));
  return table;
}

const isCatalogKind = (kind: Kind): kind is CatalogKind => Object.hasOwn(CATALOG_TABLES, kind);

/**
 * One set per request: DataLoader batches the keys a request asks for in one tick, and the shared
 * cache behind it answers the keys an earlier request already read at the same write generation.
 */
export function createLoaders(db: GraphStore) {
  const opts = { maxBatchSize: 1000 };
  const loader = <K extends Kind>(kind: K) => {
    const batch = BATCHES[kind] as Batch<ValueOf<K>>;
    const byId = (ids: readonly string[]) => cacheFor(db, kind).getMany(ids, (missing) => batch(db, missing));
    if (!isCatalogKind(kind)) return new DataLoader(byId, opts);
    return new DataLoader(async (ids: readonly string[]) => {
      const table = await wholeTableFor(db, kind).get();
      return table ? ids.map((id) => (table.get(id) ?? null) as ValueOf<K>) : byId(ids);
    }, opts);
  };
  return {
    identity: loader('identity'),
    account: loader('account'),
    group: loader('group'),
    entitlement: loader('entitlement'),
    system: loader('system'),
    accountsOf: loader('accountsOf'),
    delegationsFrom: loader('delegationsFrom'),
    delegationsTo: loader('delegationsTo'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
