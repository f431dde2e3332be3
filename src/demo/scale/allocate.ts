/** Splits `total` into whole parts proportional to `weights` (largest remainder; ties to the earlier part). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, n) => s + n, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    parts[i]++;
  }
  return parts;
}

/**
 * A popularity weight for the item at `rank` (0 = most popular): Zipf-like, so a few projects or
 * lists gather most members and many have few, as in real directories.
 */
export function zipf(rank: number, exponent = 0.9): number {
  return 1 / Math.pow(rank + 1, exponent);
}

/** Cumulative weights, for picking by binary search. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => (out[i] = total += w));
  return out;
}

/** The index whose cumulative slot contains `r` (0 <= r < total). */
export function pickCumulative(cum: Float64Array, r: number, length = cum.length): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
