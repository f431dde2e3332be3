import { readGraphVersion } from '../graph-version';
import { PeerModel } from '../peers/model';
import { PeerSnapshot } from '../peers/snapshot';
import type { GraphStore, QueryRunner } from '../store/port';
import { DecisionsRow, HoldingsRow, PeerEntitlementRow, PeerIdentityRow } from './peer-rows';
import { parseRows } from './rows';
import { graphCache } from '../store/graph-caches';

/**
 * The peer snapshot at one instant, read in one consistent unit of work, with the span of instants
 * it stays right for: from the last expiry at or before `now` to the next one after it. Identities,
 * decisions and the catalogue change only by ingest, which moves the graph version.
 */
export interface SnapshotRead {
  snapshot: PeerSnapshot;
  graphVersion: string;
  validFrom: string | null;
  validUntil: string | null;
}

export async function readPeerSnapshot(tx: QueryRunner, now: string): Promise<SnapshotRead> {
  const graphVersion = await readGraphVersion(tx);
  const identities = parseRows(PeerIdentityRow, await tx.run('peers/identities', {}), 'peers/identities');
  const holdingRows = parseRows(HoldingsRow, await tx.run('peers/holdings', {}), 'peers/holdings').flatMap((r) =>
    r.held.map((h) => ({ identityId: r.identityId, ...h })),
  );
  const decisions = parseRows(DecisionsRow, await tx.run('peers/decisions', {}), 'peers/decisions').flatMap((r) =>
    r.decided.map((d) => ({ identityId: r.identityId, ...d })),
  );
  const entitlements = parseRows(PeerEntitlementRow, await tx.run('peers/entitlements', {}), 'peers/entitlements');
  let validFrom: string | null = null;
  let validUntil: string | null = null;
  const holdings = [];
  for (const h of holdingRows) {
    if (h.activeUntil !== null && h.activeUntil <= now) {
      if (validFrom === null || h.activeUntil > validFrom) validFrom = h.activeUntil;
      continue;
    }
    if (h.activeUntil !== null && (validUntil === null || h.activeUntil < validUntil)) validUntil = h.activeUntil;
    holdings.push(h);
  }
  return { snapshot: new PeerSnapshot({ identities, holdings, decisions, entitlements }), graphVersion, validFrom, validUntil };
}

interface CachedModel {
  read: Promise<SnapshotRead>;
  model: Promise<PeerModel>;
}

const cache = graphCache<CachedModel>();

function covers(r: SnapshotRead, graphVersion: string, now: string): boolean {
  return r.graphVersion === graphVersion && (r.validFrom === null || now >= r.validFrom) && (r.validUntil === null || now < r.validUntil);
}

/**
 * The peer model for the graph as it is at `now`, built once and shared by every request until an
 * ingest moves the graph version or an access pair expires. Building reads the whole access index
 * (without paths) and, where decisions exist, fits the weights: seconds on a large graph, once.
 * Requests arriving while it builds wait for that build instead of starting their own.
 */
export async function peerModel(store: GraphStore, now: string): Promise<PeerModel> {
  const graphVersion = await store.read(readGraphVersion);
  for (;;) {
    const hit = cache.get(store);
    if (!hit) break;
    const r = await hit.read.catch(() => null);
    if (r && covers(r, graphVersion, now)) return hit.model;
    // Stale: build, unless another request already started the replacement while this one waited.
    if (cache.get(store) === hit) break;
  }
  const read = store.read((tx) => readPeerSnapshot(tx, now));
  const entry: CachedModel = { read, model: read.then((r) => new PeerModel(r.snapshot)) };
  cache.set(store, entry);
  entry.model.catch(() => cache.get(store) === entry && cache.delete(store));
  return entry.model;
}
