import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { WhohasError } from '../errors';
import { CorrelationRule, DEFAULT_CORRELATION } from '../../ingest/core/correlate';
import { formatByName } from '../../ingest/registry';
import { RiskThresholdsSchema, type RiskThresholds } from '../risk/thresholds';
import { ScheduleText } from './schedule';

/**
 * whohas.config.yaml: the sources to ingest, how, and when. Secrets never sit in the file:
 * `${NAME}` in any string is replaced from the environment, and a missing variable fails the load.
 */
const JobSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'may hold letters, digits and . _ : - only (it names the source in the graph)'),
  connector: z.string().min(1),
  location: z.string().min(1),
  mode: z.enum(['full', 'incremental']).optional(),
  schedule: ScheduleText.optional(),
  /** Graph source name; defaults to the job name, so two jobs never clean up each other's data. */
  source: z.string().regex(/^[A-Za-z0-9_.:-]+$/).optional(),
  options: z.record(z.string(), z.unknown()).default({}),
  strict: z.boolean().default(false),
});

const ConfigSchema = z.strictObject({
  version: z.literal(1).default(1),
  correlation: z.array(CorrelationRule).default(DEFAULT_CORRELATION),
  sources: z.array(JobSchema).default([]),
  /** A separation-of-duties rules file (YAML or JSON), loaded at server start. */
  sodRules: z.string().min(1).optional(),
  /** Risk finding thresholds and score weights (src/risk/thresholds.ts, docs/bi.md). */
  risk: RiskThresholdsSchema.optional(),
});

export type JobConfig = z.infer<typeof JobSchema>;
export interface WhohasFileConfig {
  path: string;
  correlation: CorrelationRule[];
  jobs: JobConfig[];
  sodRules: string | null;
  /** The `risk:` section, defaults filled in; null when the file has none (the defaults apply). */
  risk?: RiskThresholds | null;
}

export function loadJobConfig(path: string, env: NodeJS.ProcessEnv = process.env): WhohasFileConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new WhohasError('CONFIG_INVALID', `Config file ${path} cannot be read`);
  }
  return parseJobConfig(text, path, env);
}

export function parseJobConfig(text: string, path: string, env: NodeJS.ProcessEnv): WhohasFileConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const err = doc.errors[0];
    const line = lines.linePos(err.pos[0]).line;
    throw new WhohasError('CONFIG_INVALID', `${path}:${line}: not valid YAML: ${err.message.split('\n')[0]}`, { file: path, line });
  }
  const lineOf = (at: (string | number)[]) => {
    const node = doc.getIn(at, true) as { range?: [number, number] } | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : undefined;
  };
  const raw = substituteEnv(doc.toJS() ?? {}, env, (at, name) => {
    const line = lineOf(at);
    throw new WhohasError('CONFIG_INVALID', `${path}${line ? `:${line}` : ''}: environment variable ${name} is not set (used at ${at.join('.')})`);
  });
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    const line = lineOf(at as (string | number)[]) ?? lineOf(issue.path as (string | number)[]);
    const what = issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}` : issue.message;
    throw new WhohasError('CONFIG_INVALID', `${path}${line ? `:${line}` : ''}: ${issue.path.join('.') || '(root)'}: ${what}`, { file: path, line });
  }
  const base = dirname(resolve(path));
  const names = new Set<string>();
  parsed.data.sources.forEach((job, i) => {
    const where = `${path}${lineOf(['sources', i]) ? `:${lineOf(['sources', i])}` : ''}`;
    if (names.has(job.name)) throw new WhohasError('CONFIG_INVALID', `${where}: two sources are named '${job.name}'`);
    names.add(job.name);
    try {
      const format = formatByName(job.connector);
      for (const key of format.pathOptions) job.options[key] = resolvePaths(job.options[key], base);
      format.checkOptions(job.options);
    } catch (e) {
      throw new WhohasError('CONFIG_INVALID', `${where}: source '${job.name}': ${(e as Error).message}`);
    }
    if (!/^https?:\/\//.test(job.location) && !isAbsolute(job.location)) job.location = resolve(base, job.location);
  });
  const sodRules = parsed.data.sodRules ? String(resolvePaths(parsed.data.sodRules, base)) : null;
  return { path, correlation: parsed.data.correlation, jobs: parsed.data.sources, sodRules, risk: parsed.data.risk ?? null };
}

/** A path option may be one path or a list of them; URLs and absolute paths stay as written. */
export function resolvePaths(value: unknown, base: string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolvePaths(v, base));
  if (typeof value !== 'string' || /^https?:\/\//i.test(value) || isAbsolute(value)) return value;
  return resolve(base, value);
}

function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, missing: (at: (string | number)[], name: string) => never, at: (string | number)[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? missing(at, name));
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, missing, [...at, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env, missing, [...at, k])]));
  }
  return value;
}
