/**
 * A strict reader of the Prometheus text exposition format (0.0.4), written from the format's
 * specification so the /metrics test does not depend on promtool being installed: every family has
 * one HELP and one TYPE before its samples, samples of a family are contiguous, names and labels
 * are well formed, label values use only the three escapes, no series repeats, every value parses.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface Family {
  name: string;
  help: string;
  type: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function fail(line: number, why: string): never {
  throw new Error(`exposition line ${line}: ${why}`);
}

function parseLabels(text: string, line: number): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  let i = 1; // after '{'
  for (;;) {
    if (text[i] === '}') return [labels, i + 1];
    const eq = text.indexOf('=', i);
    if (eq < 0) fail(line, 'label without "="');
    const name = text.slice(i, eq);
    if (!LABEL.test(name) || name.startsWith('__')) fail(line, `bad label name '${name}'`);
    if (name in labels) fail(line, `label '${name}' twice`);
    if (text[eq + 1] !== '"') fail(line, 'label value not quoted');
    let value = '';
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === '\n') fail(line, 'raw line feed in a label value');
      if (text[j] !== '\\') {
        value += text[j];
        continue;
      }
      const next = text[++j];
      if (next === '\\') value += '\\';
      else if (next === '"') value += '"';
      else if (next === 'n') value += '\n';
      else fail(line, `bad escape \\${next}`);
    }
    if (j >= text.length) fail(line, 'unterminated label value');
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') fail(line, `unexpected '${text[i]}' after a label`);
  }
}

function parseValue(text: string, line: number): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) fail(line, `bad value '${text}'`);
  return Number(text);
}

export function parseExposition(body: string): Map<string, Family> {
  if (!body.endsWith('\n')) throw new Error('exposition must end with a line feed');
  const families = new Map<string, Family>();
  const series = new Set<string>();
  let current: Family | null = null;
  const closed = new Set<string>();
  body.slice(0, -1).split('\n').forEach((text, index) => {
    const line = index + 1;
    if (text === '') fail(line, 'empty line');
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(text);
    if (meta) {
      const [, kind, name, rest] = meta;
      if (!NAME.test(name)) fail(line, `bad metric name '${name}'`);
      if (kind === 'HELP') {
        if (families.has(name)) fail(line, `second HELP for ${name}`);
        if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ''))) fail(line, 'bad escape in HELP');
        if (current) closed.add(current.name);
        current = { name, help: rest, type: '', samples: [] };
        families.set(name, current);
      } else {
        if (!current || current.name !== name || current.type) fail(line, `TYPE for ${name} must follow its HELP, once`);
        if (!TYPES.has(rest)) fail(line, `unknown type '${rest}'`);
        current.type = rest;
      }
      return;
    }
    if (text.startsWith('#')) return; // comments are allowed
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(.*)$/.exec(text);
    if (!m) fail(line, `not a sample: ${text}`);
    const name = m[1];
    let rest = m[2];
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      const [parsed, end] = parseLabels(rest, line);
      labels = parsed;
      rest = rest.slice(end);
    }
    const parts = rest.trim().split(' ');
    if (!rest.startsWith(' ') || parts.length < 1 || parts.length > 2) fail(line, 'expected " value [timestamp]"');
    const value = parseValue(parts[0], line);
    if (!current || current.name !== name || !current.type) fail(line, `sample of ${name} outside its family (HELP and TYPE first, samples contiguous)`);
    if (closed.has(name)) fail(line, `${name} appears again after another family`);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (series.has(key)) fail(line, `duplicate series ${key}`);
    series.add(key);
    current.samples.push({ name, labels, value });
  });
  return families;
}
