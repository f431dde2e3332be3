/** Latency summaries for the benchmark: nearest-rank percentiles over sorted samples, in ms. */
export interface Latency {
  n: number;
  p50ms: number;
  p95ms: number;
  maxMs: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => +x.toFixed(2);
  return { n: s.length, p50ms: r(percentile(s, 50)), p95ms: r(percentile(s, 95)), maxMs: r(s[s.length - 1]) };
}

export function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

/** Runs `work` on each input after `warmup` untimed runs, and summarises the timed ones. */
export async function sample<I>(inputs: I[], work: (input: I) => Promise<unknown>, warmup = 10): Promise<Latency> {
  for (let i = 0; i < Math.min(warmup, inputs.length); i++) await work(inputs[i]);
  const times: number[] = [];
  for (const input of inputs) times.push((await timed(() => work(input))).ms);
  return summarize(times);
}
