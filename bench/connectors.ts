import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatByName } from '../ingest/registry';
import { KuzuStore } from '../src/store/kuzu-store';
import { projectRoot } from '../src/paths';
import { writeResult } from './results-file';

/**
 * `npm run bench:connectors`: each connector on the largest real file we have for it (shared data
 * beside the checkout; our fixtures where no public data exists), ingested end to end into a fresh
 * embedded store through the same path the CLI uses. Results: bench/results/connectors-<date>.json.
 */
const SHARED = process.env.WHOHAS_SHARED_DATA ?? resolve(projectRoot(), '..', 'shared', 'data');
const FIXTURES = join(projectRoot(), 'test', 'fixtures');

interface Case {
  format: string;
  path: string;
  options?: Record<string, unknown>;
  /** A bundle loaded first: usage needs the accounts and entitlements it points at. */
  before?: string;
}

const CASES: Case[] = [
  { format: 'scim', path: join(SHARED, 'scim-rfc-examples') },
  { format: 'aws-iam', path: join(SHARED, 'aws-iam-cloudsplaining', 'iam-vulnerable-account-authorization-details.json'), options: { riskyActions: join(SHARED, 'aws-iam-risky-actions') } },
  {
    format: 'aws-iam',
    path: join(SHARED, 'aws-iam-cloudsplaining', 'iam-vulnerable-account-authorization-details.json'),
    options: { riskyActions: join(SHARED, 'aws-iam-risky-actions'), actionEntitlements: true },
  },
  { format: 'bloodhound', path: join(SHARED, 'bloodhound-ad-sample'), options: { identities: 'create', outOfScope: 'ignore' } },
  {
    format: 'cloudtrail',
    path: join(SHARED, 'panther-detection-tests', 'aws-cloudtrail.labelled-events.ndjson'),
    before: join(FIXTURES, 'usage', 'aws-bundle'),
  },
  {
    format: 'okta-log',
    path: join(SHARED, 'panther-detection-tests', 'okta-systemlog.labelled-events.ndjson'),
    options: { oktaOrg: 'acme' },
    before: join(FIXTURES, 'usage', 'okta-bundle'),
  },
  { format: 'hris-csv', path: join(FIXTURES, 'hris', 'workers.csv') },
  { format: 'agent-registry', path: join(FIXTURES, 'agents', 'registry', 'acme-agents.yaml') },
  { format: 'a2a-card', path: join(FIXTURES, 'agents', 'a2a') },
];

async function main() {
  const results = [];
  const generated = mkdtempSync(join(tmpdir(), 'whohas-bench-gen-'));
  for (const c of [...CASES, ...generatedCases(generated)]) {
    const work = mkdtempSync(join(tmpdir(), 'whohas-bench-conn-'));
    const store = new KuzuStore(join(work, 'db.kuzu'));
    await store.init();
    try {
      const format = formatByName(c.format);
      const opts = { maxFileBytes: 1e9, runsDir: join(work, 'runs'), maxPathsPerGrant: 8 };
      if (c.before) await formatByName('bundle').ingest(store, c.before, {}, opts);
      const t0 = process.hrtime.bigint();
      const run = await format.ingest(store, c.path, { options: c.options }, opts);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const records = Object.entries(run.counts).filter(([k]) => !k.includes('.') && k !== 'accessGrants').reduce((n, [, v]) => n + v, 0);
      const t1 = process.hrtime.bigint();
      await format.ingest(store, c.path, { options: c.options }, opts);
      const again = Number(process.hrtime.bigint() - t1) / 1e9;
      const row = {
        format: c.format,
        input: c.path.replace(SHARED, 'shared/data').replace(FIXTURES, 'test/fixtures').replace(generated, '(generated)'),
        options: c.options ?? {},
        status: run.status,
        records,
        rejects: run.rejectCount,
        accessGrants: run.counts.accessGrants ?? 0,
        seconds: +seconds.toFixed(3),
        recordsPerSecond: Math.round(records / seconds),
        reingestSeconds: +again.toFixed(3),
        phasesMs: run.timingsMs,
      };
      results.push(row);
      console.log(`${c.format.padEnd(15)} ${String(records).padStart(6)} records ${seconds.toFixed(2).padStart(6)} s  ${String(row.recordsPerSecond).padStart(6)} rec/s  (re-run ${again.toFixed(2)} s)`);
    } finally {
      await store.close();
      rmSync(work, { recursive: true, force: true });
    }
  }
  rmSync(generated, { recursive: true, force: true });
  const file = writeResult(`connectors-${new Date().toISOString().slice(0, 10)}.json`, { machine: { cpus: require('node:os').cpus().length, node: process.version }, results });
  console.log(`results written to ${file}`);
}

/**
 * The public files are small; these are the same formats at enterprise-like size, built
 * deterministically so runs compare: 20k HR workers, 20k SCIM users in 500 groups, and the
 * CloudTrail sample repeated 50 times a minute apart.
 */
function generatedCases(dir: string): Case[] {
  const workers = ['Employee ID,Worker,Work Email,Supervisory Organization,Business Title,Manager Employee ID,Worker Status,Hire Date'];
  for (let i = 0; i < 20_000; i++) {
    const manager = i === 0 ? '' : String(10_000 + Math.floor((i - 1) / 8));
    workers.push(`${10_000 + i},Worker ${i},w${i}@example.com,Dept ${i % 40},Title ${i % 25},${manager},Active,2020-01-${String((i % 28) + 1).padStart(2, '0')}`);
  }
  writeFileSync(join(dir, 'workers.csv'), workers.join('\n') + '\n');

  const users = Array.from({ length: 20_000 }, (_, i) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: `u${i}`,
    userName: `user${i}@example.com`,
    displayName: `User ${i}`,
    active: i % 50 !== 0,
    emails: [{ value: `user${i}@example.com`, primary: true }],
  }));
  const groups = Array.from({ length: 500 }, (_, g) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: `g${g}`,
    displayName: `Group ${g}`,
    members: [
      ...Array.from({ length: 80 }, (_, k) => ({ value: `u${(g * 40 + k) % 20_000}`, type: 'User' })),
      ...(g % 10 ? [{ value: `g${g - (g % 10)}`, type: 'Group' }] : []),
    ],
  }));
  const resources = [...users, ...groups];
  writeFileSync(
    join(dir, 'scim-list.json'),
    JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources }),
  );

  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const lines = readFileSync(join(SHARED, 'panther-detection-tests', 'aws-cloudtrail.labelled-events.ndjson'), 'utf8').split('\n').filter(Boolean);
  const shifted: string[] = [];
  for (let copy = 0; copy < 50; copy++) {
    for (const line of lines) shifted.push(line.replace(/"(eventTime|p_event_time)":\s*"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/g, (_m, k, d, h, mi) => `"${k}":"${d}T${h}:${String((Number(mi) + copy) % 60).padStart(2, '0')}`));
  }
  writeFileSync(join(dir, 'trail.ndjson'), shifted.join('\n') + '\n');
  return [
    { format: 'hris-csv', path: join(dir, 'workers.csv') },
    { format: 'scim', path: join(dir, 'scim-list.json') },
    { format: 'cloudtrail', path: join(dir, 'trail.ndjson'), before: join(FIXTURES, 'usage', 'aws-bundle') },
  ];
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
