import type { Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config';
import { writeDemo } from '../demo/generate-demo';
import { ingestBundle, type IngestOptions } from '../../ingest/bundle/run-ingest';
import { openStore } from '../store/open-store';
import type { GraphStore } from '../store/port';
import { loadJobConfig } from '../jobs/job-config';
import { runJob, type IngestContext } from '../jobs/ingest-request';
import { JobScheduler } from '../jobs/scheduler';
import { jsonLogger, textLogger, type Logger } from '../log';
import { loadSodRules } from '../sod/sod-service';
import { Copilot } from '../../copilot/copilot';
import { LlmAgent } from '../../copilot/llm/agent';
import { FlightRecorder } from '../audit/flight-recorder';
import { DecisionLog } from '../audit/decision-log';
import { Simulator } from '../simulate/simulator';
import { createApp } from './app';
import { trackRequests } from './graceful-shutdown';
import { Readiness } from './health-routes';
import { newAdminToken, removeServerFile, serverFilePath, writeServerFile } from './server-file';
import { snapshotsSettled } from '../risk/snapshot-queue';
import { KeyStore } from '../auth/key-store';
import { oidcVerifier } from '../auth/oidc';
import { authRequired, type AuthSettings } from '../auth/resolve-principal';
import { WhohasError } from '../errors';

export interface RunningServer {
  url: string;
  store: GraphStore;
  /** Settles once the demo enterprise is loaded (at once when none is needed); rejects if that load failed. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

async function loadRulesFile(store: GraphStore, path: string, log: Logger): Promise<void> {
  const { ruleSet, warnings } = await loadSodRules(store, await readFile(path, 'utf8'), path, new Date());
  log('info', `separation-of-duties rules loaded: ${ruleSet.rules.length} rule(s), version ${ruleSet.version}`, { file: path });
  for (const w of warnings) log('warn', w, { file: path });
}

export function ingestOptionsFrom(config: Config): IngestOptions {
  // The risk snapshot follows the run instead of delaying its answer (23.5 s of 108 s at M before).
  return { maxFileBytes: config.maxFileBytes, runsDir: config.runsDir, maxPathsPerGrant: config.maxPathsPerGrant, rebuildMinRecords: config.rebuildMinRecords, riskSnapshot: 'background' };
}

async function loadDemoIfEmpty(store: GraphStore, config: Config, log: Logger): Promise<void> {
  if (!config.loadDemoWhenEmpty) return;
  const rows = await store.run('meta/node-count', {});
  if (Number(rows[0]?.identities ?? 0) > 0) return;
  const dir = await mkdtemp(join(tmpdir(), 'whohas-demo-'));
  try {
    log('info', `store is empty: loading the demo enterprise (${config.demoHumans} humans)...`);
    const demo = await writeDemo(dir, { humans: config.demoHumans });
    const started = Date.now();
    const run = await ingestBundle(store, dir, ingestOptionsFrom(config));
    if (run.status !== 'succeeded') throw new Error(`demo ingest failed: ${run.error?.message}`);
    const records = Object.entries(run.counts).filter(([k]) => !k.includes('.') && k !== 'accessGrants').reduce((n, [, v]) => n + v, 0);
    log('info', `demo loaded: ${records} records, ${run.counts.accessGrants} access grants in ${((Date.now() - started) / 1000).toFixed(1)} s`, { run: run.id });
    // The demo's own SoD rules (they name demo people); a rules file from the job config, loaded after this, replaces them.
    const { ruleSet } = await loadSodRules(store, demo.sodRules, 'demo sod-rules.yaml', new Date());
    log('info', `demo separation-of-duties rules loaded: ${ruleSet.rules.length} rule(s), version ${ruleSet.version}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Express 5 hands a listen error to the callback (it used to be thrown as an 'error' event), so the
 * callback checks for it: a port already taken must stop the start with a message that says so, not
 * fail later on an address that was never bound.
 */
function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => {
      if (!err) return resolve(server);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') reject(new WhohasError('CONFIG_INVALID', `Port ${port} on ${host} is already in use (another whohas?); stop it or set PORT`));
      else if (code === 'EACCES') reject(new WhohasError('CONFIG_INVALID', `Not allowed to listen on port ${port} on ${host}; choose another PORT`));
      else reject(err);
    });
  });
}

