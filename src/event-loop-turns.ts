/**
 * Long whole-graph computations (the risk evaluation's per-pair findings: 18 s of peer scoring at L)
 * run on the server's one thread. Done in one go they stall every request for that long; calling
 * `due()` in the loop and awaiting `pause()` when it says so lets requests through every `sliceMs`.
 */
export class EventLoopTurns {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs = 25) {}

  due(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  async pause(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}
