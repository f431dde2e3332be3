import { z } from 'zod';
import { readAccessGraph } from '../access/rebuild-index';
import { readGraphVersion } from '../graph-version';
import { parseRows } from '../read/rows';
import { WhohasError } from '../errors';
import type { GraphStore, QueryRunner } from '../store/port';
import { AccessModel, type GraphFacts } from './access-model';

const opt = z.string().nullable().optional().transform((v) => v ?? null);

const IdentityFactsRow = z.object({
  id: z.string(),
  kind: z.enum(['human', 'service', 'agent']),
  status: z.string(),
  displayName: z.string(),
  ownerId: opt,
  department: opt,
});
const AccountFactsRow = z.object({ id: z.string(), status: z.string(), systemId: z.string(), username: opt, ownerId: opt });
const NamedRow = z.object({ id: z.string(), name: z.string(), systemId: z.string() });
const EntitlementFactsRow = NamedRow.extend({ privileged: z.boolean().nullable().optional().transform((v) => v ?? false) });
const SystemNameRow = z.object({ id: z.string(), name: z.string() });
const UsageRow = z.object({
  identityId: z.string(),
  entitlementId: z.string(),
  lastUsedAt: opt,
  useCount: z.union([z.number(), z.bigint(), z.null()]).transform((v) => Number(v ?? 0)),
});

async function rows<T>(tx: QueryRunner, schema: z.ZodType<T>, query: string): Promise<T[]> {
  return parseRows(schema, await tx.run(query, {}), query);
}

const ATTEMPTS = 5;

/**
 * Reads the whole access-relevant graph, one query at a time, and keeps it only if the graph version
 * is the same before and after (else reads again): the model and its version describe one graph.
 * Not one long read transaction, because Kuzu 0.11.3 fails a writer's COMMIT whose checkpoint waits
 * more than a few seconds on an open reader, and at enterprise size this read takes longer than that.
 */
export async function loadAccessModel(store: GraphStore): Promise<AccessModel> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const version = await store.read(readGraphVersion);
    const model = await readAccessModel(store, version);
    if ((await store.read(readGraphVersion)) === version) return model;
  }
  throw new WhohasError('STORE_QUERY_FAILED', `The graph changed during each of ${ATTEMPTS} attempts to read it for simulation; try again after the ingests settle`);
}

/** Reads the model through `tx` (a transaction, or the store itself for one query at a time). */
export async function readAccessModel(tx: QueryRunner, graphVersion: string): Promise<AccessModel> {
  const facts: GraphFacts = {
    identities: new Map(
      (await rows(tx, IdentityFactsRow, 'simulate/identities')).map((r) => [
        r.id,
        { kind: r.kind, status: r.status, name: r.displayName, ownerId: r.ownerId, department: r.department },
      ]),
    ),
    accounts: new Map(
      (await rows(tx, AccountFactsRow, 'simulate/accounts')).map((r) => [
        r.id,
        { ownerId: r.ownerId, status: r.status, systemId: r.systemId, name: r.username ?? r.id },
      ]),
    ),
    groups: new Map((await rows(tx, NamedRow, 'simulate/groups')).map((r) => [r.id, { name: r.name, systemId: r.systemId }])),
    entitlements: new Map(
      (await rows(tx, EntitlementFactsRow, 'simulate/entitlements')).map((r) => [r.id, { name: r.name, systemId: r.systemId, privileged: r.privileged }]),
    ),
    systems: new Map((await rows(tx, SystemNameRow, 'simulate/systems')).map((r) => [r.id, r.name])),
    usage: new Map(
      (await rows(tx, UsageRow, 'access/usage-by-identity')).map((r) => [
        `${r.identityId}\u0000${r.entitlementId}`,
        { lastUsedAt: r.lastUsedAt, useCount: r.useCount },
      ]),
    ),
  };
  const graph = await readAccessGraph(tx);
  return new AccessModel(graphVersion, facts, graph);
}