/** Opens the store, seeds the demo into an empty one, serves HTTP, and announces itself to the CLI. */
export async function startServer(config: Config, opts: { log?: Logger; schedulerTickMs?: number } = {}): Promise<RunningServer> {
  const log = opts.log ?? (config.logFormat === 'json' ? jsonLogger() : textLogger());
  // A broken config file stops the start: serving without the sources the operator listed would hide it.
  const jobs = config.jobConfigPath ? loadJobConfig(config.jobConfigPath) : null;
  const sec = config.security;
  const adminToken = newAdminToken();
  const keys = new KeyStore(sec.keysFile);
  const auth: AuthSettings = { adminToken, keys, oidc: sec.oidc ? oidcVerifier(sec.oidc) : null, mode: sec.authMode };
  // Checked before the store opens: a server that would expose the graph to anyone does not start at all.
  if (!isLoopback(config.host) && !authRequired(auth)) {
    throw new WhohasError(
      'CONFIG_INVALID',
      `Refusing to listen on ${config.host} without authentication: create an API key (whohas keys create --role admin), configure an OIDC issuer (WHOHAS_OIDC_*), or set WHOHAS_AUTH=required`,
    );
  }
  const pseudonymKey = keys.pseudonymKey();
  const store = await openStore(config);
  let scheduler: JobScheduler | null = null;
  let decisionLog: DecisionLog | null = null;
  try {
    const ingestContext: IngestContext = { ingest: ingestOptionsFrom(config), jobs, log };
    const readiness = new Readiness();
    decisionLog = await DecisionLog.open(config.auditDir, {
      warn: (msg, fields) => log('warn', msg, fields),
      appended: (head) => log('info', `decision log: ${head.type} recorded as record ${head.seq}`, { auditHead: head.hash, auditSeq: head.seq }),
    });
    const recorder = new FlightRecorder(new Simulator(store, { maxPathsPerGrant: config.maxPathsPerGrant }), decisionLog);
    const copilot = new Copilot(config.copilotLlm ? new LlmAgent(config.copilotLlm) : null);
    log('info', config.copilotLlm ? `copilot: language model ${config.copilotLlm.model}${config.copilotLlm.baseURL ? ` at ${config.copilotLlm.baseURL}` : ''}` : 'copilot: answering by rules from the graph (no OPENAI_API_KEY)');
    const { app, stop } = await createApp({
      store, now: () => new Date(), adminToken, ingest: ingestContext, readiness, recorder, copilot, auth, pseudonymKey,
      hardening: { introspection: sec.introspection, limits: sec.limits }, playground: sec.playground, graphqlJit: config.graphqlJit, responseCacheMb: config.responseCacheMb,
      maxBodyBytes: sec.maxBodyBytes, rateLimitPerMinute: sec.rateLimitPerMinute, authFailuresPerMinute: sec.authFailuresPerMinute,
    });
    const server = await listen(app, config.port, config.host).catch(async (e: unknown) => {
      await stop();
      throw e;
    });
    const requests = trackRequests(server);
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    const file = serverFilePath(config.kuzuPath);
    writeServerFile(file, { pid: process.pid, url, adminToken });
    log('info', `serving GraphQL at ${url}/graphql${sec.playground ? `, the playground at ${url}/` : ''} and the web console at ${url}/console (store: ${store.backend})`, { url, store: store.backend });
    if (authRequired(auth)) {
      log('info', `authentication required: ${[keys.hasActiveKeys() && 'API keys', auth.oidc && `OIDC tokens from ${sec.oidc!.issuer}`, 'the admin token'].filter(Boolean).join(', ')}`);
    } else {
      log('warn', `no authentication configured: listening on loopback (${config.host}) only; local callers may read and simulate, admin needs the admin token. Create a key (whohas keys create) or set WHOHAS_OIDC_* before binding another address`);
    }
    // Serve first, seed after: the playground answers at once, and the demo appears with the next graph version.
    // The demo seeds only an empty store, and jobs start after it so the two never race for "empty".
    const ready = loadDemoIfEmpty(store, config, log).then(async () => {
      if (jobs?.sodRules) await loadRulesFile(store, jobs.sodRules, log);
      if (!jobs || !config.runScheduler) return;
      scheduler = new JobScheduler({ store, jobs: jobs.jobs, run: (job) => runJob(store, job, ingestContext), log, tickMs: opts.schedulerTickMs });
      await scheduler.start();
    });
    ready.catch((e: unknown) => log('error', `start-up work failed: ${e instanceof Error ? e.message : String(e)}`));
    readiness.track(ready);
    return {
      url,
      store,
      ready,
      async close() {
        // Graceful: /readyz turns 503 so load balancers stop routing here, requests already running
        // finish (up to WHOHAS_SHUTDOWN_GRACE_S), and the store closes last (after an ingest in flight commits).
        readiness.drain();
        removeServerFile(file);
        await ready.catch(() => undefined);
        await scheduler?.stop();
        const { waitedFor, cutOff } = await requests.drain(config.shutdownGraceMs);
        if (waitedFor) log(cutOff ? 'warn' : 'info', `shutdown: ${waitedFor - cutOff} in-flight request(s) finished, ${cutOff} cut off`, { waitedFor, cutOff });
        await stop();
        await decisionLog?.close();
        await snapshotsSettled(store);
        await store.close();
        log('info', 'stopped: store closed');
      },
    };
  } catch (e) {
    await decisionLog?.close();
    await store.close();
    throw e;
  }
}
