import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkReferences } from '../ingest/bundle/check-references';
import { readBundle } from '../ingest/bundle/read-bundle';
import { Rng } from '../src/demo/random';
import { buildCatalog } from '../src/demo/scale/catalog';
import { writeScaleBundle, type WrittenScale } from '../src/demo/scale/generate-scale';
import type { RecordSink } from '../src/demo/scale/ndjson-files';
import { buildOrg } from '../src/demo/scale/org';
import { L_HUMANS, MAX_GROUP_LEVELS, planScale } from '../src/demo/scale/plan';
import type { DemoRecords } from '../src/demo/types';
import { projectRoot } from '../src/paths';
import { fileHashes, groupLevels, readScaleRecords } from './helpers/scale-bundle';

// The scale shape (issue 11's L enterprise) at 2,000 humans: same shape, 1/50th of the size.
const SMALL = { humans: 2000, usageEvents: 20_000, seed: 42 };
const work = mkdtempSync(join(tmpdir(), 'whohas-scale-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('scale shape at 2,000 humans', () => {
  let written: WrittenScale;
  let r: DemoRecords;
  before(async () => {
    written = await writeScaleBundle(join(work, 'a'), SMALL);
    r = readScaleRecords(join(work, 'a'));
  });

  test('the same seed gives byte-identical files; another seed gives different ones', async () => {
    await writeScaleBundle(join(work, 'b', 'nested'), SMALL);
    await writeScaleBundle(join(work, 'c'), { ...SMALL, seed: 43 });
    const a = fileHashes(join(work, 'a'));
    assert.deepEqual(Object.keys(a), ['accounts.ndjson', 'credentials.ndjson', 'delegations.ndjson', 'entitlements.ndjson', 'grants.ndjson', 'groups.ndjson', 'identities.ndjson', 'memberships.ndjson', 'source.json', 'systems.ndjson', 'usage.ndjson']);
    assert.deepEqual(fileHashes(join(work, 'b', 'nested')), a);
    const c = fileHashes(join(work, 'c'));
    for (const f of ['identities.ndjson', 'accounts.ndjson', 'memberships.ndjson', 'usage.ndjson']) assert.notEqual(c[f], a[f], f);
  });

  test('counts follow the shape: 1/50th of L', () => {
    const kind = (k: string) => r.identities.filter((i) => i.kind === k).length;
    assert.equal(kind('human'), 2000);
    assert.equal(kind('service'), 24);
    assert.equal(kind('agent'), 16);
    // L: 300k accounts and 3M membership + grant edges for 100k humans. At 2,000 the apps have only a
    // few projects per division, so people's project picks coincide more often: fewer edges per head.
    const edges = r.memberships.length + r.grants.length;
    assert.ok(r.accounts.length > 2.6 * 2000 && r.accounts.length < 3.4 * 2000, `accounts ${r.accounts.length}`);
    assert.ok(edges > 15 * 2000 && edges < 35 * 2000, `memberships + grants ${edges}`);
    assert.equal(r.usage.length, SMALL.usageEvents);
    assert.equal(written.counts['usage.ndjson'], SMALL.usageEvents);
    assert.equal(written.counts['accounts.ndjson'], r.accounts.length);
    for (const [i, id] of r.identities.filter((x) => x.kind === 'human').map((x) => x.id).entries()) assert.equal(id, `hr:E${10001 + i}`);
  });

  test('the real reader and reference check reject nothing', async () => {
    const bundle = await readBundle(join(work, 'a'), { maxFileBytes: 1e9 });
    assert.deepEqual(bundle.rejects, []);
    assert.deepEqual(bundle.unknownFiles, []);
    const known = { identities: new Set<string>(), systems: new Set<string>(), accounts: new Set<string>(), groups: new Set<string>(), entitlements: new Set<string>(), identityIdByEmail: new Map(), identityAttributes: new Map() };
    const rejects = [...bundle.rejects];
    const kept = checkReferences(bundle.records, known, rejects);
    assert.deepEqual(rejects.slice(0, 3), []);
    assert.equal(kept.usage.length, SMALL.usageEvents);
    assert.equal(bundle.source.mode, 'full');
  });

  test('group nesting is a DAG six levels deep, never deeper', () => {
    const levels = groupLevels(r);
    assert.equal(Math.max(...levels.values()), MAX_GROUP_LEVELS);
    const groupParents = new Map<string, number>();
    for (const m of r.memberships) if (m.memberType === 'group') groupParents.set(m.memberId, (groupParents.get(m.memberId) ?? 0) + 1);
    assert.ok([...groupParents.values()].some((n) => n > 1), 'some groups sit under two parents');
    assert.ok(r.memberships.some((m) => m.memberId === 'okta:grp:everyone' && m.groupId === 'okta:grp:mfa-required'), 'All Employees is in MFA Required');
  });

  test('the mess of a real estate: disabled accounts, lapsed edges, orphans, leavers, unowned services', () => {
    const expired = (x: { expiresAt?: string }) => x.expiresAt !== undefined && x.expiresAt < '2026-11-01';
    assert.ok(r.accounts.filter((a) => a.status === 'disabled').length > 0.02 * r.accounts.length);
    assert.ok(r.memberships.filter(expired).length > 0.02 * r.memberships.length);
    assert.ok(r.grants.some(expired));
    assert.ok(r.accounts.filter((a) => !a.identityId).length >= 40);
    assert.ok(r.identities.some((i) => i.status === 'terminated' && i.kind === 'human'));
    assert.ok(r.identities.some((i) => i.kind === 'service' && !i.ownerId));
    assert.ok(r.entitlements.filter((e) => e.privileged).length > 20);
    assert.ok(r.credentials.length > 0 && r.delegations.length > 0);
  });
});

test('at L the catalog holds 20k groups and 5k entitlements, nested 6 deep', () => {
  const counts: Record<string, number> = {};
  const sink: RecordSink = { write: (entity) => void (counts[entity] = (counts[entity] ?? 0) + 1), settle: async () => undefined };
  const cat = buildCatalog(sink, new Rng(42).fork('catalog'), planScale({ humans: L_HUMANS }), buildOrg(L_HUMANS));
  assert.ok(Math.abs(counts.groups - 20_000) <= 200, `groups ${counts.groups}`);
  assert.ok(Math.abs(counts.entitlements - 5_000) <= 100, `entitlements ${counts.entitlements}`);
  assert.equal(Math.max(...cat.c.groupLevel), MAX_GROUP_LEVELS);
  assert.ok(cat.c.groupLevel.filter((l) => l === MAX_GROUP_LEVELS).length > 5_000);
});

test('CLI: whohas demo --shape scale writes the bundle; --rules is refused with it', () => {
  const bin = join(projectRoot(), 'bin', 'whohas.js');
  const dir = join(work, 'cli');
  const ok = spawnSync(process.execPath, [bin, 'demo', dir, '--shape', 'scale', '--humans', '500'], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /scale bundle \(500 humans\) written to .*identities\.ndjson 524,/);
  assert.ok(readdirSync(dir).includes('usage.ndjson'));
  const rules = spawnSync(process.execPath, [bin, 'demo', dir, '--shape', 'scale', '--rules', join(work, 'r.yaml')], { encoding: 'utf8' });
  assert.equal(rules.status, 2);
  assert.match(rules.stderr, /--rules goes with the default shape only/);
});
