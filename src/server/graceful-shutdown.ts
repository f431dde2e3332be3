import type { Server } from 'node:http';

export interface HttpDrain {
  inFlight(): number;
  /**
   * Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then closes
   * whatever is still open. Resolves with how many requests were still running at the start and how
   * many had to be cut off.
   */
  drain(graceMs: number): Promise<{ waitedFor: number; cutOff: number }>;
}

/** Counts requests from arrival to the end of their response, so shutdown knows what it would cut off. */
export function trackRequests(server: Server): HttpDrain {
  let active = 0;
  let draining = false;
  let onIdle: (() => void) | null = null;
  server.on('request', (_req, res) => {
    active++;
    // Keep-alive clients learn to reconnect (to another replica) instead of reusing this socket.
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      active--;
      if (active === 0) onIdle?.();
    });
  });
  return {
    inFlight: () => active,
    async drain(graceMs) {
      draining = true;
      const waitedFor = active;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (active > 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          onIdle = resolve;
          timer = setTimeout(resolve, graceMs);
        });
        clearTimeout(timer);
      }
      const cutOff = active;
      server.closeAllConnections();
      await closed;
      return { waitedFor, cutOff };
    },
  };
}
