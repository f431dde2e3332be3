import { errorMessage } from '../src/errors';
import type { KuzuStore } from '../src/store/kuzu-store';
import type { QueryParams, QueryRunner } from '../src/store/port';
import { median, timed } from './stats';

/**
 * The baseline every figure is printed beside: the same question answered by naive
 * variable-length Cypher (cypher/bench/naive-*.cypher) on the same store in the same run. Each
 * query is interrupted after `limitMs`; an interrupted one is reported as "> limit", so the ratio
 * against it is a lower bound.
 */
export interface NaiveFigure {
  /** Median over the samples that finished; null when any sample hit the limit. */
  medianMs: number | null;
  samples: number;
  timedOut: number;
  limitMs: number;
  /** What the ratio divides by: the median, or the limit when a sample was interrupted. */
  boundMs: number;
  lowerBound: boolean;
}

const INTERRUPTED = /interrupt|timeout/i;

export class NaiveBaseline {
  constructor(
    private readonly store: KuzuStore,
    readonly limitMs: number,
  ) {}

  /** One naive answer; `null` when it was interrupted at the limit. */
  async once(name: string, params: QueryParams, runner: QueryRunner = this.store): Promise<{ ms: number; rows: number } | null> {
    this.store.setQueryTimeout(this.limitMs);
    try {
      const { ms, value } = await timed(() => runner.run(name, params));
      return { ms, rows: value.length };
    } catch (e) {
      if (INTERRUPTED.test(errorMessage(e))) return null;
      throw e;
    } finally {
      this.store.setQueryTimeout(0);
    }
  }

  /**
   * One warm-up, then each input once. Stops at the first interruption: the rest would only take
   * as long, and one is enough to say "> limit".
   */
  async figure(name: string, inputs: QueryParams[]): Promise<NaiveFigure> {
    const warm = await this.once(name, inputs[0]);
    const times: number[] = [];
    let timedOut = warm === null ? 1 : 0;
    for (const params of warm === null ? [] : inputs) {
      const r = await this.once(name, params);
      if (!r) {
        timedOut++;
        break;
      }
      times.push(r.ms);
    }
    return this.result(times, timedOut);
  }

  result(times: number[], timedOut: number, limitMs = this.limitMs): NaiveFigure {
    const med = times.length && !timedOut ? +median(times).toFixed(2) : null;
    return { medianMs: med, samples: times.length, timedOut, limitMs, boundMs: med ?? limitMs, lowerBound: med === null };
  }
}

/** "fast vs naive" as a ratio; `>=` when the naive side hit its limit. */
export function ratio(fastMs: number, naive: NaiveFigure): string {
  const x = naive.boundMs / Math.max(fastMs, 0.001);
  const shown = x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1);
  return `${naive.lowerBound ? '>= ' : ''}${shown}x`;
}
