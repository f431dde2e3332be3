import { z } from 'zod';
import { EnvSchema } from '../config';

/**
 * docs/config-reference.md, generated from the zod schema that validates the environment at start,
 * so the reference cannot list a variable the code does not read, or miss one it does.
 */
interface PropertySchema {
  type?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  description?: string;
}

const BOOLISH = ['0', '1', 'false', 'no', 'true', 'yes'];

function typeOf(p: PropertySchema): string {
  if (p.enum) {
    const values = [...p.enum].sort();
    return values.join(',') === BOOLISH.join(',') ? 'boolean (`true`/`false`, `1`/`0`, `yes`/`no`)' : p.enum.map((v) => `\`${v}\``).join(' | ');
  }
  const max = p.maximum !== undefined && p.maximum < Number.MAX_SAFE_INTEGER ? p.maximum : undefined;
  const min = p.minimum !== undefined && p.minimum > Number.MIN_SAFE_INTEGER ? p.minimum : undefined;
  const range =
    p.exclusiveMinimum !== undefined ? ` > ${p.exclusiveMinimum}` : min !== undefined && max !== undefined ? ` ${min}–${max}` : min !== undefined ? ` ≥ ${min}` : '';
  if (p.type === 'integer' || p.type === 'number') return `${p.type}${range}`;
  if (p.pattern) return `string matching \`${p.pattern.replace(/\\\//g, '/')}\``;
  return p.type ?? 'string';
}

function defaultOf(value: unknown): string {
  if (value === undefined) return '–';
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** A pipe inside a table cell ends the cell unless escaped. */
function cell(text: string): string {
  return text.replace(/(?<!\\)\|/g, '\\|');
}

export function renderConfigReference(): string {
  const json = z.toJSONSchema(EnvSchema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, PropertySchema> };
  const defaults = EnvSchema.parse({}) as Record<string, unknown>;
  const rows = Object.entries(json.properties).map(([name, p]) => {
    if (!p.description) throw new Error(`config: ${name} has no .describe(); every variable needs one for the reference`);
    return `| \`${name}\` | ${cell(typeOf(p))} | ${defaultOf(defaults[name])} | ${cell(p.description)} |`;
  });
  return [
    '# Configuration reference',
    '',
    '<!-- Generated from EnvSchema in src/config.ts by `npm run docs:config`; do not edit by hand. -->',
    '',
    'whohas reads its configuration from the environment once, at start, and validates it: a bad value',
    'stops the start with `CONFIG_INVALID` naming the variable. Sources, schedules and correlation rules',
    'live in `whohas.config.yaml` (see the README).',
    '',
    '| variable | type | default | meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
