/** A promise queue: one unit of work at a time, in arrival order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  /** Units of work queued or running: lets a pool pick its least busy member. */
  pending = 0;

  runExclusive<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const run = () => work().finally(() => this.pending--);
    const next = this.tail.then(run, run);
    // The tail must not settle to the work's result: an idle session would keep the last answer it
    // read (the whole risk data or peer snapshot at L, hundreds of MB) until its next query.
    this.tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}
