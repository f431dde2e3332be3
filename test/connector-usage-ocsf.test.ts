import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cloudtrailConnector } from '../ingest/usage/cloudtrail-connector';
import { ocsfConnector } from '../ingest/usage/ocsf-connector';
import { probePath } from '../ingest/core/probe';
import { ingestVia, transformFrom } from './helpers/connector-run';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';
import { tempStore, type TempStore } from './helpers/temp-store';

const example = (name: string) => sharedData('ocsf-examples', name);
const SIGN_IN = { signInEntitlement: 'aws:{accountId}:signin' };
const AWS_BUNDLE = join(__dirname, '..', '..', 'test', 'fixtures', 'usage', 'aws-bundle');

async function usageOf(connector: typeof ocsfConnector, path: string, options: object = {}) {
  const { result } = await transformFrom(connector, path, options);
  return result.records.usage.map((r) => r.value as { accountId: string; entitlementId: string; at: string; count: number });
}

describe('raw CloudTrail and its OCSF mapping give the same usage (ocsf-examples pairs)', { skip: skipWithoutSharedData }, () => {
  it('CreateUser by an assumed role (v1.1 Account Change, class 3001)', async () => {
    const raw = await usageOf(cloudtrailConnector, example('aws-cloudtrail-v1.1.account_change.raw.json'));
    assert.deepEqual(raw, [{ accountId: 'aws:112233445566:role/Admin', entitlementId: 'aws:112233445566:action/iam:CreateUser', at: '2023-03-17T17:07:59.000Z', count: 1 }]);
    assert.deepEqual(await usageOf(ocsfConnector, example('aws-cloudtrail-v1.1.account_change.ocsf.json')), raw);
  });

  it('DescribeDirectConnectGateways by IAM user Level6 (v1.1 API Activity, class 6003)', async () => {
    const raw = await usageOf(cloudtrailConnector, example('aws-cloudtrail-v1.1.generic_api_activity.raw.json'));
    assert.deepEqual(raw, [
      { accountId: 'aws:1111111111111:user/Level6', entitlementId: 'aws:1111111111111:action/directconnect:DescribeDirectConnectGateways', at: '2023-09-21T22:22:52.000Z', count: 1 },
    ]);
    assert.deepEqual(await usageOf(ocsfConnector, example('aws-cloudtrail-v1.1.generic_api_activity.ocsf.json')), raw);
  });

  it('DescribeTargetHealth by a service role session (v1.5): OCSF `time` agrees with the raw event, its time_dt does not', async () => {
    const raw = await usageOf(cloudtrailConnector, example('aws-cloudtrail-v1.5.account_change.raw.json'));
    assert.deepEqual(raw.map((u) => [u.accountId, u.entitlementId, u.at]), [
      ['aws:112233445566:role/AWSServiceRole', 'aws:112233445566:action/elasticloadbalancing:DescribeTargetHealth', '2025-07-18T15:02:39.000Z'],
    ]);
    assert.deepEqual(await usageOf(ocsfConnector, example('aws-cloudtrail-v1.5.account_change.ocsf.json')), raw);
  });

  it('ConsoleLogin by anaya (Authentication 3002): a sign-in, usage only of a configured sign-in entitlement', async () => {
    const raw = await usageOf(cloudtrailConnector, example('aws-cloudtrail-v1.1.authentication.raw.json'), SIGN_IN);
    assert.deepEqual(raw, [{ accountId: 'aws:111122223333:user/anaya', entitlementId: 'aws:111122223333:signin', at: '2023-11-10T16:24:34.000Z', count: 1 }]);
    assert.deepEqual(await usageOf(ocsfConnector, example('aws-cloudtrail-v1.1.authentication.ocsf.json'), SIGN_IN), raw);
    const { result } = await transformFrom(ocsfConnector, example('aws-cloudtrail-v1.1.authentication.ocsf.json'));
    assert.equal(result.records.usage.length, 0);
    assert.deepEqual(result.notes, ['ocsf: 1 events: 1 not usage (sign-in (no signInEntitlement configured): 1)']);
  });

  it('an IAM Identity Center sign-in has no IAM account: counted, not usage', async () => {
    const { result } = await transformFrom(cloudtrailConnector, example('aws-cloudtrail-v1.5.authentication.raw.json'), SIGN_IN);
    assert.equal(result.records.usage.length, 0);
    assert.deepEqual(result.notes, ['cloudtrail: 1 events: 1 not attributable (IAM Identity Center user: 1)']);
  });
});

