import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { EnvSchema } from '../src/config';
import { projectRoot } from '../src/paths';

/**
 * No Docker engine or compose plugin runs here, so `docker compose config` is done by hand: compose's
 * own variable interpolation, then the Compose Specification JSON schema (the one dclint ships, a dev
 * dependency, from compose-spec/compose-spec), then the cross-references compose checks itself. The
 * rest asserts what the deployment promises: pinned Neo4j 5 with a health check, volumes and memory
 * settings, a multi-stage image that runs as a non-root user with production dependencies only.
 */
const root = projectRoot();
const text = (name: string) => readFileSync(join(root, name), 'utf8');
type Dict = Record<string, any>;

/** Compose's interpolation: $$, $VAR, ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?e}, ${VAR?e}, ${VAR:+a}, ${VAR+a}. */
function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, op, arg, bare) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare;
    const v = env[name];
    const unset = v === undefined;
    const empty = unset || v === '';
    switch (op) {
      case ':-': return empty ? arg : v!;
      case '-': return unset ? arg : v!;
      case ':?': if (empty) throw new Error(`required variable ${name} is missing: ${arg}`); return v!;
      case '?': if (unset) throw new Error(`required variable ${name} is missing: ${arg}`); return v!;
      case ':+': return empty ? '' : arg;
      case '+': return unset ? '' : arg;
      default: return v ?? '';
    }
  });
}

function interpolateAll(node: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((n) => interpolateAll(n, env));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateAll(v, env)]));
  return node;
}

