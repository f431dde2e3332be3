import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { LlmConfig } from '../copilot/llm/llm-config';
import { WhohasError } from './errors';
import { SECURITY_ENV, securityConfig, type SecurityConfig } from './auth/security-config';
import { DEFAULT_RESPONSE_CACHE_MB } from '../graphql/response-cache/response-store';

/** Everything whohas reads from the environment, validated once at start (fail fast, name the variable). */
const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every variable, with what it means: docs/config-reference.md is generated from these descriptions
 * (`npm run docs:config`), and a test fails when the checked-in file is behind.
 */
export const EnvSchema = z.object({
  WHOHAS_STORE: z.enum(['kuzu', 'neo4j']).optional().describe('Which store to use. Default: `neo4j` when NEO4J_URI is set, else `kuzu`.'),
  WHOHAS_DB: z.string().min(1).default('./data/whohas.kuzu').describe('The embedded Kuzu database (one file; `<WHOHAS_DB>.runs`, `.audit` and `.server.json` live beside it).'),
  WHOHAS_RUNS_DIR: z.string().min(1).optional().describe('Where ingest reject reports go. Default: `<WHOHAS_DB>.runs`.'),
  WHOHAS_AUDIT_DIR: z
    .string()
    .min(1)
    .optional()
    .describe('The decision log (every simulation and what its caller then did, hash-chained). Default: `<WHOHAS_DB>.audit`.'),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\//, 'must be a neo4j:// or bolt:// URI')
    .optional()
    .describe('Neo4j to use: `bolt://` for one server, `neo4j://` for cluster routing (reads go to followers and read replicas); `+s`/`+ssc` for TLS.'),
  NEO4J_USER: z.string().default('neo4j').describe('Neo4j user.'),
  NEO4J_PASSWORD: z.string().optional().describe('Neo4j password; never logged nor shown in errors.'),
  NEO4J_DATABASE: z.string().optional().describe("Neo4j database. Default: the server's default database."),
  WHOHAS_HOST: z
    .string()
    .default('127.0.0.1')
    .describe('Bind address. Loopback by default. Any other address needs authentication configured (an API key, an OIDC issuer, or WHOHAS_AUTH=required), else the server refuses to start.'),
  PORT: z.coerce.number().int().min(0).max(65535).optional().describe('HTTP port (WHOHAS_PORT wins when both are set). Default: 4000.'),
  WHOHAS_PORT: z.coerce.number().int().min(0).max(65535).optional().describe('HTTP port. Default: PORT, else 4000.'),
  WHOHAS_DEMO: boolish.default(true).describe('Seed the demo enterprise into an empty store at start.'),
  WHOHAS_DEMO_HUMANS: z.coerce.number().int().min(10).max(200_000).default(3000).describe('Demo size: people in the demo enterprise.'),
  WHOHAS_MAX_FILE_MB: z.coerce.number().positive().default(100).describe('Largest bundle file an ingest accepts (raise it to ingest a large `whohas export`).'),
  WHOHAS_MAX_PATHS: z.coerce.number().int().min(1).max(100).default(8).describe('Justifying paths kept per (identity, entitlement).'),
  WHOHAS_KUZU_BUFFER_MB: z.coerce.number().int().min(64).default(1024).describe("Kuzu's page cache. A run merged into the live graph is one transaction and must fit in it; a run built as a new generation (WHOHAS_REBUILD_MIN_RECORDS) need not."),
  WHOHAS_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(400).default(50).describe("How far the JavaScript heap may grow past what its last full collection kept, in percent, before it collects again. Lower: less memory, more collection time. 0: V8's own choice (up to about 300%)."),
  WHOHAS_MALLOC_TUNING: z.enum(['on', 'off']).default('on').describe("On Linux with glibc the CLI starts itself again under MALLOC_ARENA_MAX=2 and MALLOC_MMAP_THRESHOLD_=131072, so memory Kuzu's threads free goes back to the system (about 1 GB at peak in an L ingest). `off` skips that; so does setting either variable yourself."),
  WHOHAS_SEMI_SPACE_MB: z.coerce
    .number()
    .int()
    .min(0)
    .max(1024)
    .default(64)
    .describe("V8's young generation, in MB per semi-space (node's own is 16): the CLI starts itself with `--max-semi-space-size` set to it. Larger: fewer minor collections, whose cost grows with the heap held (the what-if model, the risk snapshot), for up to 3x this in memory. 0: node's own; a `--max-semi-space-size` given to node wins."),
  WHOHAS_REBUILD_MIN_RECORDS: z.coerce.number().int().min(0).default(10_000).describe('On the embedded store, a full ingest run with at least this many records is bulk-loaded into a new database file that replaces the live one when complete, instead of merged into the live graph in one transaction. 0: every full run.'),
  WHOHAS_GRAPHQL_JIT: boolish.default(true).describe("Execute GraphQL operations through graphql-jit (each document compiled once, same schema and resolvers, same answers), about twice as fast on large pages of paths. `false`: graphql-js's own executor."),
  WHOHAS_RESPONSE_CACHE_MB: z.coerce
    .number()
    .int()
    .min(0)
    .max(4096)
    .default(DEFAULT_RESPONSE_CACHE_MB)
    .describe("Whole GraphQL answers kept for repeated questions, in MB of JSON (with the questions themselves): kept until the next write to the store or until a grant or path in them expires, per set of caller roles; only queries whose every field is known to be reusable (graphql/response-cache/cache-policy.ts). A caller sends `Cache-Control: no-cache` for a computed answer; the `x-whohas-cache` response header says which it got. 0: none kept. Not used on Neo4j, which other processes may write."),
  WHOHAS_CONFIG: z.string().min(1).optional().describe('Sources, schedules and correlation rules. Default: `./whohas.config.yaml` if present.'),
  WHOHAS_LOG: z.enum(['json', 'text']).default('json').describe('Server logs: one JSON object a line (time, level, msg, fields), or plain text.'),
  WHOHAS_SCHEDULER: boolish.default(true).describe('Run scheduled ingest jobs in this server. Off on API replicas: one writer ingests.'),
  WHOHAS_SHUTDOWN_GRACE_S: z.coerce
    .number()
    .min(0)
    .max(3600)
    .default(20)
    .describe('On SIGTERM, how long in-flight requests may take to finish before their connections are closed. Keep it below the orchestrator\'s own grace period.'),
  OPENAI_API_KEY: z.string().trim().min(1).optional().describe('Turns on the copilot\'s language model (any OpenAI-compatible endpoint; a local server without keys takes any value). Unset: the copilot answers by rules from the graph alone. Never logged.'),
  OPENAI_BASE_URL: z.url({ message: 'must be a URL, e.g. http://127.0.0.1:8000/v1' }).optional().describe('The OpenAI-compatible endpoint. Default: OpenAI\'s own.'),
  WHOHAS_COPILOT_MODEL: z.string().trim().min(1).max(200).default('gpt-4o-mini').describe('The chat model the copilot asks (it must support tool calling).'),
  WHOHAS_COPILOT_MAX_STEPS: z.coerce.number().int().min(1).max(20).default(6).describe('Model round trips per question before the copilot gives up on the model and answers by rules.'),
  WHOHAS_COPILOT_TIMEOUT_S: z.coerce.number().min(1).max(600).default(60).describe('How long one model call may take.'),
  ...SECURITY_ENV,
});
const DEFAULT_JOB_CONFIG = 'whohas.config.yaml';

