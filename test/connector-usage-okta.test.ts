import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { oktaLogConnector } from '../ingest/usage';
import { transformOktaLog } from '../ingest/usage/okta-connector';
import { OktaLogOptions } from '../ingest/usage/options';
import { probePath } from '../ingest/core/probe';
import { ingestVia, transformFrom } from './helpers/connector-run';
import { grantOf } from './helpers/graph-queries';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';
import { tempStore, type TempStore } from './helpers/temp-store';

const PANTHER = () => sharedData('panther-detection-tests', 'okta-systemlog.labelled-events.ndjson');
const RAW_LOGIN = () => sharedData('ocsf-examples', 'okta-systemlog.authentication.raw.json');
const OKTA_BUNDLE = join(__dirname, '..', '..', 'test', 'fixtures', 'usage', 'okta-bundle');
const ORG = { oktaOrg: 'acme' };

function transform(path: string, options: object = ORG) {
  return transformOktaLog([{ name: path.split('/').pop()!, text: readFileSync(path, 'utf8') }], OktaLogOptions.parse(options), { now: new Date('2026-11-01T00:00:00Z') });
}

describe('okta-log connector: a rejected event names the usage it would have been', () => {
  it('an app access without a readable time names its account and app (entity usage); other events name nothing', () => {
    const event = (published: unknown, result = 'SUCCESS') => ({
      eventType: 'user.authentication.sso', published, outcome: { result },
      actor: { id: '00u1', type: 'User' }, target: [{ id: '0oa1', type: 'AppInstance' }, { id: '0oa2', type: 'AppInstance' }],
    });
    const text = [event('yesterday'), event('yesterday', 'FAILURE'), event('2026-10-01T00:00:00Z')].map((e) => JSON.stringify(e)).join('\n');
    const { result, stats } = transformOktaLog([{ name: 'okta.ndjson', text }], OktaLogOptions.parse(ORG), { now: new Date('2026-11-01T00:00:00Z') });
    assert.equal(stats.rejected, 2, 'each bad event counts once');
    assert.deepEqual(result.rejects.map((r) => [r.line, r.field, r.entity, r.key]), [
      [1, 'published', 'usage', { accountId: 'okta:acme:user/00u1', entitlementId: 'okta:acme:app/0oa1' }],
      [1, 'published', 'usage', { accountId: 'okta:acme:user/00u1', entitlementId: 'okta:acme:app/0oa2' }],
      [2, 'published', undefined, undefined],
    ]);
    assert.equal(result.records.usage.length, 2);
  });
});

