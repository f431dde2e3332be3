import { EventLoopTurns } from '../event-loop-turns';
import { readGraphVersion } from '../graph-version';
import { PeerModel } from '../peers/model';
import { PeerSnapshot, type Holding } from '../peers/snapshot';
import type { GraphStore, QueryRunner, Row } from '../store/port';
import { DecisionsRow, HoldingsRow, PeerEntitlementRow, PeerIdentityRow } from './peer-rows';
import { IDENTITIES_PER_PAGE, identityRanges } from './identity-ranges';
import { parseRow, parseRows } from './rows';
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

const HOLDINGS = 'peers/holdings-in-range';

export async function readPeerSnapshot(tx: QueryRunner, now: string, pageSize = IDENTITIES_PER_PAGE): Promise<SnapshotRead> {
  const graphVersion = await readGraphVersion(tx);
  const identities = parseRows(PeerIdentityRow, await tx.run('peers/identities', {}), 'peers/identities');
  const decisions = parseRows(DecisionsRow, await tx.run('peers/decisions', {}), 'peers/decisions').flatMap((r) =>
    r.decided.map((d) => ({ identityId: r.identityId, ...d })),
  );
  const entitlements = parseRows(PeerEntitlementRow, await tx.run('peers/entitlements', {}), 'peers/entitlements');
  const span: Span = { validFrom: null, validUntil: null };
  // The snapshot takes the holdings one at a time (at L 3.9M pairs, never all parsed and flattened
  // at once), a few hundred identities at a time, with requests served between (about 3 s at L);
  // they are read a page of identities at a time, so the rows of one page at most are held.
  const snapshot = new PeerSnapshot({ identities, holdings: [], decisions, entitlements });
  const turns = new EventLoopTurns();
  for await (const range of identityRanges(tx, pageSize)) {
    const rows = await tx.run(HOLDINGS, { ...range });
    for (let from = 0; from < rows.length; from += HOLDING_ROWS_PER_PART) {
      if (turns.due()) await turns.pause();
      snapshot.addHoldings(activeHoldings(rows, from, Math.min(rows.length, from + HOLDING_ROWS_PER_PART), now, span));
    }
  }
  return { snapshot, graphVersion, ...span };
}

interface Span {
  validFrom: string | null;
  validUntil: string | null;
}

/** Identities (rows) whose holdings go into the snapshot between two checks for a pause. */
const HOLDING_ROWS_PER_PART = 200;

/** The pairs active at `now` in rows [from, to), parsed row by row; `span` learns the instants between which they stay so. */
function* activeHoldings(rows: Row[], from: number, to: number, now: string, span: Span): Generator<{ identityId: string; entitlementId: string } & Holding> {
  for (let i = from; i < to; i++) {
    const r = parseRow(HoldingsRow, rows[i], i, HOLDINGS);
    for (const h of r.held) {
      if (h.activeUntil !== null && h.activeUntil <= now) {
        if (span.validFrom === null || h.activeUntil > span.validFrom) span.validFrom = h.activeUntil;
        continue;
      }
      if (h.activeUntil !== null && (span.validUntil === null || h.activeUntil < span.validUntil)) span.validUntil = h.activeUntil;
      yield { identityId: r.identityId, entitlementId: h.entitlementId, lastUsedAt: h.lastUsedAt, useCount: h.useCount };
    }
  }
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