export interface Config {
  store: 'kuzu' | 'neo4j';
  kuzuPath: string;
  runsDir: string;
  /** The decision log's folder (src/audit): a file, not the graph, so ingests never touch it. */
  auditDir: string;
  neo4j: { uri: string; user: string; password: string; database?: string } | null;
  host: string;
  port: number;
  loadDemoWhenEmpty: boolean;
  demoHumans: number;
  maxFileBytes: number;
  maxPathsPerGrant: number;
  /** Full runs this large are built as a new generation where the store can (GraphStore.rebuild). */
  rebuildMinRecords: number;
  /** src/heap-growth.ts: applied once at start, by the CLI. */
  heapGrowthPercent: number;
  /** Kuzu's page cache; its own default is 80% of RAM, too greedy for a service sharing a machine. */
  kuzuBufferBytes: number;
  /** GraphQL through graphql-jit (graphql/jit-executor.ts) rather than graphql-js's executor. */
  graphqlJit: boolean;
  /** WHOHAS_RESPONSE_CACHE_MB: MB of JSON kept for repeated GraphQL questions; 0: none. */
  responseCacheMb: number;
  /** whohas.config.yaml (sources, schedules, correlation): WHOHAS_CONFIG, else ./whohas.config.yaml if present. */
  jobConfigPath: string | null;
  logFormat: 'json' | 'text';
  /** Whether the server runs scheduled jobs (off for API replicas that should not ingest). */
  runScheduler: boolean;
  /** How long a graceful shutdown waits for in-flight requests. */
  shutdownGraceMs: number;
  /** The copilot's language model; null: answers by rules (copilot/rules-engine.ts). */
  copilotLlm: LlmConfig | null;
  /** Authentication, query limits, rate limits, introspection and the playground (src/auth/security-config.ts). */
  security: SecurityConfig;
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
    auditDir: resolve(e.WHOHAS_AUDIT_DIR ?? `${kuzuPath}.audit`),
    neo4j: e.NEO4J_URI
      ? { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD ?? '', database: e.NEO4J_DATABASE }
      : null,
    host: e.WHOHAS_HOST,
    port: e.WHOHAS_PORT ?? e.PORT ?? 4000,
    loadDemoWhenEmpty: e.WHOHAS_DEMO,
    demoHumans: e.WHOHAS_DEMO_HUMANS,
    maxFileBytes: Math.round(e.WHOHAS_MAX_FILE_MB * 1024 * 1024),
    maxPathsPerGrant: e.WHOHAS_MAX_PATHS,
    rebuildMinRecords: e.WHOHAS_REBUILD_MIN_RECORDS,
    kuzuBufferBytes: e.WHOHAS_KUZU_BUFFER_MB * 1024 * 1024,
    heapGrowthPercent: e.WHOHAS_HEAP_GROWTH_PERCENT,
    graphqlJit: e.WHOHAS_GRAPHQL_JIT,
    responseCacheMb: e.WHOHAS_RESPONSE_CACHE_MB,
    jobConfigPath: e.WHOHAS_CONFIG ? resolve(e.WHOHAS_CONFIG) : existsSync(DEFAULT_JOB_CONFIG) ? resolve(DEFAULT_JOB_CONFIG) : null,
    logFormat: e.WHOHAS_LOG,
    runScheduler: e.WHOHAS_SCHEDULER,
    shutdownGraceMs: Math.round(e.WHOHAS_SHUTDOWN_GRACE_S * 1000),
    copilotLlm: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL ?? null, model: e.WHOHAS_COPILOT_MODEL, maxSteps: e.WHOHAS_COPILOT_MAX_STEPS, timeoutMs: e.WHOHAS_COPILOT_TIMEOUT_S * 1000 }
      : null,
    security: securityConfig(e, kuzuPath),
  };
}
