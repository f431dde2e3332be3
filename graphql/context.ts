import type { GraphStore } from '../src/store/port';
import { createLoaders, type Loaders } from './loaders';

export interface AppServices {
  store: GraphStore;
  /** The clock for expiry checks; tests pin it. */
  now: () => Date;
}

export interface RequestContext {
  store: GraphStore;
  loaders: Loaders;
  /** One instant per request, so every field of an answer agrees on what has expired. */
  now: string;
}

export function createContext(services: AppServices): RequestContext {
  return { store: services.store, loaders: createLoaders(services.store), now: services.now().toISOString() };
}
