import { WhohasError } from '../errors';
import { readGraphVersion } from '../graph-version';
import type { GraphStore, QueryRunner } from '../store/port';
import type { AccessMap, HeldMap } from './evaluate';
import { readPaths } from './sod-data';

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

  /** Reads, inside the evaluation's own transaction, the evidence of these identities. */
  async load(tx: QueryRunner, identityIds: Iterable<string>): Promise<AccessMap> {
    const missing = [...new Set(identityIds)].filter((id) => this.held.has(id) && !this.asked.has(id));
    for (const [id, paths] of await readPaths(tx, missing, this.entitlementIds, this.nowIso)) this.paths.set(id, paths);
    for (const id of missing) this.asked.add(id);
    return this.paths;
  }

  /** These identities' evidence (those holding no rule entitlement are absent), read from the store where not yet read. */
  async of(identityIds: Iterable<string>): Promise<AccessMap> {
    const wanted = [...new Set(identityIds)];
    if (wanted.some((id) => this.held.has(id) && !this.asked.has(id))) {
      await this.store.read(async (tx) => {
        if ((await readGraphVersion(tx)) !== this.graphVersion) {
          throw new WhohasError('GRAPH_MOVED', `The graph moved on from ${this.graphVersion} while separation of duties was evaluated; ask again`);
        }
        await this.load(tx, wanted);
      });
    }
    return new Map(wanted.flatMap((id) => (this.paths.has(id) ? [[id, this.paths.get(id)!] as const] : [])));
  }
}
