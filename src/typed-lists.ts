/**
 * Growable typed arrays: at L the demo generator remembers about 3M membership edges, and an ingest
 * reads 10M usage events; plain JS arrays of numbers or objects would cost several times the memory.
 */
/** One growable list over a typed array; doubles its storage when full. */
class GrowableList<A extends Int32Array | Uint32Array | Float64Array> {
  private data: A;
  length = 0;

  constructor(
    private readonly allocate: (size: number) => A,
    capacity: number,
  ) {
    this.data = allocate(Math.max(16, capacity));
  }

  /** Room for `capacity` values in all: the storage is copied once, whatever the count appended. */
  private reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const grown = this.allocate(capacity);
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }

  /** Appends every value of `values` at once. */
  pushAll(values: A): void {
    if (this.length + values.length > this.data.length) this.reserve(Math.max(this.data.length * 2, this.length + values.length));
    this.data.set(values, this.length);
    this.length += values.length;
  }

  push(value: number): void {
    if (this.length === this.data.length) this.reserve(this.data.length * 2);
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  /** The values as a typed array of their own (a copy: its buffer can be handed to another thread). */
  toArray(): A {
    return this.data.slice(0, this.length) as A;
  }
}

export class IntList extends GrowableList<Int32Array> {
  constructor(capacity = 1024) {
    super((size) => new Int32Array(size), capacity);
  }
}

export class UintList extends GrowableList<Uint32Array> {
  constructor(capacity = 1024) {
    super((size) => new Uint32Array(size), capacity);
  }
}

export class FloatList extends GrowableList<Float64Array> {
  constructor(capacity = 1024) {
    super((size) => new Float64Array(size), capacity);
  }
}
