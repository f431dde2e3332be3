import { sameSecret } from '../src/same-secret';
import type { GraphStore } from '../src/store/port';
import { createLoaders, type Loaders } from './loaders';

export interface AppServices {
  store: GraphStore;
  /** The clock for expiry checks; tests pin it. */
  now: () => Date;
  /** The per-start admin secret (see src/server/server-file.ts); admin mutations need it until auth lands. */
  adminToken?: string;
}

export interface RequestContext {
  store: GraphStore;
  loaders: Loaders;
  /** One instant per request, so every field of an answer agrees on what has expired. */
  now: string;
  /** The request carried the admin token: it may change rules (not data; data changes only by ingest). */
  isAdmin: boolean;
}

export function createContext(services: AppServices, adminHeader?: string): RequestContext {
  const isAdmin = Boolean(services.adminToken && adminHeader && sameSecret(adminHeader, services.adminToken));
  return { store: services.store, loaders: createLoaders(services.store), now: services.now().toISOString(), isAdmin };
}

