import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeScaleBundle } from '../src/demo/scale/generate-scale';
import type { DemoRecords } from '../src/demo/types';
import { effectiveAccess, readScaleRecords } from './helpers/scale-bundle';
import { tempStore } from './helpers/temp-store';

// What the benchmark needs from the scale shape, checked with the engine ingest uses: a right held
// by most people, one edge whose removal moves most of them, delegation chains that narrow, and
// usage that gathers on a fraction of what is held. At 2,000 humans, 1/50th of L.
const work = mkdtempSync(join(tmpdir(), 'whohas-scale-access-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('access in the scale shape at 2,000 humans', () => {
  let r: DemoRecords;
  before(async () => {
    await writeScaleBundle(work, { humans: 2000, usageEvents: 40_000, seed: 42 });
    r = readScaleRecords(work);
  });

  test('a right held by most people (whoHas with thousands of holders), and a long tail of rare ones', () => {
    const holders = new Map<string, Set<string>>();
    const humans = new Set(r.identities.filter((i) => i.kind === 'human').map((i) => i.id));
    for (const g of effectiveAccess(r)) if (humans.has(g.identityId)) holders.set(g.entitlementId, (holders.get(g.entitlementId) ?? new Set()).add(g.identityId));
    const counts = [...holders.values()].map((s) => s.size).sort((a, b) => b - a);
    // At L these are 10k+ holders: MFA through All Employees, then department-wide rights.
    assert.ok((holders.get('okta:license:mfa')?.size ?? 0) > 0.9 * 2000, `mfa holders ${holders.get('okta:license:mfa')?.size}`);
    assert.ok(counts.filter((n) => n >= 0.1 * 2000).length >= 10, 'several rights held by a tenth of the people or more');
    const rare = counts[Math.floor(counts.length * 0.75)];
    assert.ok(rare < 0.05 * 2000, `a quarter of the rights held have fewer than 5% of the people (75th percentile: ${rare})`);
  });

  test('delegation chains run person -> agent -> sub-agent -> tool runner, each hop inside what it received', () => {
    const kind = new Map(r.identities.map((i) => [i.id, i.kind]));
    const incoming = new Map<string, typeof r.delegations>();
    for (const d of r.delegations) incoming.set(d.toId, [...(incoming.get(d.toId) ?? []), d]);
    let longest = 0;
    const depth = (id: string, seen: Set<string>): number => {
      const from = (incoming.get(id) ?? []).filter((d) => !seen.has(d.fromId));
      return from.length === 0 ? 0 : 1 + Math.max(...from.map((d) => depth(d.fromId, new Set([...seen, id]))));
    };
    for (const d of r.delegations) {
      if (kind.get(d.fromId) !== 'agent') continue;
      const received = incoming.get(d.fromId) ?? [];
      if (received.some((x) => x.scope.includes('*'))) continue;
      const allowed = new Set(received.flatMap((x) => x.scope));
      for (const e of d.scope) assert.ok(allowed.has(e), `${d.fromId} -> ${d.toId} passes on ${e}, which it never received`);
      longest = Math.max(longest, depth(d.toId, new Set()));
    }
    assert.equal(longest, 3, 'a chain of three hops from a person to a tool runner');
    const toRunners = r.delegations.filter((d) => r.identities.find((i) => i.id === d.toId)?.attributes?.role === 'tool-runner');
    assert.ok(toRunners.length > 0 && toRunners.every((d) => d.scope.length <= 3));
    assert.ok(toRunners.some((d) => d.scope.every((e) => e.startsWith('tool:'))), 'chains end in agent tools');
    assert.ok(r.delegations.some((d) => d.scope[0] === '*') && r.delegations.some((d) => d.expiresAt && d.expiresAt < '2026-11-01'));
  });

  test('usage mostly exercises held rights and gathers on a fraction of them', () => {
    const held = new Set(effectiveAccess(r, true).map((g) => `${g.identityId}|${g.entitlementId}`));
    const events = new Map<string, number>();
    let onHeld = 0;
    for (const u of r.usage) {
      const key = `${u.accountId}|${u.entitlementId}`;
      events.set(key, (events.get(key) ?? 0) + 1);
      if (held.has(key)) onHeld++;
    }
    assert.ok(onHeld > 0.9 * r.usage.length, `events on held pairs ${onHeld}`);
    const perPair = [...events.values()].sort((a, b) => b - a);
    const top = perPair.slice(0, Math.ceil(perPair.length / 5)).reduce((s, n) => s + n, 0);
    assert.ok(top > 0.5 * r.usage.length, `top fifth of pairs: ${top} events`);
    assert.ok(events.size < 0.5 * held.size, `used pairs ${events.size} of ${held.size} held`);
    assert.deepEqual([...r.usage.map((u) => u.at)].sort(), r.usage.map((u) => u.at), 'events are in time order');
  });
});

test('a small scale bundle ingests into the embedded store with no rejects', async () => {
  const dir = join(work, 'small');
  const { counts } = await writeScaleBundle(dir, { humans: 500, usageEvents: 2_000, seed: 7 });
  const t = await tempStore('whohas-scale-ingest-');
  try {
    const run = await t.ingest(dir, { now: () => new Date('2026-11-01T00:00:00Z') });
    assert.equal(run.status, 'succeeded', run.error?.message);
    assert.equal(run.rejectCount, 0);
    assert.equal(run.counts.identities, counts['identities.ndjson']);
    assert.equal(run.counts.memberships, counts['memberships.ndjson']);
    assert.ok((run.counts.accessGrants ?? 0) > 500 * 10);
  } finally {
    await t.close();
  }
});
