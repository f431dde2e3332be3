import { describeBlocker, explainSummary, nearMissSentence, type NamedHop } from '../../src/access/explain-summary';
import { nearMisses } from '../../src/read/near-miss-reader';
import { isDelegated, pathExpiry, type StoredPath } from '../../src/access/path';
import type { AccessGrantView } from '../../src/read/access-reader';
import type { RequestContext } from '../context';
import type { AccessExplanation, AccessGrant, AccessHop, AccessPath } from '../types/access.type';

export function toGrant(view: AccessGrantView): AccessGrant {
  return {
    identityId: view.identityId,
    entitlementId: view.entitlementId,
    viaDelegation: view.viaDelegation,
    lastUsedAt: view.lastUsedAt,
    useCount: view.useCount,
    storedPaths: view.paths,
  };
}

export function toPath(path: StoredPath): AccessPath {
  return {
    hops: path.map(
      (hop): AccessHop => ({
        kind: hop.k,
        id: hop.id,
        edge: hop.e ?? null,
        direction: hop.e ? (hop.d ?? (hop.e === 'DELEGATES_TO' ? 'reverse' : 'forward')) : null,
        expiresAt: hop.x ?? null,
        hop,
      }),
    ),
    expiresAt: pathExpiry(path),
    viaDelegation: isDelegated(path),
  };
}

/** A hop's display name, batched through the request's loaders; the id when the node is gone. */
export async function hopName(ctx: RequestContext, kind: string, id: string): Promise<string> {
  if (kind === 'identity') return (await ctx.loaders.identity.load(id))?.displayName ?? id;
  if (kind === 'account') {
    const a = await ctx.loaders.account.load(id);
    return a?.username ?? id;
  }
  if (kind === 'group') return (await ctx.loaders.group.load(id))?.name ?? id;
  return (await ctx.loaders.entitlement.load(id))?.name ?? id;
}

async function named(ctx: RequestContext, path: StoredPath): Promise<NamedHop[]> {
  return Promise.all(path.map(async (h) => ({ kind: h.k, id: h.id, name: await hopName(ctx, h.k, h.id), edge: h.e ?? null, expiresAt: h.x ?? null })));
}

export async function explain(
  ctx: RequestContext,
  identityId: string,
  entitlementId: string,
  view: AccessGrantView | null,
): Promise<AccessExplanation> {
  const [identity, entitlement] = await Promise.all([ctx.loaders.identity.load(identityId), ctx.loaders.entitlement.load(entitlementId)]);
  const system = entitlement ? await ctx.loaders.system.load(entitlement.systemId) : null;
  const paths = view?.paths ?? [];
  const summaryInput = {
    identity: identity ? { name: identity.displayName } : null,
    entitlement: entitlement ? { name: entitlement.name, system: system?.name ?? null } : null,
    identityId,
    entitlementId,
    paths: await Promise.all(paths.map((p) => named(ctx, p))),
    viaDelegation: view?.viaDelegation ?? false,
  };
  let summary = explainSummary(summaryInput);
  const misses = !paths.length && identity && entitlement ? await nearMisses(ctx.store, identityId, entitlementId, ctx.now) : [];
  const nearMissViews = await Promise.all(
    misses.map(async (m) => {
      const hops = await named(ctx, m.path);
      const blockers = m.blockers.map((b) => ({
        kind: b.kind,
        hopIndex: b.hop,
        expiredAt: b.expiredAt ?? null,
        scope: b.scope ?? null,
        reason: describeBlocker(b, hops, entitlement!.name),
      }));
      return { path: toPath(m.path), blockers, hops };
    }),
  );
  if (nearMissViews.length) {
    const first = nearMissViews[0];
    const what = `${entitlement!.name}${system ? ` on ${system.name}` : ''}`;
    summary = nearMissSentence(identity!.displayName, what, first.blockers.map((b) => b.reason), first.hops);
  }
  return {
    identityId,
    entitlementId,
    granted: paths.length > 0,
    viaDelegation: view?.viaDelegation ?? false,
    paths: paths.map(toPath),
    nearMisses: nearMissViews.map(({ path, blockers }) => ({ path, blockers })),
    summary,
  };
}
