import type { AccessGraphEdges } from '../../../src/access/rebuild-index';
import type { TimedEdge } from '../../../src/access/topology';
import type { Row } from '../../../src/store/port';
import { UintList } from '../../../src/typed-lists';
import type { CarriedEdge } from './live-rows';

/** The staged edge kinds that confer access, and the part of the index's input each one is. */
const INPUT_OF: Partial<Record<CarriedEdge, keyof AccessGraphEdges>> = {
  'memberships-account': 'accountMemberships',
  'memberships-group': 'groupMemberships',
  'grants-account': 'accountGrants',
  'grants-group': 'groupGrants',
};

/** Strings by number, each held once. */
class StringTable {
  private readonly numbers = new Map<string, number>();
  readonly values: string[] = [];

  of(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.numbers.set(value, n);
      this.values.push(value);
    }
    return n;
  }
}

/**
 * The memberships and grants of a new generation as they are staged, for its access index: reading
 * them back from the store took 13 s of the index phase at L (3M rows through the binding). Kept as
 * numbers while the bulk loads run (12 bytes an edge, 36 MB at L), made into edges only for the index.
 */
export class StagedAccessEdges {
  private ids = new StringTable();
  /** Expiry texts; an edge's expiry number is one more than its place here, 0 for none. */
  private expiries = new StringTable();
  private readonly lists = new Map<keyof AccessGraphEdges, { from: UintList; to: UintList; expiry: UintList }>();

  /** Rows of `kind` as they go to the bulk loader (fromId, toId, expiresAt); kinds that confer no access are ignored. */
  add(kind: CarriedEdge, rows: Row[]): void {
    const input = INPUT_OF[kind];
    if (!input) return;
    let list = this.lists.get(input);
    if (!list) this.lists.set(input, (list = { from: new UintList(), to: new UintList(), expiry: new UintList() }));
    for (const row of rows) {
      list.from.push(this.ids.of(String(row.fromId)));
      list.to.push(this.ids.of(String(row.toId)));
      list.expiry.push(row.expiresAt == null ? 0 : this.expiries.of(String(row.expiresAt)) + 1);
    }
  }

  /**
   * The edges as the index reads them from the store (access/*-memberships, access/*-grants). Once:
   * the numbers and the tables are let go, so they do not sit beside the index computation's heap.
   */
  take(): AccessGraphEdges {
    const of = (input: keyof AccessGraphEdges): TimedEdge[] => {
      const list = this.lists.get(input);
      if (!list) return [];
      const out: TimedEdge[] = new Array(list.from.length);
      for (let i = 0; i < list.from.length; i++) {
        const expiry = list.expiry.get(i);
        out[i] = { from: this.ids.values[list.from.get(i)], to: this.ids.values[list.to.get(i)], expiresAt: expiry === 0 ? null : this.expiries.values[expiry - 1] };
      }
      return out;
    };
    const edges = { accountMemberships: of('accountMemberships'), groupMemberships: of('groupMemberships'), accountGrants: of('accountGrants'), groupGrants: of('groupGrants') };
    this.lists.clear();
    this.ids = new StringTable();
    this.expiries = new StringTable();
    return edges;
  }
}
