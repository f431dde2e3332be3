import type { Copilot } from '../copilot/copilot';
import type { FlightRecorder } from '../src/audit/flight-recorder';
import type { Requester } from '../src/audit/records';
import { WhohasError } from '../src/errors';
import type { Principal } from '../src/auth/roles';
import type { GraphStore } from '../src/store/port';
import { createLoaders, type Loaders } from './loaders';
import { AnswerValidity } from './response-cache/answer-validity';

export interface AppServices {
  store: GraphStore;
  /** The clock for expiry checks; tests pin it. */
  now: () => Date;
  /** What-if simulations and the decision log they are recorded in. */
  recorder: FlightRecorder;
  /** Answers questions in words, from the graph (copilot/). */
  copilot: Copilot;
}

/** Who is asking, as recorded in the decision log: a key or token name when authenticated, else a self-declared name. */
export interface Client {
  id: string;
  authenticated: boolean;
}

export interface RequestContext {
  store: GraphStore;
  loaders: Loaders;
  /** One instant per request, so every field of an answer agrees on what has expired. */
  now: string;
  /** The caller holds the admin role: it may change rules (not data; data changes only by ingest). */
  isAdmin: boolean;
  client: Client;
  /** Resolved from the request's credentials (src/auth/resolve-principal.ts); `@Authorized` checks its roles. */
  principal: Principal;
  recorder: FlightRecorder;
  copilot: Copilot;
  /** Until when this answer holds, as its time-dependent fields report it (for the response cache). */
  answer: AnswerValidity;
}

/** A context for a caller already resolved by the HTTP layer (src/auth/middleware.ts). */
export function createContext(services: AppServices, principal: Principal): RequestContext {
  const client: Client = { id: principal.id, authenticated: principal.authenticated };
  return {
    store: services.store, loaders: createLoaders(services.store), now: services.now().toISOString(),
    isAdmin: principal.roles.includes('admin'), client, principal, recorder: services.recorder, copilot: services.copilot,
    answer: new AnswerValidity(),
  };
}

/**
 * Who to record in the decision log. A credential bound to an agent identity always acts as that
 * agent: it may name it, or leave actingAs out, but may not claim to be another identity.
 */
export function requesterOf(ctx: RequestContext, actingAs: string | null): Requester {
  const bound = ctx.principal.agentIdentityId;
  if (bound && actingAs && actingAs !== bound) {
    throw new WhohasError('FORBIDDEN', `This credential is bound to agent '${bound}' and cannot act as '${actingAs.slice(0, 100)}'`);
  }
  return { client: ctx.client.id, authenticated: ctx.client.authenticated, actingAs: bound ?? actingAs };
}
