import { IntList } from '../../typed-lists';

/**
 * Edges from consecutive sources (source 0's edges, then source 1's, ...): each source's targets
 * are a contiguous slice, found by offset. Each edge carries a flag (here: still active).
 */
export class EdgeRuns {
  private readonly starts = new IntList();
  readonly targets: IntList;
  readonly active: IntList;

  constructor(capacity = 1024) {
    this.targets = new IntList(capacity);
    this.active = new IntList(capacity);
    this.starts.push(0);
  }

  /** Adds an edge from the source being built. */
  add(target: number, active: boolean): void {
    this.targets.push(target);
    this.active.push(active ? 1 : 0);
  }

  /** Closes the current source's run; the next `add` belongs to the next source. */
  endSource(): void {
    this.starts.push(this.targets.length);
  }

  get sources(): number {
    return this.starts.length - 1;
  }

  first(source: number): number {
    return this.starts.get(source);
  }

  end(source: number): number {
    return this.starts.get(source + 1);
  }
}
