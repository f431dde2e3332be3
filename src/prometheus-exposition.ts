/**
 * The Prometheus text exposition format (version 0.0.4), which /metrics serves and anything that
 * scrapes Prometheus reads.
 */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Record<string, string>;

/** Label values may hold anything; the format escapes backslash, double quote and line feed. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

export class Exposition {
  private readonly lines: string[] = [];

  /** A level now (it may go down). */
  gauge(name: string, help: string, samples: Array<[Labels, number]>): void {
    this.family(name, 'gauge', help, samples);
  }

  /** A count since the process started; the format wants its name to end in `_total`. */
  counter(name: `${string}_total`, help: string, samples: Array<[Labels, number]>): void {
    this.family(name, 'counter', help, samples);
  }

  private family(name: string, type: string, help: string, samples: Array<[Labels, number]>): void {
    this.lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) {
      const entries = Object.entries(labels);
      const text = entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}` : '';
      this.lines.push(`${name}${text} ${formatValue(value)}`);
    }
  }

  toString(): string {
    return this.lines.length ? this.lines.join('\n') + '\n' : '';
  }
}
