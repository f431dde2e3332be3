import { runClients, type MixedJob } from './mixed-load';

/**
 * The mixed-read clients in their own process (bench/mixed-load.ts starts it): callers of the API
 * run elsewhere, and a client loop on the server's own thread took half the thread it measures.
 * Reads a MixedJob as JSON on stdin; prints {requests, seconds, cpuMs} as JSON: cpuMs is this
 * process's own CPU, what the callers took of the machine the server shares.
 */
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const cpu = process.cpuUsage();
  runClients(JSON.parse(input) as MixedJob).then(
    (r) => {
      const { user, system } = process.cpuUsage(cpu);
      process.stdout.write(`${JSON.stringify({ ...r, cpuMs: (user + system) / 1000 })}\n`);
    },
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
});
