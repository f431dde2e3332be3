import type { Copilot } from '../copilot/copilot';
import type { FlightRecorder } from '../src/audit/flight-recorder';
import type { Requester } from '../src/audit/records';
import { sameSecret } from '../src/same-secret';
import type { GraphStore } from '../src/store/port';
import { createLoaders, type Loaders } from './loaders';

export interface AppServices {
  store: GraphStore;
  /** The clock for expiry checks; tests pin it. */
  now: () => Date;
  /** The per-start admin secret (see src/server/server-file.ts); admin mutations need it until auth lands. */
  adminToken?: string;
  /** What-if simulations and the decision log they are recorded in. */
  recorder: FlightRecorder;
  /** Answers questions in words, from the graph (copilot/). */
  copilot: Copilot;
}

/** Who is asking, as far as this server can tell (issue 10 replaces the self-declared name with keys and tokens). */
export interface Client {
  id: string;
  authenticated: boolean;
}

export interface RequestContext {
  store: GraphStore;
  loaders: Loaders;
  /** One instant per request, so every field of an answer agrees on what has expired. */
  now: string;
  /** The request carried the admin token: it may change rules (not data; data changes only by ingest). */
  isAdmin: boolean;
  client: Client;
  recorder: FlightRecorder;
  copilot: Copilot;
}

export interface RequestHeaders {
  adminToken?: string;
  /** `x-whohas-client`: a name an unauthenticated caller gives itself, recorded as such. */
  clientName?: string;
}

const CLIENT_NAME = /^[\w.@:/-]{1,100}$/;

export function createContext(services: AppServices, headers: RequestHeaders = {}): RequestContext {
  const isAdmin = Boolean(services.adminToken && headers.adminToken && sameSecret(headers.adminToken, services.adminToken));
  const named = headers.clientName && CLIENT_NAME.test(headers.clientName) ? headers.clientName : null;
  const client: Client = isAdmin ? { id: 'admin', authenticated: true } : { id: named ?? 'anonymous', authenticated: false };
  return { store: services.store, loaders: createLoaders(services.store), now: services.now().toISOString(), isAdmin, client, recorder: services.recorder, copilot: services.copilot };
}

export function requesterOf(ctx: RequestContext, actingAs: string | null): Requester {
  return { client: ctx.client.id, authenticated: ctx.client.authenticated, actingAs };
}