describe('okta-log connector on the Panther Okta test events (100 labelled rows)', { skip: skipWithoutSharedData }, () => {
  it('accounts for every row (counts checked independently)', () => {
    const { stats, result } = transform(PANTHER());
    assert.equal(stats.events, 100);
    assert.deepEqual(stats.skipped, {
      'event types that are not app access or sign-in': 51,
      'labelled rows that are not Okta.SystemLog events (log_types: none)': 34,
    });
    assert.deepEqual(stats.failed, { 'outcome FAILURE': 4, 'outcome missing': 2 });
    assert.deepEqual(stats.used, { 'app access': 1 });
    assert.equal(stats.rejected, 8);
    assert.equal(result.source.source, 'okta-log:acme');
    assert.deepEqual(result.records.usage.map((r) => [r.line, r.value]), [
      [37, { accountId: 'okta:acme:user/00ubewfku1EX0WCFk697', entitlementId: 'okta:acme:app/0oabewfkt83T8ve1o697', at: '2024-04-02T19:17:37.621Z', count: 1 }],
    ]);
  });

  it('rejects redacted or missing publish times, naming the line', () => {
    const { result } = transform(PANTHER());
    assert.deepEqual(result.rejects.map((r) => [r.line, r.field, r.reason]), [
      [55, 'published', 'published "redacted" is not an ISO-8601 time'],
      [56, 'published', 'published "redacted" is not an ISO-8601 time'],
      [57, 'published', 'published "redacted" is not an ISO-8601 time'],
      [58, 'published', 'published "redacted" is not an ISO-8601 time'],
      [70, 'published', 'published is missing'],
      [71, 'published', 'published is missing'],
      [73, 'published', 'published is missing'],
      [95, 'published', 'published is missing'],
    ]);
  });

  it('the failed login of the same user to the same app (line 38) is not usage', () => {
    const lines = readFileSync(PANTHER(), 'utf8').split('\n');
    const { result, stats } = transformOktaLog([{ name: 'l38.ndjson', text: lines[37] }], OktaLogOptions.parse(ORG), { now: new Date() });
    assert.equal(result.records.usage.length, 0);
    assert.deepEqual(stats.failed, { 'outcome FAILURE': 1 });
  });

  it('a successful user.session.start is also a sign-in when a sign-in entitlement is configured', () => {
    const { result, stats } = transform(RAW_LOGIN(), { ...ORG, signInEntitlement: 'okta:acme:signin' });
    assert.deepEqual(stats.used, { 'app access': 1 });
    assert.deepEqual(result.records.usage.map((r) => r.value), [
      { accountId: 'okta:acme:user/00uttidj01jqL21aM1d6', entitlementId: 'okta:acme:app/0oatxlef9sQvvqInq5d6', at: '2024-08-13T15:58:20.353Z', count: 1 },
      { accountId: 'okta:acme:user/00uttidj01jqL21aM1d6', entitlementId: 'okta:acme:signin', at: '2024-08-13T15:58:20.353Z', count: 1 },
    ]);
  });

  it('needs oktaOrg: ids must match the directory connector, so there is no default', async () => {
    await assert.rejects(transformFrom(oktaLogConnector, RAW_LOGIN(), {}), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'CONFIG_INVALID');
      assert.match(e.message, /oktaOrg/);
      return true;
    });
  });

  it('detects System Log files (raw and Panther-labelled), not CloudTrail or OCSF', async () => {
    assert.ok(oktaLogConnector.detect!(await probePath(PANTHER())));
    assert.ok(oktaLogConnector.detect!(await probePath(RAW_LOGIN())));
    assert.ok(!oktaLogConnector.detect!(await probePath(sharedData('ocsf-examples', 'okta-systemlog.authentication.ocsf.json'))));
    assert.ok(!oktaLogConnector.detect!(await probePath(sharedData('panther-detection-tests', 'aws-cloudtrail.labelled-events.ndjson'))));
  });
});

describe('Okta usage into a real store', { skip: skipWithoutSharedData }, () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
    const run = await t.ingest(OKTA_BUNDLE);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
  });
  after(async () => t.close());

  it('records app use on the Okta account that signed in, and shows it on its owner', async () => {
    const run = await ingestVia(t, oktaLogConnector, PANTHER(), { options: ORG });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.source, 'okta-log:acme');
    assert.equal(run.rejectCount, 8);
    const g = await grantOf(t.store, 'hr:3310', 'okta:acme:app/0oabewfkt83T8ve1o697');
    assert.deepEqual([g!.lastUsedAt, g!.useCount], ['2024-04-02T19:17:37.621Z', 1]);
  });

  it('a later login to the Admin Console (ocsf-examples raw event) adds to the other user, sign-in included', async () => {
    const run = await ingestVia(t, oktaLogConnector, RAW_LOGIN(), { options: { ...ORG, signInEntitlement: 'okta:acme:signin' } });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.rejectCount, 0);
    const admin = await grantOf(t.store, 'hr:3311', 'okta:acme:app/0oatxlef9sQvvqInq5d6');
    assert.deepEqual([admin!.lastUsedAt, admin!.useCount], ['2024-08-13T15:58:20.353Z', 1]);
    const signIn = await grantOf(t.store, 'hr:3311', 'okta:acme:signin');
    assert.deepEqual([signIn!.lastUsedAt, signIn!.useCount], ['2024-08-13T15:58:20.353Z', 1]);
    // John Doe holds the Dashboard too but did not use it.
    assert.equal((await grantOf(t.store, 'hr:3311', 'okta:acme:app/0oabewfkt83T8ve1o697'))!.lastUsedAt ?? null, null);
  });
});
