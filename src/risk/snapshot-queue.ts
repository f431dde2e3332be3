/**
 * Risk snapshots that run after an ingest has returned (IngestOptions.riskSnapshot 'background'),
 * per store. Readers of the history wait for them, so a trend read after an ingest still includes
 * that run; the server waits for them before it closes the store, so a snapshot never runs on a
 * closed store. The store's own close() does not: whoever queues one in the background (the
 * server, the benchmarks) waits; the CLI, which closes as soon as its run returns, takes it inline.
 */
const pending = new WeakMap<object, Promise<void>>();

export function trackSnapshot(store: object, work: Promise<unknown>): Promise<void> {
  const before = pending.get(store) ?? Promise.resolve();
  const all = Promise.all([before, work.catch(() => undefined)]).then(() => undefined);
  pending.set(store, all);
  return all;
}

/** Resolves once every snapshot queued on `store` so far has finished (or failed). */
export function snapshotsSettled(store: object): Promise<void> {
  return pending.get(store) ?? Promise.resolve();
}