function composeSchemaValidator() {
  // dclint's exports map lists only package.json; the schema file sits beside it.
  const schema = JSON.parse(readFileSync(join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The spec schema names its meta-schema by the https URL; it is draft-07.
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-07.json'), 'https://json-schema.org/draft-07/schema');
  return ajv.compile(schema);
}

function loadCompose(env: Record<string, string | undefined>): Dict {
  return interpolateAll(parseYaml(text('docker-compose.yml')), env) as Dict;
}

const ENVS: Record<string, Record<string, string | undefined>> = {
  'no variables set': {},
  'every knob set': { NEO4J_PASSWORD: 'a-long-password', NEO4J_HEAP: '4G', NEO4J_PAGECACHE: '8G', NEO4J_MEM_LIMIT: '14g', WHOHAS_PORT: '8080', WHOHAS_DEMO: 'false', WHOHAS_SCHEDULER: 'false' },
};

describe('docker-compose.yml is a valid Compose file', () => {
  const validate = composeSchemaValidator();

  for (const [label, env] of Object.entries(ENVS)) {
    test(`it matches the Compose Specification schema after interpolation (${label})`, () => {
      const doc = loadCompose(env);
      const ok = validate(doc);
      assert.deepEqual(ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`), []);
    });
  }

  test('the schema check is real: it refuses what compose refuses', () => {
    const doc = loadCompose({});
    assert.equal(validate({ ...doc, services: { ...doc.services, neo4j: { ...doc.services.neo4j, healthcheck: { test: 'x', start_period: 40 } } } }), false);
    assert.equal(validate({ ...doc, services: { ...doc.services, whohas: { ...doc.services.whohas, restart_policy: 'always' } } }), false);
    assert.throws(() => interpolate('${NEO4J_PASSWORD:?set a password}', {}), /required variable NEO4J_PASSWORD/);
    assert.equal(interpolate('a$$b ${X:-d} ${Y-e} $Z', { Y: '', Z: 'z' }), 'a$b d  z');
  });

  test('references resolve: depends_on services, named volumes, and no host port used twice', () => {
    const doc = loadCompose({});
    const services = Object.keys(doc.services);
    const volumes = Object.keys(doc.volumes ?? {});
    const hostPorts: string[] = [];
    for (const [name, svc] of Object.entries<Dict>(doc.services)) {
      for (const dep of Object.keys(svc.depends_on ?? {})) assert.ok(services.includes(dep), `${name} depends on unknown ${dep}`);
      for (const v of svc.volumes ?? []) {
        const source = typeof v === 'string' ? v.split(':')[0] : v.source;
        if (!/^[./~]/.test(source)) assert.ok(volumes.includes(source), `${name} mounts undeclared volume ${source}`);
      }
      for (const p of svc.ports ?? []) hostPorts.push(String(p).split(':').slice(0, -1).join(':'));
    }
    assert.equal(new Set(hostPorts).size, hostPorts.length, `host ports used twice: ${hostPorts.join(', ')}`);
  });
});

describe('docker-compose.yml: what the deployment promises', () => {
  const doc = loadCompose({ NEO4J_PASSWORD: 'a-long-password' });
  const { neo4j, whohas } = doc.services;
  const embedded = doc.services['whohas-embedded'];

  test('Neo4j 5 community, pinned to a release line, with a health check that logs in, and its data on volumes', () => {
    assert.match(neo4j.image, /^neo4j:5\.\d+(\.\d+)?-community$/);
    assert.ok(Array.isArray(neo4j.healthcheck.test) && neo4j.healthcheck.test.join(' ').includes('cypher-shell'));
    for (const k of ['interval', 'timeout', 'retries', 'start_period']) assert.ok(neo4j.healthcheck[k] !== undefined, k);
    const mounts = (neo4j.volumes as string[]).map((v) => v.split(':'));
    assert.ok(mounts.some(([src, dst]) => dst === '/data' && doc.volumes[src] !== undefined));
    assert.ok(mounts.some(([, dst]) => dst === '/logs'));
  });

  test('Neo4j memory is set (heap, page cache, transaction ceiling) inside a container limit, sized in comments', () => {
    const env = neo4j.environment as Dict;
    for (const k of ['NEO4J_server_memory_heap_initial__size', 'NEO4J_server_memory_heap_max__size', 'NEO4J_server_memory_pagecache_size', 'NEO4J_dbms_memory_transaction_total_max']) {
      assert.match(String(env[k]), /^\d+[kmg]$/i, k);
    }
    assert.match(String(neo4j.mem_limit), /^\d+[kmg]$/i);
    const gb = (s: string) => Number.parseFloat(s) * ({ k: 1 / 1024 / 1024, m: 1 / 1024, g: 1 } as Record<string, number>)[s.slice(-1).toLowerCase()];
    const used = gb(env.NEO4J_server_memory_heap_max__size) + gb(env.NEO4J_server_memory_pagecache_size);
    assert.ok(used < gb(neo4j.mem_limit), 'heap + page cache must leave room for the JVM and the OS');
    assert.match(text('docker-compose.yml'), /# .*page cache/i);
  });

  test('whohas waits for a healthy Neo4j and is wired to it by env that whohas reads', () => {
    assert.equal(whohas.depends_on.neo4j.condition, 'service_healthy');
    assert.equal(whohas.environment.WHOHAS_STORE, 'neo4j');
    assert.match(whohas.environment.NEO4J_URI, /^(bolt|neo4j):\/\/neo4j:7687$/);
    const known = Object.keys(EnvSchema.shape);
    for (const svc of [whohas, embedded]) {
      for (const k of Object.keys(svc.environment)) assert.ok(known.includes(k), `${k} is not a variable whohas reads (src/config.ts)`);
    }
    assert.ok(Number.parseInt(whohas.stop_grace_period, 10) > Number(whohas.environment.WHOHAS_SHUTDOWN_GRACE_S), 'docker must wait longer than whohas drains');
  });

  test('a second profile runs whohas alone on the embedded store, with its own volume and port', () => {
    assert.deepEqual(embedded.profiles, ['embedded']);
    assert.equal(embedded.environment.WHOHAS_STORE, 'kuzu');
    assert.equal(embedded.depends_on, undefined);
    assert.ok((embedded.volumes as string[]).some((v) => v.endsWith(':/app/data')));
    for (const svc of [neo4j, whohas]) assert.equal(svc.profiles, undefined, 'the default profile needs no flag');
  });
});

/** Dockerfile instructions with continuation lines joined, comments dropped, split into stages. */
function dockerStages(): Array<{ from: string; name?: string; lines: string[] }> {
  const joined = text('Dockerfile').replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: Array<{ from: string; name?: string; lines: string[] }> = [];
  for (const line of joined) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1], name: from[2], lines: [] });
    else stages[stages.length - 1].lines.push(line);
  }
  return stages;
}

describe('Dockerfile and .dockerignore', () => {
  const stages = dockerStages();
  const runtime = stages[stages.length - 1];

  test('multi-stage: a named build stage, and a runtime stage that copies only its output', () => {
    assert.ok(stages.length >= 2);
    assert.equal(stages[0].name, 'build');
    for (const s of stages) assert.match(s.from, /^node:\d+(\.\d+)*-[a-z]+(-slim)?$/, `${s.from}: pin a Node major and a distribution, never latest`);
    const copies = runtime.lines.filter((l) => /^COPY\b/i.test(l));
    assert.ok(copies.length > 0 && copies.every((l) => /--from=build\b/.test(l)), 'the runtime stage copies only from the build stage');
  });

  test('production dependencies only, and no build tools at run time', () => {
    const build = stages[0].lines.join('\n');
    assert.match(build, /npm prune --omit=dev/);
    assert.ok(build.indexOf('npx tsc') < build.indexOf('npm prune --omit=dev'), 'compile first, then drop the dev dependencies');
    assert.doesNotMatch(runtime.lines.join('\n'), /\bnpm (ci|install|i)\b/);
  });

  test('the runtime runs as a non-root user, checks /readyz for health, and stops on SIGTERM', () => {
    const user = runtime.lines.filter((l) => /^USER\b/i.test(l)).pop();
    assert.ok(user, 'a USER instruction');
    assert.doesNotMatch(user!, /^USER\s+(root|0)(:|$)/i);
    assert.match(runtime.lines.find((l) => /^HEALTHCHECK\b/i.test(l)) ?? '', /\/readyz/);
    assert.match(runtime.lines.find((l) => /^STOPSIGNAL\b/i.test(l)) ?? '', /SIGTERM/);
  });

  test('.dockerignore keeps the database, node_modules and git out, and nothing the build copies', () => {
    const patterns = text('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const p of ['.git', 'node_modules', 'data', 'dist', '**/*.kuzu']) assert.ok(patterns.includes(p), p);
    const sources = stages[0].lines
      .filter((l) => /^COPY\b/i.test(l) && !/--from=/.test(l))
      .flatMap((l) => l.replace(/^COPY\s+/i, '').split(/\s+/).slice(0, -1))
      .filter((s) => !s.startsWith('--'));
    assert.ok(sources.includes('src') && sources.includes('cypher'));
    for (const s of sources) assert.ok(!patterns.includes(s) && !patterns.includes(`${s}/`), `${s} is copied but ignored`);
  });
});
