import { z } from 'zod';
import { effectiveAccess } from '../src/read/access-reader';
import { identitiesById } from '../src/read/graph-reader';
import type { GraphStore } from '../src/store/port';
import type { ReadInputs } from './read-bench';

const Top = z.object({ entitlementId: z.string(), holders: z.union([z.number(), z.bigint()]).transform(Number) });

/** Who and what the read figures ask about: spread-out people, the most-held entitlement, granted pairs. */
export async function benchInputs(store: GraphStore, humans: number): Promise<ReadInputs & { smallEntitlement: string }> {
  const people = Array.from({ length: 100 }, (_, i) => `hr:E${10001 + ((i * 37) % humans)}`);
  const top = (await store.run('bench/top-held-entitlements', { limit: 200 })).map((r) => Top.parse(r));
  const now = new Date().toISOString();
  const grantedPairs: ReadInputs['grantedPairs'] = [];
  for (const [k, id] of people.entries()) {
    const { nodes } = await effectiveAccess(store, id, { skip: 0, limit: 50 }, now);
    // A grant from the middle of the list: not always the first, most common one.
    if (nodes.length) grantedPairs.push({ identityId: id, entitlementId: nodes[(k * 7) % nodes.length].entitlementId });
  }
  const peerGroups: ReadInputs['peerGroups'] = [];
  for (const p of await identitiesById(store, people.slice(0, 30))) {
    if (p?.department && p.title) peerGroups.push({ identityId: p.id, kind: p.kind, department: p.department, title: p.title });
  }
  return {
    people,
    topEntitlement: { id: top[0].entitlementId, holders: top[0].holders },
    grantedPairs,
    peerGroups,
    // A whoHas a console asks often: an entitlement with a few hundred holders or fewer.
    smallEntitlement: (top.find((t) => t.holders <= 300) ?? top[top.length - 1]).entitlementId,
  };
}
