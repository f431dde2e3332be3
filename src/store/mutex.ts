/** A promise queue: one unit of work at a time, in arrival order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  /** Units of work queued or running: lets a pool pick its least busy member. */
  pending = 0;

  runExclusive<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const run = () => work().finally(() => this.pending--);
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
