import { isActive, pathExpiry, type StoredPath } from '../access/path';
import { WhohasError } from '../errors';
import { readGraphVersion } from '../graph-version';
import type { GraphStore, QueryRunner } from '../store/port';
import type { AccessMap, HeldMap } from './evaluate';
import { readPaths } from './sod-data';

function activeAt(held: Map<string, StoredPath[]>, nowIso: string): Map<string, StoredPath[]> {
  const out = new Map<string, StoredPath[]>();
  for (const [entitlementId, paths] of held) {
    const active = paths.filter((p) => isActive(p, nowIso));
    if (active.length) out.set(entitlementId, active);
  }
  return out;
}

/**
 * The paths behind the rule holdings of one evaluation, read once per identity: the violators' (and
 * those they control) with the evaluation, anyone else's when a what-if asks for them. A later read
 * that finds the graph replaced by an ingest is refused with GRAPH_MOVED, so an evaluation never
 * mixes two graphs.
 */
export class Evidence {
  private readonly paths: AccessMap = new Map();
  private readonly asked = new Set<string>();

  constructor(
    private readonly store: GraphStore,
    private readonly graphVersion: string,
    private readonly held: HeldMap,
    private readonly entitlementIds: string[],
    private readonly nowIso: string,
  ) {}

  /** The earliest instant after the evaluation's at which a path read so far expires (null: none does). */
  nextExpiry(): string | null {
    let next: string | null = null;
    for (const held of this.paths.values()) {
      for (const paths of held.values()) {
        for (const p of paths) {
          const until = pathExpiry(p);
          if (until !== null && (next === null || until < next)) next = until;
        }
      }
    }
    return next;
  }

  /** Reads, inside the evaluation's own transaction, the evidence of these identities. */
  async load(tx: QueryRunner, identityIds: Iterable<string>): Promise<AccessMap> {
    const missing = [...new Set(identityIds)].filter((id) => this.held.has(id) && !this.asked.has(id));
    for (const [id, paths] of await readPaths(tx, missing, this.entitlementIds, this.nowIso)) this.paths.set(id, paths);
    for (const id of missing) this.asked.add(id);
    return this.paths;
  }

  /**
   * These identities' evidence at `nowIso` (those holding no rule entitlement are absent), read from
   * the store where not yet read. An evaluation serves later instants too (until its validUntil), so
   * a path that has expired since it was read is left out here.
   */
  async of(identityIds: Iterable<string>, nowIso: string): Promise<AccessMap> {
    const wanted = [...new Set(identityIds)];
    if (wanted.some((id) => this.held.has(id) && !this.asked.has(id))) {
      await this.store.read(async (tx) => {
        if ((await readGraphVersion(tx)) !== this.graphVersion) {
          throw new WhohasError('GRAPH_MOVED', `The graph moved on from ${this.graphVersion} while separation of duties was evaluated; ask again`);
        }
        await this.load(tx, wanted);
      });
    }
    const out: AccessMap = new Map();
    for (const id of wanted) {
      const held = this.paths.get(id);
      if (held) out.set(id, nowIso === this.nowIso ? held : activeAt(held, nowIso));
    }
    return out;
  }
}
