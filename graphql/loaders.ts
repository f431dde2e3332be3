import DataLoader from 'dataloader';
import {
  accountsById, accountsOfIdentities, delegationsFrom, delegationsTo, entitlementsById, groupsById, identitiesById, systemsById,
} from '../src/read/graph-reader';
import type { QueryRunner } from '../src/store/port';

/** One set per request, so a batch never serves another caller's cached rows. */
export function createLoaders(db: QueryRunner) {
  const opts = { maxBatchSize: 1000 };
  return {
    identity: new DataLoader((ids: readonly string[]) => identitiesById(db, ids), opts),
    account: new DataLoader((ids: readonly string[]) => accountsById(db, ids), opts),
    group: new DataLoader((ids: readonly string[]) => groupsById(db, ids), opts),
    entitlement: new DataLoader((ids: readonly string[]) => entitlementsById(db, ids), opts),
    system: new DataLoader((ids: readonly string[]) => systemsById(db, ids), opts),
    accountsOf: new DataLoader((ids: readonly string[]) => accountsOfIdentities(db, ids), opts),
    delegationsFrom: new DataLoader((ids: readonly string[]) => delegationsFrom(db, ids), opts),
    delegationsTo: new DataLoader((ids: readonly string[]) => delegationsTo(db, ids), opts),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
