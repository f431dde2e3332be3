/**
 * Growable typed arrays: at L the generator remembers about 3M membership edges and 300k accounts
 * for the usage and delegation phases, and plain JS arrays of numbers or objects would cost several
 * times the memory.
 */
export class IntList {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
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

export class FloatList {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i];
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
