import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { WhohasError } from './errors';

/** Everything whohas reads from the environment, validated once at start (fail fast, name the variable). */
const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  WHOHAS_STORE: z.enum(['kuzu', 'neo4j']).optional(),
  WHOHAS_DB: z.string().min(1).default('./data/whohas.kuzu'),
  WHOHAS_RUNS_DIR: z.string().min(1).optional(),
  NEO4J_URI: z.string().regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\//, 'must be a neo4j:// or bolt:// URI').optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().optional(),
  WHOHAS_HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  WHOHAS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  WHOHAS_DEMO: boolish.default(true),
  WHOHAS_DEMO_HUMANS: z.coerce.number().int().min(10).max(200_000).default(3000),
  WHOHAS_MAX_FILE_MB: z.coerce.number().positive().default(100),
  WHOHAS_MAX_PATHS: z.coerce.number().int().min(1).max(100).default(8),
  WHOHAS_KUZU_BUFFER_MB: z.coerce.number().int().min(64).default(1024),
  WHOHAS_CONFIG: z.string().min(1).optional(),
  WHOHAS_LOG: z.enum(['json', 'text']).default('json'),
  WHOHAS_SCHEDULER: boolish.default(true),
});

const DEFAULT_JOB_CONFIG = 'whohas.config.yaml';

export interface Config {
  store: 'kuzu' | 'neo4j';
  kuzuPath: string;
  runsDir: string;
  neo4j: { uri: string; user: string; password: string; database?: string } | null;
  host: string;
  port: number;
  loadDemoWhenEmpty: boolean;
  demoHumans: number;
  maxFileBytes: number;
  maxPathsPerGrant: number;
  /** Kuzu's page cache; its own default is 80% of RAM, too greedy for a service sharing a machine. */
  kuzuBufferBytes: number;
  /** whohas.config.yaml (sources, schedules, correlation): WHOHAS_CONFIG, else ./whohas.config.yaml if present. */
  jobConfigPath: string | null;
  logFormat: 'json' | 'text';
  /** Whether the server runs scheduled jobs (off for API replicas that should not ingest). */
  runScheduler: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new WhohasError('CONFIG_INVALID', `Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  const store = e.WHOHAS_STORE ?? (e.NEO4J_URI ? 'neo4j' : 'kuzu');
  if (store === 'neo4j' && !e.NEO4J_URI) {
    throw new WhohasError('CONFIG_INVALID', 'Invalid configuration: WHOHAS_STORE=neo4j needs NEO4J_URI');
  }
  const kuzuPath = resolve(e.WHOHAS_DB);
  return {
    store,
    kuzuPath,
    runsDir: resolve(e.WHOHAS_RUNS_DIR ?? `${kuzuPath}.runs`),
    neo4j: e.NEO4J_URI
      ? { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD ?? '', database: e.NEO4J_DATABASE }
      : null,
    host: e.WHOHAS_HOST,
    port: e.WHOHAS_PORT ?? e.PORT ?? 4000,
    loadDemoWhenEmpty: e.WHOHAS_DEMO,
    demoHumans: e.WHOHAS_DEMO_HUMANS,
    maxFileBytes: Math.round(e.WHOHAS_MAX_FILE_MB * 1024 * 1024),
    maxPathsPerGrant: e.WHOHAS_MAX_PATHS,
    kuzuBufferBytes: e.WHOHAS_KUZU_BUFFER_MB * 1024 * 1024,
    jobConfigPath: e.WHOHAS_CONFIG ? resolve(e.WHOHAS_CONFIG) : existsSync(DEFAULT_JOB_CONFIG) ? resolve(DEFAULT_JOB_CONFIG) : null,
    logFormat: e.WHOHAS_LOG,
    runScheduler: e.WHOHAS_SCHEDULER,
  };
}
