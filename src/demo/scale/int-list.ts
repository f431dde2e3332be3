/**
 * Growable typed arrays: at L the generator remembers about 3M membership edges and 300k accounts
 * for the usage and delegation phases, and plain JS arrays of numbers or objects would cost several
 * times the memory.
 */
/** One growable list over a typed array; doubles its storage when full. */
class GrowableList<A extends Int32Array | Float64Array> {
  private data: A;
  length = 0;

  constructor(
    private readonly allocate: (size: number) => A,
    capacity: number,
  ) {
    this.data = allocate(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.allocate(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }
}

export class IntList extends GrowableList<Int32Array> {
  constructor(capacity = 1024) {
    super((size) => new Int32Array(size), capacity);
  }
}

export class FloatList extends GrowableList<Float64Array> {
  constructor(capacity = 1024) {
    super((size) => new Float64Array(size), capacity);
  }
}

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
