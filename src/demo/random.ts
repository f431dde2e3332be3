/**
 * A tiny seeded PRNG (mulberry32) plus the few sampling helpers the demo generator needs.
 * Never uses Math.random or the clock, so the same seed always yields the same bundle.
 */

const DAY_MS = 86_400_000;

/** 32-bit FNV-1a of a string; used to derive independent sub-streams from labels. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private state: number;

  constructor(private readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A new generator whose stream depends only on this generator's seed and `label`. */
  fork(label: string): Rng {
    return new Rng((fnv1a(label) ^ Math.imul(this.seed >>> 0, 0x9e3779b1)) >>> 0);
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** In-place Fisher-Yates shuffle; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** Up to `k` distinct items, in the order they appear in `items` (stable output). */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = Math.min(Math.max(0, Math.floor(k)), items.length);
    const idx = this.shuffle(items.map((_, i) => i)).slice(0, n).sort((a, b) => a - b);
    return idx.map((i) => items[i]);
  }

  /** A time uniformly between two instants (ms), truncated to whole seconds, as ISO-8601 `...Z`. */
  timeBetween(fromMs: number, toMs: number): string {
    return iso(this.msBetween(fromMs, toMs));
  }

  msBetween(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return Math.floor(fromMs / 1000) * 1000;
    return Math.floor((fromMs + this.next() * (toMs - fromMs)) / 1000) * 1000;
  }
}

/** Milliseconds of a UTC calendar date. */
export function utc(year: number, month: number, day: number, hour = 0): number {
  return Date.UTC(year, month - 1, day, hour);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function days(n: number): number {
  return n * DAY_MS;
}

/** The fixed "now" of the demo: the export time written into source.json. */
export const EXPORTED_AT_MS = utc(2026, 11, 1);
export const EXPORTED_AT = iso(EXPORTED_AT_MS);
/** Activity window for logins and usage: 2026-01-01 .. 2026-10-31. */
export const ACTIVITY_FROM_MS = utc(2026, 1, 1);
export const ACTIVITY_TO_MS = utc(2026, 10, 31, 23);
