import { describeBlocker, explainSummary, nearMissSentence, type NamedHop } from '../../src/access/explain-summary';
import { nearMisses } from '../../src/read/near-miss-reader';
import { isDelegated, pathExpiry, type StoredPath } from '../../src/access/path';
import type { AccessGrantView } from '../../src/read/access-reader';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../context';
import { selectsPath } from '../selection';
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

/** Display names by `kind|id`, for every hop of the paths they were read for. */
export type HopNames = ReadonlyMap<string, string>;

const hopKey = (kind: string, id: string) => `${kind}|${id}`;

/** `names` is required when the caller selected `hops { name }` (an unnamed hop fails that field rather than showing a wrong name). */
export function toPath(path: StoredPath, names?: HopNames): AccessPath {
  return {
    hops: path.map(
      (hop): AccessHop => ({
        kind: hop.k,
        id: hop.id,
        name: names?.get(hopKey(hop.k, hop.id)) as string,
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

async function namesOfKind(ctx: RequestContext, kind: string, ids: string[]): Promise<Array<string | null | undefined>> {
  const l = ctx.loaders;
  if (kind === 'identity') return (await l.identity.loadMany(ids)).map((r) => ok(r)?.displayName);
  if (kind === 'account') return (await l.account.loadMany(ids)).map((r) => ok(r)?.username);
  if (kind === 'group') return (await l.group.loadMany(ids)).map((r) => ok(r)?.name);
  return (await l.entitlement.loadMany(ids)).map((r) => ok(r)?.name);
}

/** DataLoader's loadMany gives an Error in place of a row whose batch failed: fail the field as load() did. */
function ok<T>(row: T | Error): T {
  if (row instanceof Error) throw row;
  return row;
}

/**
 * The display names of every hop on `paths`, one loader batch per node kind for the whole list
 * (a page of grants names hundreds of hops; one field resolver per hop cost as much as the read).
 * A node that is gone is named by its id.
 */
export async function hopNames(ctx: RequestContext, paths: readonly StoredPath[]): Promise<HopNames> {
  const idsByKind = new Map<string, Set<string>>();
  for (const path of paths) {
    for (const hop of path) {
      let ids = idsByKind.get(hop.k);
      if (!ids) idsByKind.set(hop.k, (ids = new Set()));
      ids.add(hop.id);
    }
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...idsByKind].map(async ([kind, set]) => {
      const ids = [...set];
      const found = await namesOfKind(ctx, kind, ids);
      ids.forEach((id, i) => names.set(hopKey(kind, id), found[i] ?? id));
    }),
  );
  return names;
}

/** Paths as the API shows them, named only when the request selects `hops { name }` under `info`'s field. */
export async function pathsFor(ctx: RequestContext, info: GraphQLResolveInfo, paths: readonly StoredPath[]): Promise<AccessPath[]> {
  const names = selectsPath(info, ['hops', 'name']) ? await hopNames(ctx, paths) : undefined;
  return paths.map((p) => toPath(p, names));
}

function named(path: StoredPath, names: HopNames): NamedHop[] {
  return path.map((h) => ({ kind: h.k, id: h.id, name: names.get(hopKey(h.k, h.id)) ?? h.id, edge: h.e ?? null, expiresAt: h.x ?? null }));
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
  const misses = !paths.length && identity && entitlement ? await nearMisses(ctx.store, identityId, entitlementId, ctx.now) : [];
  // The summary quotes the hops by name, so explain always reads them: one batch for every path.
  const names = await hopNames(ctx, [...paths, ...misses.map((m) => m.path)]);
  let summary = explainSummary({
    identity: identity ? { name: identity.displayName } : null,
    entitlement: entitlement ? { name: entitlement.name, system: system?.name ?? null } : null,
    identityId,
    entitlementId,
    paths: paths.map((p) => named(p, names)),
    viaDelegation: view?.viaDelegation ?? false,
  });
  const nearMissViews = misses.map((m) => {
    const hops = named(m.path, names);
    const blockers = m.blockers.map((b) => ({
      kind: b.kind,
      hopIndex: b.hop,
      expiredAt: b.expiredAt ?? null,
      scope: b.scope ?? null,
      reason: describeBlocker(b, hops, entitlement!.name),
    }));
    return { path: toPath(m.path, names), blockers, hops };
  });
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
    paths: paths.map((p) => toPath(p, names)),
    nearMisses: nearMissViews.map(({ path, blockers }) => ({ path, blockers })),
    summary,
  };
}