describe('OCSF input that is not AWS usage', { skip: skipWithoutSharedData }, () => {
  it('counts the GitHub, Okta and Windows OCSF events as not from AWS, by product', async () => {
    const names = readdirSync(sharedData('ocsf-examples')).filter((n) => n.endsWith('.ocsf.json') && !n.startsWith('aws-'));
    assert.equal(names.length, 13);
    const notes = [];
    for (const n of names) notes.push(...(await transformFrom(ocsfConnector, example(n))).result.notes);
    const products = notes.map((n) => /\(OCSF events not from AWS \((\w+)\): 1\)/.exec(n)?.[1]);
    assert.deepEqual(products.sort(), ['GitHub', 'GitHub', 'GitHub', 'GitHub', 'Github', 'Microsoft', 'Microsoft', 'Okta', 'Okta', 'Okta', 'Okta', 'Okta', 'Okta']);
  });

  it('rejects each non-OCSF element (a raw CloudTrail record) with a reason', async () => {
    const { result } = await transformFrom(ocsfConnector, example('aws-cloudtrail-v1.1.account_change.raw.json'));
    assert.deepEqual(result.rejects.map((r) => [r.file, r.line, r.field, r.reason]), [
      ['aws-cloudtrail-v1.1.account_change.raw.json', 1, 'class_uid', 'class_uid is missing or not a number (not an OCSF event?)'],
    ]);
  });

  it('detects OCSF files, and not raw CloudTrail', async () => {
    assert.ok(ocsfConnector.detect!(await probePath(example('aws-cloudtrail-v1.1.generic_api_activity.ocsf.json'))));
    assert.ok(!ocsfConnector.detect!(await probePath(example('aws-cloudtrail-v1.1.generic_api_activity.raw.json'))));
  });
});

describe('the two broken upstream .json5 files', { skip: skipWithoutSharedData }, () => {
  let t: TempStore;
  before(async () => {
    t = await tempStore();
    assert.equal((await t.ingest(AWS_BUNDLE)).status, 'succeeded');
  });
  after(async () => t.close());

  for (const [name, line] of [
    ['aws-cloudtrail-v1.5.generic_api_activity.ocsf.json5', 27],
    ['aws-cloudtrail-v1.5.authentication.ocsf.json5', 26],
  ] as const) {
    it(`${name} is refused whole, naming the file and line ${line} (the trailing comma)`, async () => {
      await assert.rejects(transformFrom(ocsfConnector, example(name)), (e: Error & { code?: string; details?: { line?: number } }) => {
        assert.equal(e.code, 'BUNDLE_FILE_UNREADABLE');
        assert.equal(e.details?.line, line);
        assert.match(e.message, new RegExp(`^${name.replace(/\./g, '\\.')} is not valid JSON at line ${line}:`));
        return true;
      });
    });
  }

  it('a folder run that meets one fails as a whole: not even the valid anaya sign-in in the same folder is loaded', async () => {
    const run = await ingestVia(t, ocsfConnector, sharedData('ocsf-examples'), { options: SIGN_IN });
    assert.equal(run.status, 'failed');
    assert.equal(run.error?.code, 'BUNDLE_FILE_UNREADABLE');
    assert.match(run.error!.message, /aws-cloudtrail-v1\.5\.authentication\.ocsf\.json5 is not valid JSON at line 26/);
    assert.deepEqual(await t.store.run('export/usage', {}), []);
    // The same sign-in on its own loads: the failure above is the broken file, not the event.
    const ok = await ingestVia(t, ocsfConnector, example('aws-cloudtrail-v1.1.authentication.ocsf.json'), { options: SIGN_IN });
    assert.equal(ok.status, 'succeeded', JSON.stringify(ok.error));
    assert.deepEqual(
      (await t.store.run('export/usage', {})).map((r) => [r.accountId, r.entitlementId, r.lastUsedAt, r.count]),
      [['aws:111122223333:user/anaya', 'aws:111122223333:signin', '2023-11-10T16:24:34.000Z', 1]],
    );
  });
});
